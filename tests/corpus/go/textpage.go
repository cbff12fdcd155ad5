package web

import (
	"net/http"
	"text/template"
)

var page = template.Must(template.New("page").Parse(`<h1>Hello {{.Name}}</h1>`))

func Hello(w http.ResponseWriter, r *http.Request) {
	page.Execute(w, map[string]string{"Name": r.URL.Query().Get("name")}) // expect: go-text-template-html
}

func Named(w http.ResponseWriter, r *http.Request) {
	page.ExecuteTemplate(w, "page", r.URL.Query()) // expect: go-text-template-html
}

func Handler() http.HandlerFunc {
	return func(rw http.ResponseWriter, r *http.Request) {
		page.Execute(rw, r.Form) // expect: go-text-template-html
	}
}
