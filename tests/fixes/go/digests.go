package store

import (
	"crypto/md5"
	"fmt"
	"io"
)

func Sign(secret []byte) string {
	return fmt.Sprintf("%x", md5.Sum(secret))
}

func Stream(r io.Reader) (string, error) {
	h := md5.New()
	if _, err := io.Copy(h, r); err != nil {
		return "", err
	}
	return fmt.Sprintf("%x", h.Sum(nil)), nil
}

// A cache tag is a content fingerprint, not a security use, so it keeps MD5 (and the import stays).
func Tag(body []byte) string {
	etag := fmt.Sprintf("%x", md5.Sum(body))
	return etag
}
