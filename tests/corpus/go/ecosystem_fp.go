// Shapes of a real web framework's tests that the TLS rule misread.
package gin

import (
	"crypto/tls"
	"net/http"
	"net/http/httptest"
	"testing"
)

// A test calling its own httptest TLS server, whose certificate no CA signed.
func TestRunTLS(t *testing.T) {
	tr := &http.Transport{
		TLSClientConfig: &tls.Config{
			InsecureSkipVerify: true, // ok: go-tls-insecure-skip-verify
		},
	}
	_ = &http.Client{Transport: tr}
}

// A helper handed the test's *testing.T, and a closure inside a benchmark.
func testRequest(t *testing.T, url string) {
	cfg := &tls.Config{}
	cfg.InsecureSkipVerify = true // ok: go-tls-insecure-skip-verify
	_ = url
}

func BenchmarkTLS(b *testing.B) {
	run := func() *tls.Config {
		return &tls.Config{InsecureSkipVerify: true} // ok: go-tls-insecure-skip-verify
	}
	_ = run
}

// Production code named like a test helper is still reported.
func testingClient(timeout int) *http.Client {
	return &http.Client{Transport: &http.Transport{
		TLSClientConfig: &tls.Config{InsecureSkipVerify: true}, // expect: go-tls-insecure-skip-verify
	}}
}

// Header-name constants whose Go names end in a secret word.
const (
	HeaderAccessControlAllowCredentials = "Access-Control-Allow-Credentials" // ok: hardcoded-secret
	HeaderXCSRFToken                    = "X-CSRF-Token"                     // ok: hardcoded-secret
	APIToken                            = "Xq7-Zt9-Lk2-Pw5-Rn8"              // expect: hardcoded-secret
)

// A cookie a client sends with its request has no Set-Cookie attributes to set.
func TestRequestClone(t *testing.T) {
	req := httptest.NewRequest(http.MethodPost, "/uri", nil)
	req.AddCookie(&http.Cookie{Name: "cookie", Value: "value"}) // ok: go-cookie-insecure
	req.AddCookie(&http.Cookie{Name: "session_id", Value: "value"}) // ok: go-cookie-insecure, go-cookie-no-httponly
	jar.SetCookies(u, []*http.Cookie{{Name: "a", Value: "b"}})
}

func setSession(w http.ResponseWriter) {
	http.SetCookie(w, &http.Cookie{Name: "session", Value: "v", HttpOnly: true}) // expect: go-cookie-insecure
}
