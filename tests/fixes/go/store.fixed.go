package store

import (
	"crypto/sha256"
	"database/sql"
	"fmt"

	_ "github.com/lib/pq"
)

func FindUser(db *sql.DB, name string) (*sql.Rows, error) {
	return db.Query("SELECT id, name FROM users WHERE name = $1 AND active", name)
}

func Orders(db *sql.DB, customer int, status string) (*sql.Rows, error) {
	return db.Query("SELECT id FROM orders WHERE customer = $1 AND status = $2", customer, status)
}

func Fingerprint(secret []byte) string {
	return fmt.Sprintf("%x", sha256.Sum256(secret))
}
