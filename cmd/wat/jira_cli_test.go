package main

import (
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/wat-dev/wat/jira"
	"github.com/wat-dev/wat/jira/jiratest"
	"github.com/wat-dev/wat/service"
)

// TestJiraAWSCLI drives the Jira sync of a running `wat serve` with the real
// AWS CLI and a fake Jira Cloud: the account set to AUTO by
// update-global-settings, an answer synced to Jira by the server's own
// worker, a Sub-task completed in Jira coming back through the webhook
// jira-connect printed, and update-integration.
func TestJiraAWSCLI(t *testing.T) {
	if _, err := exec.LookPath("aws"); err != nil {
		if os.Getenv("CI") != "" {
			t.Fatal("the aws CLI is not installed; make test installs it")
		}
		t.Skip("aws CLI not installed")
	}
	dir, a := newDataDir(t)
	var accts listedAccounts
	a.do(t, &accts, "list-accounts")
	account := accts.Accounts[0].AccountId
	token := filepath.Join(t.TempDir(), "token")
	if err := os.WriteFile(token, []byte(jiratest.Token+"\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	fake := jiratest.New(t, jira.Cloud)
	var st jiraStatus
	a.do(t, &st, "jira-connect", "--account", account, "--url", fake.URL, "--email", jiratest.Email, "--token-file", token)
	if !strings.HasPrefix(st.WebhookSecret, "whj_") || st.WebhookPath != "/integrations/jira/webhook/"+account {
		t.Fatalf("jira-connect printed %+v: want the webhook's secret and path", st)
	}

	w := MustRunMain(t, nil, "--listen", "127.0.0.1:0", "--data-dir", dir, "--jira-poll", "100ms")
	awsCLI(t, w, dir, nil, "update-global-settings", "--jira-configuration", "IssueManagementStatus=ENABLED,IssueManagementType=AUTO")
	var created struct{ WorkloadId string }
	awsCLI(t, w, dir, &created, "create-workload", "--workload-name", "Checkout", "--description", "Payments",
		"--environment", "PRODUCTION", "--aws-regions", "us-east-1", "--review-owner", "team@example.com", "--lenses", "wellarchitected")
	id := created.WorkloadId
	awsCLI(t, w, dir, nil, "update-answer", "--workload-id", id, "--lens-alias", "wellarchitected",
		"--question-id", "priorities", "--selected-choices", "ops_priorities_ext_cust_needs", "ops_priorities_int_cust_needs")

	q, _ := service.NewCatalog().Framework().Lens.Question("priorities")
	title := ""
	for _, c := range q.Choices {
		if c.ID == "ops_priorities_governance_reqs" {
			title = strings.Join(strings.Fields(c.Title), " ")
		}
	}
	var sub jiratest.Issue
	waitFor(t, "the worker to sync the answer to Jira", func() bool {
		for _, is := range fake.Issues() {
			if is.Subtask && is.Summary == title {
				sub = is
				return true
			}
		}
		return false
	})

	fake.SetWebhook(w.Endpoint + st.WebhookPath + "?secret=" + st.WebhookSecret)
	fake.SetStatus(sub.Key, "Done")
	waitFor(t, "the Sub-task completed in Jira to select its practice", func() bool {
		var got struct {
			Answer struct{ SelectedChoices []string }
		}
		awsCLI(t, w, dir, &got, "get-answer", "--workload-id", id, "--lens-alias", "wellarchitected", "--question-id", "priorities")
		return slices.Contains(got.Answer.SelectedChoices, "ops_priorities_governance_reqs")
	})
	if d := fake.Deliveries(); len(d) != 1 || d[0].Status != 204 {
		t.Errorf("the webhook's deliveries: %+v", d)
	}
	created0 := fake.Calls("POST /issue")
	awsCLI(t, w, dir, nil, "update-integration", "--workload-id", id, "--integrating-service", "JIRA", "--client-request-token", "sync-1")
	if fake.Calls("POST /issue") != created0 {
		t.Errorf("update-integration after the worker's syncs created issues again")
	}
}

// waitFor polls cond for up to 20 s.
func waitFor(t *testing.T, what string, cond func() bool) {
	t.Helper()
	deadline := time.Now().Add(20 * time.Second)
	for !cond() {
		if time.Now().After(deadline) {
			t.Fatalf("timed out waiting for %s", what)
		}
		time.Sleep(100 * time.Millisecond)
	}
}
