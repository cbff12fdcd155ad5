package guards

import (
	"database/sql"
	"fmt"
	"net/http"
	"os"
	"path/filepath"
	"regexp"
	"strings"

	"github.com/go-chi/chi/v5"
	"github.com/gorilla/mux"
	"github.com/labstack/echo/v4"
)

const debug = false

var slug = regexp.MustCompile(`^[a-z0-9-]+$`)

var columns = map[string]string{"name": "name", "age": "age"}

var feeds = map[string]string{"news": "https://feeds.example.com/news.xml"}

func Sorted(db *sql.DB, w http.ResponseWriter, r *http.Request) {
	order := r.FormValue("order")
	db.Query("SELECT * FROM users ORDER BY " + order) // expect: go-sql-injection
	if col, ok := columns[order]; ok {
		db.Query("SELECT * FROM users ORDER BY " + col) // ok: go-sql-injection
	}
	switch order {
	case "name", "age":
		db.Query("SELECT * FROM users ORDER BY " + order) // ok: go-sql-injection
	}
	db.Query("SELECT * FROM users WHERE name = $1", order) // ok: go-sql-injection
	if debug {
		db.Exec("DELETE FROM users WHERE name = '" + order + "'") // ok: go-sql-injection
	}
}

func Pages(w http.ResponseWriter, r *http.Request) {
	page := mux.Vars(r)["page"]
	os.ReadFile("/srv/pages/" + page + ".html") // expect: go-path-traversal
	if !slug.MatchString(page) {
		http.NotFound(w, r)
		return
	}
	os.ReadFile("/srv/pages/" + page + ".html") // ok: go-path-traversal
}

func Docs(w http.ResponseWriter, r *http.Request) {
	name := chi.URLParam(r, "name")
	full := filepath.Clean(filepath.Join("/srv/docs", name))
	if !strings.HasPrefix(full, "/srv/docs/") {
		http.Error(w, "bad path", http.StatusBadRequest)
		return
	}
	http.ServeFile(w, r, full) // ok: go-path-traversal
	http.ServeFile(w, r, filepath.Join("/srv/docs", name)) // expect: go-path-traversal
}

func Feeds(c echo.Context) error {
	http.Get(c.QueryParam("url")) // expect: go-ssrf-request-url
	target, ok := feeds[c.QueryParam("feed")]
	if !ok {
		return nil
	}
	http.Get(target) // ok: go-ssrf-request-url
	http.Get(fmt.Sprintf("https://api.example.com/v1/%s", c.QueryParam("id"))) // ok: go-ssrf-request-url
	return c.Redirect(http.StatusFound, c.QueryParam("next")) // expect: go-open-redirect
}

func Back(c echo.Context) error {
	next := c.QueryParam("next")
	if !strings.HasPrefix(next, "/") || strings.HasPrefix(next, "//") || strings.HasPrefix(next, "/\\") {
		next = "/"
	}
	return c.Redirect(http.StatusFound, next) // ok: go-open-redirect
}
