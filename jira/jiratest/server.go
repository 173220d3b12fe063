// Package jiratest is a stateful fake Jira for tests: an httptest server
// answering the REST calls package jira makes, in the Cloud (v3) or Data
// Center (v2) flavour, with Jira's rules where a sync could break them:
// authentication, required fields, the issue types of each project, the
// parent of a Sub-task (a Task) and of a Task (an Epic), labels without
// spaces, workflow transitions and paged search. It can be told to answer
// 429 with Retry-After, or 503, to the next calls, and delivers webhooks
// of the changes a test makes as a person would (webhook.go).
//
// It is a model of the documented API, not of Jira: the real Jira could
// not be run where this was written.
package jiratest

import (
	"encoding/base64"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"sort"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/wat-dev/wat/jira"
)

// Credentials of the fake's one user.
const (
	Email = "robot@example.com"
	Token = "fake-api-token"
	PAT   = "fake-personal-access-token"
)

// Data Center's Epic custom fields, as the fake numbers them.
const (
	epicLinkField = "customfield_10014"
	epicNameField = "customfield_10011"
)

// Server is a running fake Jira.
type Server struct {
	*httptest.Server
	Flavor jira.Flavor
	// PageSize bounds the issues of one search page (50 by default), so a
	// test can make a sync read several.
	PageSize int
	// Latency delays every answer, as a distant or loaded Jira would; set
	// it before the first call.
	Latency time.Duration

	mu       sync.Mutex
	projects map[string]*project
	issues   map[string]*Issue // by key
	nextID   int
	faults   []fault
	calls    map[string]int
	// webhook is the registered webhook's URL (webhook.go).
	webhook    string
	deliveries []Delivery
}

type project struct {
	id, key string
	types   []jira.IssueType
	seq     int
}

type fault struct {
	status     int
	retryAfter string
}

// New starts a fake of the given flavour with the project WA (Epic, Task,
// Sub-task), stopped when the test ends.
func New(t testing.TB, flavor jira.Flavor) *Server {
	t.Helper()
	s := Start(flavor)
	t.Cleanup(s.Close)
	return s
}

// Start starts a fake like New for a program that is not a Go test (the
// browser tests' fakejira command); the caller closes it.
func Start(flavor jira.Flavor) *Server {
	s := &Server{Flavor: flavor, PageSize: 50, projects: map[string]*project{}, issues: map[string]*Issue{}, calls: map[string]int{}}
	s.AddProject("WA", "Epic", "Task", "Sub-task")
	s.Server = httptest.NewServer(http.HandlerFunc(s.serve))
	return s
}

// AddProject adds (or replaces) a project offering the named issue types;
// "Sub-task" is a sub-task type, any other a standard one.
func (s *Server) AddProject(key string, types ...string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	p := &project{id: strconv.Itoa(10000 + len(s.projects)), key: key}
	for i, name := range types {
		p.types = append(p.types, jira.IssueType{ID: strconv.Itoa(10001 + i), Name: name, Subtask: name == "Sub-task"})
	}
	s.projects[key] = p
}

// FailNext makes the next n calls answer status (429 or 5xx), with the
// Retry-After header when retryAfter is not empty.
func (s *Server) FailNext(n, status int, retryAfter string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	for range n {
		s.faults = append(s.faults, fault{status, retryAfter})
	}
}

// Calls returns how many requests matched "METHOD /path-pattern" (issue
// keys in paths become {key}), e.g. "POST /issue".
func (s *Server) Calls(pattern string) int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.calls[pattern]
}

func (s *Server) serve(w http.ResponseWriter, r *http.Request) {
	time.Sleep(s.Latency)
	s.mu.Lock()
	defer s.mu.Unlock()
	prefix := "/rest/api/3"
	if s.Flavor == jira.DataCenter {
		prefix = "/rest/api/2"
	}
	path, ok := strings.CutPrefix(r.URL.Path, prefix)
	if !ok {
		fail(w, http.StatusNotFound, "no such API here: "+r.URL.Path)
		return
	}
	if !s.authorized(r) {
		fail(w, http.StatusUnauthorized, "Client must be authenticated to access this resource.")
		return
	}
	parts := strings.Split(strings.Trim(path, "/"), "/")
	pattern := r.Method + " /" + parts[0]
	if len(parts) > 1 {
		pattern += "/{key}"
		if len(parts) > 2 {
			pattern += "/" + strings.Join(parts[2:], "/")
		}
	}
	if parts[0] == "search" && len(parts) == 2 {
		pattern = r.Method + " /search/" + parts[1]
	}
	s.calls[pattern]++
	if len(s.faults) > 0 {
		f := s.faults[0]
		s.faults = s.faults[1:]
		if f.retryAfter != "" {
			w.Header().Set("Retry-After", f.retryAfter)
		}
		fail(w, f.status, "fault injected by the test")
		return
	}
	s.route(w, r, pattern, parts)
}

// authorized checks basic e-mail:token on Cloud, a bearer PAT on Data
// Center: each flavour refuses the other's scheme.
func (s *Server) authorized(r *http.Request) bool {
	h := r.Header.Get("Authorization")
	if s.Flavor == jira.DataCenter {
		return h == "Bearer "+PAT
	}
	return h == "Basic "+base64.StdEncoding.EncodeToString([]byte(Email+":"+Token))
}

func (s *Server) route(w http.ResponseWriter, r *http.Request, pattern string, parts []string) {
	switch pattern {
	case "GET /myself":
		if s.Flavor == jira.Cloud {
			reply(w, http.StatusOK, map[string]string{"accountId": "5b10a2844c20165700ede21g", "displayName": "Robot", "emailAddress": Email})
		} else {
			reply(w, http.StatusOK, map[string]string{"name": "robot", "key": "robot", "displayName": "Robot"})
		}
	case "GET /project/{key}":
		p := s.projects[parts[1]]
		if p == nil {
			fail(w, http.StatusNotFound, "No project could be found with key '"+parts[1]+"'.")
			return
		}
		reply(w, http.StatusOK, map[string]any{"id": p.id, "key": p.key, "name": p.key, "issueTypes": p.types})
	case "GET /field":
		if s.Flavor != jira.DataCenter {
			fail(w, http.StatusNotFound, "the fake serves fields on Data Center only")
			return
		}
		reply(w, http.StatusOK, []map[string]any{
			{"id": "summary", "name": "Summary", "custom": false},
			{"id": epicLinkField, "name": "Epic Link", "custom": true, "schema": map[string]string{"custom": "com.pyxis.greenhopper.jira:gh-epic-link"}},
			{"id": epicNameField, "name": "Epic Name", "custom": true, "schema": map[string]string{"custom": "com.pyxis.greenhopper.jira:gh-epic-label"}},
		})
	case "POST /issue":
		s.create(w, r)
	case "GET /issue/{key}":
		if is := s.issues[parts[1]]; is != nil {
			reply(w, http.StatusOK, s.view(is))
		} else {
			fail(w, http.StatusNotFound, "Issue does not exist or you do not have permission to see it.")
		}
	case "PUT /issue/{key}":
		s.update(w, r, parts[1])
	case "GET /issue/{key}/transitions", "POST /issue/{key}/transitions":
		s.transitions(w, r, parts[1])
	case "POST /search/jql":
		s.search(w, r, true)
	case "POST /search":
		s.search(w, r, false)
	default:
		fail(w, http.StatusNotFound, "the fake does not serve "+pattern)
	}
}

// Issues returns a copy of every issue, in creation order.
func (s *Server) Issues() []Issue {
	s.mu.Lock()
	defer s.mu.Unlock()
	out := make([]Issue, 0, len(s.issues))
	for _, is := range s.issues {
		c := *is
		c.Labels = append([]string(nil), is.Labels...)
		out = append(out, c)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].id < out[j].id })
	return out
}

func reply(w http.ResponseWriter, status int, v any) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	_ = json.NewEncoder(w).Encode(v)
}

func fail(w http.ResponseWriter, status int, msg string) {
	reply(w, status, map[string]any{"errorMessages": []string{msg}, "errors": map[string]string{}})
}

func failFields(w http.ResponseWriter, errs map[string]string) {
	reply(w, http.StatusBadRequest, map[string]any{"errorMessages": []string{}, "errors": errs})
}
