package service

import (
	"context"
	"fmt"
	"net/url"
	"strings"

	"github.com/wat-dev/wat"
)

// JiraAccountView is the Jira part of an account's global settings.
type JiraAccountView struct {
	Settings *wat.JiraAccountSettings
	// Connected tells that the account has a Jira connection (the API's
	// IntegrationStatus CONFIGURED); Subdomain names its site.
	Connected bool
	Subdomain string
	// WebhookSecret is set by ConnectJira alone, the one time it is
	// shown: what Jira's webhook gives to be taken (JiraWebhook).
	WebhookSecret string
}

// JiraAccountUpdate is what UpdateGlobalSettings changes of the Jira
// settings: "" and nil keep a value. Disconnect removes the connection
// (IntegrationStatus NOT_CONFIGURED), keeping the settings.
type JiraAccountUpdate struct {
	IssueManagement string
	SyncType        string
	ProjectKey      *string
	Disconnect      bool
}

// JiraWorkloadUpdate is what CreateWorkload and UpdateWorkload change of
// a workload's Jira settings: "" and nil keep a value.
type JiraWorkloadUpdate struct {
	IssueManagement string
	SyncType        string
	ProjectKey      *string
}

// jiraAccountView reads the Jira part of accountID's settings.
func (s *Service) jiraAccountView(ctx context.Context, tx wat.Tx, accountID string) (*JiraAccountView, error) {
	st, err := tx.GetJiraAccountSettings(ctx, accountID)
	if err != nil {
		return nil, err
	}
	v := &JiraAccountView{Settings: st}
	c, err := tx.GetJiraConnection(ctx, accountID)
	switch {
	case err == nil:
		v.Connected, v.Subdomain = true, Subdomain(c.URL)
	case wat.ErrorCodeOf(err) != wat.ENotFound:
		return nil, err
	}
	return v, nil
}

// updateJiraAccount applies u to accountID's Jira settings in tx, and
// queues a push of each workload the change turns to AUTO sync; the
// caller has authorised UpdateGlobalSettings and locked the account.
func (s *Service) updateJiraAccount(ctx context.Context, tx wat.Tx, accountID string, u *JiraAccountUpdate) error {
	if u.Disconnect {
		if err := tx.DeleteJiraConnection(ctx, accountID); err != nil {
			return err
		}
	}
	if u.IssueManagement == "" && u.SyncType == "" && u.ProjectKey == nil {
		return nil
	}
	before, err := readJiraAccountState(ctx, tx, accountID)
	if err != nil {
		return err
	}
	st := *before.settings // a copy: before keeps the settings as they were
	if u.IssueManagement != "" {
		st.IssueManagement = u.IssueManagement
	}
	if u.SyncType != "" {
		st.SyncType = u.SyncType
	}
	if u.ProjectKey != nil {
		st.ProjectKey = *u.ProjectKey
	}
	st.UpdatedAt = s.nowUTC()
	if err := tx.PutJiraAccountSettings(ctx, &st); err != nil {
		return err
	}
	return s.enqueueJiraTurnedOn(ctx, tx, accountID, before, jiraAccountState{settings: &st, connected: before.connected})
}

// putWorkloadJira applies u to a workload's Jira settings in tx; the
// caller has authorised the change of the workload.
func (s *Service) putWorkloadJira(ctx context.Context, tx wat.Tx, workloadID string, u *JiraWorkloadUpdate) error {
	if u == nil {
		return nil
	}
	st, err := tx.GetJiraWorkloadSettings(ctx, workloadID)
	if err != nil {
		return err
	}
	if u.IssueManagement != "" {
		st.IssueManagement = u.IssueManagement
	}
	if u.SyncType != "" {
		st.SyncType = u.SyncType
	}
	if u.ProjectKey != nil {
		st.ProjectKey = *u.ProjectKey
	}
	st.UpdatedAt = s.nowUTC()
	return tx.PutJiraWorkloadSettings(ctx, st)
}

// workloadJira returns a workload's own Jira settings for the API to
// show, or nil when it never stored any: showing INHERIT then would claim
// a setting nobody made.
func (s *Service) workloadJira(ctx context.Context, tx wat.Tx, workloadID string) (*wat.JiraWorkloadSettings, error) {
	st, err := tx.GetJiraWorkloadSettings(ctx, workloadID)
	if err != nil || st.UpdatedAt.IsZero() {
		return nil, err
	}
	return st, nil
}

// jiraPlan is what a workload's settings resolve to: whether issue
// management is on, how it syncs and in which project.
type jiraPlan struct {
	enabled    bool
	syncType   string
	projectKey string
}

// resolveJira applies a workload's settings over its account's: INHERIT
// and empty values follow the account.
func resolveJira(a *wat.JiraAccountSettings, w *wat.JiraWorkloadSettings) jiraPlan {
	p := jiraPlan{enabled: a.IssueManagement == wat.JiraEnabled, syncType: a.SyncType, projectKey: a.ProjectKey}
	if w.IssueManagement != wat.JiraInherit && w.IssueManagement != "" {
		p.enabled = w.IssueManagement == wat.JiraEnabled
	}
	if w.SyncType != "" {
		p.syncType = w.SyncType
	}
	if w.ProjectKey != "" {
		p.projectKey = w.ProjectKey
	}
	if p.projectKey == "" {
		p.projectKey = wat.DefaultJiraProjectKey
	}
	return p
}

// Subdomain is what GetGlobalSettings shows of a Jira site: the site's
// name on Atlassian's cloud (acme for acme.atlassian.net), the host
// otherwise, cut to the API's 100 characters.
func Subdomain(site string) string {
	u, err := url.Parse(site)
	if err != nil {
		return ""
	}
	h := u.Hostname()
	if name, ok := strings.CutSuffix(h, ".atlassian.net"); ok {
		h = name
	}
	if len(h) > 100 {
		h = h[:100]
	}
	return h
}

// jiraError is how a Jira that cannot be used reaches a caller: the
// operation's cause, in words an operator can act on.
func jiraError(site string, err error) error {
	return &wat.Error{Code: wat.EInvalid, Reason: wat.ReasonOther,
		Message: fmt.Sprintf("Jira at %s: %v", site, err)}
}
