package sqlstore

import (
	"database/sql"
	"encoding/json"
	"fmt"
	"strings"
	"time"
	"unicode/utf8"
)

// timeLayout is how times are written to both databases: UTC, microseconds
// (PostgreSQL's precision), fixed width, so that SQLite's text sorts as time.
// PostgreSQL reads it into timestamptz.
const timeLayout = "2006-01-02T15:04:05.000000Z"

// timeValue is the stored form of t. Precision below a microsecond is
// dropped, alike on both databases.
func timeValue(t time.Time) string {
	return t.UTC().Truncate(time.Microsecond).Format(timeLayout)
}

// storedTime is what a time read back from the database is compared with:
// t as timeValue keeps it.
func storedTime(t time.Time) time.Time {
	return t.UTC().Truncate(time.Microsecond)
}

// timeScanner reads a time column into *t, in UTC: PostgreSQL's driver
// gives a time.Time, SQLite the text timeValue wrote.
type timeScanner struct{ t *time.Time }

// Scan implements sql.Scanner.
func (s timeScanner) Scan(src any) error {
	switch v := src.(type) {
	case time.Time:
		*s.t = v.UTC()
		return nil
	case string:
		return s.parse(v)
	case []byte:
		return s.parse(string(v))
	}
	return fmt.Errorf("cannot read a time from %T", src)
}

func (s timeScanner) parse(text string) error {
	t, err := time.Parse(timeLayout, text)
	if err != nil {
		return err
	}
	*s.t = t
	return nil
}

// jsonText is the stored form of a list, map or record. The values stored
// this way hold only strings, bools, numbers, times and maps with string
// keys, which encoding/json always encodes.
func jsonText(v any) string {
	b, err := json.Marshal(v)
	if err != nil {
		panic(fmt.Sprintf("sqlstore: encoding %T: %v", v, err))
	}
	return string(b)
}

// decoder reads JSON columns, keeping the first error so that a row's
// columns can be read one after the other and checked once.
type decoder struct{ err error }

// json decodes text into v.
func (d *decoder) json(text string, v any) {
	if d.err == nil {
		d.err = json.Unmarshal([]byte(text), v)
	}
}

// list reads a JSON array of strings; an empty one is nil.
func (d *decoder) list(text string) []string {
	if text == "[]" {
		return nil
	}
	if l, ok := splitList(text); ok {
		return l
	}
	var l []string
	d.json(text, &l)
	if len(l) == 0 {
		return nil
	}
	return l
}

// splitList is the fast way to read a JSON array of strings, as listText
// writes it, for the answers that GetLensReview reads by the dozen: when
// there is no backslash there is no escape, so no string holds a quote and
// `","` can only be a separator. It reports false for anything else, left
// to encoding/json.
func splitList(text string) ([]string, bool) {
	if len(text) < 4 || !strings.HasPrefix(text, `["`) || !strings.HasSuffix(text, `"]`) || !utf8.ValidString(text) {
		return nil, false
	}
	inner := text[2 : len(text)-2]
	for i := 0; i < len(inner); i++ {
		if c := inner[i]; c == '\\' || c < 0x20 {
			return nil, false
		}
	}
	l := strings.Split(inner, `","`)
	for _, s := range l {
		if strings.ContainsRune(s, '"') {
			return nil, false
		}
	}
	return l, true
}

// stringMap reads a JSON object of strings; an empty one is nil.
func (d *decoder) stringMap(text string) map[string]string {
	if text == "{}" {
		return nil
	}
	var m map[string]string
	d.json(text, &m)
	if len(m) == 0 {
		return nil
	}
	return m
}

// mustAffect turns an UPDATE or DELETE that matched no row into
// sql.ErrNoRows, which fail reports as the missing row.
func mustAffect(res sql.Result) error {
	n, err := res.RowsAffected()
	if err == nil && n == 0 {
		err = sql.ErrNoRows
	}
	return err
}

// listText is the stored form of a list: '[]' when empty (nil or not).
func listText[T any](l []T) string {
	if len(l) == 0 {
		return "[]"
	}
	return jsonText(l)
}

// mapText is the stored form of a map: '{}' when empty (nil or not).
func mapText[V any](m map[string]V) string {
	if len(m) == 0 {
		return "{}"
	}
	return jsonText(m)
}
