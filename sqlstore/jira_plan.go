package sqlstore

import (
	"context"
	"database/sql"

	"github.com/wat-dev/wat"
)

// jiraPlanQuery reads a workload's Jira settings, its account's, and
// whether the account is connected, in one statement: every write of
// answers asks, and on SQLite it asks on the one writer goroutine, where
// each statement saved is throughput. The one-row FROM keeps a row when
// neither settings row exists.
const jiraPlanQuery = `SELECT ws.issue_management, ws.sync_type, ws.project_key, ws.updated_at,
	acs.issue_management, acs.sync_type, acs.project_key, acs.updated_at,
	EXISTS (SELECT 1 FROM jira_connections c WHERE c.account_id = ?)
	FROM (SELECT 1 AS one) o
	LEFT JOIN jira_workload_settings ws ON ws.workload_id = ?
	LEFT JOIN jira_account_settings acs ON acs.account_id = ?`

// GetJiraPlanSettings returns what GetJiraWorkloadSettings and
// GetJiraAccountSettings would (defaults included) and whether the account
// has a connection (without opening its sealed token).
func (t *tx) GetJiraPlanSettings(ctx context.Context, workloadID, accountID string) (*wat.JiraWorkloadSettings, *wat.JiraAccountSettings, bool, error) {
	var (
		wIM, wST, wPK, aIM, aST, aPK sql.NullString
		connected                    bool
	)
	ws, as := defaultJiraWorkloadSettings(workloadID), defaultJiraAccountSettings(accountID)
	err := t.queryRow(ctx, jiraPlanQuery, accountID, workloadID, accountID).
		Scan(&wIM, &wST, &wPK, nullTime{&ws.UpdatedAt}, &aIM, &aST, &aPK, nullTime{&as.UpdatedAt}, &connected)
	if err != nil {
		return nil, nil, false, fail("GetJiraPlanSettings", workloadID, err, outcomes{})
	}
	if wIM.Valid { // the workload stored settings
		ws.IssueManagement, ws.SyncType, ws.ProjectKey = wIM.String, wST.String, wPK.String
	}
	if aIM.Valid {
		as.IssueManagement, as.SyncType, as.ProjectKey = aIM.String, aST.String, aPK.String
	}
	return ws, as, connected, nil
}
