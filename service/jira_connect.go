package service

import (
	"context"
	"errors"
	"fmt"

	"github.com/wat-dev/wat"
	"github.com/wat-dev/wat/jira"
)

// JiraConnectInput is what an operator gives to connect an account to
// Jira: the site, and an e-mail address with an API token (Cloud) or a
// personal access token alone (Data Center).
type JiraConnectInput struct {
	AccountID string
	URL       string
	Flavor    jira.Flavor
	Email     string
	Token     string
	// ProjectKey becomes the account's project; the account's current
	// one (WA by default) when empty.
	ProjectKey string
}

// jiraClient returns a client of a stored connection.
func (s *Service) jiraClient(c *wat.JiraConnection) (*jira.Client, error) {
	return jira.New(jira.Config{BaseURL: c.URL, Flavor: jira.Flavor(c.Flavor), Email: c.Email, Token: c.Token})
}

// ConnectJira checks a Jira connection — the credentials (/myself), the
// project and its issue types (Epic, Task or Story, Sub-task) — and stores
// it for the account, its token encrypted, with a new webhook secret
// (encrypted too) that the view returned shows this once. It is an operator's command: it
// authorises nothing. Each failure says what is missing.
func (s *Service) ConnectJira(ctx context.Context, in JiraConnectInput) (*JiraAccountView, error) {
	c := &wat.JiraConnection{AccountID: in.AccountID, URL: in.URL, Flavor: string(in.Flavor), Email: in.Email, Token: in.Token,
		WebhookSecret: "whj_" + newID(24)}
	var st *wat.JiraAccountSettings
	err := s.store.View(ctx, func(tx wat.Tx) error {
		if _, err := tx.GetAccount(ctx, in.AccountID); err != nil {
			return err
		}
		var err error
		st, err = tx.GetJiraAccountSettings(ctx, in.AccountID)
		return err
	})
	if err != nil {
		return nil, fmt.Errorf("ConnectJira(%s): %w", in.AccountID, err)
	}
	key := in.ProjectKey
	if key == "" {
		key = st.ProjectKey
	}
	if !projectKeyPattern(key) {
		return nil, wat.Invalid("ProjectKey", "%q is not a Jira project key: upper-case letters, digits and _, starting with a letter", key)
	}
	client, err := s.jiraClient(c)
	if err != nil {
		return nil, wat.Invalid("URL", "%v", err)
	}
	if err := checkJira(ctx, client, key); err != nil {
		return nil, jiraError(in.URL, err)
	}
	var v *JiraAccountView
	err = s.store.Update(ctx, func(tx wat.Tx) error {
		if err := tx.LockAccount(ctx, in.AccountID); err != nil {
			return err
		}
		before, err := readJiraAccountState(ctx, tx, in.AccountID)
		if err != nil {
			return err
		}
		c.CreatedAt = s.nowUTC()
		if err := tx.PutJiraConnection(ctx, c); err != nil {
			return err
		}
		if err := s.updateJiraAccount(ctx, tx, in.AccountID, &JiraAccountUpdate{ProjectKey: &key}); err != nil {
			return err
		}
		v, err = s.jiraAccountView(ctx, tx, in.AccountID)
		if err != nil {
			return err
		}
		// A first connection turns on the account's AUTO workloads.
		after := jiraAccountState{settings: v.Settings, connected: v.Connected}
		return s.enqueueJiraTurnedOn(ctx, tx, in.AccountID, before, after)
	})
	if err != nil {
		return nil, fmt.Errorf("ConnectJira(%s): %w", in.AccountID, err)
	}
	v.WebhookSecret = c.WebhookSecret
	return v, nil
}

// checkJira proves a connection can sync into project key.
func checkJira(ctx context.Context, c *jira.Client, key string) error {
	if _, err := c.Myself(ctx); err != nil {
		if st := jira.StatusOf(err); st == 401 || st == 403 {
			return errors.New("the credentials were refused (401/403 on /myself): check the e-mail and token, or the personal access token")
		}
		return err
	}
	p, err := c.Project(ctx, key)
	if err != nil {
		if jira.IsNotFound(err) {
			return fmt.Errorf("no project %s, or the user may not see it: create it or give --project-key", key)
		}
		return err
	}
	_, err = p.SyncTypes()
	return err
}

// DisconnectJira removes an account's Jira connection, keeping the
// issues' links so a later connection to the same site finds them again.
// It is an operator's command: it authorises nothing.
func (s *Service) DisconnectJira(ctx context.Context, accountID string) (*JiraAccountView, error) {
	var v *JiraAccountView
	err := s.store.Update(ctx, func(tx wat.Tx) error {
		if _, err := tx.GetAccount(ctx, accountID); err != nil {
			return err
		}
		if err := tx.DeleteJiraConnection(ctx, accountID); err != nil {
			return err
		}
		var err error
		v, err = s.jiraAccountView(ctx, tx, accountID)
		return err
	})
	if err != nil {
		return nil, fmt.Errorf("DisconnectJira(%s): %w", accountID, err)
	}
	return v, nil
}

// projectKeyPattern is the API's ^[A-Z][A-Z0-9_]*$ for project keys, up
// to 100 characters.
func projectKeyPattern(k string) bool {
	if k == "" || len(k) > 100 || k[0] < 'A' || k[0] > 'Z' {
		return false
	}
	for _, r := range k {
		if !(r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || r == '_') {
			return false
		}
	}
	return true
}
