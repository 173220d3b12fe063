package main

import (
	"context"
	"flag"
	"os"
	"strings"

	"github.com/wat-dev/wat/jira"
	"github.com/wat-dev/wat/service"
)

// jiraStatus is what jira-connect and jira-disconnect print: the account's
// Jira settings as GetGlobalSettings shows them.
type jiraStatus struct {
	AccountId             string
	IntegrationStatus     string
	Subdomain             string `json:",omitempty"`
	IssueManagementStatus string
	IssueManagementType   string
	JiraProjectKey        string
	// WebhookSecret and WebhookPath are printed by jira-connect only, the
	// one time the secret is shown: Jira's webhook is registered as
	// https://WAT-HOST/integrations/jira/webhook/ACCOUNT?secret=SECRET.
	WebhookSecret string `json:",omitempty"`
	WebhookPath   string `json:",omitempty"`
}

func jiraStatusOut(accountID string, v *service.JiraAccountView) jiraStatus {
	out := jiraStatus{AccountId: accountID, IntegrationStatus: "NOT_CONFIGURED", IssueManagementStatus: v.Settings.IssueManagement,
		IssueManagementType: v.Settings.SyncType, JiraProjectKey: v.Settings.ProjectKey}
	if v.Connected {
		out.IntegrationStatus, out.Subdomain = "CONFIGURED", v.Subdomain
	}
	return out
}

// defineJiraConnect is `wat admin jira-connect`: the token is read from a
// file, never from the command line, where other users of the machine
// and the shell's history would see it.
func defineJiraConnect(fs *flag.FlagSet) adminFunc {
	account := fs.String("account", "", "the account's ID")
	site := fs.String("url", "", "the Jira site, e.g. https://acme.atlassian.net")
	email := fs.String("email", "", "Jira Cloud: the e-mail address of the API token's user")
	tokenFile := fs.String("token-file", "", "Jira Cloud: a file holding the API token")
	patFile := fs.String("pat-file", "", "Jira Data Center: a file holding a personal access token")
	projectKey := fs.String("project-key", "", "the project issues go to (the account's, WA by default)")
	return func(ctx context.Context, svc *service.Service) (any, error) {
		if err := required("account", *account, "url", *site); err != nil {
			return nil, err
		}
		in := service.JiraConnectInput{AccountID: *account, URL: *site, ProjectKey: *projectKey}
		switch {
		case *tokenFile != "" && *patFile != "":
			return nil, usagef("give --token-file (Jira Cloud) or --pat-file (Jira Data Center), not both")
		case *tokenFile != "":
			if err := required("email", *email); err != nil {
				return nil, err
			}
			in.Flavor, in.Email = jira.Cloud, *email
		case *patFile != "":
			if *email != "" {
				return nil, usagef("--email goes with --token-file (Jira Cloud): a personal access token needs none")
			}
			in.Flavor = jira.DataCenter
		default:
			return nil, usagef("--token-file (Jira Cloud, with --email) or --pat-file (Jira Data Center) is required")
		}
		token, err := readToken(*tokenFile + *patFile)
		if err != nil {
			return nil, err
		}
		in.Token = token
		v, err := svc.ConnectJira(ctx, in)
		if err != nil {
			return nil, err
		}
		out := jiraStatusOut(*account, v)
		out.WebhookSecret, out.WebhookPath = v.WebhookSecret, "/integrations/jira/webhook/"+*account
		return out, nil
	}
}

// readToken reads a token file: its one line, without surrounding spaces.
func readToken(path string) (string, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return "", err
	}
	t := strings.TrimSpace(string(b))
	if t == "" || strings.ContainsAny(t, "\r\n") {
		return "", usagef("%s must hold the token alone, on one line", path)
	}
	return t, nil
}

// defineJiraDisconnect is `wat admin jira-disconnect`.
func defineJiraDisconnect(fs *flag.FlagSet) adminFunc {
	account := fs.String("account", "", "the account's ID")
	return func(ctx context.Context, svc *service.Service) (any, error) {
		if err := required("account", *account); err != nil {
			return nil, err
		}
		v, err := svc.DisconnectJira(ctx, *account)
		if err != nil {
			return nil, err
		}
		return jiraStatusOut(*account, v), nil
	}
}
