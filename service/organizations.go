package service

import (
	"context"
	"crypto/rand"
	"fmt"
	"math/big"
	"regexp"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/wat-dev/wat"
)

// The operator's use cases for organizations: groups of accounts, as in AWS
// Organizations, that workloads and lenses can be shared with at once. Like
// the other admin use cases they are run by `wat admin`, not by a SigV4
// caller, so they do not go through caller(ctx).

// idShapes are the shapes of the IDs an operator gives, by the field
// naming them. Organization and OU IDs have the shapes this service
// generates (AWS's, at their shortest): nothing else can exist.
var idShapes = map[string]struct {
	re   *regexp.Regexp
	what string
}{
	"AccountId":           {accountIDRE, "an account ID (12 digits)"},
	"ManagementAccountId": {accountIDRE, "an account ID (12 digits)"},
	"OrganizationId":      {regexp.MustCompile(`^o-[a-z0-9]{10}$`), "an organization ID (o- and 10 lowercase letters or digits)"},
	"OuId":                {regexp.MustCompile(`^ou-[a-z0-9]{4}-[a-z0-9]{8}$`), "an organizational unit ID (ou-, 4 lowercase letters or digits, -, 8 more)"},
}

// validIDs checks field/ID pairs, naming the first malformed one.
func validIDs(pairs ...string) error {
	for i := 0; i+1 < len(pairs); i += 2 {
		if sh := idShapes[pairs[i]]; !sh.re.MatchString(pairs[i+1]) {
			return wat.Invalid(pairs[i], "%q is not %s", pairs[i+1], sh.what)
		}
	}
	return nil
}

// validGroupName applies the rules of account names to organization and OU
// names: an operator types all three, and reads them in the same lists.
func validGroupName(what, name string) error {
	if strings.TrimSpace(name) == "" || utf8.RuneCountInString(name) > MaxAccountNameLength ||
		strings.IndexFunc(name, unicode.IsControl) >= 0 {
		return wat.Invalid("Name", "an %s name must be 1 to %d characters, not blank, without control characters", what, MaxAccountNameLength)
	}
	return nil
}

// randomAlnum returns n random lowercase letters and digits, the alphabet of
// AWS Organizations' IDs.
func randomAlnum(n int) string {
	const alphabet = "abcdefghijklmnopqrstuvwxyz0123456789"
	b := make([]byte, n)
	for i := range b {
		k, err := rand.Int(rand.Reader, big.NewInt(int64(len(alphabet))))
		if err != nil {
			panic(fmt.Sprintf("crypto/rand: %v", err))
		}
		b[i] = alphabet[k.Int64()]
	}
	return string(b)
}

// lockOrganization locks an organization's management account, which
// serialises the writers of the organization (OU names, deletes, joins), and
// reads the organization again under the lock, so a delete that committed
// meanwhile is seen. With account, it locks that account too, in ID order,
// so two transactions never wait on each other.
func lockOrganization(ctx context.Context, tx wat.Tx, id, account string) (*wat.Organization, error) {
	o, err := tx.GetOrganization(ctx, id)
	if err != nil {
		return nil, err
	}
	ids := []string{o.ManagementAccountID}
	if account != "" && account != o.ManagementAccountID {
		ids = append(ids, account)
		slices.Sort(ids)
	}
	for _, a := range ids {
		if err := tx.LockAccount(ctx, a); err != nil {
			return nil, err
		}
	}
	return tx.GetOrganization(ctx, id)
}

// CreateOrganization creates an organization whose management account is
// managementAccountID, and places that account in it (outside any OU).
// An account already in an organization cannot create another (EConflict).
func (s *Service) CreateOrganization(ctx context.Context, name, managementAccountID string) (*wat.Organization, error) {
	if err := validGroupName("organization", name); err != nil {
		return nil, err
	}
	if err := validIDs("ManagementAccountId", managementAccountID); err != nil {
		return nil, err
	}
	var o *wat.Organization
	err := s.store.Update(ctx, func(tx wat.Tx) error {
		// The lock keeps a concurrent create or join from also finding the
		// account in no organization.
		if err := tx.LockAccount(ctx, managementAccountID); err != nil {
			return err
		}
		a, err := tx.GetAccount(ctx, managementAccountID)
		if err != nil {
			return err
		}
		if a.OrganizationID != "" {
			return wat.Conflict("ACCOUNT", a.ID, "Account %s is already in organization %s: an account can be in one organization only", a.ID, a.OrganizationID)
		}
		id := "o-" + randomAlnum(10)
		o = &wat.Organization{ID: id, ARN: "arn:aws:organizations::" + a.ID + ":organization/" + id,
			Name: name, ManagementAccountID: a.ID, CreatedAt: s.nowUTC()}
		if err := tx.CreateOrganization(ctx, o); err != nil {
			return err
		}
		return tx.SetAccountOrganization(ctx, a.ID, o.ID, "")
	})
	if err != nil {
		return nil, fmt.Errorf("CreateOrganization(%q, %s): %w", name, managementAccountID, err)
	}
	return o, nil
}

// DeleteOrganization deletes an organization with its OUs; its accounts,
// the management account included, are left in no organization. The
// management account's OrganizationSharing setting is switched off, so an
// organization it creates later starts with sharing disabled.
func (s *Service) DeleteOrganization(ctx context.Context, id string) error {
	if err := validIDs("OrganizationId", id); err != nil {
		return err
	}
	err := s.store.Update(ctx, func(tx wat.Tx) error {
		o, err := lockOrganization(ctx, tx, id, "")
		if err != nil {
			return err
		}
		if err := tx.DeleteOrganization(ctx, id); err != nil {
			return err
		}
		st, err := tx.GetAccountSettings(ctx, o.ManagementAccountID)
		if err != nil || !st.OrganizationSharing {
			return err
		}
		st.AccountID, st.OrganizationSharing, st.UpdatedAt = o.ManagementAccountID, false, s.nowUTC()
		return tx.PutAccountSettings(ctx, st)
	})
	if err != nil {
		return fmt.Errorf("DeleteOrganization(%s): %w", id, err)
	}
	return nil
}

// OrganizationView is an organization with its OUs and its accounts (each
// account's OUID says where in it the account is).
type OrganizationView struct {
	*wat.Organization
	OUs      []*wat.OrganizationalUnit
	Accounts []*wat.Account
}

// ListOrganizations returns every organization with its OUs and accounts,
// each ordered by ID.
func (s *Service) ListOrganizations(ctx context.Context) ([]*OrganizationView, error) {
	var out []*OrganizationView
	err := s.store.View(ctx, func(tx wat.Tx) error {
		out = nil
		orgs, err := tx.ListOrganizations(ctx)
		if err != nil {
			return err
		}
		for _, o := range orgs {
			v := &OrganizationView{Organization: o}
			if v.OUs, err = tx.ListOUs(ctx, o.ID); err != nil {
				return err
			}
			if v.Accounts, err = tx.ListOrganizationAccounts(ctx, o.ID); err != nil {
				return err
			}
			out = append(out, v)
		}
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("ListOrganizations: %w", err)
	}
	return out, nil
}

// CreateOU creates an organizational unit of an organization. OU names are
// unique in their organization regardless of case, as AWS's are under one
// parent.
func (s *Service) CreateOU(ctx context.Context, organizationID, name string) (*wat.OrganizationalUnit, error) {
	if err := validIDs("OrganizationId", organizationID); err != nil {
		return nil, err
	}
	if err := validGroupName("organizational unit", name); err != nil {
		return nil, err
	}
	var ou *wat.OrganizationalUnit
	err := s.store.Update(ctx, func(tx wat.Tx) error {
		o, err := lockOrganization(ctx, tx, organizationID, "")
		if err != nil {
			return err
		}
		ous, err := tx.ListOUs(ctx, o.ID)
		if err != nil {
			return err
		}
		for _, x := range ous {
			if strings.EqualFold(x.Name, name) {
				return wat.Conflict("ORGANIZATIONAL_UNIT", x.ID, "Organization %s already has an organizational unit named %s (%s)", o.ID, x.Name, x.ID)
			}
		}
		// AWS's OU IDs repeat part of their root's ID; these, part of the
		// organization's, so an OU ID tells which organization it is in.
		id := "ou-" + o.ID[2:6] + "-" + randomAlnum(8)
		ou = &wat.OrganizationalUnit{ID: id, ARN: "arn:aws:organizations::" + o.ManagementAccountID + ":ou/" + o.ID + "/" + id,
			OrganizationID: o.ID, Name: name, CreatedAt: s.nowUTC()}
		return tx.CreateOU(ctx, ou)
	})
	if err != nil {
		return nil, fmt.Errorf("CreateOU(%s, %q): %w", organizationID, name, err)
	}
	return ou, nil
}

// DeleteOU deletes an organizational unit; its accounts stay in the
// organization, outside any OU.
func (s *Service) DeleteOU(ctx context.Context, id string) error {
	if err := validIDs("OuId", id); err != nil {
		return err
	}
	err := s.store.Update(ctx, func(tx wat.Tx) error {
		ou, err := tx.GetOU(ctx, id)
		if err != nil {
			return err
		}
		if _, err := lockOrganization(ctx, tx, ou.OrganizationID, ""); err != nil {
			return err
		}
		return tx.DeleteOU(ctx, id)
	})
	if err != nil {
		return fmt.Errorf("DeleteOU(%s): %w", id, err)
	}
	return nil
}

// ListOUs returns the organizational units of an organization, ordered by ID.
func (s *Service) ListOUs(ctx context.Context, organizationID string) ([]*wat.OrganizationalUnit, error) {
	if err := validIDs("OrganizationId", organizationID); err != nil {
		return nil, err
	}
	var ous []*wat.OrganizationalUnit
	err := s.store.View(ctx, func(tx wat.Tx) error {
		if _, err := tx.GetOrganization(ctx, organizationID); err != nil {
			return err
		}
		var err error
		ous, err = tx.ListOUs(ctx, organizationID)
		return err
	})
	if err != nil {
		return nil, fmt.Errorf("ListOUs(%s): %w", organizationID, err)
	}
	return ous, nil
}

// AddAccountToOrganization places an account in an organization, in the
// OU ouID or, when ouID is "", outside any OU. An account already in the
// organization moves to that OU; one in another organization is refused
// (EConflict) until it leaves that one.
func (s *Service) AddAccountToOrganization(ctx context.Context, accountID, organizationID, ouID string) error {
	if err := validIDs("AccountId", accountID, "OrganizationId", organizationID); err != nil {
		return err
	}
	if ouID != "" {
		if err := validIDs("OuId", ouID); err != nil {
			return err
		}
	}
	err := s.store.Update(ctx, func(tx wat.Tx) error {
		if _, err := lockOrganization(ctx, tx, organizationID, accountID); err != nil {
			return err
		}
		a, err := tx.GetAccount(ctx, accountID)
		if err != nil {
			return err
		}
		if a.OrganizationID != "" && a.OrganizationID != organizationID {
			return wat.Conflict("ACCOUNT", a.ID, "Account %s is already in organization %s: remove it from that organization first", a.ID, a.OrganizationID)
		}
		if ouID != "" {
			ou, err := tx.GetOU(ctx, ouID)
			if err != nil {
				return err
			}
			if ou.OrganizationID != organizationID {
				return wat.Invalid("OuId", "organizational unit %s belongs to organization %s, not %s", ouID, ou.OrganizationID, organizationID)
			}
		}
		return tx.SetAccountOrganization(ctx, accountID, organizationID, ouID)
	})
	if err != nil {
		return fmt.Errorf("AddAccountToOrganization(%s, %s, %q): %w", accountID, organizationID, ouID, err)
	}
	return nil
}

// RemoveAccountFromOrganization takes an account out of its organization
// and returns the organization it left. The management account cannot
// leave (EConflict): the organization is deleted instead.
func (s *Service) RemoveAccountFromOrganization(ctx context.Context, accountID string) (string, error) {
	if err := validIDs("AccountId", accountID); err != nil {
		return "", err
	}
	var left string
	err := s.store.Update(ctx, func(tx wat.Tx) error {
		if err := tx.LockAccount(ctx, accountID); err != nil {
			return err
		}
		a, err := tx.GetAccount(ctx, accountID)
		if err != nil {
			return err
		}
		if a.OrganizationID == "" {
			return wat.Conflict("ACCOUNT", accountID, "Account %s is in no organization", accountID)
		}
		// A management account is never its organization's member only:
		// leaving would orphan the organization.
		if o, err := tx.GetOrganization(ctx, a.OrganizationID); err == nil && o.ManagementAccountID == accountID {
			return wat.Conflict("ACCOUNT", accountID, "Account %s is the management account of organization %s and cannot leave it: delete the organization instead", accountID, o.ID)
		} else if err != nil && wat.ErrorCodeOf(err) != wat.ENotFound {
			return err
		}
		left = a.OrganizationID
		return tx.SetAccountOrganization(ctx, accountID, "", "")
	})
	if err != nil {
		return "", fmt.Errorf("RemoveAccountFromOrganization(%s): %w", accountID, err)
	}
	return left, nil
}
