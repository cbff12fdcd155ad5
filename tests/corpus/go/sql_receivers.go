package repo

import (
	"context"
	"database/sql"
	"fmt"

	"golang.org/x/crypto/ssh"
	"example.com/remote"
	"gorm.io/gorm"
)

const pageSize = 50
const table = "audit_log"

type Repo struct {
	db    *sql.DB
	orm   *gorm.DB
	shell *ssh.Session
}

// Runner runs commands on a remote host; its Exec is not SQL.
type Runner interface{ Exec(cmd string) error }

func (r *Repo) Page(ctx context.Context, name string) {
	r.db.Exec(fmt.Sprintf("DELETE FROM %s WHERE age > %d", table, pageSize)) // ok: go-sql-injection
	r.db.Query(fmt.Sprintf("SELECT * FROM users LIMIT %d", pageSize))          // ok: go-sql-injection
	r.db.Exec(fmt.Sprintf("DELETE FROM users WHERE name = '%s'", name))      // expect: go-sql-injection
	r.orm.Raw("SELECT * FROM users WHERE name = '" + name + "'")             // expect: go-sql-injection
	r.orm.Model(&Repo{}).Where("name = '" + name + "'")                      // expect: go-sql-injection
	r.orm.Where("name = ?", name)                                            // ok: go-sql-injection
	r.shell.Run("ls " + name)
}

func Remote(client *ssh.Client, run Runner, dir string) error {
	session, err := client.NewSession()
	if err != nil {
		return err
	}
	defer session.Close()
	run.Exec(fmt.Sprintf("tar czf /tmp/x.tgz %s", dir)) // ok: go-sql-injection
	return session.Run("ls " + dir)
}

func Open(dsn, name string) {
	conn, _ := sql.Open("postgres", dsn)
	conn.Exec("UPDATE users SET seen = now() WHERE name = '" + name + "'") // expect: go-sql-injection
	tx, _ := conn.Begin()
	tx.Exec(fmt.Sprintf("DELETE FROM users WHERE name = '%s'", name)) // expect: go-sql-injection
	query := fmt.Sprintf("SELECT count(*) FROM %s", table)
	conn.QueryRow(query) // ok: go-sql-injection
}

// A remote shell connection named like a database handle: its type says it is not one.
func Purge(conn *remote.Conn, dir string) {
	conn.Exec("rm -rf " + dir) // ok: go-sql-injection
}

// A handle declared in another file, in a file that uses database/sql.
func Touch(name string) {
	db.Exec("UPDATE users SET seen = now() WHERE name = '" + name + "'") // expect: go-sql-injection
}
