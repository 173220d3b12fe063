package openaicompat

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strings"

	"github.com/wat-dev/wat"
)

// completion is the part of a chat completion read: servers add fields of
// their own (usage, timings, system fingerprints), which are ignored.
type completion struct {
	Choices []struct {
		Message struct {
			Content *string `json:"content"`
			Refusal *string `json:"refusal"`
		} `json:"message"`
		FinishReason string `json:"finish_reason"`
	} `json:"choices"`
}

// The answer as the schema has it. Pointers tell a missing property from
// an empty one: the schema requires them all.
type (
	answer struct {
		Items *[]answerItem `json:"items"`
	}
	answerItem struct {
		ID          *string           `json:"id"`
		Description *string           `json:"description"`
		Citations   *[]string         `json:"citations"`
		MergeIDs    *[]string         `json:"mergeIds"`
		TradeOffs   *[]answerTradeOff `json:"tradeOffs"`
	}
	answerTradeOff struct {
		Pillar      *string   `json:"pillar"`
		Title       *string   `json:"title"`
		Description *string   `json:"description"`
		Risk        *string   `json:"risk"`
		Mitigation  *string   `json:"mitigation"`
		Citations   *[]string `json:"citations"`
	}
)

func invalid(format string, args ...any) error {
	return &wat.AgentModelError{Outcome: wat.AgentModelInvalid, Err: fmt.Errorf(format, args...)}
}

// parseCompletion reads a chat completion: a refusal (the refusal field of
// structured outputs, or a content filter's stop) is REFUSED; content that
// is not exactly the schema's JSON is INVALID. A model that ignores
// response_format but writes the JSON inside one Markdown code fence is
// still read.
func parseCompletion(raw []byte) (*wat.AgentRefinement, error) {
	var c completion
	if err := json.Unmarshal(raw, &c); err != nil {
		return nil, invalid("the answer is not a chat completion: %v", err)
	}
	if len(c.Choices) == 0 {
		return nil, invalid("the completion has no choice")
	}
	ch := c.Choices[0]
	if r := ch.Message.Refusal; r != nil && strings.TrimSpace(*r) != "" {
		return nil, &wat.AgentModelError{Outcome: wat.AgentModelRefused, Err: errors.New("the model refused")}
	}
	if ch.FinishReason == "content_filter" {
		return nil, &wat.AgentModelError{Outcome: wat.AgentModelRefused, Err: errors.New("the content filter stopped the answer")}
	}
	if ch.Message.Content == nil || strings.TrimSpace(*ch.Message.Content) == "" {
		return nil, invalid("the completion has no content (finish reason %q)", ch.FinishReason)
	}
	return parseAnswer(unfence(*ch.Message.Content))
}

// unfence returns s without one Markdown code fence around it.
func unfence(s string) string {
	s = strings.TrimSpace(s)
	if !strings.HasPrefix(s, "```") || !strings.HasSuffix(s, "```") || len(s) < 6 {
		return s
	}
	s = strings.TrimSuffix(strings.TrimPrefix(s, "```"), "```")
	if nl := strings.IndexByte(s, '\n'); nl >= 0 && !strings.Contains(s[:nl], "{") {
		s = s[nl+1:] // the fence's language tag ("json")
	}
	return strings.TrimSpace(s)
}

// parseAnswer decodes the model's JSON strictly: one object, no property
// the schema lacks, none it requires missing.
func parseAnswer(content string) (*wat.AgentRefinement, error) {
	dec := json.NewDecoder(strings.NewReader(content))
	dec.DisallowUnknownFields()
	var a answer
	if err := dec.Decode(&a); err != nil {
		return nil, invalid("the content is not the answer's JSON: %v", err)
	}
	if _, err := dec.Token(); err != io.EOF {
		return nil, invalid("the content goes on after the answer's JSON")
	}
	if a.Items == nil {
		return nil, invalid("the answer has no items")
	}
	out := &wat.AgentRefinement{Items: []wat.AgentRefinedItem{}}
	for i, it := range *a.Items {
		if it.ID == nil || it.Description == nil || it.Citations == nil || it.MergeIDs == nil || it.TradeOffs == nil {
			return nil, invalid("item %d lacks a property the schema requires", i)
		}
		item := wat.AgentRefinedItem{ID: *it.ID, Description: *it.Description, Citations: *it.Citations, MergeIDs: *it.MergeIDs}
		for j, t := range *it.TradeOffs {
			if t.Pillar == nil || t.Title == nil || t.Description == nil || t.Risk == nil || t.Mitigation == nil || t.Citations == nil {
				return nil, invalid("item %d's trade-off %d lacks a property the schema requires", i, j)
			}
			item.TradeOffs = append(item.TradeOffs, wat.AgentTradeOff{Pillar: wat.AgentPillar(*t.Pillar), Title: *t.Title,
				Description: *t.Description, Risk: *t.Risk, Mitigation: *t.Mitigation, Citations: *t.Citations})
		}
		out.Items = append(out.Items, item)
	}
	return out, nil
}
