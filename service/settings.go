package service

import (
	"context"
	"fmt"

	"github.com/wat-dev/wat"
)

// GlobalSettings are an account's global settings as GetGlobalSettings
// shows them to the caller.
type GlobalSettings struct {
	// OrganizationSharing is whether resources can be shared with the
	// caller's organization and its OUs: the setting of the organization's
	// management account, off when the caller is in no organization.
	OrganizationSharing bool
	// DiscoveryIntegration is the caller's account's own setting.
	DiscoveryIntegration bool
	// Jira is the account's Jira connection and settings.
	Jira *JiraAccountView
}

// GlobalSettingsUpdate is what UpdateGlobalSettings changes: nil leaves a
// setting as it is.
type GlobalSettingsUpdate struct {
	OrganizationSharing  *bool
	DiscoveryIntegration *bool
	Jira                 *JiraAccountUpdate
}

// GetGlobalSettings returns the caller's account's global settings.
func (s *Service) GetGlobalSettings(ctx context.Context) (*GlobalSettings, error) {
	p, err := caller(ctx)
	if err != nil {
		return nil, err
	}
	var out *GlobalSettings
	err = s.store.View(ctx, func(tx wat.Tx) error {
		if err := s.authorize(ctx, tx, act("GetGlobalSettings"), "*", nil); err != nil {
			return err
		}
		a, err := tx.GetAccount(ctx, p.AccountID)
		if err != nil {
			return err
		}
		own, err := tx.GetAccountSettings(ctx, p.AccountID)
		if err != nil {
			return err
		}
		shared, err := s.organizationSharingEnabled(ctx, tx, a.OrganizationID)
		if err != nil {
			return err
		}
		out = &GlobalSettings{OrganizationSharing: shared, DiscoveryIntegration: own.DiscoveryIntegration}
		out.Jira, err = s.jiraAccountView(ctx, tx, p.AccountID)
		return err
	})
	if err != nil {
		return nil, fmt.Errorf("GetGlobalSettings: %w", err)
	}
	return out, nil
}

// UpdateGlobalSettings changes the caller's account's global settings.
// Only an organization's management account may change OrganizationSharing,
// since it decides for every account of the organization; any other
// account is refused (EInvalid), whatever the value. An update that
// changes nothing succeeds.
func (s *Service) UpdateGlobalSettings(ctx context.Context, u GlobalSettingsUpdate) error {
	p, err := caller(ctx)
	if err != nil {
		return err
	}
	err = s.store.Update(ctx, func(tx wat.Tx) error {
		if err := s.authorize(ctx, tx, act("UpdateGlobalSettings"), "*", nil); err != nil {
			return err
		}
		if err := tx.LockAccount(ctx, p.AccountID); err != nil {
			return err
		}
		if u.OrganizationSharing != nil {
			if err := s.managesOrganization(ctx, tx, p.AccountID); err != nil {
				return err
			}
		}
		if u.Jira != nil {
			if err := s.updateJiraAccount(ctx, tx, p.AccountID, u.Jira); err != nil {
				return err
			}
		}
		if u.OrganizationSharing == nil && u.DiscoveryIntegration == nil {
			return nil
		}
		st, err := tx.GetAccountSettings(ctx, p.AccountID)
		if err != nil {
			return err
		}
		st.AccountID, st.UpdatedAt = p.AccountID, s.nowUTC()
		if u.OrganizationSharing != nil {
			st.OrganizationSharing = *u.OrganizationSharing
		}
		if u.DiscoveryIntegration != nil {
			st.DiscoveryIntegration = *u.DiscoveryIntegration
		}
		return tx.PutAccountSettings(ctx, st)
	})
	if err != nil {
		return fmt.Errorf("UpdateGlobalSettings: %w", err)
	}
	return nil
}

// managesOrganization refuses, naming the field, an account that is not
// the management account of the organization it is in.
func (s *Service) managesOrganization(ctx context.Context, tx wat.Tx, accountID string) error {
	a, err := tx.GetAccount(ctx, accountID)
	if err != nil {
		return err
	}
	refused := wat.Invalid("OrganizationSharingStatus",
		"account %s is not the management account of an organization: only a management account can change organization sharing", accountID)
	if a.OrganizationID == "" {
		return refused
	}
	o, err := tx.GetOrganization(ctx, a.OrganizationID)
	if wat.ErrorCodeOf(err) == wat.ENotFound || (err == nil && o.ManagementAccountID != accountID) {
		return refused
	}
	return err
}

// organizationSharingEnabled reports whether resources may be shared with
// the organization organizationID and its OUs: true when it exists and its
// management account has OrganizationSharing on. An account in no
// organization ("") or in one since deleted gets false, not an error, so
// callers need not tell those cases apart.
func (s *Service) organizationSharingEnabled(ctx context.Context, tx wat.Tx, organizationID string) (bool, error) {
	if organizationID == "" {
		return false, nil
	}
	o, err := tx.GetOrganization(ctx, organizationID)
	if err != nil {
		if wat.ErrorCodeOf(err) == wat.ENotFound {
			return false, nil
		}
		return false, err
	}
	st, err := tx.GetAccountSettings(ctx, o.ManagementAccountID)
	if err != nil {
		return false, err
	}
	return st.OrganizationSharing, nil
}
