package store

import (
	"crypto/md5"
	"database/sql"
	"fmt"

	_ "github.com/lib/pq"
)

func FindUser(db *sql.DB, name string) (*sql.Rows, error) {
	return db.Query("SELECT id, name FROM users WHERE name = '" + name + "' AND active")
}

func Orders(db *sql.DB, customer int, status string) (*sql.Rows, error) {
	return db.Query(fmt.Sprintf("SELECT id FROM orders WHERE customer = %d AND status = '%s'", customer, status))
}

func Fingerprint(secret []byte) string {
	return fmt.Sprintf("%x", md5.Sum(secret))
}
