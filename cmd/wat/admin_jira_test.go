package main

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/wat-dev/wat/jira"
	"github.com/wat-dev/wat/jira/jiratest"
)

// TestAdminJira connects an account to a fake Jira of each flavour,
// refuses what cannot work with a message saying what is missing, and
// disconnects.
func TestAdminJira(t *testing.T) {
	_, a := newDataDir(t)
	var accts listedAccounts
	a.do(t, &accts, "list-accounts")
	account := accts.Accounts[0].AccountId
	dir := t.TempDir()
	write := func(name, text string) string {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, []byte(text+"\n"), 0o600); err != nil {
			t.Fatal(err)
		}
		return p
	}
	cloudToken, pat, wrong := write("token", jiratest.Token), write("pat", jiratest.PAT), write("wrong", "nope")

	cloud := jiratest.New(t, jira.Cloud)
	var st jiraStatus
	a.do(t, &st, "jira-connect", "--account", account, "--url", cloud.URL, "--email", jiratest.Email, "--token-file", cloudToken)
	if st.IntegrationStatus != "CONFIGURED" || st.Subdomain != "127.0.0.1" || st.JiraProjectKey != "WA" {
		t.Errorf("jira-connect (Cloud) printed %+v", st)
	}

	dc := jiratest.New(t, jira.DataCenter)
	dc.AddProject("OPS", "Epic", "Story", "Sub-task")
	a.do(t, &st, "jira-connect", "--account", account, "--url", dc.URL, "--pat-file", pat, "--project-key", "OPS")
	if st.IntegrationStatus != "CONFIGURED" || st.JiraProjectKey != "OPS" {
		t.Errorf("jira-connect (Data Center, a Scrum project) printed %+v", st)
	}

	dc.AddProject("BARE", "Task")
	a.fail(t, 1, []string{"BARE", "Epic", "Sub-task"}, "jira-connect", "--account", account, "--url", dc.URL, "--pat-file", pat, "--project-key", "BARE")
	a.fail(t, 1, []string{"credentials were refused"}, "jira-connect", "--account", account, "--url", dc.URL, "--pat-file", wrong)
	a.fail(t, 1, []string{"no project NOPE"}, "jira-connect", "--account", account, "--url", dc.URL, "--pat-file", pat, "--project-key", "NOPE")
	a.fail(t, 2, []string{"--email"}, "jira-connect", "--account", account, "--url", cloud.URL, "--token-file", cloudToken)
	a.fail(t, 2, []string{"--pat-file"}, "jira-connect", "--account", account, "--url", cloud.URL)

	st = jiraStatus{}
	a.do(t, &st, "jira-disconnect", "--account", account)
	if st.IntegrationStatus != "NOT_CONFIGURED" || st.Subdomain != "" {
		t.Errorf("jira-disconnect printed %+v", st)
	}
}
