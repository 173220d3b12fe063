package sqlstore

import (
	"context"

	"github.com/wat-dev/wat"
)

// PutUserPolicy attaches a policy to a user, replacing the user's policy of
// the same name (inline or managed: they share one name space).
func (t *tx) PutUserPolicy(ctx context.Context, p *wat.UserPolicy) error {
	key := p.AccountID + "/" + p.UserName + "/" + p.Name
	_, err := t.exec(ctx, `INSERT INTO user_policies (account_id, user_name, name, managed, document, created_at)
		VALUES (?, ?, ?, ?, ?, ?)
		ON CONFLICT (account_id, user_name, name) DO UPDATE SET
			managed = excluded.managed, document = excluded.document, created_at = excluded.created_at`,
		p.AccountID, p.UserName, p.Name, p.Managed, p.Document, timeValue(p.CreatedAt))
	if err != nil {
		return fail("PutUserPolicy", key, err, outcomes{parent: userNotFound(p.AccountID, p.UserName)})
	}
	return nil
}

// DeleteUserPolicy detaches a user's policy.
func (t *tx) DeleteUserPolicy(ctx context.Context, accountID, userName, name string) error {
	res, err := t.exec(ctx, `DELETE FROM user_policies WHERE account_id = ? AND user_name = ? AND name = ?`,
		accountID, userName, name)
	if err == nil {
		err = mustAffect(res)
	}
	if err != nil {
		return fail("DeleteUserPolicy", accountID+"/"+userName+"/"+name, err, outcomes{
			missing: wat.NotFound("POLICY", name, "User %s of account %s has no policy named %s", userName, accountID, name),
		})
	}
	return nil
}

// ListUserPolicies returns a user's policies in byte order of their names.
func (t *tx) ListUserPolicies(ctx context.Context, accountID, userName string) ([]*wat.UserPolicy, error) {
	key := accountID + "/" + userName
	rows, err := t.query(ctx, `SELECT account_id, user_name, name, managed, document, created_at FROM user_policies
		WHERE account_id = ? AND user_name = ? ORDER BY name`, accountID, userName)
	if err != nil {
		return nil, fail("ListUserPolicies", key, err, outcomes{})
	}
	defer rows.Close()
	var ps []*wat.UserPolicy
	for rows.Next() {
		var p wat.UserPolicy
		if err := rows.Scan(&p.AccountID, &p.UserName, &p.Name, &p.Managed, &p.Document, timeScanner{&p.CreatedAt}); err != nil {
			return nil, fail("ListUserPolicies", key, err, outcomes{})
		}
		ps = append(ps, &p)
	}
	if err := rows.Err(); err != nil {
		return nil, fail("ListUserPolicies", key, err, outcomes{})
	}
	return ps, nil
}
