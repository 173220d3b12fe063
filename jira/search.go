package jira

import (
	"context"
	"encoding/json"
	"net/url"
	"strings"
)

// Issue is what Search returns of an issue: what a sync compares.
type Issue struct {
	ID, Key string
	Summary string
	Type    string // the issue type's name
	Subtask bool
	// Parent is the key of a Sub-task's Task or of a Task's Epic ("" for
	// none).
	Parent string
	Labels []string
	Status string
	// Done tells that the status is in the "done" category, whatever the
	// workflow calls it.
	Done bool
}

// searchPage is the answer of either search call: Cloud's
// /search/jql pages with nextPageToken; Data Center's /search with
// startAt and total.
type searchPage struct {
	Issues        []rawIssue `json:"issues"`
	NextPageToken string     `json:"nextPageToken"`
	IsLast        *bool      `json:"isLast"`
	StartAt       int        `json:"startAt"`
	Total         int        `json:"total"`
}

type rawIssue struct {
	ID     string                     `json:"id"`
	Key    string                     `json:"key"`
	Fields map[string]json.RawMessage `json:"fields"`
}

// Search returns every issue the JQL query finds, reading every page.
func (c *Client) Search(ctx context.Context, jql string) ([]Issue, error) {
	link, _, err := c.epicFields(ctx)
	if err != nil {
		return nil, err
	}
	fields := []string{"summary", "issuetype", "parent", "labels", "status"}
	if link != "" {
		fields = append(fields, link)
	}
	var out []Issue
	token, startAt := "", 0
	for {
		body := map[string]any{"jql": jql, "fields": fields, "maxResults": 100}
		path := "/search"
		if c.cfg.Flavor == Cloud {
			// /search is gone from Cloud: /search/jql pages by token.
			path = "/search/jql"
			if token != "" {
				body["nextPageToken"] = token
			}
		} else {
			body["startAt"] = startAt
		}
		var page searchPage
		if err := c.call(ctx, "POST", path, body, &page, true); err != nil {
			return nil, err
		}
		for _, r := range page.Issues {
			out = append(out, issueOf(r, link))
		}
		if c.cfg.Flavor == Cloud {
			if page.NextPageToken == "" || (page.IsLast != nil && *page.IsLast) {
				return out, nil
			}
			token = page.NextPageToken
			continue
		}
		startAt = page.StartAt + len(page.Issues)
		if len(page.Issues) == 0 || startAt >= page.Total {
			return out, nil
		}
	}
}

// issueOf reads the fields Search asked for, link being Data Center's
// Epic Link field; a field Jira left out stays zero.
func issueOf(r rawIssue, link string) Issue {
	is := Issue{ID: r.ID, Key: r.Key}
	var (
		typ struct {
			Name    string `json:"name"`
			Subtask bool   `json:"subtask"`
		}
		parent struct {
			Key string `json:"key"`
		}
		status struct {
			Name           string `json:"name"`
			StatusCategory struct {
				Key string `json:"key"`
			} `json:"statusCategory"`
		}
		epic string
	)
	_ = json.Unmarshal(r.Fields["summary"], &is.Summary)
	_ = json.Unmarshal(r.Fields["labels"], &is.Labels)
	_ = json.Unmarshal(r.Fields["issuetype"], &typ)
	_ = json.Unmarshal(r.Fields["parent"], &parent)
	_ = json.Unmarshal(r.Fields["status"], &status)
	if link != "" {
		_ = json.Unmarshal(r.Fields[link], &epic)
	}
	is.Type, is.Subtask, is.Parent = typ.Name, typ.Subtask, parent.Key
	if is.Parent == "" {
		is.Parent = epic
	}
	is.Status, is.Done = status.Name, status.StatusCategory.Key == CategoryDone
	return is
}

// Quote is s as a JQL string literal.
func Quote(s string) string {
	return `"` + strings.NewReplacer(`\`, `\\`, `"`, `\"`).Replace(s) + `"`
}

// Issue returns one issue by key, with the fields Search reads; a 404
// (IsNotFound) when it was deleted or the user may not see it.
func (c *Client) Issue(ctx context.Context, key string) (*Issue, error) {
	link, _, err := c.epicFields(ctx)
	if err != nil {
		return nil, err
	}
	fields := "summary,issuetype,parent,labels,status"
	if link != "" {
		fields += "," + link
	}
	var r rawIssue
	if err := c.call(ctx, "GET", "/issue/"+url.PathEscape(key)+"?fields="+fields, nil, &r, true); err != nil {
		return nil, err
	}
	is := issueOf(r, link)
	return &is, nil
}
