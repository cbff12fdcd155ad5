package store

import (
	"context"
	"database/sql"
	"fmt"
	"html/template"
	"os/exec"

	"github.com/jmoiron/sqlx"
	"github.com/redis/go-redis/v9"
	"github.com/microcosm-cc/bluemonday"
)

const usersTable = "users"

func ByName(db *sql.DB, name string) (*sql.Rows, error) {
	db.Query("SELECT * FROM users WHERE name = '" + name + "'") // expect: go-sql-injection
	q := fmt.Sprintf("DELETE FROM users WHERE id = %s", name)
	db.Exec(q) // expect: go-sql-injection
	db.QueryRow("SELECT id FROM users WHERE name = $1", name) // ok: go-sql-injection
	db.Query("SELECT * FROM " + usersTable + " ORDER BY id") // ok: go-sql-injection
	counted := "SELECT count(*) FROM " + usersTable
	db.QueryRow(counted) // ok: go-sql-injection
	filtered := "SELECT * FROM users WHERE 1 = 1"
	filtered += " AND name = '" + name + "'"
	db.Query(filtered) // expect: go-sql-injection
	ordered := "SELECT * FROM users"
	ordered += " ORDER BY id"
	db.Query(ordered) // ok: go-sql-injection
	return db.Query("SELECT * FROM users WHERE name = ?", name) // ok: go-sql-injection
}

type User struct{ ID int }

func WithContext(ctx context.Context, db *sql.DB, tx *sql.Tx, x *sqlx.DB, cache *redis.Client, role string) error {
	db.QueryContext(ctx, "SELECT * FROM users WHERE role = '"+role+"'") // expect: go-sql-injection
	tx.ExecContext(ctx, fmt.Sprintf("UPDATE users SET seen = 1 WHERE role = '%s'", role)) // expect: go-sql-injection
	var ids []int
	x.Select(&ids, "SELECT id FROM users WHERE role = '"+role+"'") // expect: go-sql-injection
	x.Select(&ids, "SELECT id FROM users WHERE role = ?", role) // ok: go-sql-injection
	var u User
	x.Get(&u, "SELECT * FROM users WHERE role = '"+role+"' LIMIT 1") // expect: go-sql-injection
	cache.Get(ctx, "session:"+role) // ok: go-sql-injection
	db.ExecContext(ctx, "DELETE FROM sessions WHERE role = $1", role) // ok: go-sql-injection
	label := fmt.Sprintf("role=%s", role)
	fmt.Println(label) // ok: go-sql-injection
	return nil
}

func Tools(ctx context.Context, host, dir string) {
	exec.Command("sh", "-c", "ping -c 1 "+host).Run() // expect: go-shell-command
	script := fmt.Sprintf("tar czf /tmp/out.tgz %s", dir)
	exec.Command("/bin/bash", "-c", script).Run() // expect: go-shell-command
	exec.CommandContext(ctx, "sh", "-c", dir).Run() // expect: go-shell-command
	exec.Command("ping", "-c", "1", host).Run() // ok: go-shell-command
	exec.Command("sh", "-c", "ls -la /tmp").Run() // ok: go-shell-command
	const cleanup = "rm -rf /tmp/build-cache"
	exec.Command("sh", "-c", cleanup).Run() // ok: go-shell-command
	exec.Command("tar", "-c", dir).Run() // ok: go-shell-command
}

func Render(bio string, policy *bluemonday.Policy) []template.HTML {
	return []template.HTML{
		template.HTML(bio), // expect: go-template-html-unescaped
		template.HTML("<b>" + bio + "</b>"), // expect: go-template-html-unescaped
		template.HTML("<b>static</b>"), // ok: go-template-html-unescaped
		template.HTML(policy.Sanitize(bio)), // ok: go-template-html-unescaped
		template.HTML(template.HTMLEscapeString(bio)), // ok: go-template-html-unescaped
	}
}

func Link(target string) template.URL {
	return template.URL(target) // expect: go-template-html-unescaped
}
