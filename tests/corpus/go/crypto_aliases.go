package tokens

import (
	cipherdes "crypto/des"
	"crypto/hmac"
	m "crypto/md5"
	"crypto/sha1"
	"crypto/sha256"
	mrand "math/rand"
	"net/http"
	"strconv"
	"time"

	"github.com/gin-gonic/gin"
	"github.com/gorilla/sessions"
)

func Digest(data, key []byte) {
	m.Sum(data)                   // expect: go-weak-hash
	h := m.New()                  // expect: go-weak-hash
	h.Write(data)
	sha1.Sum(data)                // expect: go-weak-hash
	sha256.Sum256(data)           // ok: go-weak-hash
	hmac.New(sha1.New, key)       // ok: go-weak-hash
	etag := m.Sum(data)           // ok: go-weak-hash
	_ = etag
	cipherdes.NewTripleDESCipher(key) // expect: go-weak-cipher
	cipherdes.NewCipher(key[:8])      // expect: go-weak-cipher
}

func Login(w http.ResponseWriter, c *gin.Context, store *sessions.CookieStore, r *http.Request) {
	http.SetCookie(w, &http.Cookie{Name: "sid", Value: strconv.FormatInt(mrand.Int63(), 36), Secure: true, HttpOnly: true}) // expect: go-insecure-random
	v := mrand.Int63() // expect: go-insecure-random
	c.SetCookie("remember", strconv.FormatInt(v, 16), 3600, "/", "", true, true)
	sess, _ := store.Get(r, "app")
	sess.Values["nonce"] = mrand.Uint64() // expect: go-insecure-random
	delay := time.Duration(mrand.Intn(500)) * time.Millisecond // ok: go-insecure-random
	time.Sleep(delay)
	order := []string{"a", "b", "c"}
	mrand.Shuffle(len(order), func(i, j int) { order[i], order[j] = order[j], order[i] }) // ok: go-insecure-random
	http.SetCookie(w, &http.Cookie{Name: "theme", Value: "dark", MaxAge: mrand.Intn(60) + 3600, Secure: true}) // ok: go-insecure-random
}
