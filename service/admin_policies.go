package service

import (
	"context"
	"encoding/json"
	"fmt"

	"github.com/wat-dev/wat"
	"github.com/wat-dev/wat/policy"
)

// PolicyInput is a policy to attach to a user: an inline Document named
// Name, or the managed policy named Managed.
type PolicyInput struct {
	Name     string
	Document []byte
	Managed  string
}

// resolve validates the input and returns the policy to store (without its
// owner and time). An inline document is kept as given.
func (in *PolicyInput) resolve() (*wat.UserPolicy, error) {
	switch {
	case in.Managed != "" && (in.Name != "" || in.Document != nil):
		return nil, wat.Invalid("PolicyDocument", "give either a policy document or a managed policy, not both")
	case in.Managed != "":
		if _, ok := policy.Managed(in.Managed); !ok {
			return nil, wat.Invalid("ManagedPolicy", "there is no managed policy named %q", in.Managed)
		}
		return &wat.UserPolicy{Name: in.Managed, Managed: true}, nil
	}
	if !policyNameRE.MatchString(in.Name) {
		return nil, wat.Invalid("PolicyName", "%q is not a valid policy name: use 1 to 128 letters, digits and +=,.@_-", in.Name)
	}
	if _, err := policy.Parse(in.Document); err != nil {
		return nil, err
	}
	return &wat.UserPolicy{Name: in.Name, Document: string(in.Document)}, nil
}

// AttachPolicy attaches a policy to a user, replacing the user's policy of
// the same name.
func (s *Service) AttachPolicy(ctx context.Context, accountID, userName string, in PolicyInput) (*wat.UserPolicy, error) {
	if err := validAccountID(accountID); err != nil {
		return nil, err
	}
	p, err := in.resolve()
	if err != nil {
		return nil, err
	}
	p.AccountID, p.UserName, p.CreatedAt = accountID, userName, s.nowUTC()
	err = s.store.Update(ctx, func(tx wat.Tx) error {
		if err := tx.LockAccount(ctx, accountID); err != nil {
			return err
		}
		if _, err := tx.GetUser(ctx, accountID, userName); err != nil {
			return err
		}
		return tx.PutUserPolicy(ctx, p)
	})
	if err != nil {
		return nil, fmt.Errorf("AttachPolicy(%s, %q, %q): %w", accountID, userName, p.Name, err)
	}
	s.policies.drop(accountID, userName)
	return p, nil
}

// DetachPolicy detaches a user's inline policy named name or, with managed,
// its managed policy of that name; ENotFound when the user has no such
// policy of that kind.
func (s *Service) DetachPolicy(ctx context.Context, accountID, userName, name string, managed bool) error {
	if err := validAccountID(accountID); err != nil {
		return err
	}
	err := s.store.Update(ctx, func(tx wat.Tx) error {
		if err := tx.LockAccount(ctx, accountID); err != nil {
			return err
		}
		if _, err := tx.GetUser(ctx, accountID, userName); err != nil {
			return err
		}
		ps, err := tx.ListUserPolicies(ctx, accountID, userName)
		if err != nil {
			return err
		}
		for _, p := range ps {
			if p.Name == name && p.Managed == managed {
				return tx.DeleteUserPolicy(ctx, accountID, userName, name)
			}
		}
		kind := "inline"
		if managed {
			kind = "managed"
		}
		return wat.NotFound("POLICY", name, "User %s has no %s policy named %s", userName, kind, name)
	})
	if err != nil {
		return fmt.Errorf("DetachPolicy(%s, %q, %q): %w", accountID, userName, name, err)
	}
	s.policies.drop(accountID, userName)
	return nil
}

// ListPolicies returns a user's policies, ordered by name. A managed
// policy's Document is filled in with its current definition.
func (s *Service) ListPolicies(ctx context.Context, accountID, userName string) ([]*wat.UserPolicy, error) {
	if err := validAccountID(accountID); err != nil {
		return nil, err
	}
	var ps []*wat.UserPolicy
	err := s.store.View(ctx, func(tx wat.Tx) error {
		if _, err := tx.GetUser(ctx, accountID, userName); err != nil {
			return err
		}
		var err error
		ps, err = tx.ListUserPolicies(ctx, accountID, userName)
		return err
	})
	if err != nil {
		return nil, fmt.Errorf("ListPolicies(%s, %q): %w", accountID, userName, err)
	}
	for _, p := range ps {
		if p.Managed {
			p.Document = managedDocument(p.Name)
		}
	}
	return ps, nil
}

// managedDocument is the JSON of a managed policy's definition, or "null"
// when this version no longer knows it.
func managedDocument(name string) string {
	mp, ok := policy.Managed(name)
	if !ok {
		return "null"
	}
	b, err := json.Marshal(mp)
	if err != nil {
		return "null"
	}
	return string(b)
}
