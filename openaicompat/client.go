// Package openaicompat asks a language model served behind the
// OpenAI-compatible chat completions API (POST {url}/v1/chat/completions:
// Ollama, llama.cpp's server, vLLM, hosted APIs) to refine the Agent's
// recommendations. It is the wat.AgentRefiner that `wat serve
// --agent-model-url` wires in: it writes the prompt, asks for an answer
// under a JSON schema, and decodes the answer strictly. Deciding what of
// the answer to trust is the domain's (wat.ApplyAgentRefinement).
package openaicompat

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"strings"

	"github.com/wat-dev/wat"
)

// maxAnswer bounds what is read of an answer: a refinement of the
// recommendations a prompt holds is a few tens of kilobytes.
const maxAnswer = 4 << 20

// Client calls one model of one endpoint.
type Client struct {
	url   string // the chat completions URL
	model string
	key   string
	http  *http.Client
}

var _ wat.AgentRefiner = (*Client)(nil)

// New returns a client of the model named model at baseURL, the server's
// root (http://localhost:11434) or its /v1 (http://localhost:11434/v1).
// key, when not empty, is sent as a bearer token. hc may be nil
// (http.DefaultClient); the caller's context bounds each call.
func New(baseURL, model, key string, hc *http.Client) *Client {
	if hc == nil {
		hc = http.DefaultClient
	}
	base := strings.TrimSuffix(strings.TrimRight(baseURL, "/"), "/v1")
	return &Client{url: base + "/v1/chat/completions", model: model, key: key, http: hc}
}

// Model returns the model's name.
func (c *Client) Model() string { return c.model }

// Refine asks the model to refine req. Its errors are *wat.AgentModelError
// (or wrap the context's), and never carry the key, the prompt or the
// answer: they go to the server's log.
func (c *Client) Refine(ctx context.Context, req *wat.AgentRefineRequest) (*wat.AgentRefinement, error) {
	body, err := c.requestBody(req)
	if err != nil {
		return nil, &wat.AgentModelError{Outcome: wat.AgentModelInvalid, Err: err}
	}
	hreq, err := http.NewRequestWithContext(ctx, http.MethodPost, c.url, bytes.NewReader(body))
	if err != nil {
		return nil, &wat.AgentModelError{Outcome: wat.AgentModelHTTPError, Err: err}
	}
	hreq.Header.Set("Content-Type", "application/json")
	hreq.Header.Set("Accept", "application/json")
	if c.key != "" {
		hreq.Header.Set("Authorization", "Bearer "+c.key)
	}
	resp, err := c.http.Do(hreq)
	if err != nil {
		if ctx.Err() != nil {
			return nil, fmt.Errorf("agent model: %w", ctx.Err())
		}
		return nil, &wat.AgentModelError{Outcome: wat.AgentModelHTTPError, Err: errors.New("the endpoint could not be reached")}
	}
	defer resp.Body.Close()
	raw, err := io.ReadAll(io.LimitReader(resp.Body, maxAnswer+1))
	if err != nil {
		if ctx.Err() != nil {
			return nil, fmt.Errorf("agent model: %w", ctx.Err())
		}
		return nil, &wat.AgentModelError{Outcome: wat.AgentModelHTTPError, Err: errors.New("the answer could not be read")}
	}
	if resp.StatusCode != http.StatusOK {
		return nil, &wat.AgentModelError{Outcome: wat.AgentModelHTTPError, Err: fmt.Errorf("the endpoint answered HTTP %d", resp.StatusCode)}
	}
	if len(raw) > maxAnswer {
		return nil, &wat.AgentModelError{Outcome: wat.AgentModelInvalid, Err: fmt.Errorf("the answer is over %d bytes", maxAnswer)}
	}
	return parseCompletion(raw)
}

// chatRequest is the body of a chat completions request.
type chatRequest struct {
	Model          string         `json:"model"`
	Messages       []chatMessage  `json:"messages"`
	Temperature    float64        `json:"temperature"`
	ResponseFormat responseFormat `json:"response_format"`
	Stream         bool           `json:"stream"`
}

type chatMessage struct {
	Role    string `json:"role"`
	Content string `json:"content"`
}

type responseFormat struct {
	Type       string     `json:"type"`
	JSONSchema jsonSchema `json:"json_schema"`
}

type jsonSchema struct {
	Name   string          `json:"name"`
	Strict bool            `json:"strict"`
	Schema json.RawMessage `json:"schema"`
}

// requestBody writes the request: the instructions, the input as JSON,
// and the schema of the answer. Temperature 0: the same input should read
// the same way each time.
func (c *Client) requestBody(req *wat.AgentRefineRequest) ([]byte, error) {
	input, err := json.Marshal(promptInput(req))
	if err != nil {
		return nil, err
	}
	return json.Marshal(chatRequest{
		Model: c.model,
		Messages: []chatMessage{
			{Role: "system", Content: instructions},
			{Role: "user", Content: string(input)},
		},
		ResponseFormat: responseFormat{Type: "json_schema", JSONSchema: jsonSchema{Name: "wat_agent_refinement", Strict: true, Schema: answerSchema}},
	})
}
