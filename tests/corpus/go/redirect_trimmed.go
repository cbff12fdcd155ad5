package web

import (
	"net/http"
	"strings"

	"github.com/gin-gonic/gin"
)

func Back(w http.ResponseWriter, r *http.Request) {
	http.Redirect(w, r, "/"+strings.TrimLeft(r.FormValue("next"), "/\\ \t\r\n"), http.StatusFound) // ok: go-open-redirect
	next := r.FormValue("return_to")
	w.Header().Set("Location", "/" + strings.TrimLeft(next, "/\\ \t\r\n")) // ok: go-open-redirect
	// a leading backslash survives this trim, and browsers read `/\host` as `//host`
	http.Redirect(w, r, "/"+strings.TrimLeft(next, "/"), http.StatusFound) // expect: go-open-redirect
	// trimmed but not anchored to this site: `https://evil.example` passes unchanged
	http.Redirect(w, r, strings.TrimLeft(next, "/\\ \t\r\n"), http.StatusFound) // expect: go-open-redirect
}

func GinBack(c *gin.Context) {
	c.Redirect(http.StatusFound, "/"+strings.TrimLeft(c.DefaultQuery("next", "/home"), "/\\ \t\r\n")) // ok: go-open-redirect
	c.Redirect(http.StatusFound, "/"+c.DefaultQuery("next", "/home")) // expect: go-open-redirect
}
