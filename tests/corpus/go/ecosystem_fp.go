// Shapes of a real web framework's tests that the TLS rule misread.
package gin

import (
	"crypto/tls"
	"net/http"
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
