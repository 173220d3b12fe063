package lens

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"unicode/utf8"

	"github.com/wat-dev/wat"
)

// SchemaVersion is the only lens document schema version wat reads.
const SchemaVersion = "2021-11-01"

// MaxDocumentSize is the largest lens document accepted, in bytes (the API's
// LensJSON limit).
const MaxDocumentSize = 500_000

// Risk values of a risk rule, as a lens document spells them.
const (
	HighRisk   = "HIGH_RISK"
	MediumRisk = "MEDIUM_RISK"
	NoRisk     = "NO_RISK"
)

// Types of a choice's additional resources.
const (
	HelpfulResourceType = "HELPFUL_RESOURCE"
	ImprovementPlanType = "IMPROVEMENT_PLAN"
)

// Document is a lens document in the AWS custom-lens JSON format. It is the
// unvalidated form: ParseDocument fills it, Compile checks it. Its JSON
// encoding (see Normalize) is the format's.
type Document struct {
	SchemaVersion string      `json:"schemaVersion"`
	Name          string      `json:"name"`
	Description   string      `json:"description,omitempty"`
	Pillars       []PillarDoc `json:"pillars"`

	// src is the text the document was parsed from, for placing problems;
	// nil when it was built in Go.
	src []byte
	// mismatches are the values of the wrong JSON type ParseDocument
	// skipped; Compile reports them with its own findings.
	mismatches []problem
	dropped    int // mismatches beyond MaxProblems
}

// PillarDoc is a pillar of a Document.
type PillarDoc struct {
	ID        string        `json:"id"`
	Name      string        `json:"name"`
	Questions []QuestionDoc `json:"questions"`
}

// QuestionDoc is a question of a Document.
type QuestionDoc struct {
	ID              string        `json:"id"`
	Title           string        `json:"title"`
	Description     string        `json:"description,omitempty"`
	HelpfulResource *ResourceDoc  `json:"helpfulResource,omitempty"`
	Choices         []ChoiceDoc   `json:"choices"`
	RiskRules       []RiskRuleDoc `json:"riskRules"`
}

// ChoiceDoc is a choice of a Document's question.
type ChoiceDoc struct {
	ID                  string                   `json:"id"`
	Title               string                   `json:"title"`
	Description         string                   `json:"description,omitempty"`
	HelpfulResource     *ResourceDoc             `json:"helpfulResource,omitempty"`
	ImprovementPlan     *ResourceDoc             `json:"improvementPlan,omitempty"`
	AdditionalResources []AdditionalResourcesDoc `json:"additionalResources,omitempty"`
}

// ResourceDoc is a link with display text.
type ResourceDoc struct {
	DisplayText string `json:"displayText"`
	URL         string `json:"url,omitempty"`
}

// AdditionalResourcesDoc lists further links of one type for a choice.
type AdditionalResourcesDoc struct {
	Type    string        `json:"type"`
	Content []ResourceDoc `json:"content"`
}

// RiskRuleDoc maps a condition over a question's choices to a risk.
type RiskRuleDoc struct {
	Condition string `json:"condition"`
	Risk      string `json:"risk"`
}

// ParseDocument decodes a lens document: exactly one JSON object of at most
// MaxDocumentSize bytes of UTF-8, after a byte order mark if there is one.
// Member names match exactly; unknown
// members are dropped; a repeated member keeps its last value; null counts
// as absent. The error, a *wat.Error with code EInvalid and reason
// CANNOT_PARSE, is for text that is no such JSON object, and gives the
// line and column of the fault. A value of the wrong JSON type (a number
// for a title) is not an error here: Compile reports it with every other
// problem, so an author learns them all at once.
func ParseDocument(data []byte) (*Document, error) { return parseDocument(data, MaxDocumentSize) }

// ParseOfficialDocument is ParseDocument for a lens built into wat (the
// framework lens, with its guidance). MaxDocumentSize is the bound on what
// a user may import; a lens that ships in the binary is not imported and
// may be larger, up to MaxOfficialDocumentSize.
func ParseOfficialDocument(data []byte) (*Document, error) {
	return parseDocument(data, MaxOfficialDocumentSize)
}

// MaxOfficialDocumentSize bounds a built-in lens document: a guard against
// a generator gone wrong, not a rule of the lens format.
const MaxOfficialDocumentSize = 4 << 20

func parseDocument(data []byte, maxSize int) (*Document, error) {
	doc, p := parse(data, maxSize)
	if p != nil {
		line, col := position(data, p.offset)
		return nil, &wat.Error{Code: wat.EInvalid, Reason: wat.ReasonCannotParse,
			Message: fmt.Sprintf("%s (line %d, column %d)", p.msg, line, col)}
	}
	return doc, nil
}

// parse decodes data, or returns why it is not a JSON object document.
func parse(data []byte, maxSize int) (*Document, *problem) {
	fail := func(offset int, format string, args ...any) (*Document, *problem) {
		return nil, &problem{msg: fmt.Sprintf(format, args...), at: -1, offset: offset}
	}
	if len(data) > maxSize {
		return fail(maxSize, "the lens document is %d bytes; at most %d are allowed", len(data), maxSize)
	}
	if !utf8.Valid(data) {
		off := 0
		for off < len(data) {
			r, n := utf8.DecodeRune(data[off:])
			if r == utf8.RuneError && n <= 1 {
				break
			}
			off += n
		}
		return fail(off, "the lens document is not valid UTF-8: byte %#x cannot start or continue a character", data[off])
	}
	// A byte order mark, which Windows editors write, is not JSON, but
	// RFC 8259 lets a parser ignore it; offsets stay those of data.
	bom := bomLen(data)
	trimmed := bytes.TrimLeft(data[bom:], " \t\r\n")
	start := len(data) - len(trimmed)
	switch {
	case len(trimmed) == 0:
		return fail(0, "the lens document is empty")
	case trimmed[0] != '{':
		return fail(start, "the lens document must be a JSON object, not %s", jsonKind(trimmed[0]))
	}
	if body := data[bom:]; !json.Valid(body) {
		// Unmarshal checks the syntax of the whole input before decoding,
		// so this only finds the syntax error.
		err := json.Unmarshal(body, new(struct{}))
		var syn *json.SyntaxError
		if !errors.As(err, &syn) {
			return fail(bom, "the lens document is not valid JSON")
		}
		off := int(syn.Offset)
		if syn.Error() != "unexpected end of JSON input" {
			off = max(off-1, 0) // the offending byte, not the one after it
		}
		return fail(bom+off, "the lens document is not valid JSON: %s%s", syn.Error(), notJSONHint(body[off:]))
	}
	d := decoder{scanner: scanner{data: data, pos: bom}}
	doc := &Document{src: data}
	d.document(doc)
	doc.mismatches, doc.dropped = d.problems, d.dropped
	return doc, nil
}

// Normalize returns the document in the format's JSON: members in the
// format's order, unknown members gone, URLs as wat stores them (trimmed,
// with the characters a URL cannot hold percent-encoded), indented by two
// spaces, with a final newline. ParseDocument of the result normalizes to
// the same bytes. Should the indented form exceed MaxDocumentSize (a
// compact document near the limit), it is written without indentation so
// it still parses.
func (d *Document) Normalize() ([]byte, error) {
	stored := d.withStoredURLs()
	out, err := stored.encode("  ")
	if err == nil && len(out) > MaxDocumentSize {
		out, err = stored.encode("")
	}
	if err != nil {
		return nil, err
	}
	if len(out) > MaxDocumentSize {
		return nil, wat.Errorf(wat.EInvalid, "the normalized lens document is %d bytes; at most %d are allowed", len(out), MaxDocumentSize)
	}
	return out, nil
}

func (d *Document) encode(indent string) ([]byte, error) {
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", indent)
	if err := enc.Encode(d); err != nil {
		return nil, fmt.Errorf("lens: encoding the document: %w", err)
	}
	return b.Bytes(), nil
}

// bomLen is the length of the UTF-8 byte order mark data starts with, 0
// for none.
func bomLen(data []byte) int {
	if bytes.HasPrefix(data, []byte("\xef\xbb\xbf")) {
		return 3
	}
	return 0
}

// notJSONHint names what a JSON syntax error at rest probably is, when it
// is a value other languages write but JSON has not: NaN is how a
// spreadsheet exported through pandas writes an empty cell.
func notJSONHint(rest []byte) string {
	for _, v := range [...]string{"NaN", "Infinity", "undefined"} {
		if bytes.HasPrefix(rest, []byte(v)) {
			return fmt.Sprintf("; %s is not a JSON value: put the text in quotes, or leave the member out", v)
		}
	}
	if bytes.HasPrefix(rest, []byte("'")) {
		return "; JSON strings are in double quotes"
	}
	return ""
}
