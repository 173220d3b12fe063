package service

import (
	"context"
	"fmt"
	"sort"
	"sync"
	"time"

	"github.com/wat-dev/wat"
	"github.com/wat-dev/wat/policy"
)

// access names what a request asks to do: the action, named after the
// operation, and the condition keys the request itself brings (tags it
// sets or removes).
type access struct {
	Action  string
	Request map[string][]string
}

// act is the access of an operation that brings no condition keys.
func act(operation string) access { return access{Action: operation} }

// requestTags are the condition keys of tags a request sets.
func requestTags(tags map[string]string) map[string][]string {
	ctx := make(map[string][]string, len(tags)+1)
	keys := make([]string, 0, len(tags))
	for k, v := range tags {
		ctx["aws:RequestTag/"+k] = []string{v}
		keys = append(keys, k)
	}
	sort.Strings(keys)
	ctx["aws:TagKeys"] = keys
	return ctx
}

// authorize decides whether the caller may perform a on resource (an ARN,
// or "*"), whose tags are resourceTags. An account's admin may do anything
// in its account; any other user needs an Allow from its attached policies
// and no Deny, as IAM decides. Resources of other accounts never reach
// here: they are not found first.
func (s *Service) authorize(ctx context.Context, tx wat.IdentityTx, a access, resource string, resourceTags map[string]string) error {
	p, err := caller(ctx)
	if err != nil {
		return err
	}
	if p.IsAdmin {
		return nil
	}
	pols, err := s.policiesOf(ctx, tx, p)
	if err != nil {
		return err
	}
	cond := make(map[string][]string, len(a.Request)+len(resourceTags)+3)
	for k, v := range a.Request {
		cond[k] = v
	}
	for k, v := range resourceTags {
		cond["wellarchitected:ResourceTag/"+k] = []string{v}
		cond["aws:ResourceTag/"+k] = []string{v}
	}
	cond["aws:username"] = []string{p.UserName}
	cond["aws:PrincipalArn"] = []string{p.UserARN}
	cond["aws:PrincipalAccount"] = []string{p.AccountID}
	action := "wellarchitected:" + a.Action
	if policy.Evaluate(pols, policy.Request{Action: action, Resource: resource, Context: cond}) == policy.Allow {
		return nil
	}
	return &wat.Error{
		Code:    wat.EForbidden,
		Message: fmt.Sprintf("User: %s is not authorized to perform: %s on resource: %s", p.UserARN, action, resource),
	}
}

// policyCache keeps users' compiled policies for as long as access keys are
// cached (Config.AuthCacheTTL); changes made through this Service drop them
// at once.
type policyCache struct {
	mu      sync.Mutex
	entries map[string]policyEntry
}

type policyEntry struct {
	policies []*policy.Policy
	expires  time.Time
}

func userKey(accountID, user string) string { return accountID + "/" + user }

func (c *policyCache) drop(accountID, user string) {
	c.mu.Lock()
	delete(c.entries, userKey(accountID, user))
	c.mu.Unlock()
}

// policiesOf returns the compiled policies attached to the caller's user.
func (s *Service) policiesOf(ctx context.Context, tx wat.IdentityTx, p *wat.Principal) ([]*policy.Policy, error) {
	key := userKey(p.AccountID, p.UserName)
	now := time.Now()
	s.policies.mu.Lock()
	e, ok := s.policies.entries[key]
	s.policies.mu.Unlock()
	if ok && now.Before(e.expires) {
		return e.policies, nil
	}
	stored, err := tx.ListUserPolicies(ctx, p.AccountID, p.UserName)
	if err != nil {
		return nil, err
	}
	pols := make([]*policy.Policy, 0, len(stored))
	for _, up := range stored {
		if up.Managed {
			if mp, ok := policy.Managed(up.Name); ok {
				pols = append(pols, mp)
			}
			continue
		}
		pp, err := policy.Parse([]byte(up.Document))
		if err != nil {
			return nil, fmt.Errorf("stored policy %q of %s no longer parses: %w", up.Name, p.UserARN, err)
		}
		pols = append(pols, pp)
	}
	if s.auth.ttl > 0 {
		s.policies.mu.Lock()
		if s.policies.entries == nil || len(s.policies.entries) > 10000 {
			s.policies.entries = make(map[string]policyEntry)
		}
		s.policies.entries[key] = policyEntry{policies: pols, expires: now.Add(s.auth.ttl)}
		s.policies.mu.Unlock()
	}
	return pols, nil
}
