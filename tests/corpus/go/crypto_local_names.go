package hashing

import (
	m "example.com/metrics"
	des "example.com/desk/layout"
)

// Packages that only share a short name with crypto/md5 or crypto/des.
func Record(data []byte) {
	m.Sum(data)       // ok: go-weak-hash
	des.NewCipher(data) // ok: go-weak-cipher
	m.New()             // ok: go-weak-hash
}
