package wire

import (
	"bytes"
	"encoding/json"
	"testing"
	"unicode/utf8"
)

// lexSeeds are JSON documents, valid and not, that the lexer must judge
// exactly as encoding/json does.
var lexSeeds = []string{
	`{}`, `[]`, `""`, `0`, `-0`, `-0.5e+10`, `1E3`, `true`, `false`, `null`,
	`{"a":[1,{"b":null}],"c":"\u00e9\ud83d\ude00\n\"\\\/"}`,
	`"\ud800"`, `"\ud800\u0041"`, `"\udc00\ud800"`, `"\ud83d\ude00"`, "\"\xff\xfe\"", "\"a\xc3\"",
	`{"a" : 1 , "b" :[ ] }`, ` { } `,
	`{`, `{"a"}`, `{"a":}`, `{"a":1,}`, `[1,]`, `[1 2]`, `01`, `1.`, `.5`, `-`, `1e`, `+1`,
	`"\x"`, `"\u12"`, `"\u12g4"`, "\"\x01\"", `tru`, `nul`, `{"a":1}}`, `{} {}`, `'a'`, "\x00", ``,
}

// lexAll runs the lexer over a whole document as the body decoder does.
func lexAll(data []byte) (ok bool) {
	d := newDecoder(&Request{})
	d.data = data
	d.skip()
	if d.ws(); d.pos < len(d.data) && !d.failed() {
		return false
	}
	return !d.failed()
}

func TestLexerAgreesWithEncodingJSON(t *testing.T) {
	for _, s := range lexSeeds {
		if got, want := lexAll([]byte(s)), json.Valid([]byte(s)); got != want {
			t.Errorf("lex(%q) ok = %v, json.Valid = %v", s, got, want)
		}
	}
}

// TestLexerStrings checks string unescaping against encoding/json, including
// invalid UTF-8 and lone surrogates, which both turn into U+FFFD.
func TestLexerStrings(t *testing.T) {
	for _, s := range lexSeeds {
		var want string
		if !isJSONString([]byte(s)) || json.Unmarshal([]byte(s), &want) != nil {
			continue
		}
		d := newDecoder(&Request{})
		d.data = []byte(s)
		got, ok := d.str()
		if !ok || got != want {
			t.Errorf("str(%q) = %q, %v; want %q", s, got, ok, want)
		}
	}
}

// isJSONString reports whether data starts like a JSON string: encoding/json
// also "decodes" null into a string, leaving it alone.
func isJSONString(data []byte) bool {
	data = bytes.TrimLeft(data, " \t\r\n")
	return len(data) > 0 && data[0] == '"'
}

// FuzzLexer holds the lexer to encoding/json: same verdict on validity,
// same decoded strings.
func FuzzLexer(f *testing.F) {
	for _, s := range lexSeeds {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		if got, want := lexAll(data), json.Valid(data); got != want {
			t.Fatalf("lex(%q) ok = %v, json.Valid = %v", data, got, want)
		}
		var want string
		if isJSONString(data) && json.Unmarshal(data, &want) == nil {
			d := newDecoder(&Request{})
			d.data = data
			got, ok := d.str()
			if !ok || got != want {
				t.Fatalf("str(%q) = %q, %v; want %q", data, got, ok, want)
			}
			if !utf8.ValidString(got) {
				t.Fatalf("str(%q) = %q is not valid UTF-8", data, got)
			}
		}
	})
}
