package wat

import "context"

// IdentityTx is the part of Tx that keeps who may call wat: accounts, their
// users, the users' access keys and policies. Checking a signature and
// authorising a call read nothing else of the store, so they (and a fake in
// their tests) can depend on this alone.
type IdentityTx interface {
	CreateAccount(ctx context.Context, a *Account) error
	GetAccount(ctx context.Context, id string) (*Account, error)
	ListAccounts(ctx context.Context) ([]*Account, error)
	// DeleteAccount removes an account and everything of it: users, access
	// keys, policies, workloads with their reviews, answers and milestones,
	// custom lenses with their versions, profiles with their versions,
	// review templates with their answers, shares it made or received,
	// idempotency records. ENotFound when it does not exist.
	DeleteAccount(ctx context.Context, id string) error

	CreateUser(ctx context.Context, u *User) error
	GetUser(ctx context.Context, accountID, name string) (*User, error)
	// ListUsers returns the users of an account, ordered by name (an
	// unknown account has none).
	ListUsers(ctx context.Context, accountID string) ([]*User, error)
	// DeleteUser removes a user with its access keys and policies;
	// ENotFound when it does not exist.
	DeleteUser(ctx context.Context, accountID, name string) error

	CreateAccessKey(ctx context.Context, k *AccessKey) error
	GetAccessKey(ctx context.Context, id string) (*AccessKey, error)
	// ListAccessKeys returns a user's access keys, oldest first, with
	// Secret left empty (an unknown user has none).
	ListAccessKeys(ctx context.Context, accountID, userName string) ([]*AccessKey, error)
	// SetAccessKeyStatus activates or deactivates an access key; ENotFound
	// when it does not exist.
	SetAccessKeyStatus(ctx context.Context, id string, active bool) error
	// DeleteAccessKey removes an access key; ENotFound when it does not exist.
	DeleteAccessKey(ctx context.Context, id string) error

	// PutUserPolicy attaches a policy to a user, replacing the user's policy
	// of the same name; ENotFound when the user does not exist.
	PutUserPolicy(ctx context.Context, p *UserPolicy) error
	// DeleteUserPolicy detaches a user's policy; ENotFound when the user has
	// no policy of that name.
	DeleteUserPolicy(ctx context.Context, accountID, userName, name string) error
	// ListUserPolicies returns a user's policies, ordered by name (an
	// unknown user has none).
	ListUserPolicies(ctx context.Context, accountID, userName string) ([]*UserPolicy, error)
}
