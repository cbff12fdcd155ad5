package auth

import (
	"net/http"

	"github.com/golang-jwt/jwt/v5"
	"github.com/gorilla/csrf"
)

func Webhook(w http.ResponseWriter, r *http.Request) {
	r = csrf.UnsafeSkipCheck(r) // expect: go-csrf-check-skipped
	w.Header().Set("X-CSRF-Token", csrf.Token(r)) // ok: go-csrf-check-skipped
}

func Routes(mux *http.ServeMux, key []byte) http.Handler {
	protection := http.NewCrossOriginProtection()
	protection.AddInsecureBypassPattern("POST /api/") // expect: go-csrf-check-skipped
	protection.AddTrustedOrigin("https://app.example.com") // ok: go-csrf-check-skipped
	return csrf.Protect(key)(protection.Handler(mux)) // ok: go-csrf-check-skipped
}

func SkipAll(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		next.ServeHTTP(w, csrf.UnsafeSkipCheck(r)) // expect: go-csrf-check-skipped
	})
}

func Claims(tok string, keyFunc jwt.Keyfunc) (jwt.MapClaims, error) {
	claims := jwt.MapClaims{}
	_, _, err := jwt.NewParser().ParseUnverified(tok, claims) // expect: go-jwt-unverified
	return claims, err
}

func Kid(tok string, keys map[string][]byte) (*jwt.Token, error) {
	unverified, _, err := jwt.NewParser().ParseUnverified(tok, jwt.MapClaims{}) // ok: go-jwt-unverified
	if err != nil {
		return nil, err
	}
	kid, _ := unverified.Header["kid"].(string)
	return jwt.Parse(tok, func(t *jwt.Token) (interface{}, error) { return keys[kid], nil }, jwt.WithValidMethods([]string{"HS256"}))
}

func None(tok string) (*jwt.Token, error) {
	return jwt.Parse(tok, func(t *jwt.Token) (interface{}, error) {
		return jwt.UnsafeAllowNoneSignatureType, nil // expect: go-jwt-unverified
	})
}

func Expired(tok string, key []byte) (*jwt.Token, error) {
	return jwt.Parse(tok, func(t *jwt.Token) (interface{}, error) { return key, nil }, jwt.WithoutClaimsValidation()) // expect: go-jwt-unverified
}

func Verified(tok string, key []byte) (*jwt.Token, error) {
	return jwt.Parse(tok, func(t *jwt.Token) (interface{}, error) { return key, nil }, jwt.WithValidMethods([]string{"HS256"}), jwt.WithExpirationRequired()) // ok: go-jwt-unverified
}

func Sig() jwt.SigningMethod { return jwt.SigningMethodHS256 } // ok: go-jwt-unverified
