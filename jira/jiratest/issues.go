package jiratest

import (
	"encoding/json"
	"net/http"
	"strconv"
	"strings"

	"github.com/wat-dev/wat/jira"
)

// Issue is an issue as the fake keeps it.
type Issue struct {
	Key     string
	Project string
	Type    string // the issue type's name
	Subtask bool
	Summary string
	// Description is the text of the description: a Cloud document's text
	// nodes, one paragraph a line.
	Description string
	Labels      []string
	// Parent is a Sub-task's Task or a Task's Epic.
	Parent string
	Status string // To Do, In Progress or Done

	id int
}

// The workflow every issue follows: any status to any other.
var statuses = []struct{ id, name, category, transition string }{
	{"1", "To Do", jira.CategoryToDo, "11"},
	{"3", "In Progress", jira.CategoryInProgress, "21"},
	{"10001", "Done", jira.CategoryDone, "31"},
}

// SetStatus moves an issue to a status of the workflow, as a person would
// in Jira's pages.
func (s *Server) SetStatus(key, status string) {
	s.mu.Lock()
	if is := s.issues[key]; is != nil {
		is.Status = status
	}
	s.mu.Unlock()
	s.deliver("jira:issue_updated", key)
}

// SetLabels replaces an issue's labels, as a person would in Jira's pages.
func (s *Server) SetLabels(key string, labels ...string) {
	s.mu.Lock()
	if is := s.issues[key]; is != nil {
		is.Labels = labels
	}
	s.mu.Unlock()
	s.deliver("jira:issue_updated", key)
}

// Delete removes an issue and its Sub-tasks, as Jira's pages do.
func (s *Server) Delete(key string) {
	s.mu.Lock()
	var gone []string
	for k, is := range s.issues {
		if k == key || (is.Subtask && is.Parent == key) {
			delete(s.issues, k)
			gone = append(gone, k)
		}
	}
	s.mu.Unlock()
	for _, k := range gone {
		s.deliver("jira:issue_deleted", k)
	}
}

// create is POST /issue, refusing what Jira refuses, every problem at once
// as Jira does.
func (s *Server) create(w http.ResponseWriter, r *http.Request) {
	var body struct {
		Fields map[string]json.RawMessage `json:"fields"`
	}
	if err := json.NewDecoder(r.Body).Decode(&body); err != nil || body.Fields == nil {
		fail(w, http.StatusBadRequest, "The request body is not a JSON object with fields.")
		return
	}
	errs := map[string]string{}
	is := &Issue{Status: "To Do"}
	var ref struct {
		ID  string `json:"id"`
		Key string `json:"key"`
	}
	_ = json.Unmarshal(body.Fields["project"], &ref)
	p := s.projects[ref.Key]
	if p == nil {
		errs["project"] = "Specify a valid project ID or key"
	}
	ref.ID = ""
	_ = json.Unmarshal(body.Fields["issuetype"], &ref)
	if p != nil {
		is.Project = p.key
		for _, t := range p.types {
			if t.ID == ref.ID {
				is.Type, is.Subtask = t.Name, t.Subtask
			}
		}
		if is.Type == "" {
			errs["issuetype"] = "Specify an issue type"
		}
	}
	s.fields(body.Fields, is, errs, true)
	if len(errs) == 0 {
		s.parentRules(body.Fields, is, errs)
	}
	if len(errs) > 0 {
		failFields(w, errs)
		return
	}
	p.seq++
	s.nextID++
	is.id = 10000 + s.nextID
	is.Key = p.key + "-" + strconv.Itoa(p.seq)
	s.issues[is.Key] = is
	reply(w, http.StatusCreated, map[string]string{"id": strconv.Itoa(is.id), "key": is.Key, "self": s.URL + "/issue/" + is.Key})
}

// fields reads summary, description and labels into is; other fields are
// refused unless create allows them.
func (s *Server) fields(f map[string]json.RawMessage, is *Issue, errs map[string]string, create bool) {
	for name := range f {
		switch name {
		case "summary", "description", "labels":
		case "project", "issuetype", "parent":
			if !create {
				errs[name] = "Field '" + name + "' cannot be set. It is not on the appropriate screen, or unknown."
			}
		case epicLinkField, epicNameField:
			if !create || s.Flavor != jira.DataCenter {
				errs[name] = "Field '" + name + "' cannot be set. It is not on the appropriate screen, or unknown."
			}
		default:
			errs[name] = "Field '" + name + "' cannot be set. It is not on the appropriate screen, or unknown."
		}
	}
	if raw, ok := f["summary"]; ok || create {
		var summary string
		if json.Unmarshal(raw, &summary) != nil || strings.TrimSpace(summary) == "" {
			errs["summary"] = "You must specify a summary of the issue."
		} else if len(summary) > 255 || strings.ContainsAny(summary, "\r\n") {
			errs["summary"] = "Summary must be less than 255 characters and on one line."
		}
		is.Summary = summary
	}
	if raw, ok := f["description"]; ok {
		text, good := s.description(raw)
		if !good {
			errs["description"] = "Operation value must be an Atlassian Document (see the Atlassian Document Format)"
			if s.Flavor == jira.DataCenter {
				errs["description"] = "Operation value must be a string"
			}
		}
		is.Description = text
	}
	if raw, ok := f["labels"]; ok {
		var labels []string
		if json.Unmarshal(raw, &labels) != nil {
			errs["labels"] = "Operation value must be an array of strings"
		}
		for _, l := range labels {
			if l == "" || strings.ContainsAny(l, " \t\r\n") || len(l) > 255 {
				errs["labels"] = "The label '" + l + "' contains spaces which is invalid."
			}
		}
		is.Labels = labels
	}
}

// description reads a description in the flavour's format: a string on
// Data Center, an ADF document on Cloud's v3.
func (s *Server) description(raw json.RawMessage) (string, bool) {
	if s.Flavor == jira.DataCenter {
		var text string
		return text, json.Unmarshal(raw, &text) == nil
	}
	var doc struct {
		Type    string `json:"type"`
		Version int    `json:"version"`
		Content []struct {
			Type    string `json:"type"`
			Content []struct {
				Type string `json:"type"`
				Text string `json:"text"`
			} `json:"content"`
		} `json:"content"`
	}
	if json.Unmarshal(raw, &doc) != nil || doc.Type != "doc" || doc.Version != 1 {
		return "", false
	}
	var paras []string
	for _, p := range doc.Content {
		var b strings.Builder
		for _, n := range p.Content {
			switch n.Type {
			case "text":
				b.WriteString(n.Text)
			case "hardBreak":
				b.WriteString("\n")
			}
		}
		paras = append(paras, b.String())
	}
	return strings.Join(paras, "\n"), true
}

// parentRules: a Sub-task needs a parent Task in its project; on Cloud a
// Task's parent is an Epic; on Data Center a Task joins an Epic through
// Epic Link, and an Epic needs an Epic Name.
func (s *Server) parentRules(f map[string]json.RawMessage, is *Issue, errs map[string]string) {
	var parent struct {
		Key string `json:"key"`
	}
	_ = json.Unmarshal(f["parent"], &parent)
	var epicLink, epicName string
	_ = json.Unmarshal(f[epicLinkField], &epicLink)
	_ = json.Unmarshal(f[epicNameField], &epicName)
	link := func(field, key string, wantEpic bool) {
		p := s.issues[key]
		switch {
		case p == nil || p.Project != is.Project:
			errs[field] = "Could not find issue by id or key."
		case wantEpic && p.Type != "Epic":
			errs[field] = "The parent of a " + is.Type + " must be an Epic."
		case !wantEpic && (p.Subtask || p.Type == "Epic"):
			errs[field] = "A sub-task's parent must be a standard issue, not a " + p.Type + "."
		default:
			is.Parent = key
		}
	}
	switch {
	case is.Subtask:
		if parent.Key == "" {
			errs["parent"] = "A sub-task must have a parent issue."
			return
		}
		link("parent", parent.Key, false)
	case is.Type == "Epic":
		if parent.Key != "" || epicLink != "" {
			errs["parent"] = "An Epic cannot have a parent here."
		}
		if s.Flavor == jira.DataCenter && strings.TrimSpace(epicName) == "" {
			errs[epicNameField] = "Epic Name is required."
		}
	case s.Flavor == jira.DataCenter:
		if parent.Key != "" {
			errs["parent"] = "Could not set the parent of a non sub-task issue: use Epic Link."
		} else if epicLink != "" {
			link(epicLinkField, epicLink, true)
		}
	case parent.Key != "":
		link("parent", parent.Key, true)
	}
}

// update is PUT /issue/{key}: summary, description and labels only.
func (s *Server) update(w http.ResponseWriter, r *http.Request, key string) {
	is := s.issues[key]
	if is == nil {
		fail(w, http.StatusNotFound, "Issue does not exist or you do not have permission to see it.")
		return
	}
	var body struct {
		Fields map[string]json.RawMessage `json:"fields"`
	}
	if err := json.NewDecoder(r.Body).Decode(&body); err != nil {
		fail(w, http.StatusBadRequest, "The request body is not JSON.")
		return
	}
	errs := map[string]string{}
	c := *is
	s.fields(body.Fields, &c, errs, false)
	if len(errs) > 0 {
		failFields(w, errs)
		return
	}
	*is = c
	w.WriteHeader(http.StatusNoContent)
}
