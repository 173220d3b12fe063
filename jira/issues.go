package jira

import (
	"context"
	"net/url"
	"strings"
)

// IssueInput is what CreateIssue and UpdateIssue send. Description is
// plain text, paragraphs separated by blank lines: the client writes it
// in the flavour's format.
type IssueInput struct {
	Project     string // key
	Type        IssueType
	Summary     string
	Description string
	Labels      []string
	// Parent is the key of a Sub-task's Task, or of a Task's Epic.
	Parent string
	// Epic tells that Type is the Epic type: Data Center requires an Epic
	// Name on it.
	Epic bool
}

// Created is the issue CreateIssue made.
type Created struct {
	ID  string `json:"id"`
	Key string `json:"key"`
}

// CreateIssue creates an issue. It is never retried after a 5xx other
// than 503, which Jira may answer after creating it.
func (c *Client) CreateIssue(ctx context.Context, in IssueInput) (*Created, error) {
	link, name, err := c.epicFields(ctx)
	if err != nil {
		return nil, err
	}
	f := c.fields(in, link, name)
	f["project"] = map[string]string{"key": in.Project}
	f["issuetype"] = map[string]string{"id": in.Type.ID}
	var out Created
	if err := c.call(ctx, "POST", "/issue", map[string]any{"fields": f}, &out, false); err != nil {
		return nil, err
	}
	return &out, nil
}

// UpdateIssue replaces an issue's summary, description and labels. Its
// type and parent stay: wat never moves an issue.
func (c *Client) UpdateIssue(ctx context.Context, key string, in IssueInput) error {
	f := c.fields(IssueInput{Summary: in.Summary, Description: in.Description, Labels: in.Labels}, "", "")
	return c.call(ctx, "PUT", "/issue/"+url.PathEscape(key), map[string]any{"fields": f}, nil, true)
}

// fields are the fields of in that both create and update send; link and
// name are Data Center's Epic Link and Epic Name fields.
func (c *Client) fields(in IssueInput, link, name string) map[string]any {
	f := map[string]any{"summary": in.Summary}
	if in.Labels != nil {
		f["labels"] = in.Labels
	}
	if c.cfg.Flavor == Cloud {
		f["description"] = ADF(in.Description)
	} else {
		f["description"] = in.Description
	}
	if in.Parent != "" {
		// On Data Center a Task joins its Epic through the Epic Link
		// field; only a Sub-task has a parent.
		if c.cfg.Flavor == DataCenter && !in.Type.Subtask {
			f[link] = in.Parent
		} else {
			f["parent"] = map[string]string{"key": in.Parent}
		}
	}
	if in.Epic && c.cfg.Flavor == DataCenter {
		f[name] = in.Summary
	}
	return f
}

// Status categories, as Jira names their keys.
const (
	CategoryToDo       = "new"
	CategoryInProgress = "indeterminate"
	CategoryDone       = "done"
)

// Transition moves an issue to the first status of the given category
// its workflow allows from where it is; it does nothing when the issue is
// already in that category. It reports whether it moved it.
func (c *Client) Transition(ctx context.Context, key, category string) (bool, error) {
	var out struct {
		Transitions []struct {
			ID string `json:"id"`
			To struct {
				StatusCategory struct {
					Key string `json:"key"`
				} `json:"statusCategory"`
			} `json:"to"`
		} `json:"transitions"`
	}
	path := "/issue/" + url.PathEscape(key) + "/transitions"
	if err := c.call(ctx, "GET", path, nil, &out, true); err != nil {
		return false, err
	}
	for _, t := range out.Transitions {
		if t.To.StatusCategory.Key == category {
			body := map[string]any{"transition": map[string]string{"id": t.ID}}
			// A transition repeated after a lost answer finds the issue
			// moved and fails harmlessly: worth retrying.
			return true, c.call(ctx, "POST", path, body, nil, true)
		}
	}
	return false, &Error{Method: "POST", Path: path, Status: 400,
		Messages: []string{"the workflow of " + key + " offers no transition to a status of category " + category}}
}

// ADF is text as an Atlassian Document Format document, one paragraph per
// block of lines separated by a blank line, which is what Jira Cloud's
// REST v3 takes for a description.
func ADF(text string) map[string]any {
	content := []any{}
	for _, para := range strings.Split(strings.ReplaceAll(text, "\r\n", "\n"), "\n\n") {
		para = strings.TrimSpace(para)
		if para == "" {
			continue
		}
		var inline []any
		for i, line := range strings.Split(para, "\n") {
			if i > 0 {
				inline = append(inline, map[string]any{"type": "hardBreak"})
			}
			if line != "" {
				inline = append(inline, map[string]any{"type": "text", "text": line})
			}
		}
		content = append(content, map[string]any{"type": "paragraph", "content": inline})
	}
	return map[string]any{"type": "doc", "version": 1, "content": content}
}
