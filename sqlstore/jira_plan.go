package sqlstore

import (
	"context"
	"database/sql"

	"github.com/wat-dev/wat"
)

// jiraPlanColumns read a workload's Jira settings (the table aliased ws),
// its account's (acs), and whether the account is connected, whose ID is
// the one argument. Every write of answers asks, and on SQLite it asks on
// the one writer goroutine, where each statement saved is throughput: so
// they are read beside what else that write reads (GetAnswerChange).
const jiraPlanColumns = `ws.issue_management, ws.sync_type, ws.project_key, ws.updated_at,
	acs.issue_management, acs.sync_type, acs.project_key, acs.updated_at,
	EXISTS (SELECT 1 FROM jira_connections c WHERE c.account_id = ?)`

// jiraPlanQuery reads the jiraPlanColumns alone. The one-row FROM keeps a
// row when neither settings row exists.
const jiraPlanQuery = `SELECT ` + jiraPlanColumns + `
	FROM (SELECT 1 AS one) o
	LEFT JOIN jira_workload_settings ws ON ws.workload_id = ?
	LEFT JOIN jira_account_settings acs ON acs.account_id = ?`

// jiraPlanRow scans the jiraPlanColumns: a settings row not stored reads
// as its defaults.
type jiraPlanRow struct {
	wIM, wST, wPK, aIM, aST, aPK sql.NullString
	ws                           *wat.JiraWorkloadSettings
	as                           *wat.JiraAccountSettings
	connected                    bool
}

func newJiraPlanRow(workloadID, accountID string) *jiraPlanRow {
	return &jiraPlanRow{ws: defaultJiraWorkloadSettings(workloadID), as: defaultJiraAccountSettings(accountID)}
}

// dest is what Scan reads the jiraPlanColumns into, in their order.
func (p *jiraPlanRow) dest() []any {
	return []any{&p.wIM, &p.wST, &p.wPK, nullTime{&p.ws.UpdatedAt},
		&p.aIM, &p.aST, &p.aPK, nullTime{&p.as.UpdatedAt}, &p.connected}
}

// settings returns the settings scanned, defaults where none were stored.
func (p *jiraPlanRow) settings() (*wat.JiraWorkloadSettings, *wat.JiraAccountSettings) {
	if p.wIM.Valid { // the workload stored settings
		p.ws.IssueManagement, p.ws.SyncType, p.ws.ProjectKey = p.wIM.String, p.wST.String, p.wPK.String
	}
	if p.aIM.Valid {
		p.as.IssueManagement, p.as.SyncType, p.as.ProjectKey = p.aIM.String, p.aST.String, p.aPK.String
	}
	return p.ws, p.as
}

// GetJiraPlanSettings returns what GetJiraWorkloadSettings and
// GetJiraAccountSettings would (defaults included) and whether the account
// has a connection (without opening its sealed token).
func (t *tx) GetJiraPlanSettings(ctx context.Context, workloadID, accountID string) (*wat.JiraWorkloadSettings, *wat.JiraAccountSettings, bool, error) {
	p := newJiraPlanRow(workloadID, accountID)
	if err := t.queryRow(ctx, jiraPlanQuery, accountID, workloadID, accountID).Scan(p.dest()...); err != nil {
		return nil, nil, false, fail("GetJiraPlanSettings", workloadID, err, outcomes{})
	}
	ws, as := p.settings()
	return ws, as, p.connected, nil
}
