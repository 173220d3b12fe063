package sqlstore

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"strconv"
	"time"
	"unicode/utf8"
)

// encodeValue is the backup form of v, a value of a column of type typ as
// the driver gives it: SQLite's drivers give booleans as integers and times
// as the text timeValue wrote, PostgreSQL's as bool and time.Time. The
// result is what encoding/json writes as the format says ([]byte as
// base64).
func encodeValue(typ string, v any) (any, error) {
	if v == nil {
		return nil, nil
	}
	switch typ {
	case typeText:
		s, ok := textOf(v)
		if !ok {
			break
		}
		// encoding/json would replace invalid UTF-8 by U+FFFD: a backup
		// that cannot hold a value as it is fails instead.
		if !utf8.ValidString(s) {
			return nil, errors.New("the text is not valid UTF-8")
		}
		return s, nil
	case typeInteger:
		if i, ok := v.(int64); ok {
			return i, nil
		}
	case typeBoolean:
		switch b := v.(type) {
		case bool:
			return b, nil
		case int64:
			if b == 0 || b == 1 {
				return b == 1, nil
			}
		}
	case typeTimestamp:
		switch t := v.(type) {
		case time.Time:
			return timeValue(t), nil
		case string:
			parsed, err := time.Parse(timeLayout, t)
			if err != nil {
				return nil, fmt.Errorf("the time %q is not in the stored form: %w", t, err)
			}
			return timeValue(parsed), nil
		}
	case typeBytes:
		switch b := v.(type) {
		case []byte:
			// SQLite's driver gives an empty BLOB as a nil slice, which
			// encoding/json would write as null: it is an empty value.
			if b == nil {
				b = []byte{}
			}
			return b, nil
		case string:
			return []byte(b), nil
		}
	}
	return nil, fmt.Errorf("cannot write a %T as %s", v, typ)
}

func textOf(v any) (string, bool) {
	switch s := v.(type) {
	case string:
		return s, true
	case []byte:
		return string(s), true
	}
	return "", false
}

// decodeValue is the argument that stores raw, the backup form of a value
// of type typ, in the dialect's database: times as time.Time for
// PostgreSQL and as timeValue's text for SQLite, which is how the store
// writes them.
func decodeValue(dialect, typ string, nullable bool, raw json.RawMessage) (any, error) {
	if bytes.Equal(raw, []byte("null")) {
		if !nullable {
			return nil, errors.New("null in a column that cannot be null")
		}
		return nil, nil
	}
	switch typ {
	case typeText:
		return jsonString(raw)
	case typeInteger:
		return strconv.ParseInt(string(raw), 10, 64)
	case typeBoolean:
		var b bool
		err := json.Unmarshal(raw, &b)
		return b, err
	case typeTimestamp:
		s, err := jsonString(raw)
		if err != nil {
			return nil, err
		}
		t, err := time.Parse(timeLayout, s)
		if err != nil {
			return nil, err
		}
		if dialect == "postgres" {
			return t, nil
		}
		return timeValue(t), nil
	case typeBytes:
		var b []byte
		err := json.Unmarshal(raw, &b)
		if b == nil && err == nil {
			b = []byte{} // "" is an empty value, not NULL
		}
		return b, err
	}
	return nil, fmt.Errorf("unknown type %q", typ)
}

// jsonString decodes a JSON string. Most have no escape, and are their
// bytes between the quotes: a restore reads hundreds of thousands.
func jsonString(raw json.RawMessage) (string, error) {
	if len(raw) >= 2 && raw[0] == '"' && raw[len(raw)-1] == '"' && bytes.IndexByte(raw, '\\') < 0 {
		inner := raw[1 : len(raw)-1]
		if bytes.IndexByte(inner, '"') < 0 && utf8.Valid(inner) {
			return string(inner), nil
		}
	}
	var s string
	err := json.Unmarshal(raw, &s)
	return s, err
}
