package files

import "crypto/sha256"

type digests struct{ md5 hasher }

type hasher interface{ Sum([]byte) []byte }

// No crypto/md5 import: `md5` here is a field of a local type.
func (d digests) Check(data []byte) []byte {
	md5 := d.md5
	sha256.Sum256(data)
	return md5.Sum(data) // ok: go-weak-hash
}
