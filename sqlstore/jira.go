package sqlstore

import (
	"context"
	"database/sql"
	"errors"
	"fmt"

	"github.com/wat-dev/wat"
)

// jiraTokenAD binds a sealed Jira token to its account: a token copied
// onto another account's row, or onto an access key's, does not decrypt.
func jiraTokenAD(accountID string) []byte { return []byte("wat jira token " + accountID) }

// jiraWebhookAD binds a sealed webhook secret to its account and use: the
// token's ciphertext does not open as the secret, nor the other way.
func jiraWebhookAD(accountID string) []byte { return []byte("wat jira webhook secret " + accountID) }

func jiraConnectionNotFound(accountID string) *wat.Error {
	return wat.NotFound("JIRA_CONNECTION", accountID, "Account %s has no Jira connection", accountID)
}

// GetJiraConnection returns an account's connection, its token decrypted.
func (t *tx) GetJiraConnection(ctx context.Context, accountID string) (*wat.JiraConnection, error) {
	var (
		c             wat.JiraConnection
		sealed, hooks []byte
	)
	err := t.queryRow(ctx, `SELECT account_id, url, flavor, email, token, webhook_secret, created_at FROM jira_connections
		WHERE account_id = ?`, accountID).
		Scan(&c.AccountID, &c.URL, &c.Flavor, &c.Email, &sealed, &hooks, timeScanner{&c.CreatedAt})
	if err != nil {
		return nil, fail("GetJiraConnection", accountID, err, outcomes{missing: jiraConnectionNotFound(accountID)})
	}
	if c.Token, err = t.db.sealer.openWith(jiraTokenAD(accountID), sealed); err != nil {
		return nil, fmt.Errorf("sqlstore: GetJiraConnection(%s): %w", accountID, err)
	}
	if len(hooks) > 0 {
		if c.WebhookSecret, err = t.db.sealer.openWith(jiraWebhookAD(accountID), hooks); err != nil {
			return nil, fmt.Errorf("sqlstore: GetJiraConnection(%s): the webhook secret: %w", accountID, err)
		}
	}
	return &c, nil
}

// PutJiraConnection inserts or replaces an account's connection, sealing
// its token and webhook secret.
func (t *tx) PutJiraConnection(ctx context.Context, c *wat.JiraConnection) error {
	hooks := []byte{}
	if c.WebhookSecret != "" {
		hooks = t.db.sealer.sealWith(jiraWebhookAD(c.AccountID), c.WebhookSecret)
	}
	_, err := t.exec(ctx, `INSERT INTO jira_connections (account_id, url, flavor, email, token, webhook_secret, created_at)
		VALUES (?, ?, ?, ?, ?, ?, ?)
		ON CONFLICT (account_id) DO UPDATE SET url = excluded.url, flavor = excluded.flavor,
			email = excluded.email, token = excluded.token, webhook_secret = excluded.webhook_secret,
			created_at = excluded.created_at`,
		c.AccountID, c.URL, c.Flavor, c.Email, t.db.sealer.sealWith(jiraTokenAD(c.AccountID), c.Token), hooks, timeValue(c.CreatedAt))
	if err != nil {
		return fail("PutJiraConnection", c.AccountID, err, outcomes{parent: accountNotFound(c.AccountID)})
	}
	return nil
}

// DeleteJiraConnection removes an account's connection; none is not an
// error, so disconnecting twice succeeds.
func (t *tx) DeleteJiraConnection(ctx context.Context, accountID string) error {
	if _, err := t.exec(ctx, `DELETE FROM jira_connections WHERE account_id = ?`, accountID); err != nil {
		return fail("DeleteJiraConnection", accountID, err, outcomes{})
	}
	return nil
}

// defaultJiraAccountSettings are an account's settings before it stores
// any: DISABLED, MANUAL, DefaultJiraProjectKey.
func defaultJiraAccountSettings(accountID string) *wat.JiraAccountSettings {
	return &wat.JiraAccountSettings{AccountID: accountID, IssueManagement: wat.JiraDisabled, SyncType: wat.JiraManual,
		ProjectKey: wat.DefaultJiraProjectKey}
}

// defaultJiraWorkloadSettings are a workload's settings before it stores
// any: INHERIT, everything from the account.
func defaultJiraWorkloadSettings(workloadID string) *wat.JiraWorkloadSettings {
	return &wat.JiraWorkloadSettings{WorkloadID: workloadID, IssueManagement: wat.JiraInherit}
}

// GetJiraAccountSettings returns an account's settings, the defaults when
// it never stored any.
func (t *tx) GetJiraAccountSettings(ctx context.Context, accountID string) (*wat.JiraAccountSettings, error) {
	s := defaultJiraAccountSettings(accountID)
	err := t.queryRow(ctx, `SELECT issue_management, sync_type, project_key, updated_at FROM jira_account_settings
		WHERE account_id = ?`, accountID).
		Scan(&s.IssueManagement, &s.SyncType, &s.ProjectKey, timeScanner{&s.UpdatedAt})
	if err != nil && !errors.Is(err, sql.ErrNoRows) {
		return nil, fail("GetJiraAccountSettings", accountID, err, outcomes{})
	}
	return s, nil
}

// PutJiraAccountSettings inserts or replaces an account's settings.
func (t *tx) PutJiraAccountSettings(ctx context.Context, s *wat.JiraAccountSettings) error {
	_, err := t.exec(ctx, `INSERT INTO jira_account_settings (account_id, issue_management, sync_type, project_key, updated_at)
		VALUES (?, ?, ?, ?, ?)
		ON CONFLICT (account_id) DO UPDATE SET issue_management = excluded.issue_management,
			sync_type = excluded.sync_type, project_key = excluded.project_key, updated_at = excluded.updated_at`,
		s.AccountID, s.IssueManagement, s.SyncType, s.ProjectKey, timeValue(s.UpdatedAt))
	if err != nil {
		return fail("PutJiraAccountSettings", s.AccountID, err, outcomes{parent: accountNotFound(s.AccountID)})
	}
	return nil
}

// GetJiraWorkloadSettings returns a workload's settings, INHERIT when it
// never stored any.
func (t *tx) GetJiraWorkloadSettings(ctx context.Context, workloadID string) (*wat.JiraWorkloadSettings, error) {
	s := defaultJiraWorkloadSettings(workloadID)
	err := t.queryRow(ctx, `SELECT issue_management, sync_type, project_key, updated_at FROM jira_workload_settings
		WHERE workload_id = ?`, workloadID).
		Scan(&s.IssueManagement, &s.SyncType, &s.ProjectKey, timeScanner{&s.UpdatedAt})
	if err != nil && !errors.Is(err, sql.ErrNoRows) {
		return nil, fail("GetJiraWorkloadSettings", workloadID, err, outcomes{})
	}
	return s, nil
}

// PutJiraWorkloadSettings inserts or replaces a workload's settings.
func (t *tx) PutJiraWorkloadSettings(ctx context.Context, s *wat.JiraWorkloadSettings) error {
	_, err := t.exec(ctx, `INSERT INTO jira_workload_settings (workload_id, issue_management, sync_type, project_key, updated_at)
		VALUES (?, ?, ?, ?, ?)
		ON CONFLICT (workload_id) DO UPDATE SET issue_management = excluded.issue_management,
			sync_type = excluded.sync_type, project_key = excluded.project_key, updated_at = excluded.updated_at`,
		s.WorkloadID, s.IssueManagement, s.SyncType, s.ProjectKey, timeValue(s.UpdatedAt))
	if err != nil {
		return fail("PutJiraWorkloadSettings", s.WorkloadID, err, outcomes{parent: workloadNotFound(s.WorkloadID)})
	}
	return nil
}

// GetJiraSelection returns a lens review's selection.
func (t *tx) GetJiraSelection(ctx context.Context, workloadID, lensARN string) (*wat.JiraSelection, error) {
	s := wat.JiraSelection{WorkloadID: workloadID, LensARN: lensARN}
	var text string
	err := t.queryRow(ctx, `SELECT pillars FROM jira_selections WHERE workload_id = ? AND lens_arn = ?`, workloadID, lensARN).Scan(&text)
	if err != nil {
		return nil, fail("GetJiraSelection", workloadID+"/"+lensARN, err, outcomes{
			missing: wat.NotFound("JIRA_SELECTION", lensARN, "The review of lens %s in workload %s selects nothing for Jira", lensARN, workloadID),
		})
	}
	var d decoder
	d.json(text, &s.Pillars)
	if d.err != nil {
		return nil, fmt.Errorf("sqlstore: GetJiraSelection(%s/%s): %w", workloadID, lensARN, d.err)
	}
	return &s, nil
}

// PutJiraSelection inserts or replaces a lens review's selection.
func (t *tx) PutJiraSelection(ctx context.Context, s *wat.JiraSelection) error {
	_, err := t.exec(ctx, `INSERT INTO jira_selections (workload_id, lens_arn, pillars) VALUES (?, ?, ?)
		ON CONFLICT (workload_id, lens_arn) DO UPDATE SET pillars = excluded.pillars`,
		s.WorkloadID, s.LensARN, jsonText(s.Pillars))
	if err != nil {
		return fail("PutJiraSelection", s.WorkloadID+"/"+s.LensARN, err, outcomes{parent: lensReviewNotFound(s.WorkloadID, s.LensARN)})
	}
	return nil
}
