package lens

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"

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
// unvalidated form: ParseDocument fills it, Compile checks it.
type Document struct {
	SchemaVersion string      `json:"schemaVersion"`
	Name          string      `json:"name"`
	Description   string      `json:"description,omitempty"`
	Pillars       []PillarDoc `json:"pillars"`
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

// ParseDocument decodes a lens document. It accepts exactly one JSON object
// of at most MaxDocumentSize bytes; unknown members are ignored and, as in
// encoding/json, a repeated member keeps its last value. It does not
// validate the content: that is Compile's job. Errors are *wat.Error with
// code EInvalid.
func ParseDocument(data []byte) (*Document, error) {
	if len(data) > MaxDocumentSize {
		return nil, cannotParse("the lens document is %d bytes; at most %d are allowed", len(data), MaxDocumentSize)
	}
	trimmed := bytes.TrimLeft(data, " \t\r\n")
	switch {
	case len(trimmed) == 0:
		return nil, cannotParse("the lens document is empty")
	case trimmed[0] != '{':
		return nil, cannotParse("the lens document must be a JSON object")
	}
	var doc Document
	// json.Unmarshal checks the whole input is one valid JSON value, so
	// trailing data is a syntax error.
	if err := json.Unmarshal(data, &doc); err != nil {
		return nil, jsonError(err)
	}
	return &doc, nil
}

func cannotParse(format string, args ...any) *wat.Error {
	return &wat.Error{Code: wat.EInvalid, Reason: wat.ReasonCannotParse, Message: fmt.Sprintf(format, args...)}
}

// jsonError turns an encoding/json error into a client-safe *wat.Error.
func jsonError(err error) *wat.Error {
	var syn *json.SyntaxError
	var typ *json.UnmarshalTypeError
	switch {
	case errors.As(err, &syn):
		return cannotParse("the lens document is not valid JSON: %s (at byte offset %d)", syn.Error(), syn.Offset)
	case errors.As(err, &typ):
		msg := fmt.Sprintf("expected %s, found a JSON %s (at byte offset %d)", jsonKind(typ.Type.Kind().String()), typ.Value, typ.Offset)
		e := cannotParse("the lens document is invalid: %s: %s", typ.Field, msg)
		e.Fields = []wat.FieldError{{Name: typ.Field, Message: msg}}
		return e
	}
	return cannotParse("the lens document is not valid JSON")
}

// jsonKind names a Go kind as the JSON type a document should have used.
func jsonKind(kind string) string {
	switch kind {
	case "string":
		return "a string"
	case "slice":
		return "an array"
	case "struct", "ptr":
		return "an object"
	}
	return "a " + kind
}
