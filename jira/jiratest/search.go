package jiratest

import (
	"encoding/json"
	"net/http"
	"sort"
	"strconv"
	"strings"

	"github.com/wat-dev/wat/jira"
)

// transitions is GET (the transitions from the issue's status) and POST
// (take one) /issue/{key}/transitions.
func (s *Server) transitions(w http.ResponseWriter, r *http.Request, key string) {
	is := s.issues[key]
	if is == nil {
		fail(w, http.StatusNotFound, "Issue does not exist or you do not have permission to see it.")
		return
	}
	if r.Method == http.MethodGet {
		var ts []any
		for _, st := range statuses {
			if st.name == is.Status {
				continue
			}
			ts = append(ts, map[string]any{"id": st.transition, "name": st.name, "to": map[string]any{
				"id": st.id, "name": st.name, "statusCategory": map[string]string{"key": st.category},
			}})
		}
		reply(w, http.StatusOK, map[string]any{"transitions": ts})
		return
	}
	var body struct {
		Transition struct {
			ID string `json:"id"`
		} `json:"transition"`
	}
	_ = json.NewDecoder(r.Body).Decode(&body)
	for _, st := range statuses {
		if st.transition == body.Transition.ID && st.name != is.Status {
			is.Status = st.name
			w.WriteHeader(http.StatusNoContent)
			return
		}
	}
	fail(w, http.StatusBadRequest, "Transition id '"+body.Transition.ID+"' is not valid for this issue.")
}

// view is an issue as GET /issue and the searches return it.
func (s *Server) view(is *Issue) map[string]any {
	var typ jira.IssueType
	for _, t := range s.projects[is.Project].types {
		if t.Name == is.Type {
			typ = t
		}
	}
	f := map[string]any{
		"summary":   is.Summary,
		"issuetype": typ,
		"labels":    append([]string{}, is.Labels...),
		"project":   map[string]string{"key": is.Project},
	}
	for _, st := range statuses {
		if st.name == is.Status {
			f["status"] = map[string]any{"id": st.id, "name": st.name, "statusCategory": map[string]string{"key": st.category}}
		}
	}
	switch {
	case is.Parent == "":
	case s.Flavor == jira.DataCenter && !is.Subtask:
		f[epicLinkField] = is.Parent
	default:
		f["parent"] = map[string]string{"key": is.Parent, "id": strconv.Itoa(s.issues[is.Parent].idOr0())}
	}
	return map[string]any{"id": strconv.Itoa(is.id), "key": is.Key, "fields": f}
}

func (is *Issue) idOr0() int {
	if is == nil {
		return 0
	}
	return is.id
}

// search is Cloud's POST /search/jql (pages by token) or Data Center's
// POST /search (pages by startAt).
func (s *Server) search(w http.ResponseWriter, r *http.Request, cloud bool) {
	if cloud != (s.Flavor == jira.Cloud) {
		fail(w, http.StatusGone, "This search API is not available on this Jira.")
		return
	}
	var body struct {
		JQL           string `json:"jql"`
		MaxResults    int    `json:"maxResults"`
		NextPageToken string `json:"nextPageToken"`
		StartAt       int    `json:"startAt"`
	}
	if err := json.NewDecoder(r.Body).Decode(&body); err != nil {
		fail(w, http.StatusBadRequest, "The request body is not JSON.")
		return
	}
	match, err := parseJQL(body.JQL)
	if err != "" {
		fail(w, http.StatusBadRequest, err)
		return
	}
	var found []*Issue
	for _, is := range s.issues {
		if match(is) {
			found = append(found, is)
		}
	}
	sort.Slice(found, func(i, j int) bool { return found[i].id < found[j].id })
	start := body.StartAt
	if cloud && body.NextPageToken != "" {
		n, perr := strconv.Atoi(strings.TrimPrefix(body.NextPageToken, "page-"))
		if perr != nil {
			fail(w, http.StatusBadRequest, "The nextPageToken is invalid.")
			return
		}
		start = n
	}
	size := min(max(body.MaxResults, 1), s.PageSize)
	start = min(start, len(found))
	end := min(start+size, len(found))
	issues := []any{}
	for _, is := range found[start:end] {
		issues = append(issues, s.view(is))
	}
	if !cloud {
		reply(w, http.StatusOK, map[string]any{"startAt": start, "maxResults": size, "total": len(found), "issues": issues})
		return
	}
	out := map[string]any{"issues": issues, "isLast": end == len(found)}
	if end < len(found) {
		out["nextPageToken"] = "page-" + strconv.Itoa(end)
	}
	reply(w, http.StatusOK, out)
}

// parseJQL understands clauses `field = value` joined by AND, for the
// fields project, labels and parent, and ignores ORDER BY. Anything else is
// refused, so a client relying on more fails here instead of in Jira.
func parseJQL(q string) (func(*Issue) bool, string) {
	if i := strings.Index(strings.ToUpper(q), " ORDER BY "); i >= 0 {
		q = q[:i]
	}
	var tests []func(*Issue) bool
	for _, clause := range strings.Split(q, " AND ") {
		field, value, ok := strings.Cut(clause, "=")
		field, value = strings.ToLower(strings.TrimSpace(field)), strings.TrimSpace(value)
		if uq, err := strconv.Unquote(value); err == nil {
			value = uq
		}
		if !ok || value == "" {
			return nil, "Error in the JQL Query: cannot read " + strconv.Quote(clause) + "."
		}
		switch field {
		case "project":
			tests = append(tests, func(is *Issue) bool { return is.Project == value })
		case "labels":
			tests = append(tests, func(is *Issue) bool {
				for _, l := range is.Labels {
					if l == value {
						return true
					}
				}
				return false
			})
		case "parent":
			tests = append(tests, func(is *Issue) bool { return is.Parent == value })
		default:
			return nil, "Field '" + field + "' is not supported by the fake's JQL."
		}
	}
	return func(is *Issue) bool {
		for _, t := range tests {
			if !t(is) {
				return false
			}
		}
		return true
	}, ""
}
