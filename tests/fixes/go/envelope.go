package envelope

import (
	"crypto/rand"
	"crypto/rsa"
)

func Seal(pub *rsa.PublicKey, secret []byte) ([]byte, error) {
	return rsa.EncryptPKCS1v15(rand.Reader, pub, secret)
}

func Open(priv *rsa.PrivateKey, sealed []byte) ([]byte, error) {
	return rsa.DecryptPKCS1v15(rand.Reader, priv, sealed)
}
