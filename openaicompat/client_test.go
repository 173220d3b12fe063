package openaicompat

import (
	"context"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/wat-dev/wat"
)

// The server in these tests is a fake of an OpenAI-compatible endpoint
// (httptest), not a model: it answers what each case writes.

var testRequest = &wat.AgentRefineRequest{
	BusinessOverview: "Sells tickets",
	Recommendations: []wat.AgentRefineInput{{ID: "r1", PracticeID: "wellarchitected/sec/p1", Pillar: wat.AgentPillarSecurity,
		Title: "Encrypt", Findings: []wat.AgentRefineFinding{{ID: "f1", Resource: "AWS::S3::Bucket logs"}}}},
}

// completionOf wraps content as a chat completion's first choice.
func completionOf(content string) string {
	b, _ := json.Marshal(map[string]any{"id": "x", "choices": []any{map[string]any{"index": 0,
		"message": map[string]any{"role": "assistant", "content": content}, "finish_reason": "stop"}}})
	return string(b)
}

const validAnswer = `{"items":[{"id":"r1","description":"Tickets need it","citations":["wellarchitected/sec/p1","f1"],"mergeIds":[],
	"tradeOffs":[{"pillar":"PERFORMANCE","title":"Latency","description":"KMS calls","risk":"LOW","mitigation":"Bucket keys","citations":["f1"]}]}]}`

func TestRefine(t *testing.T) {
	want := &wat.AgentRefinement{Items: []wat.AgentRefinedItem{{ID: "r1", Description: "Tickets need it",
		Citations: []string{"wellarchitected/sec/p1", "f1"}, MergeIDs: []string{},
		TradeOffs: []wat.AgentTradeOff{{Pillar: wat.AgentPillarPerformance, Title: "Latency", Description: "KMS calls", Risk: "LOW",
			Mitigation: "Bucket keys", Citations: []string{"f1"}}}}}}
	for _, tc := range []struct {
		name    string
		status  int
		body    string
		outcome string // "" for success
	}{
		{"schema-valid", 200, completionOf(validAnswer), ""},
		{"fenced by a model ignoring response_format", 200, completionOf("```json\n" + validAnswer + "\n```"), ""},
		{"prose instead of JSON", 200, completionOf("Sure! Here are the items: ..."), wat.AgentModelInvalid},
		{"a property the schema lacks", 200, completionOf(`{"items":[],"note":"x"}`), wat.AgentModelInvalid},
		{"a required property missing", 200, completionOf(`{"items":[{"id":"r1","description":"d","citations":[],"mergeIds":[]}]}`), wat.AgentModelInvalid},
		{"text after the JSON", 200, completionOf(validAnswer + " I hope this helps"), wat.AgentModelInvalid},
		{"not a completion", 200, `<html>`, wat.AgentModelInvalid},
		{"no choice", 200, `{"choices":[]}`, wat.AgentModelInvalid},
		{"refusal field", 200, `{"choices":[{"message":{"content":null,"refusal":"I can't help with that"},"finish_reason":"stop"}]}`, wat.AgentModelRefused},
		{"content filter", 200, `{"choices":[{"message":{"content":""},"finish_reason":"content_filter"}]}`, wat.AgentModelRefused},
		{"server error", 500, `{"error":"boom"}`, wat.AgentModelHTTPError},
		{"unknown model", 404, `{"error":"model not found"}`, wat.AgentModelHTTPError},
	} {
		t.Run(tc.name, func(t *testing.T) {
			srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
				w.WriteHeader(tc.status)
				io.WriteString(w, tc.body)
			}))
			defer srv.Close()
			got, err := New(srv.URL, "m", "", nil).Refine(context.Background(), testRequest)
			if tc.outcome != "" {
				if err == nil || wat.AgentModelOutcome(err) != tc.outcome {
					t.Fatalf("Refine = %+v, %v; want outcome %s", got, err, tc.outcome)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(want, got); diff != "" {
				t.Errorf("refinement (-want +got):\n%s", diff)
			}
		})
	}
}

// TestRefineRequest checks what is sent: the path under the base URL
// (with or without /v1), the key as a bearer token, the schema asked for,
// the input's ids in the prompt.
func TestRefineRequest(t *testing.T) {
	var got struct {
		path, auth string
		body       chatRequest
	}
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		got.path, got.auth = r.URL.Path, r.Header.Get("Authorization")
		if err := json.NewDecoder(r.Body).Decode(&got.body); err != nil {
			t.Error(err)
		}
		io.WriteString(w, completionOf(`{"items":[]}`))
	}))
	defer srv.Close()
	for _, base := range []string{srv.URL, srv.URL + "/v1/"} {
		if _, err := New(base, "llama3.2", "sk-test", nil).Refine(context.Background(), testRequest); err != nil {
			t.Fatal(err)
		}
		if got.path != "/v1/chat/completions" || got.auth != "Bearer sk-test" || got.body.Model != "llama3.2" {
			t.Errorf("base %s: path %q, auth %q, model %q", base, got.path, got.auth, got.body.Model)
		}
		if f := got.body.ResponseFormat; f.Type != "json_schema" || !f.JSONSchema.Strict || !json.Valid(f.JSONSchema.Schema) {
			t.Errorf("response_format %+v", f)
		}
		if len(got.body.Messages) != 2 || !strings.Contains(got.body.Messages[1].Content, `"practiceId":"wellarchitected/sec/p1"`) ||
			!strings.Contains(got.body.Messages[1].Content, `"id":"f1"`) {
			t.Errorf("messages %+v", got.body.Messages)
		}
	}
	// No key, no Authorization header.
	if _, err := New(srv.URL, "m", "", nil).Refine(context.Background(), testRequest); err != nil || got.auth != "" {
		t.Errorf("without a key: auth %q, %v", got.auth, err)
	}
}

func TestRefineTimeout(t *testing.T) {
	release := make(chan struct{})
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		select {
		case <-release:
		case <-r.Context().Done():
		}
	}))
	defer srv.Close()
	defer close(release)
	ctx, cancel := context.WithTimeout(context.Background(), 50*time.Millisecond)
	defer cancel()
	_, err := New(srv.URL, "m", "", nil).Refine(ctx, testRequest)
	if wat.AgentModelOutcome(err) != wat.AgentModelTimeout {
		t.Fatalf("Refine past its deadline: %v, want a TIMEOUT", err)
	}
}
