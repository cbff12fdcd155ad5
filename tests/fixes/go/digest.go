package store

import "crypto/md5"

// The 16-byte array is the function's result type, which SHA-256 would change: guidance only.
func Digest(data []byte) [16]byte {
	return md5.Sum(data)
}
