package jira_test

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/wat-dev/wat/jira"
	"github.com/wat-dev/wat/jira/jiratest"
)

func client(t *testing.T, fake *jiratest.Server, token string) *jira.Client {
	t.Helper()
	cfg := jira.Config{BaseURL: fake.URL, Flavor: fake.Flavor, Token: token, Backoff: time.Millisecond}
	if fake.Flavor == jira.Cloud {
		cfg.Email = jiratest.Email
	}
	c, err := jira.New(cfg)
	if err != nil {
		t.Fatal(err)
	}
	return c
}

func token(f jira.Flavor) string {
	if f == jira.Cloud {
		return jiratest.Token
	}
	return jiratest.PAT
}

// TestClient creates an Epic, a Task and a Sub-task on each flavour,
// searches them over several pages, and moves one to done.
func TestClient(t *testing.T) {
	for _, f := range []jira.Flavor{jira.Cloud, jira.DataCenter} {
		t.Run(string(f), func(t *testing.T) {
			ctx := context.Background()
			fake := jiratest.New(t, f)
			fake.PageSize = 2
			c := client(t, fake, token(f))
			if _, err := c.Myself(ctx); err != nil {
				t.Fatal(err)
			}
			p, err := c.Project(ctx, "WA")
			if err != nil {
				t.Fatal(err)
			}
			ty, err := p.SyncTypes()
			if err != nil {
				t.Fatal(err)
			}
			epic, err := c.CreateIssue(ctx, jira.IssueInput{Project: "WA", Type: ty.Epic, Epic: true, Summary: "E", Labels: []string{"w"}})
			if err != nil {
				t.Fatal(err)
			}
			task, err := c.CreateIssue(ctx, jira.IssueInput{Project: "WA", Type: ty.Task, Summary: "T", Description: "a\n\nb", Labels: []string{"w"}, Parent: epic.Key})
			if err != nil {
				t.Fatal(err)
			}
			sub, err := c.CreateIssue(ctx, jira.IssueInput{Project: "WA", Type: ty.Subtask, Summary: "S", Labels: []string{"w"}, Parent: task.Key})
			if err != nil {
				t.Fatal(err)
			}
			if _, err := c.Transition(ctx, sub.Key, jira.CategoryDone); err != nil {
				t.Fatal(err)
			}
			found, err := c.Search(ctx, `project = "WA" AND labels = "w" ORDER BY key`)
			if err != nil {
				t.Fatal(err)
			}
			if len(found) != 3 || found[1].Parent != epic.Key || found[2].Parent != task.Key || !found[2].Done || found[1].Done {
				t.Fatalf("search over pages of 2 = %+v", found)
			}
			// Cloud's document has a paragraph per block; Data Center
			// keeps the text.
			want := map[jira.Flavor]string{jira.Cloud: "a\nb", jira.DataCenter: "a\n\nb"}[f]
			if d := fake.Issues()[1].Description; d != want {
				t.Errorf("the task's description reads %q in Jira, want %q", d, want)
			}
		})
	}
}

// TestClientRefusals: what the fake refuses, as Jira does, comes back with
// Jira's words.
func TestClientRefusals(t *testing.T) {
	ctx := context.Background()
	fake := jiratest.New(t, jira.Cloud)
	c := client(t, fake, jiratest.Token)
	p, _ := c.Project(ctx, "WA")
	ty, _ := p.SyncTypes()
	for name, in := range map[string]jira.IssueInput{
		"spaces in a label":       {Project: "WA", Type: ty.Task, Summary: "T", Labels: []string{"two words"}},
		"a sub-task alone":        {Project: "WA", Type: ty.Subtask, Summary: "S"},
		"no summary":              {Project: "WA", Type: ty.Task},
		"a task under a non-epic": {Project: "WA", Type: ty.Task, Summary: "T", Parent: "WA-99"},
	} {
		if _, err := c.CreateIssue(ctx, in); jira.StatusOf(err) != 400 {
			t.Errorf("%s: err = %v, want a 400", name, err)
		}
	}
	if _, err := client(t, fake, "wrong").Myself(ctx); jira.StatusOf(err) != 401 {
		t.Errorf("a wrong token: err = %v, want a 401", err)
	}
	fake.AddProject("KAN", "Task", "Sub-task")
	p, err := c.Project(ctx, "KAN")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := p.SyncTypes(); err == nil || !strings.Contains(err.Error(), "Epic") {
		t.Errorf("a project without Epic: err = %v", err)
	}
}

// TestClientRetries rides out 429 with Retry-After and 503, and gives up
// after its bound.
func TestClientRetries(t *testing.T) {
	ctx := context.Background()
	fake := jiratest.New(t, jira.DataCenter)
	c := client(t, fake, jiratest.PAT)
	fake.FailNext(1, 429, "0")
	fake.FailNext(2, 503, "")
	if _, err := c.Myself(ctx); err != nil {
		t.Fatalf("after a 429 and two 503: %v", err)
	}
	if n := fake.Calls("GET /myself"); n != 4 {
		t.Errorf("%d calls, want 4", n)
	}
	fake.FailNext(5, 503, "")
	if _, err := c.Myself(ctx); jira.StatusOf(err) != 503 {
		t.Errorf("after 5 503s: err = %v, want the 503", err)
	}
	fake.FailNext(1, 429, "3600")
	if _, err := c.Myself(ctx); jira.StatusOf(err) != 429 {
		t.Errorf("a Retry-After of an hour: err = %v, want the 429 at once", err)
	}
}
