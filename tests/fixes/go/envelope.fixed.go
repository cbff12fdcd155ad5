package envelope

import (
	"crypto/rand"
	"crypto/rsa"
	"crypto/sha256"
)

func Seal(pub *rsa.PublicKey, secret []byte) ([]byte, error) {
	return rsa.EncryptOAEP(sha256.New(), rand.Reader, pub, secret, nil)
}

func Open(priv *rsa.PrivateKey, sealed []byte) ([]byte, error) {
	return rsa.DecryptOAEP(sha256.New(), rand.Reader, priv, sealed, nil)
}
