package service

import (
	"context"
	"fmt"
	"sort"
	"strings"
	"time"

	"github.com/wat-dev/wat"
)

// AgentProfileView is an Agent profile with what wat judges of it, as the
// Agent's operations answer it.
type AgentProfileView struct {
	*wat.AgentProfile
	// Missing are the fields the profile lacks to be complete (see
	// wat.AgentProfile.Missing), the model's fieldErrors; none when it is.
	Missing []wat.FieldError
	// EligibleForArchitectureGeneration: the profile is complete and its
	// scope selects at least one workload its account can reach (owns, or
	// is shared), whose reviews a generation would read.
	EligibleForArchitectureGeneration bool
	// EligibleForScheduledGeneration is always false: scheduled generation
	// analyses resources through the scope's access roles, which wat never
	// assumes, and wat schedules nothing.
	EligibleForScheduledGeneration bool
}

// agentWorkloads judges profiles of the caller's account against the
// workloads that account can reach. It reads them once, when the first
// complete profile needs them, and only within the request's transaction.
type agentWorkloads struct {
	s      *Service
	tx     wat.Tx
	p      *wat.Principal
	ws     []*wat.Workload
	loaded bool
}

func (s *Service) agentWorkloads(tx wat.Tx, p *wat.Principal) *agentWorkloads {
	return &agentWorkloads{s: s, tx: tx, p: p}
}

// view returns prof with its completeness and eligibility.
func (a *agentWorkloads) view(ctx context.Context, prof *wat.AgentProfile) (*AgentProfileView, error) {
	v := &AgentProfileView{AgentProfile: prof, Missing: prof.Missing()}
	if len(v.Missing) > 0 {
		return v, nil
	}
	if !a.loaded {
		shared, err := a.s.sharedWorkloadIDs(ctx, a.tx, a.p)
		if err != nil {
			return nil, err
		}
		if a.ws, err = a.tx.ListWorkloads(ctx, a.p.AccountID, shared, "", "", "", 0); err != nil {
			return nil, err
		}
		a.loaded = true
	}
	for _, w := range a.ws {
		if prof.Selects(w) {
			v.EligibleForArchitectureGeneration = true
			break
		}
	}
	return v, nil
}

// pageAfter returns the page of items that follows the position a
// NextToken names, and the token of the page after it ("" when there is
// none). items are sorted by their positions (key then ID, byte order),
// which are unique; a token names the last item of the page before, so an
// item created or deleted between two calls neither repeats nor skips the
// others, as an offset would.
func pageAfter[T any](items []T, position func(T) pageToken, token string, max, def int) ([]T, string, error) {
	t, err := decodeToken(token)
	if err != nil {
		return nil, "", err
	}
	start := 0
	if token != "" {
		start = sort.Search(len(items), func(i int) bool { return comparePositions(position(items[i]), t) > 0 })
	}
	end := min(start+pageSize(max, def), len(items))
	next := ""
	if end < len(items) {
		next = encodeToken(position(items[end-1]))
	}
	return items[start:end], next, nil
}

func comparePositions(a, b pageToken) int {
	if c := strings.Compare(a.Key, b.Key); c != 0 {
		return c
	}
	return strings.Compare(a.ID, b.ID)
}

// sortByPosition sorts items by their positions for pageAfter.
func sortByPosition[T any](items []T, position func(T) pageToken) {
	sort.Slice(items, func(i, j int) bool { return comparePositions(position(items[i]), position(items[j])) < 0 })
}

// createdPosition is the position of an item listed in the order it was
// created: its creation time (fixed width, so that text sorts as time),
// then its ID.
func createdPosition(created time.Time, id string) pageToken {
	return pageToken{Key: created.UTC().Format("2006-01-02T15:04:05.000000000Z"), ID: id}
}

// newAgentItemID returns the ID of a new goal or context: 32 hex digits,
// the first 16 the creation time in nanoseconds, so that items created in
// the same millisecond (the precision of their creation times) still list
// in the order they were created; the rest random.
func (s *Service) newAgentItemID() string {
	return fmt.Sprintf("%016x", uint64(s.now().UnixNano())) + newID(8)
}
