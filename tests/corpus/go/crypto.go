package auth

import (
	"crypto/des"
	"crypto/md5"
	"crypto/rand"
	"crypto/rc4"
	"crypto/rsa"
	"crypto/sha1"
	"crypto/sha256"
	"crypto/tls"
	"crypto/x509"
	"encoding/hex"
	mrand "math/rand"
	"net/http"

	"github.com/coder/websocket"
)

func Digests(data []byte, pub *rsa.PublicKey, priv *rsa.PrivateKey, key []byte) {
	md5.Sum(data) // expect: go-weak-hash
	h := sha1.New() // expect: go-weak-hash
	signature := hex.EncodeToString(md5.New().Sum(data)) // expect: go-weak-hash
	_ = signature
	h.Write(data)
	sha256.Sum256(data) // ok: go-weak-hash
	etag := md5.Sum(data) // ok: go-weak-hash
	_ = etag
	des.NewCipher(key) // expect: go-weak-cipher
	des.NewTripleDESCipher(key) // expect: go-weak-cipher
	rc4.NewCipher(key) // expect: go-weak-cipher
	rsa.EncryptPKCS1v15(rand.Reader, pub, data) // expect: go-weak-cipher
	rsa.EncryptOAEP(sha256.New(), rand.Reader, pub, data, nil) // ok: go-weak-cipher
	rsa.SignPKCS1v15(rand.Reader, priv, 0, data) // ok: go-weak-cipher
	rsa.SignPSS(rand.Reader, priv, 0, data, nil) // ok: go-weak-cipher
}

func NewSessionToken() string {
	b := make([]byte, 16)
	for i := range b {
		b[i] = byte(mrand.Intn(256)) // expect: go-insecure-random
	}
	return hex.EncodeToString(b)
}

func Issue() (string, int) {
	apiKey := mrand.Int63() // expect: go-insecure-random
	resetCode := 100000 + mrand.Intn(900000) // expect: go-insecure-random
	_ = apiKey
	return "", resetCode
}

func Jitter() int {
	return mrand.Intn(100) // ok: go-insecure-random
}

func SampleKeys(keys []string) string {
	picked := keys[mrand.Intn(len(keys))] // ok: go-insecure-random
	return picked
}

func CSRFToken() (string, error) {
	b := make([]byte, 32)
	if _, err := rand.Read(b); err != nil { // ok: go-insecure-random
		return "", err
	}
	return hex.EncodeToString(b), nil
}

func ShuffleTokens(tokens []string) {
	tokenOrder := mrand.Perm(len(tokens)) // expect: go-insecure-random
	_ = tokenOrder
}

func Clients(pool *x509.CertPool, verifyPinned func([][]byte, [][]*x509.Certificate) error, insecure bool) []*http.Client {
	cfg := &tls.Config{InsecureSkipVerify: true} // expect: go-tls-insecure-skip-verify
	pinned := &tls.Config{
		InsecureSkipVerify:    true, // ok: go-tls-insecure-skip-verify
		VerifyPeerCertificate: verifyPinned,
	}
	strict := &tls.Config{RootCAs: pool, InsecureSkipVerify: false} // ok: go-tls-insecure-skip-verify
	tr := &http.Transport{TLSClientConfig: &tls.Config{MinVersion: tls.VersionTLS12}}
	tr.TLSClientConfig.InsecureSkipVerify = true // expect: go-tls-insecure-skip-verify
	other := &http.Transport{TLSClientConfig: &tls.Config{
		InsecureSkipVerify: true, // expect: go-tls-insecure-skip-verify
	}}
	_ = insecure
	dev := &tls.Config{InsecureSkipVerify: insecure} // ok: go-tls-insecure-skip-verify
	_, _, _, _ = cfg, pinned, strict, dev
	local := &tls.Config{MinVersion: tls.VersionTLS12}
	local.InsecureSkipVerify = true // expect: go-tls-insecure-skip-verify
	wsOpts := &websocket.AcceptOptions{InsecureSkipVerify: true} // ok: go-tls-insecure-skip-verify
	_, _ = local, wsOpts
	return []*http.Client{{Transport: tr}, {Transport: other}}
}

func Cookies(w http.ResponseWriter, id, theme string, cfgSecure bool) {
	http.SetCookie(w, &http.Cookie{Name: "session_id", Value: id}) // expect: go-cookie-insecure, go-cookie-no-httponly
	http.SetCookie(w, &http.Cookie{Name: "theme", Value: theme}) // expect: go-cookie-insecure
	http.SetCookie(w, &http.Cookie{Name: "session_id", Value: id, Secure: true, HttpOnly: true, SameSite: http.SameSiteLaxMode}) // ok: go-cookie-insecure, go-cookie-no-httponly
	http.SetCookie(w, &http.Cookie{Name: "auth_token", Value: id, Secure: true}) // expect: go-cookie-no-httponly
	http.SetCookie(w, &http.Cookie{Name: "theme", Value: theme, Secure: true}) // ok: go-cookie-insecure, go-cookie-no-httponly
	secureFromConfig := &http.Cookie{Name: "lang", Value: theme, Secure: cfgSecure} // ok: go-cookie-insecure
	http.SetCookie(w, secureFromConfig)
	http.SetCookie(w, &http.Cookie{Name: "remember_me", Value: id, Secure: true, HttpOnly: false}) // expect: go-cookie-no-httponly
	c := &http.Cookie{
		Name:     "jwt",
		Value:    id,
		Secure:   false, // expect: go-cookie-insecure
		HttpOnly: true, // ok: go-cookie-no-httponly
	}
	http.SetCookie(w, c)
}
