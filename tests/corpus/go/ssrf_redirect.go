package web

import (
	"fmt"
	"net/http"
	"net/url"
	"strings"

	"github.com/gin-gonic/gin"
)

var allowedHooks = map[string]string{"slack": "https://hooks.slack.com/services/T000"}

func Fetch(w http.ResponseWriter, r *http.Request) {
	http.Get(r.URL.Query().Get("url")) // expect: go-ssrf-request-url
	target := r.FormValue("target")
	req, _ := http.NewRequest("GET", target, nil) // expect: go-ssrf-request-url
	http.DefaultClient.Do(req)
	host := r.Header.Get("X-Upstream")
	http.Post("http://"+host+"/hook", "application/json", nil) // expect: go-ssrf-request-url
	id := r.FormValue("id")
	http.Get("https://api.example.com/users/" + url.PathEscape(id)) // ok: go-ssrf-request-url
	http.Get(fmt.Sprintf("https://api.example.com/items/%s", id))  // ok: go-ssrf-request-url
	http.Post(allowedHooks[r.FormValue("hook")], "application/json", nil) // ok: go-ssrf-request-url
	http.Get("https://status.example.com/health") // ok: go-ssrf-request-url
}

func Proxy(c *gin.Context, client *http.Client, endpoint string) {
	client.Get(c.Query("feed")) // expect: go-ssrf-request-url
	client.Get(endpoint)        // ok: go-ssrf-request-url
}

func Login(w http.ResponseWriter, r *http.Request) {
	http.Redirect(w, r, r.URL.Query().Get("next"), http.StatusFound) // expect: go-open-redirect
	back := r.FormValue("return_to")
	w.Header().Set("Location", back) // expect: go-open-redirect
	tab := r.FormValue("tab")
	http.Redirect(w, r, "/dashboard?tab="+url.QueryEscape(tab), http.StatusFound) // ok: go-open-redirect
	http.Redirect(w, r, "/login", http.StatusSeeOther)                          // ok: go-open-redirect
}

func Checked(w http.ResponseWriter, r *http.Request) {
	next := r.FormValue("next")
	if !strings.HasPrefix(next, "/") || strings.HasPrefix(next, "//") {
		next = "/"
	}
	// "/\\evil.example" passes both checks, and browsers read a backslash as a slash
	http.Redirect(w, r, next, http.StatusFound) // expect: go-open-redirect
}

func CheckedBoth(w http.ResponseWriter, r *http.Request) {
	next := r.FormValue("next")
	if !strings.HasPrefix(next, "/") || strings.HasPrefix(next, "//") || strings.HasPrefix(next, "/\\") {
		next = "/"
	}
	http.Redirect(w, r, next, http.StatusFound) // ok: go-open-redirect
}

func GinBack(c *gin.Context) {
	c.Redirect(http.StatusFound, c.Query("redirect_uri")) // expect: go-open-redirect
	c.Redirect(http.StatusFound, "/items/"+c.Param("id"))  // ok: go-open-redirect
}
