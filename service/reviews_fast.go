package service

import (
	"context"
	"errors"
	"slices"

	"github.com/wat-dev/wat"
)

// cachedLensReview is GetLensReview's fast path for the live review of a
// built-in lens, which most reads of a review are: one indexed read of the
// workload and the review's row (no transaction) and, when the review's
// revision is the one whose evaluation is cached, nothing else. The answers
// are not read: every change to them, to the notes or to the pinned lens
// version bumps the review's revision in the same transaction (saveAnswers,
// UpdateLensReview, the lens upgrade), so an unchanged revision read from
// the database — whichever replica wrote it — means the cached evaluation
// is current. The workload is read fresh, so who may read it, its tags and
// its applied lenses are never cached.
//
// ok is false when the fast path does not apply and GetLensReview must take
// the full read (readLensReview): a caller not of the workload's account
// (shares decide), a user whose policies are not cached, a custom lens (its
// status and latest version live elsewhere), a workload with a profile (its
// priorities are read from the profile), a review with a Jira selection
// (the full read shows it), a review not evaluated yet, or any error (the
// full read reports it as it always has).
func (s *Service) cachedLensReview(ctx context.Context, id, alias string) (v *ReviewView, ok bool, err error) {
	p := wat.PrincipalFromContext(ctx)
	li, builtin := s.lenses.Builtin(alias)
	if p == nil || !builtin {
		return nil, false, nil
	}
	h, err := s.store.LensReviewHead(ctx, id, li.ARN)
	if err != nil || h.AccountID != p.AccountID || !slices.Contains(h.Lenses, li.ARN) || h.ProfileARN != "" || h.JiraSelected {
		return nil, false, nil
	}
	cached, hit := s.answers.get(&wat.LensReview{WorkloadID: id, LensARN: li.ARN, LensVersion: h.LensVersion, Revision: h.Revision})
	if !hit {
		return nil, false, nil
	}
	// Only a user's cached policies are used here: reading them needs a
	// transaction, which the full read has.
	if err := s.authorize(ctx, policiesCachedOnly{}, act("GetLensReview"), h.WorkloadARN, h.Tags); err != nil {
		if errors.Is(err, errPoliciesNotCached) {
			return nil, false, nil
		}
		return nil, true, err
	}
	return cached, true, nil
}

// EncodedLensReview is GetLensReview of a live review (no milestone) for a
// caller that sends every review in one encoding: encode, given the view
// and the variant, returns its bytes. When the fast path serves the review
// (every check of cachedLensReview made afresh: the revision, the caller's
// access and policies) and the same variant of the same cached evaluation
// was encoded before, its bytes are returned without encoding again; a
// change to any input of the evaluation makes a new one, which the bytes
// do not follow. encode must depend on nothing but the view and variant
// (the API's variant is the workload id as the caller wrote it); the bytes
// returned are shared and must not be modified.
func (s *Service) EncodedLensReview(ctx context.Context, id, alias, variant string, encode func(*ReviewView) ([]byte, error)) ([]byte, error) {
	v, ok, err := s.cachedLensReview(ctx, id, alias)
	if !ok {
		// Not GetLensReview, which would try the fast path again.
		if v, err = s.readLensReview(ctx, id, alias, 0); err != nil {
			return nil, err
		}
		return encode(v)
	}
	if err != nil {
		return nil, err
	}
	if b := s.answers.encodedOf(v, variant); b != nil {
		return b, nil
	}
	b, err := encode(v)
	if err == nil {
		s.answers.keepEncoded(v, variant, b)
	}
	return b, err
}

// encodedView is one variant's encoding of a cached view.
type encodedView struct {
	variant string
	b       []byte
}

// maxEncodedVariants bounds the encodings kept of one view: a workload's id
// is written one way by most callers.
const maxEncodedVariants = 4

// encodedOf returns the bytes kept for v's variant; nil when there are none
// or v is no longer the view cached.
func (c *answerCache) encodedOf(v *ReviewView, variant string) []byte {
	c.mu.Lock()
	defer c.mu.Unlock()
	if e := c.entryOf(v); e != nil {
		for _, x := range e.encoded {
			if x.variant == variant {
				return x.b
			}
		}
	}
	return nil
}

// keepEncoded keeps b as v's variant, while v is the view cached.
func (c *answerCache) keepEncoded(v *ReviewView, variant string, b []byte) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if e := c.entryOf(v); e != nil && len(e.encoded) < maxEncodedVariants {
		e.encoded = append(e.encoded, encodedView{variant, b})
	}
}

// entryOf is the entry whose view is v, or nil. c.mu is held.
func (c *answerCache) entryOf(v *ReviewView) *answerEntry {
	el, ok := c.byKey[answerKey{v.Review.WorkloadID, v.Review.LensARN}]
	if !ok {
		return nil
	}
	if e := el.Value.(*answerEntry); e.view == v {
		return e
	}
	return nil
}

// errPoliciesNotCached says a user's policies would have to be read.
var errPoliciesNotCached = errors.New("policies not cached")

// policiesCachedOnly is the IdentityTx authorize is given outside a
// transaction: the one method it may call on a cache miss says so.
type policiesCachedOnly struct{ wat.IdentityTx }

func (policiesCachedOnly) ListUserPolicies(context.Context, string, string) ([]*wat.UserPolicy, error) {
	return nil, errPoliciesNotCached
}
