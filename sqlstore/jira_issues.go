package sqlstore

import (
	"context"

	"github.com/wat-dev/wat"
)

// ListJiraIssueLinks returns a workload's issues. The Epic's empty lens
// ARN sorts first on both databases (COLLATE "C" on PostgreSQL, binary on
// SQLite).
func (t *tx) ListJiraIssueLinks(ctx context.Context, workloadID string) ([]*wat.JiraIssueLink, error) {
	rows, err := t.query(ctx, `SELECT lens_arn, question_id, choice_id, project_key, issue_key, issue_id, url, done,
			fingerprint, synced_at
		FROM jira_issues WHERE workload_id = ? ORDER BY lens_arn, question_id, choice_id`, workloadID)
	if err != nil {
		return nil, fail("ListJiraIssueLinks", workloadID, err, outcomes{})
	}
	defer rows.Close()
	var out []*wat.JiraIssueLink
	for rows.Next() {
		l := &wat.JiraIssueLink{WorkloadID: workloadID}
		if err := rows.Scan(&l.LensARN, &l.QuestionID, &l.ChoiceID, &l.ProjectKey, &l.Key, &l.ID, &l.URL, &l.Done,
			&l.Fingerprint, timeScanner{&l.SyncedAt}); err != nil {
			return nil, fail("ListJiraIssueLinks", workloadID, err, outcomes{})
		}
		out = append(out, l)
	}
	if err := rows.Err(); err != nil {
		return nil, fail("ListJiraIssueLinks", workloadID, err, outcomes{})
	}
	return out, nil
}

// PutJiraIssueLink inserts or replaces the issue of one part of a
// workload; ENotFound when the workload does not exist (it was deleted
// while a sync ran).
func (t *tx) PutJiraIssueLink(ctx context.Context, l *wat.JiraIssueLink) error {
	_, err := t.exec(ctx, `INSERT INTO jira_issues (workload_id, lens_arn, question_id, choice_id, project_key, issue_key,
			issue_id, url, done, fingerprint, synced_at)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
		ON CONFLICT (workload_id, lens_arn, question_id, choice_id) DO UPDATE SET project_key = excluded.project_key,
			issue_key = excluded.issue_key, issue_id = excluded.issue_id, url = excluded.url, done = excluded.done,
			fingerprint = excluded.fingerprint, synced_at = excluded.synced_at`,
		l.WorkloadID, l.LensARN, l.QuestionID, l.ChoiceID, l.ProjectKey, l.Key, l.ID, l.URL, l.Done, l.Fingerprint,
		timeValue(l.SyncedAt))
	if err != nil {
		return fail("PutJiraIssueLink", l.WorkloadID+"/"+l.Key, err, outcomes{parent: workloadNotFound(l.WorkloadID)})
	}
	return nil
}

// FindJiraIssueLink returns the link of an issue among an account's
// workloads (jira_issues_key).
func (t *tx) FindJiraIssueLink(ctx context.Context, accountID, key string) (*wat.JiraIssueLink, error) {
	l := &wat.JiraIssueLink{}
	err := t.queryRow(ctx, `SELECT i.workload_id, i.lens_arn, i.question_id, i.choice_id, i.project_key, i.issue_key,
			i.issue_id, i.url, i.done, i.fingerprint, i.synced_at
		FROM jira_issues i JOIN workloads w ON w.id = i.workload_id
		WHERE i.issue_key = ? AND w.account_id = ? ORDER BY i.workload_id LIMIT 1`, key, accountID).
		Scan(&l.WorkloadID, &l.LensARN, &l.QuestionID, &l.ChoiceID, &l.ProjectKey, &l.Key, &l.ID, &l.URL, &l.Done,
			&l.Fingerprint, timeScanner{&l.SyncedAt})
	if err != nil {
		return nil, fail("FindJiraIssueLink", accountID+"/"+key, err, outcomes{
			missing: wat.NotFound("JIRA_ISSUE", key, "No workload of account %s keeps Jira issue %s", accountID, key)})
	}
	return l, nil
}

// ListJiraLinkedWorkloads returns the workloads with issues in Jira whose
// account is connected.
func (t *tx) ListJiraLinkedWorkloads(ctx context.Context) ([]string, error) {
	rows, err := t.query(ctx, `SELECT DISTINCT i.workload_id FROM jira_issues i
		JOIN workloads w ON w.id = i.workload_id
		JOIN jira_connections c ON c.account_id = w.account_id
		ORDER BY i.workload_id`)
	if err != nil {
		return nil, fail("ListJiraLinkedWorkloads", "", err, outcomes{})
	}
	defer rows.Close()
	var out []string
	for rows.Next() {
		var id string
		if err := rows.Scan(&id); err != nil {
			return nil, fail("ListJiraLinkedWorkloads", "", err, outcomes{})
		}
		out = append(out, id)
	}
	if err := rows.Err(); err != nil {
		return nil, fail("ListJiraLinkedWorkloads", "", err, outcomes{})
	}
	return out, nil
}
