package web

import (
	"html/template"
	"net/http"
	"os"
	"strings"
)

var safePage = template.Must(template.New("page").Parse(`<h1>Hello {{.Name}}</h1>`))

func SafeHello(w http.ResponseWriter, r *http.Request) {
	safePage.Execute(w, map[string]string{"Name": r.URL.Query().Get("name")}) // ok: go-text-template-html
}

func WriteReport(out *os.File, b *strings.Builder) {
	safePage.Execute(out, nil) // ok: go-text-template-html
	safePage.Execute(b, nil) // ok: go-text-template-html
}
