package sqlstore

import (
	"bytes"
	"context"
	"strings"
	"testing"

	"github.com/wat-dev/wat"
)

// rawSecret reads the secret column of an access key as stored.
func rawSecret(tb testing.TB, db *DB, id string) []byte {
	tb.Helper()
	var raw []byte
	if err := db.read.QueryRow(db.rebind(`SELECT secret FROM access_keys WHERE id = ?`), id).Scan(&raw); err != nil {
		tb.Fatal(err)
	}
	return raw
}

func testSecretsEncryptedAtRest(t *testing.T, b *backend) {
	db := b.fresh(t)
	const secret = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY"
	newAccessKey(t, db, "AKIAONE", secret)
	newAccessKey(t, db, "AKIATWO", secret)
	one, two := rawSecret(t, db, "AKIAONE"), rawSecret(t, db, "AKIATWO")
	for _, raw := range [][]byte{one, two} {
		if bytes.Contains(raw, []byte(secret)) || bytes.Contains(raw, []byte(secret[:16])) {
			t.Errorf("the secret is stored in clear: %q", raw)
		}
	}
	if bytes.Equal(one, two) {
		t.Errorf("two keys with one secret are stored alike: the nonce is not random")
	}

	// A stored secret moved to another key's row does not decrypt.
	if _, err := db.write.Exec(db.rebind(`UPDATE access_keys SET secret = ? WHERE id = ?`), one, "AKIATWO"); err != nil {
		t.Fatal(err)
	}
	err := view(db, func(ctx context.Context, tx wat.Tx) error {
		_, err := tx.GetAccessKey(ctx, "AKIATWO")
		return err
	})
	if err == nil {
		t.Errorf("GetAccessKey decrypted a secret copied from another key")
	}
}

func testWrongMasterKey(t *testing.T, b *backend) {
	addr := b.newDatabase(t)
	db := b.mustOpen(t, addr)
	const secret = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY"
	newAccessKey(t, db, "AKIAONE", secret)

	other, err := b.open(context.Background(), addr, bytes.Repeat([]byte{7}, MasterKeySize))
	if err != nil {
		t.Fatal(err)
	}
	defer other.Close()
	err = view(other, func(ctx context.Context, tx wat.Tx) error {
		_, err := tx.GetAccessKey(ctx, "AKIAONE")
		return err
	})
	if err == nil {
		t.Fatal("GetAccessKey with another master key succeeded")
	}
	if code := wat.ErrorCodeOf(err); code != wat.EInternal {
		t.Errorf("GetAccessKey with another master key: a %s error, want internal", code)
	}
	msg := err.Error()
	if !strings.Contains(msg, "AKIAONE") || !strings.Contains(msg, "master key") || strings.Contains(msg, secret) {
		t.Errorf("error %q should name the key and the master key, not the secret", msg)
	}

	for _, key := range [][]byte{nil, testKey[:16], append(testKey, 0)} {
		if db, err := b.open(context.Background(), addr, key); err == nil {
			db.Close()
			t.Errorf("opened with a master key of %d bytes", len(key))
		}
	}
}
