package service

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/wat-dev/wat"
)

// Single sign-on: a person an OpenID provider vouches for signs in to the
// console as a user of wat. The adapter (package oidc) verifies the
// provider's answer and reads its claims; which account and user that is,
// whether the user may be created, and which policies its groups give are
// decided here.

// How SSORules.Provision treats a person with no user yet.
const (
	// ProvisionAuto creates the user at its first sign-in.
	ProvisionAuto = "auto"
	// ProvisionExisting signs in only users an administrator created.
	ProvisionExisting = "existing"
)

// GroupPolicy gives Policy to the users whose groups at the provider
// include Group.
type GroupPolicy struct {
	Group  string
	Policy PolicyInput
}

// SSORules decide where a person signed in by an OpenID provider lands and
// what they may do there.
type SSORules struct {
	// AccountID is the account people land in when the provider names
	// none (ExternalIdentity.AccountID); "" is the default account.
	AccountID string
	// Provision is ProvisionAuto or ProvisionExisting.
	Provision string
	// GroupPolicies are applied again at every sign-in: a policy one of
	// them names is attached while one of the user's groups maps to it and
	// detached otherwise, so leaving a group at the provider takes effect
	// at the next sign-in. Policies attached by other means, under other
	// names, are left alone.
	GroupPolicies []GroupPolicy
}

// Validate reports the first rule that cannot work, naming its setting.
func (r SSORules) Validate() error {
	if r.AccountID != "" {
		if err := validAccountID(r.AccountID); err != nil {
			return err
		}
	}
	if r.Provision != ProvisionAuto && r.Provision != ProvisionExisting {
		return wat.Invalid("Provision", "%q is not a provisioning mode: use %s or %s", r.Provision, ProvisionAuto, ProvisionExisting)
	}
	for _, gp := range r.GroupPolicies {
		if strings.TrimSpace(gp.Group) == "" {
			return wat.Invalid("GroupPolicy", "a group policy needs a group name")
		}
		in := gp.Policy
		if _, err := in.resolve(); err != nil {
			return err
		}
	}
	return nil
}

// ExternalIdentity is a person as an OpenID provider vouched for them, its
// claims already read.
type ExternalIdentity struct {
	Issuer  string
	Subject string
	// UserName is the user name the provider's claims give (an e-mail
	// address, a preferred user name): the user a first sign-in is linked
	// to or creates.
	UserName string
	// AccountID is the account the claims name; "" when SSORules.AccountID
	// applies.
	AccountID string
	Groups    []string
	// IDToken is the provider's ID token, as it was issued and verified:
	// kept, encrypted, with the session, and sent back to the provider as
	// id_token_hint when the person signs out. Never log it.
	IDToken string
}

// SSOChanges are what a single sign-on changed besides opening a
// session, for the audit log.
type SSOChanges struct {
	UserCreated bool
	// Attached and Detached name the group policies attached to or
	// detached from the user.
	Attached, Detached []string
}

// SignInExternal opens a console session for a person an OpenID provider
// vouched for. The person's link (issuer and subject) decides the user;
// without one, the user named UserName is linked, or created when rules
// allow it. The rules' group policies are then applied. A person who may
// not sign in is refused with EForbidden, with a message for them. The
// result is never nil.
func (s *Service) SignInExternal(ctx context.Context, rules SSORules, id ExternalIdentity) (*SignInResult, *SSOChanges, error) {
	res, changes := &SignInResult{}, &SSOChanges{}
	if id.Issuer == "" || id.Subject == "" {
		return res, changes, wat.Errorf(wat.EForbidden, "The provider's answer names no subject: the sign-in was refused")
	}
	var (
		user  *wat.User
		token string
		ws    *wat.Session
	)
	now := s.nowUTC()
	err := s.store.Update(ctx, func(tx wat.Tx) error {
		user, *changes = nil, SSOChanges{}
		accountID, err := ssoAccount(ctx, tx, rules, id)
		if err != nil {
			return err
		}
		res.AccountID = accountID
		if err := tx.LockAccount(ctx, accountID); err != nil {
			return err
		}
		if user, err = s.linkedUser(ctx, tx, rules, id, accountID, changes); err != nil {
			return err
		}
		res.AccountID, res.UserName, res.UserARN = user.AccountID, user.Name, user.ARN
		if err := applyGroupPolicies(ctx, tx, rules.GroupPolicies, user, id.Groups, now, changes); err != nil {
			return err
		}
		token, ws = s.newSession(user, wat.SessionOIDC, now)
		ws.IDToken = id.IDToken
		return tx.InsertSession(ctx, ws)
	})
	if err != nil {
		return res, &SSOChanges{}, fmt.Errorf("SignInExternal(%s): %w", id.Issuer, err)
	}
	s.policies.drop(user.AccountID, user.Name)
	res.Token, res.Session = token, consoleSession(user, ws)
	return res, changes, nil
}

// ssoAccount returns the account a person lands in: the one the claims
// name, else the rules', else the default account. It must exist.
func ssoAccount(ctx context.Context, tx wat.Tx, rules SSORules, id ExternalIdentity) (string, error) {
	accountID := id.AccountID
	if accountID == "" {
		accountID = rules.AccountID
	}
	if accountID == "" {
		return defaultAccountID(ctx, tx)
	}
	if validAccountID(accountID) != nil {
		return "", wat.Errorf(wat.EForbidden, "The provider names account %q, which is not an account ID (12 digits): the sign-in was refused", accountID)
	}
	if _, err := tx.GetAccount(ctx, accountID); wat.ErrorCodeOf(err) == wat.ENotFound {
		return "", wat.Errorf(wat.EForbidden, "There is no account %s: the sign-in was refused", accountID)
	} else if err != nil {
		return "", err
	}
	return accountID, nil
}

// linkedUser returns the user a person's link names or, at their first
// sign-in, links (and, when the rules allow, creates) the user their
// claims name in accountID.
func (s *Service) linkedUser(ctx context.Context, tx wat.Tx, rules SSORules, id ExternalIdentity, accountID string, changes *SSOChanges) (*wat.User, error) {
	l, err := tx.GetIdentityLink(ctx, id.Issuer, id.Subject)
	switch {
	case err == nil:
		return tx.GetUser(ctx, l.AccountID, l.UserName) // the cascade deletes links of deleted users
	case wat.ErrorCodeOf(err) != wat.ENotFound:
		return nil, err
	}
	if validUserName(id.UserName) != nil {
		return nil, wat.Errorf(wat.EForbidden, "The provider names you %q, which is not a valid user name (1 to 64 letters, digits and +=,.@_-): the sign-in was refused", id.UserName)
	}
	users, err := tx.ListUsers(ctx, accountID)
	if err != nil {
		return nil, err
	}
	var user *wat.User
	for _, u := range users {
		if strings.EqualFold(u.Name, id.UserName) {
			user = u
		}
	}
	if user == nil {
		if rules.Provision != ProvisionAuto {
			return nil, wat.Errorf(wat.EForbidden, "There is no user %s in account %s, and this server signs in only existing users: ask an administrator to create it", id.UserName, accountID)
		}
		user = &wat.User{AccountID: accountID, Name: id.UserName, ARN: userARN(accountID, id.UserName), CreatedAt: s.nowUTC()}
		if err := tx.CreateUser(ctx, user); err != nil {
			return nil, err
		}
		changes.UserCreated = true
	}
	err = tx.InsertIdentityLink(ctx, &wat.IdentityLink{Issuer: id.Issuer, Subject: id.Subject, AccountID: accountID, UserName: user.Name, CreatedAt: s.nowUTC()})
	if wat.ErrorCodeOf(err) == wat.EConflict {
		return nil, wat.Errorf(wat.EForbidden, "User %s of account %s already signs in as another person of this provider: the sign-in was refused", user.Name, accountID)
	}
	return user, err
}

// applyGroupPolicies attaches to u every policy of gps one of groups maps
// to, and detaches the others of gps it has.
func applyGroupPolicies(ctx context.Context, tx wat.Tx, gps []GroupPolicy, u *wat.User, groups []string, now time.Time, changes *SSOChanges) error {
	if len(gps) == 0 {
		return nil
	}
	have, err := tx.ListUserPolicies(ctx, u.AccountID, u.Name)
	if err != nil {
		return err
	}
	want := map[string]*wat.UserPolicy{} // by name
	mapped := map[string]bool{}
	for _, gp := range gps {
		in := gp.Policy
		p, err := in.resolve()
		if err != nil {
			return err
		}
		mapped[p.Name] = true
		if slices.Contains(groups, gp.Group) {
			want[p.Name] = p
		}
	}
	for _, h := range have {
		w, ok := want[h.Name]
		switch {
		case !mapped[h.Name]:
		case !ok:
			if err := tx.DeleteUserPolicy(ctx, u.AccountID, u.Name, h.Name); err != nil {
				return err
			}
			changes.Detached = append(changes.Detached, h.Name)
		case w.Managed == h.Managed && w.Document == h.Document:
			delete(want, h.Name) // attached already, as it is
		}
	}
	for _, p := range want {
		p.AccountID, p.UserName, p.CreatedAt = u.AccountID, u.Name, now
		if err := tx.PutUserPolicy(ctx, p); err != nil {
			return err
		}
		changes.Attached = append(changes.Attached, p.Name)
	}
	slices.Sort(changes.Attached)
	return nil
}
