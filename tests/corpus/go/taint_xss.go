package pages

import (
	"encoding/json"
	"fmt"
	"html"
	"html/template"
	"io"
	"net/http"
	"strconv"

	"github.com/gin-gonic/gin"
	"github.com/labstack/echo/v4"
)

var page = template.Must(template.New("p").Parse("<p>{{.}}</p>"))

func greeting(name string) string {
	return "<h1>Hello " + name + "</h1>"
}

func Hello(w http.ResponseWriter, r *http.Request) {
	name := r.URL.Query().Get("name")
	fmt.Fprintf(w, "<h1>Hello %s</h1>", name)                   // expect: go-xss-response
	io.WriteString(w, greeting(name))                          // expect: go-xss-response
	fmt.Fprintf(w, "<h1>Hello %s</h1>", html.EscapeString(name)) // ok: go-xss-response
	io.WriteString(w, greeting("guest"))                       // ok: go-xss-response
	page.Execute(w, name)                                      // ok: go-xss-response
	out, _ := json.Marshal(map[string]string{"name": name})
	w.Write(out) // ok: go-xss-response
	n, err := strconv.Atoi(r.FormValue("n"))
	if err != nil {
		return
	}
	fmt.Fprintf(w, "<p>%d items</p>", n) // ok: go-xss-response
}

func Gin(c *gin.Context) {
	c.Data(http.StatusOK, "text/html; charset=utf-8", []byte(c.Query("body"))) // expect: go-xss-response
	c.Data(http.StatusOK, "application/octet-stream", []byte(c.Query("body")))  // ok: go-xss-response
	c.Writer.WriteString("<div>" + c.Param("id") + "</div>")                    // expect: go-xss-response
}

func Echo(c echo.Context) error {
	bio := template.HTML(c.FormValue("bio")) // expect: go-template-html-unescaped
	_ = bio
	return c.HTML(http.StatusOK, "<b>"+c.QueryParam("q")+"</b>") // expect: go-xss-response
}
