package sqlstore

import (
	"crypto/aes"
	"crypto/cipher"
	"crypto/rand"
	"errors"
	"fmt"
)

// MasterKeySize is the length in bytes of the master key that encrypts
// access-key secrets (AES-256).
const MasterKeySize = 32

// sealVersion is the first byte of every sealed secret, so that the format
// (or the key) can change later without guessing what a stored value is.
const sealVersion = 1

// sealer encrypts access-key secrets with AES-256-GCM under the master key.
// Each value gets a random nonce, and the key's id is the additional data:
// a secret copied onto another key's row does not decrypt.
type sealer struct {
	aead cipher.AEAD
}

func newSealer(masterKey []byte) (*sealer, error) {
	if len(masterKey) != MasterKeySize {
		return nil, fmt.Errorf("the master key must be %d bytes, not %d", MasterKeySize, len(masterKey))
	}
	block, err := aes.NewCipher(masterKey)
	if err != nil {
		return nil, err
	}
	aead, err := cipher.NewGCM(block)
	if err != nil {
		return nil, err
	}
	return &sealer{aead: aead}, nil
}

// seal returns the stored form of the secret of access key id: the version
// byte, the nonce, then the ciphertext with its tag.
func (s *sealer) seal(id, secret string) []byte { return s.sealWith(aad(id), secret) }

// sealWith seals secret bound to the additional data ad, which names what
// the secret is for: a value copied onto another row does not decrypt.
func (s *sealer) sealWith(ad []byte, secret string) []byte {
	out := make([]byte, 1+s.aead.NonceSize(), 1+s.aead.NonceSize()+len(secret)+s.aead.Overhead())
	out[0] = sealVersion
	nonce := out[1:]
	// crypto/rand.Read never fails (it crashes the program instead).
	_, _ = rand.Read(nonce)
	return s.aead.Seal(out, nonce, []byte(secret), ad)
}

// open returns the secret that seal stored for access key id. Its errors
// say nothing of the data; the caller names the key.
func (s *sealer) open(id string, stored []byte) (string, error) {
	return s.openWith(aad(id), stored)
}

// openWith returns the secret that sealWith stored with ad.
func (s *sealer) openWith(ad []byte, stored []byte) (string, error) {
	n := s.aead.NonceSize()
	if len(stored) < 1+n+s.aead.Overhead() || stored[0] != sealVersion {
		return "", errors.New("the stored secret is not in a format this version knows")
	}
	plain, err := s.aead.Open(nil, stored[1:1+n], stored[1+n:], ad)
	if err != nil {
		return "", errWrongMasterKey
	}
	return string(plain), nil
}

// errWrongMasterKey is what decrypting with another key than the one that
// encrypted gives (or a damaged value: GCM cannot tell them apart).
var errWrongMasterKey = errors.New("cannot decrypt the secret: the master key is not the one it was stored with, or the stored value is damaged")

func aad(id string) []byte { return []byte("wat access key " + id) }
