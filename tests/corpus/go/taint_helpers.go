package handlers

import (
	"database/sql"
	"fmt"
	"log"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"

	"github.com/gin-gonic/gin"
	"github.com/go-ldap/ldap/v3"
)

type Service struct {
	db   *sql.DB
	ldap *ldap.Conn
}

// Helpers: each parameter reaches a sink; callers decide what reaches it.

func runScript(script string) error {
	// reported at the call that passes request data (Jobs), with the trace through here
	return exec.Command("sh", "-c", script).Run()
}

func readUpload(name string) ([]byte, error) {
	return os.ReadFile(filepath.Join("/srv/uploads", name))
}

func (s *Service) userByName(name string) (*sql.Rows, error) {
	return s.db.Query("SELECT * FROM users WHERE name = '" + name + "'")
}

func (s *Service) userFilter(user string) *ldap.SearchRequest {
	return &ldap.SearchRequest{BaseDN: "dc=example,dc=org", Filter: "(uid=" + user + ")"}
}

func (s *Service) Users(w http.ResponseWriter, r *http.Request) {
	name := r.URL.Query().Get("name")
	s.userByName(name)    // expect: go-sql-injection
	s.userByName("admin") // ok: go-sql-injection
	id, err := strconv.Atoi(name)
	if err != nil {
		return
	}
	s.userByName(strconv.Itoa(id)) // ok: go-sql-injection
	s.userFilter(r.FormValue("user")) // expect: go-ldap-filter-injection
	s.userFilter(ldap.EscapeFilter(r.FormValue("user"))) // ok: go-ldap-filter-injection
}

func Files(c *gin.Context) {
	readUpload(c.Query("file")) // expect: go-path-traversal
	clean := filepath.Base(c.Query("file"))
	readUpload(clean)        // ok: go-path-traversal
	readUpload("report.pdf") // ok: go-path-traversal
}

func Jobs(c *gin.Context) {
	runScript("tar czf /tmp/a.tgz " + c.PostForm("dir")) // expect: go-shell-command
	runScript("uptime")                                  // ok: go-shell-command
	log.Printf("job for %s", c.PostForm("dir"))          // expect: go-log-injection
	log.Printf("job for %q", c.PostForm("dir"))          // ok: go-log-injection
}

// A helper that formats, then passes on: the chain is followed through both.
func countQuery(table string) string {
	return fmt.Sprintf("SELECT count(*) FROM %s", table)
}

func (s *Service) Count(c *gin.Context) {
	s.db.QueryRow(countQuery(c.Param("table"))) // expect: go-sql-injection
	s.db.QueryRow(countQuery("users"))          // ok: go-sql-injection
}
