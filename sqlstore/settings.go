package sqlstore

import (
	"context"
	"database/sql"
	"errors"

	"github.com/wat-dev/wat"
)

// GetAccountSettings returns an account's settings. An account that never
// stored any, or that does not exist, has every setting off and a zero
// UpdatedAt: settings are not a resource that can be missing.
func (t *tx) GetAccountSettings(ctx context.Context, accountID string) (*wat.AccountSettings, error) {
	s := wat.AccountSettings{AccountID: accountID}
	err := t.queryRow(ctx, `SELECT organization_sharing, discovery_integration, updated_at FROM account_settings
		WHERE account_id = ?`, accountID).
		Scan(&s.OrganizationSharing, &s.DiscoveryIntegration, timeScanner{&s.UpdatedAt})
	if err != nil && !errors.Is(err, sql.ErrNoRows) {
		return nil, fail("GetAccountSettings", accountID, err, outcomes{})
	}
	return &s, nil
}

// PutAccountSettings inserts or replaces an account's settings; ENotFound
// when the account does not exist.
func (t *tx) PutAccountSettings(ctx context.Context, s *wat.AccountSettings) error {
	_, err := t.exec(ctx, `INSERT INTO account_settings (account_id, organization_sharing, discovery_integration, updated_at)
		VALUES (?, ?, ?, ?)
		ON CONFLICT (account_id) DO UPDATE SET organization_sharing = excluded.organization_sharing,
			discovery_integration = excluded.discovery_integration, updated_at = excluded.updated_at`,
		s.AccountID, s.OrganizationSharing, s.DiscoveryIntegration, timeValue(s.UpdatedAt))
	if err != nil {
		return fail("PutAccountSettings", s.AccountID, err, outcomes{parent: accountNotFound(s.AccountID)})
	}
	return nil
}
