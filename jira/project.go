package jira

import (
	"context"
	"fmt"
	"net/url"
	"strings"
)

// User is the account a client authenticates as.
type User struct {
	// ID is the accountId on Cloud, the user name on Data Center.
	ID          string
	DisplayName string
}

// Myself returns the user the credentials belong to: the cheapest call
// that proves them.
func (c *Client) Myself(ctx context.Context) (*User, error) {
	var out struct {
		AccountID   string `json:"accountId"`
		Name        string `json:"name"`
		DisplayName string `json:"displayName"`
	}
	if err := c.call(ctx, "GET", "/myself", nil, &out, true); err != nil {
		return nil, err
	}
	u := &User{ID: out.AccountID, DisplayName: out.DisplayName}
	if u.ID == "" {
		u.ID = out.Name
	}
	return u, nil
}

// IssueType is one type of issue a project offers.
type IssueType struct {
	ID      string `json:"id"`
	Name    string `json:"name"`
	Subtask bool   `json:"subtask"`
}

// Project is a project with the issue types it offers.
type Project struct {
	ID         string      `json:"id"`
	Key        string      `json:"key"`
	Name       string      `json:"name"`
	IssueTypes []IssueType `json:"issueTypes"`
}

// Project returns the project with the given key.
func (c *Client) Project(ctx context.Context, key string) (*Project, error) {
	var p Project
	if err := c.call(ctx, "GET", "/project/"+url.PathEscape(key), nil, &p, true); err != nil {
		return nil, err
	}
	return &p, nil
}

// Types are the issue types a sync creates in one project.
type Types struct {
	Epic IssueType
	// Task is the project's Task type, or its Story in a Scrum project
	// that has no Task.
	Task    IssueType
	Subtask IssueType
}

// SyncTypes picks the issue types a sync needs from the project's, or
// says which are missing, all at once.
func (p *Project) SyncTypes() (Types, error) {
	var (
		t                      Types
		epic, task, story, sub bool
	)
	for _, it := range p.IssueTypes {
		switch {
		case it.Subtask:
			// Sub-task is the default name; a project may have renamed
			// it, and it has only one sub-task type in practice.
			if !sub || strings.EqualFold(it.Name, "Sub-task") || strings.EqualFold(it.Name, "Subtask") {
				t.Subtask, sub = it, true
			}
		case strings.EqualFold(it.Name, "Epic"):
			t.Epic, epic = it, true
		case strings.EqualFold(it.Name, "Task"):
			t.Task, task = it, true
		case strings.EqualFold(it.Name, "Story") && !task:
			t.Task, story = it, true
		}
	}
	var missing []string
	if !epic {
		missing = append(missing, "Epic")
	}
	if !task && !story {
		missing = append(missing, "Task (or Story)")
	}
	if !sub {
		missing = append(missing, "Sub-task")
	}
	if len(missing) > 0 {
		return Types{}, fmt.Errorf("project %s lacks the issue types %s: add them to its issue type scheme",
			p.Key, strings.Join(missing, ", "))
	}
	return t, nil
}

// epicFields finds, on Data Center, the custom fields that link an issue
// to its Epic and name an Epic (Jira Software's "Epic Link" and "Epic
// Name"), by their schema, since their ids differ per site. Cloud links
// with the parent field and needs neither.
func (c *Client) epicFields(ctx context.Context) (link, name string, err error) {
	if c.cfg.Flavor != DataCenter {
		return "", "", nil
	}
	c.fieldsMu.Lock()
	defer c.fieldsMu.Unlock()
	if c.epicLink != "" {
		return c.epicLink, c.epicName, nil
	}
	var fields []struct {
		ID     string `json:"id"`
		Schema struct {
			Custom string `json:"custom"`
		} `json:"schema"`
	}
	if err := c.call(ctx, "GET", "/field", nil, &fields, true); err != nil {
		return "", "", err
	}
	for _, f := range fields {
		switch f.Schema.Custom {
		case "com.pyxis.greenhopper.jira:gh-epic-link":
			link = f.ID
		case "com.pyxis.greenhopper.jira:gh-epic-label":
			name = f.ID
		}
	}
	if link == "" || name == "" {
		return "", "", fmt.Errorf("this Jira has no Epic Link or Epic Name field: is Jira Software installed?")
	}
	c.epicLink, c.epicName = link, name
	return link, name, nil
}
