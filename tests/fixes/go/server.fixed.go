package web

import (
	"crypto/tls"
	"net/http"
	"html/template"
)

var page = template.Must(template.New("page").Parse(`<h1>Hello {{.Name}}</h1>`))

func Hello(w http.ResponseWriter, r *http.Request) {
	http.SetCookie(w, &http.Cookie{Name: "session_id", Value: "x", HttpOnly: true, Secure: true})
	page.Execute(w, map[string]string{"Name": r.URL.Query().Get("name")})
}

func Client() *http.Client {
	tr := &http.Transport{TLSClientConfig: &tls.Config{InsecureSkipVerify: false}}
	return &http.Client{Transport: tr}
}
