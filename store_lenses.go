package wat

import "context"

// LensTx is the part of Tx that keeps custom lenses: each lens, its pending
// draft and its published versions with their documents. The lens reviews
// pinned to a version are workloads' and move through ReviewTx; a use case
// or a test that reads lens documents can depend on this alone.
type LensTx interface {
	// InsertCustomLens stores a new custom lens; EConflict when its ARN is
	// taken.
	InsertCustomLens(ctx context.Context, l *CustomLens) error
	// GetCustomLens returns a custom lens, deleted or not; lock serialises
	// its writers until the transaction ends.
	GetCustomLens(ctx context.Context, arn string, lock bool) (*CustomLens, error)
	// UpdateCustomLens stores every field of l but its ARN and owner
	// (matched by ARN); ENotFound when it does not exist.
	UpdateCustomLens(ctx context.Context, l *CustomLens) error
	// ListCustomLenses returns the custom lenses an account owns, deleted
	// ones included, ordered by ARN.
	ListCustomLenses(ctx context.Context, accountID string) ([]*CustomLens, error)

	// PutLensDraft stores (inserting or replacing) the draft of a lens:
	// v.Version must be "".
	PutLensDraft(ctx context.Context, v *LensVersion) error
	// DeleteLensDraft removes a lens's draft; nothing when it has none.
	DeleteLensDraft(ctx context.Context, lensARN string) error
	// InsertLensVersion stores a published version; EConflict when the lens
	// already has a version of that name.
	InsertLensVersion(ctx context.Context, v *LensVersion) error
	// GetLensVersion returns a lens's version, or its draft for version "".
	GetLensVersion(ctx context.Context, lensARN, version string) (*LensVersion, error)
	// ListLensVersions returns the published versions of a lens, oldest
	// first, with Document left empty.
	ListLensVersions(ctx context.Context, lensARN string) ([]*LensVersion, error)
}
