package wat

import "context"

// ProfileTx is the part of Tx that keeps profiles and their versions (each
// change of a profile's answers is a new version; workloads name the one
// they use). Prioritising a workload's questions reads nothing else of the
// store, so it (and a fake in its tests) can depend on this alone.
type ProfileTx interface {
	// InsertProfile stores a new profile (without versions); EConflict
	// when its ARN is taken, or its NameKey among the account's profiles
	// that are not deleted.
	InsertProfile(ctx context.Context, p *Profile) error
	// GetProfile returns a profile, deleted or not; lock serialises its
	// writers until the transaction ends.
	GetProfile(ctx context.Context, arn string, lock bool) (*Profile, error)
	// UpdateProfile stores every field of p but its ARN, owner, name and
	// creation time (matched by ARN); ENotFound when it does not exist.
	UpdateProfile(ctx context.Context, p *Profile) error
	// ListProfiles returns the profiles an account owns, deleted ones
	// included, ordered by ARN.
	ListProfiles(ctx context.Context, accountID string) ([]*Profile, error)

	// InsertProfileVersion stores a version of a profile; EConflict when
	// the profile already has that version, ENotFound when the profile does
	// not exist.
	InsertProfileVersion(ctx context.Context, v *ProfileVersion) error
	// GetProfileVersion returns one version of a profile.
	GetProfileVersion(ctx context.Context, arn string, version int) (*ProfileVersion, error)
}
