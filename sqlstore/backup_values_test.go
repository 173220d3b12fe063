package sqlstore

import (
	"encoding/json"
	"testing"
)

// TestEncodeEmptyBytes: an empty BLOB, which SQLite's driver gives as a nil
// slice, is backed up as an empty value, not as a NULL that a NOT NULL
// column refuses at restore (webhook_subscriptions.previous_secret).
func TestEncodeEmptyBytes(t *testing.T) {
	for _, v := range []any{[]byte(nil), []byte{}} {
		got, err := encodeValue(typeBytes, v)
		if err != nil {
			t.Fatal(err)
		}
		b, err := json.Marshal(got)
		if err != nil {
			t.Fatal(err)
		}
		if string(b) != `""` {
			t.Errorf("encodeValue(%#v) is %s, want \"\"", v, b)
		}
		back, err := decodeValue("sqlite", typeBytes, false, b)
		if err != nil {
			t.Errorf("decodeValue(%s): %v", b, err)
		} else if bb, ok := back.([]byte); !ok || len(bb) != 0 {
			t.Errorf("decodeValue(%s) = %#v, want an empty slice", b, back)
		}
	}
}
