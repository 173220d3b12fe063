package wat

import "context"

// SettingsTx is the part of Tx that keeps accounts' global settings
// (GetGlobalSettings, UpdateGlobalSettings). It is apart from IdentityTx
// because authentication never reads it: the settings use cases do, and
// sharing, to learn whether an organization's management account enabled
// sharing with the organization.
type SettingsTx interface {
	// GetAccountSettings returns an account's settings; an account that
	// never stored any gets every setting off (not an error).
	GetAccountSettings(ctx context.Context, accountID string) (*AccountSettings, error)
	// PutAccountSettings stores an account's settings.
	PutAccountSettings(ctx context.Context, s *AccountSettings) error
}
