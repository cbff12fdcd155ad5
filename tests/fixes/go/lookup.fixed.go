package store

import (
	"database/sql"

	_ "github.com/go-sql-driver/mysql"
)

// The only use of fmt builds the query, so the rewrite drops the fmt import with it.
func ByEmail(db *sql.DB, email string) *sql.Row {
	return db.QueryRow("SELECT id FROM users WHERE email = ?", email)
}
