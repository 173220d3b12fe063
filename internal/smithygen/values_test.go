package main

import (
	"strings"
	"testing"
)

// TestGenerateValueKinds checks the Go side of the value kinds the Agent's
// shapes brought into the model: camelCase members become exported fields
// that keep their wire name, date-time timestamps a DateTime, documents a
// Document, doubles a float64, each read by its own decoder.
func TestGenerateValueKinds(t *testing.T) {
	members := map[string]any{
		"Id":        idLabel(),
		"createdAt": map[string]any{"target": "smithy.api#Timestamp", "traits": map[string]any{"smithy.api#timestampFormat": "date-time"}},
		"updatedAt": map[string]any{"target": "smithy.api#Timestamp"},
		"context":   map[string]any{"target": "smithy.api#Document", "traits": map[string]any{"smithy.api#required": map[string]any{}}},
		"ratio":     map[string]any{"target": "smithy.api#Double"},
		"when":      map[string]any{"target": "ex#Dates"},
		"secret":    map[string]any{"target": "ex#Secret"},
		"hook":      map[string]any{"target": "ex#Hook"},
	}
	extra := map[string]any{
		"ex#Dates":  map[string]any{"type": "list", "member": map[string]any{"target": "ex#Date"}},
		"ex#Date":   map[string]any{"type": "timestamp", "traits": map[string]any{"smithy.api#timestampFormat": "date-time"}},
		"ex#Secret": map[string]any{"type": "string", "traits": map[string]any{"smithy.api#sensitive": map[string]any{}}},
		"ex#Hook":   map[string]any{"type": "string", "traits": map[string]any{traitMaskURLPath: map[string]any{}}},
	}
	m, err := ParseModel(miniModel(t, members, extra))
	if err != nil {
		t.Fatal(err)
	}
	files, err := Generate(m)
	if err != nil {
		t.Fatal(err)
	}
	for file, wants := range map[string][]string{
		"types_gen.go": {
			"CreatedAt *DateTime `json:\"createdAt,omitzero\"`",
			"UpdatedAt *Timestamp `json:\"updatedAt,omitzero\"`",
			"Context Document `json:\"context,omitzero\"`",
			"Ratio *float64 `json:\"ratio,omitzero\"`",
			"When []DateTime `json:\"when,omitzero\"`",
			"targets Secret: sensitive.",
			"targets Timestamp: RFC 3339 date-time.",
		},
		"decode_gen.go": {
			"case \"createdAt\":\n\t\tif x, ok := d.dateTime(); ok {\n\t\t\tv.CreatedAt = &x",
			"case \"updatedAt\":\n\t\tif x, ok := d.timestamp(); ok {",
			"case \"context\":\n\t\tif x, ok := d.document(); ok {\n\t\t\tv.Context = x\n",
			"case \"ratio\":\n\t\tif x, ok := d.double(); ok {\n\t\t\tv.Ratio = &x",
			"if x, ok := d.dateTime(); ok {\n\t\t\tl = append(l, x)",
		},
		"validate_gen.go": {
			"c.push(\"context\")\n\tif v.Context == nil {\n\t\tc.missing()",
		},
		"operations_gen.go": {
			"var sensitiveMembers = map[string]bool{\n\t\"secret\": true,\n}",
			"var maskedURLMembers = map[string]bool{\n\t\"hook\": true,\n}",
		},
	} {
		src := string(files[file])
		for _, want := range wants {
			if !strings.Contains(src, want) {
				t.Errorf("%s lacks %q:\n%s", file, want, src)
			}
		}
	}
}

// TestGenerateRejectsValueKinds checks that what the runtime cannot carry
// fails at generation time.
func TestGenerateRejectsValueKinds(t *testing.T) {
	tests := []struct {
		name    string
		members map[string]any
		want    string
	}{
		{
			name:    "http-date timestamp",
			members: map[string]any{"Id": idLabel(), "T": map[string]any{"target": "smithy.api#Timestamp", "traits": map[string]any{"smithy.api#timestampFormat": "http-date"}}},
			want:    `timestamp format "http-date" is not supported`,
		},
		{
			name:    "timestampFormat on a string",
			members: map[string]any{"Id": idLabel(), "S": map[string]any{"target": "ex#Str", "traits": map[string]any{"smithy.api#timestampFormat": "date-time"}}},
			want:    "timestampFormat on a string is not supported",
		},
		{
			name:    "members differing only in the case of the first letter",
			members: map[string]any{"Id": idLabel(), "name": map[string]any{"target": "ex#Str"}, "Name": map[string]any{"target": "ex#Str"}},
			want:    "Go field Name is declared twice",
		},
		{
			name:    "document bound to the query",
			members: map[string]any{"Id": idLabel(), "D": map[string]any{"target": "smithy.api#Document", "traits": map[string]any{"smithy.api#httpQuery": "d"}}},
			want:    "a document cannot be bound to the query",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			m, err := ParseModel(miniModel(t, tt.members, nil))
			if err == nil {
				_, err = Generate(m)
			}
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Fatalf("error = %v, want one containing %q", err, tt.want)
			}
		})
	}
}

func TestFieldName(t *testing.T) {
	for in, want := range map[string]string{"profileArn": "ProfileArn", "WorkloadId": "WorkloadId", "id": "Id", "énergie": "Énergie"} {
		if got := fieldName(in); got != want {
			t.Errorf("fieldName(%q) = %q, want %q", in, got, want)
		}
	}
}
