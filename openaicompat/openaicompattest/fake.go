// Package openaicompattest is a fake OpenAI-compatible chat completions
// server for tests: not a model, an httptest server that records what wat
// sends and answers what the test tells it to (a valid refinement, broken
// JSON, a refusal, an error, or nothing for a while).
package openaicompattest

import (
	"context"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"sync"
	"testing"
)

// Prompt is the part of wat's user message a fake reads: the ids it may
// answer with.
type Prompt struct {
	BusinessOverview string `json:"businessOverview"`
	Recommendations  []struct {
		ID         string `json:"id"`
		PracticeID string `json:"practiceId"`
		Pillar     string `json:"pillar"`
		Findings   []struct {
			ID string `json:"id"`
		} `json:"findings"`
	} `json:"recommendations"`
}

// Request is one call the fake received.
type Request struct {
	Path, Authorization string
	Model               string
	ResponseFormat      string // its type
	Prompt              Prompt
	Body                string
}

// Answer answers one request: an HTTP status and a body. ctx ends when the
// caller hangs up (a slow answer waits on it).
type Answer func(ctx context.Context, r *Request) (status int, body string)

// Server is a running fake.
type Server struct {
	URL    string
	mu     sync.Mutex
	calls  []*Request
	answer Answer
}

// Start runs a fake answering with answer until the test ends.
func Start(t testing.TB, answer Answer) *Server {
	t.Helper()
	s := &Server{answer: answer}
	hs := httptest.NewServer(http.HandlerFunc(s.serve))
	t.Cleanup(hs.Close)
	s.URL = hs.URL
	return s
}

func (s *Server) serve(w http.ResponseWriter, r *http.Request) {
	body, _ := io.ReadAll(r.Body)
	req := &Request{Path: r.URL.Path, Authorization: r.Header.Get("Authorization"), Body: string(body)}
	var chat struct {
		Model          string `json:"model"`
		ResponseFormat struct {
			Type string `json:"type"`
		} `json:"response_format"`
		Messages []struct{ Role, Content string } `json:"messages"`
	}
	if json.Unmarshal(body, &chat) == nil {
		req.Model, req.ResponseFormat = chat.Model, chat.ResponseFormat.Type
		for _, m := range chat.Messages {
			if m.Role == "user" {
				json.Unmarshal([]byte(m.Content), &req.Prompt)
			}
		}
	}
	s.mu.Lock()
	s.calls = append(s.calls, req)
	s.mu.Unlock()
	status, out := s.answer(r.Context(), req)
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	io.WriteString(w, out)
}

// Requests returns the calls received so far.
func (s *Server) Requests() []*Request {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]*Request(nil), s.calls...)
}

// Completion is a chat completion whose message is content.
func Completion(content string) string {
	b, _ := json.Marshal(map[string]any{"id": "chatcmpl-fake", "object": "chat.completion",
		"choices": []any{map[string]any{"index": 0, "finish_reason": "stop",
			"message": map[string]any{"role": "assistant", "content": content}}}})
	return string(b)
}

// Refusal is a chat completion in which the model declines, as structured
// outputs write it.
func Refusal() string {
	return `{"choices":[{"index":0,"finish_reason":"stop","message":{"role":"assistant","content":null,"refusal":"I can't help with that."}}]}`
}

// Item is one item of a refinement, as the schema writes it.
type Item struct {
	ID          string     `json:"id"`
	Description string     `json:"description"`
	Citations   []string   `json:"citations"`
	MergeIDs    []string   `json:"mergeIds"`
	TradeOffs   []TradeOff `json:"tradeOffs"`
}

// TradeOff is one trade-off of an Item.
type TradeOff struct {
	Pillar      string   `json:"pillar"`
	Title       string   `json:"title"`
	Description string   `json:"description"`
	Risk        string   `json:"risk"`
	Mitigation  string   `json:"mitigation"`
	Citations   []string `json:"citations"`
}

// Refinement is the completion answering items.
func Refinement(items ...Item) string {
	for i := range items {
		for _, l := range []*[]string{&items[i].Citations, &items[i].MergeIDs} {
			if *l == nil {
				*l = []string{}
			}
		}
		if items[i].TradeOffs == nil {
			items[i].TradeOffs = []TradeOff{}
		}
	}
	b, _ := json.Marshal(map[string]any{"items": items})
	return Completion(string(b))
}
