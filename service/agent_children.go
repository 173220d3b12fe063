package service

import (
	"context"
	"fmt"
	"strings"
	"time"

	"github.com/wat-dev/wat"
)

// agentChildren is one kind of record an Agent profile owns: its goals or
// its contexts. They share every rule — reached and authorised through
// their profile (agentProfileFor, each operation as itself on the
// profile's ARN), a quota per profile, creates and updates idempotent by
// their clientToken, pages in creation order — and differ only in their
// names and store calls, which a value of this type gives.
type agentChildren[T any] struct {
	kind      string // "Goal": the operations are CreateAgentGoal, GetAgentGoal, ...
	resource  string // the resource type of not-found and quota errors
	quotaCode string
	max       int
	id        func(*T) string
	created   func(*T) time.Time
	touch     func(item *T, at time.Time, by string)
	get       func(ctx context.Context, tx wat.Tx, profileARN, id string) (*T, error)
	list      func(ctx context.Context, tx wat.Tx, profileARN string) ([]*T, error)
	insert    func(ctx context.Context, tx wat.Tx, item *T) error
	update    func(ctx context.Context, tx wat.Tx, item *T) error
	remove    func(ctx context.Context, tx wat.Tx, profileARN, id string) error
}

func (k *agentChildren[T]) op(verb string) string { return verb + "Agent" + k.kind }

func (k *agentChildren[T]) notFound(profileARN, id string) error {
	return wat.NotFound(k.resource, id, "Agent %s %s not found in profile %s", strings.ToLower(k.kind), id, profileARN)
}

// read reads one of a profile already authorised.
func (k *agentChildren[T]) read(ctx context.Context, tx wat.Tx, profileARN, id string) (*T, error) {
	item, err := k.get(ctx, tx, profileARN, id)
	if wat.ErrorCodeOf(err) == wat.ENotFound {
		return nil, k.notFound(profileARN, id)
	}
	return item, err
}

// create stores item, new, under its profile; a retry with the same token
// and parameters (fingerprint fp) returns what the first attempt stored.
func (k *agentChildren[T]) create(ctx context.Context, s *Service, profileARN string, item *T, token, fp string) (*T, error) {
	p, err := caller(ctx)
	if err != nil {
		return nil, err
	}
	op := k.op("Create")
	err = s.store.Update(ctx, func(tx wat.Tx) error {
		// The profile's lock serialises the creates of its records: the
		// quota, and a retry racing its first attempt.
		if _, err := s.agentProfileFor(ctx, tx, act(op), profileARN, true); err != nil {
			return err
		}
		prev, err := s.agentReplay(ctx, tx, p.AccountID, op, token, fp, wat.EConflict)
		if err != nil {
			return err
		}
		if prev != "" {
			item, err = k.read(ctx, tx, profileARN, prev)
			return err
		}
		all, err := k.list(ctx, tx, profileARN)
		if err != nil {
			return err
		}
		if len(all) >= k.max {
			return wat.QuotaExceeded(k.resource, k.quotaCode, "The Agent profile already has %d %ss, the most allowed", k.max, strings.ToLower(k.kind))
		}
		if err := k.insert(ctx, tx, item); err != nil {
			return err
		}
		return s.remember(ctx, tx, p.AccountID, op, token, fp, k.id(item))
	})
	if err != nil {
		return nil, fmt.Errorf("%s(%s): %w", op, profileARN, err)
	}
	return item, nil
}

// one returns one of a profile's records.
func (k *agentChildren[T]) one(ctx context.Context, s *Service, profileARN, id string) (*T, error) {
	var item *T
	err := s.store.View(ctx, func(tx wat.Tx) error {
		if _, err := s.agentProfileFor(ctx, tx, act(k.op("Get")), profileARN, false); err != nil {
			return err
		}
		var err error
		item, err = k.read(ctx, tx, profileARN, id)
		return err
	})
	return item, err
}

// change applies apply to a record; a retry with the same token changes
// nothing more and returns the record as it is.
func (k *agentChildren[T]) change(ctx context.Context, s *Service, profileARN, id, token, fp string, apply func(*T)) (*T, error) {
	p, err := caller(ctx)
	if err != nil {
		return nil, err
	}
	op := k.op("Update")
	var item *T
	err = s.store.Update(ctx, func(tx wat.Tx) error {
		if _, err := s.agentProfileFor(ctx, tx, act(op), profileARN, true); err != nil {
			return err
		}
		if item, err = k.read(ctx, tx, profileARN, id); err != nil {
			return err
		}
		prev, err := s.agentReplay(ctx, tx, p.AccountID, op, token, fp, wat.EInvalid)
		if err != nil || prev != "" {
			return err
		}
		apply(item)
		k.touch(item, s.nowUTC(), p.UserARN)
		if err := k.update(ctx, tx, item); err != nil {
			return err
		}
		return s.remember(ctx, tx, p.AccountID, op, token, fp, k.id(item))
	})
	if err != nil {
		return nil, fmt.Errorf("%s(%s, %s): %w", op, profileARN, id, err)
	}
	return item, nil
}

// drop deletes a record of a profile.
func (k *agentChildren[T]) drop(ctx context.Context, s *Service, profileARN, id string) error {
	op := k.op("Delete")
	err := s.store.Update(ctx, func(tx wat.Tx) error {
		if _, err := s.agentProfileFor(ctx, tx, act(op), profileARN, true); err != nil {
			return err
		}
		err := k.remove(ctx, tx, profileARN, id)
		if wat.ErrorCodeOf(err) == wat.ENotFound {
			return k.notFound(profileARN, id)
		}
		return err
	})
	if err != nil {
		return fmt.Errorf("%s(%s, %s): %w", op, profileARN, id, err)
	}
	return nil
}

// page returns a page of a profile's records, in the order they were
// created.
func (k *agentChildren[T]) page(ctx context.Context, s *Service, profileARN, token string, max int) ([]*T, string, error) {
	var (
		page []*T
		next string
	)
	position := func(item *T) pageToken { return createdPosition(k.created(item), k.id(item)) }
	err := s.store.View(ctx, func(tx wat.Tx) error {
		if _, err := s.agentProfileFor(ctx, tx, act(k.op("List")+"s"), profileARN, false); err != nil {
			return err
		}
		all, err := k.list(ctx, tx, profileARN)
		if err != nil {
			return err
		}
		sortByPosition(all, position)
		page, next, err = pageAfter(all, position, token, max, agentPageSize)
		return err
	})
	return page, next, err
}
