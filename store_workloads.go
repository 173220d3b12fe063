package wat

import (
	"context"
	"time"
)

// WorkloadTx is the part of Tx that keeps workloads and their milestones
// (each a frozen copy of the workload with its reviews and answers, numbered
// within it). A use case or a test that touches workloads and nothing of
// their reviews can depend on this alone.
type WorkloadTx interface {
	// InsertWorkload stores a new workload, with its profile association
	// (ProfileARN, ProfileVersion); EConflict when its NameKey is taken in
	// the account.
	InsertWorkload(ctx context.Context, w *Workload) error
	// UpdateWorkload replaces a stored workload (matched by ID).
	UpdateWorkload(ctx context.Context, w *Workload) error
	// TouchWorkload sets a stored workload's UpdatedAt alone (ENotFound
	// when it does not exist): what a change of its answers writes of it,
	// without rewriting (and re-indexing) every other column.
	TouchWorkload(ctx context.Context, id string, updatedAt time.Time) error
	// GetWorkload returns the workload; lock also serialises writers of it.
	GetWorkload(ctx context.Context, id string, lock bool) (*Workload, error)
	// DeleteWorkload removes a workload with its lens reviews, answers,
	// milestones and shares.
	DeleteWorkload(ctx context.Context, id string) error
	// ListWorkloads returns up to limit workloads that an account owns or
	// whose ID is in sharedIDs, whose name starts with prefix (compared
	// case-insensitively), ordered by NameKey then ID, starting strictly
	// after the (afterKey, afterID) position.
	ListWorkloads(ctx context.Context, accountID string, sharedIDs []string, prefix, afterKey, afterID string, limit int) ([]*Workload, error)
	CountWorkloads(ctx context.Context, accountID string) (int, error)

	// InsertMilestone stores a milestone; EConflict when its number or its
	// name (by NameKey) is taken in the workload.
	InsertMilestone(ctx context.Context, m *Milestone) error
	GetMilestone(ctx context.Context, workloadID string, number int) (*Milestone, error)
	// ListMilestones returns up to limit milestones numbered above after, in number order.
	ListMilestones(ctx context.Context, workloadID string, after, limit int) ([]*Milestone, error)
	// LastMilestone returns the highest milestone number and the count of
	// milestones of a workload (0, 0 when it has none).
	LastMilestone(ctx context.Context, workloadID string) (number, count int, err error)
}
