package api

import (
	"bytes"
	"encoding/json"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/wat-dev/wat"
)

// What one audit record keeps at most. Every mutating call is recorded,
// allowed or not, so the size of a row must not be the client's to choose:
// a User-Agent header may be a megabyte and a body two. With these caps a
// row's strings take at most 36 KB, and those of a request that failed
// authentication (whose parameters are not recorded at all) under 4 KB.
const (
	// maxAuditText caps each short string: user agent, names, ARNs, the
	// access key id as the client sent it.
	maxAuditText = 256
	// maxAuditMessage caps the error message, which may quote the input.
	maxAuditMessage = 1 << 10
	// maxAuditJSON caps the request parameters and the response elements.
	maxAuditJSON = 16 << 10
)

// truncatedMark ends a string that was cut to its cap.
const truncatedMark = "...[truncated]"

// limitEvent cuts every string of e to its cap and makes it text every
// database takes (valid UTF-8, no NUL: PostgreSQL refuses both).
func limitEvent(e *wat.AuditEvent) {
	for _, f := range []*string{&e.EventName, &e.AccountID, &e.UserARN, &e.UserName, &e.AccessKeyID,
		&e.SourceIPAddress, &e.UserAgent, &e.RequestID, &e.ErrorCode} {
		*f = limitText(*f, maxAuditText)
	}
	e.ErrorMessage = limitText(e.ErrorMessage, maxAuditMessage)
	e.RequestParameters = limitJSON(e.RequestParameters)
	e.ResponseElements = limitJSON(e.ResponseElements)
}

// limitText returns s as valid UTF-8 without NUL, cut (at a character
// boundary) to at most n bytes ending in truncatedMark when it was longer.
func limitText(s string, n int) string {
	if !utf8.ValidString(s) {
		s = strings.ToValidUTF8(s, "\uFFFD")
	}
	s = strings.ReplaceAll(s, "\x00", "\uFFFD")
	if len(s) <= n {
		return s
	}
	cut := n - len(truncatedMark)
	for cut > 0 && !utf8.RuneStart(s[cut]) {
		cut--
	}
	return s[:cut] + truncatedMark
}

// limitJSON returns the JSON object text within maxAuditJSON, still JSON
// (the CloudTrail record embeds it as it is): when it is too long every
// string in it, member names included, is cut to maxAuditText; when that is
// not enough it becomes {"truncated":true,"bytes":N}, N its length. (The
// lower-case members cannot be mistaken for the API's, which are all
// capitalised.)
func limitJSON(text string) string {
	if len(text) <= maxAuditJSON {
		return text
	}
	var v any
	dec := json.NewDecoder(strings.NewReader(text))
	dec.UseNumber()
	if dec.Decode(&v) == nil {
		var b bytes.Buffer
		enc := json.NewEncoder(&b)
		enc.SetEscapeHTML(false)
		if enc.Encode(shortenStrings(v)) == nil && b.Len() <= maxAuditJSON {
			return strings.TrimSuffix(b.String(), "\n")
		}
	}
	return `{"truncated":true,"bytes":` + strconv.Itoa(len(text)) + `}`
}

// shortenStrings cuts every string in a decoded JSON value to maxAuditText.
func shortenStrings(v any) any {
	switch v := v.(type) {
	case string:
		return limitText(v, maxAuditText)
	case map[string]any:
		out := make(map[string]any, len(v))
		for k, x := range v {
			out[limitText(k, maxAuditText)] = shortenStrings(x)
		}
		return out
	case []any:
		for i, x := range v {
			v[i] = shortenStrings(x)
		}
		return v
	}
	return v
}
