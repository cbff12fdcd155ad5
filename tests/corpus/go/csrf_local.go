package middleware

import "net/http"

// A project helper of the same name, unrelated to gorilla/csrf.
type csrfHelper struct{}

func (csrfHelper) UnsafeSkipCheck(r *http.Request) *http.Request { return r }

var csrf csrfHelper

func Handle(r *http.Request) *http.Request {
	return csrf.UnsafeSkipCheck(r) // ok: go-csrf-check-skipped
}
