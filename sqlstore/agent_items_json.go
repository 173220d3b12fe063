package sqlstore

import (
	"encoding/json"
	"strconv"
	"unicode/utf8"

	"github.com/wat-dev/wat"
)

// recommendationItemsText is the stored form of a recommendation's items: the same
// bytes jsonText writes for them, written without reflection. A generation
// over 100 workloads of 300 templates writes 190,000 items, and
// encoding/json spent a tenth of the generation on them. A string that
// needs any escaping (a quote, a control character, <, > or &, anything
// beyond ASCII) is left to encoding/json, so the bytes stay the same.
func recommendationItemsText(items []wat.AgentRecommendationItem) string {
	if len(items) == 0 {
		return "[]"
	}
	b := make([]byte, 0, len(items)*256)
	b = append(b, '[')
	for i := range items {
		it := &items[i]
		if i > 0 {
			b = append(b, ',')
		}
		b = appendJSONField(b, `{"ID":`, it.ID)
		b = appendJSONField(b, `,"Type":`, it.Type)
		b = appendJSONField(b, `,"WorkloadID":`, it.WorkloadID)
		b = appendJSONField(b, `,"WorkloadName":`, it.WorkloadName)
		b = appendJSONField(b, `,"CheckID":`, it.CheckID)
		b = appendJSONField(b, `,"CheckTitle":`, it.CheckTitle)
		b = appendJSONField(b, `,"ResourceName":`, it.ResourceName)
		b = appendJSONField(b, `,"ResourceType":`, it.ResourceType)
		b = appendJSONField(b, `,"File":`, it.File)
		b = strconv.AppendInt(append(b, `,"Line":`...), int64(it.Line), 10)
		b = append(b, '}')
	}
	return string(append(b, ']'))
}

// appendJSONField appends name and s as a JSON string, as encoding/json
// writes it.
func appendJSONField(b []byte, name, s string) []byte {
	b = append(b, name...)
	for i := 0; i < len(s); i++ {
		if c := s[i]; c < 0x20 || c >= utf8.RuneSelf || c == '"' || c == '\\' || c == '<' || c == '>' || c == '&' {
			q, _ := json.Marshal(s)
			return append(b, q...)
		}
	}
	b = append(b, '"')
	b = append(b, s...)
	return append(b, '"')
}
