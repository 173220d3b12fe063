package service

import (
	"encoding/base64"
	"encoding/json"
	"strconv"

	"github.com/wat-dev/wat"
)

// pageToken is what a NextToken carries: an offset into a stable ordering,
// or a keyset position.
type pageToken struct {
	Offset int    `json:"o,omitempty"`
	Key    string `json:"k,omitempty"`
	ID     string `json:"i,omitempty"`
}

func encodeToken(t pageToken) string {
	b, _ := json.Marshal(t)
	return base64.RawURLEncoding.EncodeToString(b)
}

func decodeToken(s string) (pageToken, error) {
	var t pageToken
	if s == "" {
		return t, nil
	}
	b, err := base64.RawURLEncoding.DecodeString(s)
	if err != nil || json.Unmarshal(b, &t) != nil || t.Offset < 0 {
		return t, wat.Invalid("NextToken", "The NextToken is not valid")
	}
	return t, nil
}

// pageSize returns max, or def when max is zero.
func pageSize(max, def int) int {
	if max <= 0 {
		return def
	}
	return max
}

// paginate returns one page of items by offset.
func paginate[T any](items []T, token string, max, def int) ([]T, string, error) {
	t, err := decodeToken(token)
	if err != nil {
		return nil, "", err
	}
	n := pageSize(max, def)
	if t.Offset > len(items) {
		return nil, "", wat.Invalid("NextToken", "The NextToken is not valid")
	}
	end := t.Offset + n
	next := ""
	if end < len(items) {
		next = encodeToken(pageToken{Offset: end})
	} else {
		end = len(items)
	}
	return items[t.Offset:end], next, nil
}

// itoa is strconv.Itoa, for brevity in messages.
func itoa(n int) string { return strconv.Itoa(n) }
