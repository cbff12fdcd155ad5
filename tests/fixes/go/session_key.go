package envelope

import (
	"crypto/rand"
	"crypto/rsa"
)

// The session-key variant has no OAEP twin with the same contract: guidance only.
func OpenKey(priv *rsa.PrivateKey, sealed, key []byte) error {
	return rsa.DecryptPKCS1v15SessionKey(rand.Reader, priv, sealed, key)
}
