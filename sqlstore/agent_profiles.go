package sqlstore

import (
	"context"

	"github.com/wat-dev/wat"
)

// The Well-Architected Agent's part of the store: profiles here, their
// goals and contexts in agent_children.go.
var _ wat.AgentTx = (*tx)(nil)

// agentProfileColumns are read by every SELECT of Agent profiles, in
// scanAgentProfile's order.
const agentProfileColumns = `arn, account_id, name, display_name, description, business_overview, execution_role_arn,
	pillars, scope, deletion_protection, tags, created_at, created_by, updated_at, updated_by`

// agentScopeRecord is a wat.AgentScope as stored in agent_profiles.scope.
type agentScopeRecord struct {
	Account string   `json:"account"`
	Regions []string `json:"regions,omitempty"`
	Role    string   `json:"role"`
}

func agentScopeText(scope []wat.AgentScope) string {
	recs := make([]agentScopeRecord, 0, len(scope))
	for _, e := range scope {
		recs = append(recs, agentScopeRecord{Account: e.AccountID, Regions: e.Regions, Role: e.AccessRoleARN})
	}
	return listText(recs)
}

// InsertAgentProfile stores a new Agent profile; EConflict when its ARN is
// taken or the account has a profile of the same name key, ENotFound when
// its account does not exist.
func (t *tx) InsertAgentProfile(ctx context.Context, p *wat.AgentProfile) error {
	_, err := t.exec(ctx, `INSERT INTO agent_profiles (arn, account_id, name, name_key, display_name, description,
		business_overview, execution_role_arn, pillars, scope, deletion_protection, tags,
		created_at, created_by, updated_at, updated_by)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
		p.ARN, p.AccountID, p.Name, wat.NameKey(p.Name), p.DisplayName, p.Description,
		p.BusinessOverview, p.ExecutionRoleARN, listText(p.Pillars), agentScopeText(p.Scope), p.DeletionProtection, mapText(p.Tags),
		timeValue(p.CreatedAt), p.CreatedBy, timeValue(p.UpdatedAt), p.UpdatedBy)
	if err != nil {
		return fail("InsertAgentProfile", p.ARN, err, outcomes{
			conflict: wat.Conflict("AGENT_PROFILE", p.Name, "An Agent profile named %q already exists in account %s", p.Name, p.AccountID),
			parent:   accountNotFound(p.AccountID),
		})
	}
	return nil
}

// GetAgentProfile returns an Agent profile. With lock (in an Update), its
// row stays locked until the transaction ends.
func (t *tx) GetAgentProfile(ctx context.Context, arn string, lock bool) (*wat.AgentProfile, error) {
	query := `SELECT ` + agentProfileColumns + ` FROM agent_profiles WHERE arn = ?`
	if lock {
		query += t.forUpdate()
	}
	p, err := scanAgentProfile(t.queryRow(ctx, query, arn))
	if err != nil {
		return nil, fail("GetAgentProfile", arn, err, outcomes{missing: agentProfileNotFound(arn)})
	}
	return p, nil
}

// UpdateAgentProfile stores everything of p but its ARN, owner, name and
// creation, which never change.
func (t *tx) UpdateAgentProfile(ctx context.Context, p *wat.AgentProfile) error {
	res, err := t.exec(ctx, `UPDATE agent_profiles SET display_name = ?, description = ?, business_overview = ?,
		execution_role_arn = ?, pillars = ?, scope = ?, deletion_protection = ?, tags = ?, updated_at = ?, updated_by = ?
		WHERE arn = ?`,
		p.DisplayName, p.Description, p.BusinessOverview, p.ExecutionRoleARN, listText(p.Pillars), agentScopeText(p.Scope),
		p.DeletionProtection, mapText(p.Tags), timeValue(p.UpdatedAt), p.UpdatedBy, p.ARN)
	if err == nil {
		err = mustAffect(res)
	}
	if err != nil {
		return fail("UpdateAgentProfile", p.ARN, err, outcomes{missing: agentProfileNotFound(p.ARN)})
	}
	return nil
}

// DeleteAgentProfile removes a profile; its goals and contexts go with it
// (ON DELETE CASCADE).
func (t *tx) DeleteAgentProfile(ctx context.Context, arn string) error {
	res, err := t.exec(ctx, `DELETE FROM agent_profiles WHERE arn = ?`, arn)
	if err == nil {
		err = mustAffect(res)
	}
	if err != nil {
		return fail("DeleteAgentProfile", arn, err, outcomes{missing: agentProfileNotFound(arn)})
	}
	return nil
}

// ListAgentProfiles returns an account's Agent profiles in byte order of
// their ARNs.
func (t *tx) ListAgentProfiles(ctx context.Context, accountID string) ([]*wat.AgentProfile, error) {
	rows, err := t.query(ctx, `SELECT `+agentProfileColumns+` FROM agent_profiles WHERE account_id = ? ORDER BY arn`, accountID)
	if err != nil {
		return nil, fail("ListAgentProfiles", accountID, err, outcomes{})
	}
	defer rows.Close()
	var ps []*wat.AgentProfile
	for rows.Next() {
		p, err := scanAgentProfile(rows)
		if err != nil {
			return nil, fail("ListAgentProfiles", accountID, err, outcomes{})
		}
		ps = append(ps, p)
	}
	if err := rows.Err(); err != nil {
		return nil, fail("ListAgentProfiles", accountID, err, outcomes{})
	}
	return ps, nil
}

func scanAgentProfile(s scanner) (*wat.AgentProfile, error) {
	var (
		p                    wat.AgentProfile
		pillars, scope, tags string
	)
	err := s.Scan(&p.ARN, &p.AccountID, &p.Name, &p.DisplayName, &p.Description, &p.BusinessOverview, &p.ExecutionRoleARN,
		&pillars, &scope, &p.DeletionProtection, &tags,
		timeScanner{&p.CreatedAt}, &p.CreatedBy, timeScanner{&p.UpdatedAt}, &p.UpdatedBy)
	if err != nil {
		return nil, err
	}
	var (
		d    decoder
		recs []agentScopeRecord
	)
	p.Pillars = agentPillars(d.list(pillars))
	d.json(scope, &recs)
	p.Tags = d.stringMap(tags)
	if d.err != nil {
		return nil, d.err
	}
	for _, r := range recs {
		p.Scope = append(p.Scope, wat.AgentScope{AccountID: r.Account, Regions: nilIfEmpty(r.Regions), AccessRoleARN: r.Role})
	}
	return &p, nil
}

// agentPillars types a stored list of pillar names.
func agentPillars(names []string) []wat.AgentPillar {
	if len(names) == 0 {
		return nil
	}
	out := make([]wat.AgentPillar, len(names))
	for i, n := range names {
		out[i] = wat.AgentPillar(n)
	}
	return out
}

func agentProfileNotFound(arn string) *wat.Error {
	return wat.NotFound("AGENT_PROFILE", arn, "No Agent profile with ARN %s", arn)
}
