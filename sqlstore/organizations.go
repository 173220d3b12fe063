package sqlstore

import (
	"context"
	"database/sql"
	"fmt"

	"github.com/wat-dev/wat"
)

// CreateOrganization stores a new organization; EConflict when its ID is
// taken, ENotFound when its management account does not exist.
func (t *tx) CreateOrganization(ctx context.Context, o *wat.Organization) error {
	_, err := t.exec(ctx, `INSERT INTO organizations (id, arn, name, management_account_id, created_at)
		VALUES (?, ?, ?, ?, ?)`, o.ID, o.ARN, o.Name, o.ManagementAccountID, timeValue(o.CreatedAt))
	if err != nil {
		return fail("CreateOrganization", o.ID, err, outcomes{
			conflict: wat.Conflict("ORGANIZATION", o.ID, "An organization with ID %s already exists", o.ID),
			parent:   accountNotFound(o.ManagementAccountID),
		})
	}
	return nil
}

const organizationColumns = `id, arn, name, management_account_id, created_at`

// GetOrganization returns an organization.
func (t *tx) GetOrganization(ctx context.Context, id string) (*wat.Organization, error) {
	o, err := scanOrganization(t.queryRow(ctx, `SELECT `+organizationColumns+` FROM organizations WHERE id = ?`, id))
	if err != nil {
		return nil, fail("GetOrganization", id, err, outcomes{missing: organizationNotFound(id)})
	}
	return o, nil
}

// ListOrganizations returns every organization, ordered by ID.
func (t *tx) ListOrganizations(ctx context.Context) ([]*wat.Organization, error) {
	rows, err := t.query(ctx, `SELECT `+organizationColumns+` FROM organizations ORDER BY id`)
	if err != nil {
		return nil, fail("ListOrganizations", "", err, outcomes{})
	}
	defer rows.Close()
	var orgs []*wat.Organization
	for rows.Next() {
		o, err := scanOrganization(rows)
		if err != nil {
			return nil, fail("ListOrganizations", "", err, outcomes{})
		}
		orgs = append(orgs, o)
	}
	if err := rows.Err(); err != nil {
		return nil, fail("ListOrganizations", "", err, outcomes{})
	}
	return orgs, nil
}

// DeleteOrganization removes an organization; the database removes its OUs
// and its accounts' memberships with it, leaving them in no organization.
func (t *tx) DeleteOrganization(ctx context.Context, id string) error {
	res, err := t.exec(ctx, `DELETE FROM organizations WHERE id = ?`, id)
	if err == nil {
		err = mustAffect(res)
	}
	if err != nil {
		return fail("DeleteOrganization", id, err, outcomes{missing: organizationNotFound(id)})
	}
	return nil
}

func scanOrganization(s scanner) (*wat.Organization, error) {
	var o wat.Organization
	if err := s.Scan(&o.ID, &o.ARN, &o.Name, &o.ManagementAccountID, timeScanner{&o.CreatedAt}); err != nil {
		return nil, err
	}
	return &o, nil
}

// CreateOU stores a new organizational unit; EConflict when its ID is
// taken, ENotFound when its organization does not exist.
func (t *tx) CreateOU(ctx context.Context, ou *wat.OrganizationalUnit) error {
	_, err := t.exec(ctx, `INSERT INTO organizational_units (id, organization_id, arn, name, created_at)
		VALUES (?, ?, ?, ?, ?)`, ou.ID, ou.OrganizationID, ou.ARN, ou.Name, timeValue(ou.CreatedAt))
	if err != nil {
		return fail("CreateOU", ou.ID, err, outcomes{
			conflict: wat.Conflict("ORGANIZATIONAL_UNIT", ou.ID, "An organizational unit with ID %s already exists", ou.ID),
			parent:   organizationNotFound(ou.OrganizationID),
		})
	}
	return nil
}

const ouColumns = `id, organization_id, arn, name, created_at`

// GetOU returns an organizational unit.
func (t *tx) GetOU(ctx context.Context, id string) (*wat.OrganizationalUnit, error) {
	ou, err := scanOU(t.queryRow(ctx, `SELECT `+ouColumns+` FROM organizational_units WHERE id = ?`, id))
	if err != nil {
		return nil, fail("GetOU", id, err, outcomes{missing: ouNotFound(id)})
	}
	return ou, nil
}

// ListOUs returns an organization's OUs, ordered by ID (an unknown
// organization has none).
func (t *tx) ListOUs(ctx context.Context, organizationID string) ([]*wat.OrganizationalUnit, error) {
	rows, err := t.query(ctx, `SELECT `+ouColumns+` FROM organizational_units WHERE organization_id = ? ORDER BY id`,
		organizationID)
	if err != nil {
		return nil, fail("ListOUs", organizationID, err, outcomes{})
	}
	defer rows.Close()
	var ous []*wat.OrganizationalUnit
	for rows.Next() {
		ou, err := scanOU(rows)
		if err != nil {
			return nil, fail("ListOUs", organizationID, err, outcomes{})
		}
		ous = append(ous, ou)
	}
	if err := rows.Err(); err != nil {
		return nil, fail("ListOUs", organizationID, err, outcomes{})
	}
	return ous, nil
}

// DeleteOU removes an organizational unit. Its accounts stay in the
// organization, in no OU: their ou_id is cleared first, as the composite
// foreign key to the OU cannot clear only that column itself.
func (t *tx) DeleteOU(ctx context.Context, id string) error {
	_, err := t.exec(ctx, `UPDATE account_organizations SET ou_id = NULL
		WHERE organization_id = (SELECT organization_id FROM organizational_units WHERE id = ?) AND ou_id = ?`, id, id)
	var res sql.Result
	if err == nil {
		res, err = t.exec(ctx, `DELETE FROM organizational_units WHERE id = ?`, id)
	}
	if err == nil {
		err = mustAffect(res)
	}
	if err != nil {
		return fail("DeleteOU", id, err, outcomes{missing: ouNotFound(id)})
	}
	return nil
}

func scanOU(s scanner) (*wat.OrganizationalUnit, error) {
	var ou wat.OrganizationalUnit
	if err := s.Scan(&ou.ID, &ou.OrganizationID, &ou.ARN, &ou.Name, timeScanner{&ou.CreatedAt}); err != nil {
		return nil, err
	}
	return &ou, nil
}

// SetAccountOrganization places an account in an organization and one of
// its OUs (ouID "" for none), or in no organization (both ""). ENotFound
// when the account, the organization, or the OU in that organization does
// not exist; EInvalid for an OU without an organization.
func (t *tx) SetAccountOrganization(ctx context.Context, accountID, organizationID, ouID string) error {
	const op = "SetAccountOrganization"
	key := accountID + " " + organizationID + " " + ouID
	if organizationID == "" && ouID != "" {
		return fmt.Errorf("sqlstore: %s(%s): %w", op, key,
			wat.Invalid("OuId", "Organizational unit %s given without its organization", ouID))
	}
	// One look first, so that a missing row is reported by name: the
	// foreign keys would only say that one of them is missing.
	var accounts, organizations, ous int
	err := t.queryRow(ctx, `SELECT
		(SELECT count(*) FROM accounts WHERE id = ?),
		(SELECT count(*) FROM organizations WHERE id = ?),
		(SELECT count(*) FROM organizational_units WHERE organization_id = ? AND id = ?)`,
		accountID, organizationID, organizationID, ouID).Scan(&accounts, &organizations, &ous)
	switch {
	case err != nil:
		return fail(op, key, err, outcomes{})
	case accounts == 0:
		return fail(op, key, accountNotFound(accountID), outcomes{})
	case organizationID == "":
		_, err = t.exec(ctx, `DELETE FROM account_organizations WHERE account_id = ?`, accountID)
		if err != nil {
			return fail(op, key, err, outcomes{})
		}
		return nil
	case organizations == 0:
		return fail(op, key, organizationNotFound(organizationID), outcomes{})
	case ouID != "" && ous == 0:
		return fail(op, key, wat.NotFound("ORGANIZATIONAL_UNIT", ouID,
			"No organizational unit with ID %s in organization %s", ouID, organizationID), outcomes{})
	}
	var ou any // NULL for no OU: a foreign key to nothing
	if ouID != "" {
		ou = ouID
	}
	_, err = t.exec(ctx, `INSERT INTO account_organizations (account_id, organization_id, ou_id) VALUES (?, ?, ?)
		ON CONFLICT (account_id) DO UPDATE SET organization_id = excluded.organization_id, ou_id = excluded.ou_id`,
		accountID, organizationID, ou)
	if err != nil {
		// Only when a row was deleted since the look above.
		return fail(op, key, err, outcomes{parent: organizationNotFound(organizationID)})
	}
	return nil
}

// ListOrganizationAccounts returns the accounts of an organization, ordered
// by ID (an unknown organization has none).
func (t *tx) ListOrganizationAccounts(ctx context.Context, organizationID string) ([]*wat.Account, error) {
	return t.listAccounts(ctx, "ListOrganizationAccounts", organizationID, `SELECT `+accountColumns+` FROM `+accountsJoined+`
		WHERE m.organization_id = ? ORDER BY a.id`, organizationID)
}

func organizationNotFound(id string) *wat.Error {
	return wat.NotFound("ORGANIZATION", id, "No organization with ID %s", id)
}

func ouNotFound(id string) *wat.Error {
	return wat.NotFound("ORGANIZATIONAL_UNIT", id, "No organizational unit with ID %s", id)
}
