package sqlstore

import (
	"context"
	"database/sql"

	"github.com/wat-dev/wat"
)

// ListJiraWorkloadSettings reads the workloads of an account with their
// settings in one statement (the account's workloads through the index of
// its names), so that a change of the account's settings costs one read
// however many workloads it has, and a write only for those it turns on.
func (t *tx) ListJiraWorkloadSettings(ctx context.Context, accountID string) ([]*wat.JiraWorkloadSettings, error) {
	rows, err := t.query(ctx, `SELECT w.id, ws.issue_management, ws.sync_type, ws.project_key, ws.updated_at
		FROM workloads w LEFT JOIN jira_workload_settings ws ON ws.workload_id = w.id
		WHERE w.account_id = ?
		ORDER BY w.id`, accountID)
	if err != nil {
		return nil, fail("ListJiraWorkloadSettings", accountID, err, outcomes{})
	}
	defer rows.Close()
	var out []*wat.JiraWorkloadSettings
	for rows.Next() {
		var im, st, pk sql.NullString
		s := defaultJiraWorkloadSettings("")
		if err := rows.Scan(&s.WorkloadID, &im, &st, &pk, nullTime{&s.UpdatedAt}); err != nil {
			return nil, fail("ListJiraWorkloadSettings", accountID, err, outcomes{})
		}
		if im.Valid { // the workload stored settings; otherwise the defaults
			s.IssueManagement, s.SyncType, s.ProjectKey = im.String, st.String, pk.String
		}
		out = append(out, s)
	}
	if err := rows.Err(); err != nil {
		return nil, fail("ListJiraWorkloadSettings", accountID, err, outcomes{})
	}
	return out, nil
}
