package sqlstore

import (
	"context"
	"time"

	"github.com/wat-dev/wat"
)

// shareColumns are read by every SELECT of shares, in scanShare's order.
const shareColumns = `id, invitation_id, resource_type, resource_id, owner_account_id, shared_with,
	recipient_kind, recipient_id, recipient_user, permission, status, created_at, updated_at`

// InsertShare stores a new share; EConflict when the resource already has a
// share with the same recipient (or the ID or invitation ID is taken),
// ENotFound when the owner account does not exist.
func (t *tx) InsertShare(ctx context.Context, s *wat.Share) error {
	_, err := t.exec(ctx, `INSERT INTO shares (`+shareColumns+`)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
		s.ID, s.InvitationID, s.ResourceType, s.ResourceID, s.OwnerAccountID, s.SharedWith,
		s.RecipientKind, s.RecipientID, s.RecipientUser, s.Permission, s.Status,
		timeValue(s.CreatedAt), timeValue(s.UpdatedAt))
	if err != nil {
		return fail("InsertShare", s.ID, err, outcomes{
			conflict: wat.Conflict("SHARE", s.SharedWith, "The %s %s is already shared with %s",
				s.ResourceType, s.ResourceID, s.SharedWith),
			parent: accountNotFound(s.OwnerAccountID),
		})
	}
	return nil
}

// GetShare returns a share by its ID.
func (t *tx) GetShare(ctx context.Context, id string) (*wat.Share, error) {
	s, err := scanShare(t.queryRow(ctx, `SELECT `+shareColumns+` FROM shares WHERE id = ?`, id))
	if err != nil {
		return nil, fail("GetShare", id, err, outcomes{missing: shareNotFound(id)})
	}
	return s, nil
}

// GetShareByInvitation returns the share of an invitation ID. Organization
// and OU shares have none: the empty ID is never found (and the second
// condition lets SQLite use the partial index).
func (t *tx) GetShareByInvitation(ctx context.Context, invitationID string) (*wat.Share, error) {
	s, err := scanShare(t.queryRow(ctx, `SELECT `+shareColumns+` FROM shares
		WHERE invitation_id = ? AND invitation_id <> ''`, invitationID))
	if err != nil {
		return nil, fail("GetShareByInvitation", invitationID, err, outcomes{
			missing: wat.NotFound("SHARE_INVITATION", invitationID, "No share invitation with ID %s", invitationID),
		})
	}
	return s, nil
}

// UpdateShare stores a share's permission, status and update time.
func (t *tx) UpdateShare(ctx context.Context, s *wat.Share) error {
	res, err := t.exec(ctx, `UPDATE shares SET permission = ?, status = ?, updated_at = ? WHERE id = ?`,
		s.Permission, s.Status, timeValue(s.UpdatedAt), s.ID)
	if err == nil {
		err = mustAffect(res)
	}
	if err != nil {
		return fail("UpdateShare", s.ID, err, outcomes{missing: shareNotFound(s.ID)})
	}
	return nil
}

// DeleteShare removes a share.
func (t *tx) DeleteShare(ctx context.Context, id string) error {
	res, err := t.exec(ctx, `DELETE FROM shares WHERE id = ?`, id)
	if err == nil {
		err = mustAffect(res)
	}
	if err != nil {
		return fail("DeleteShare", id, err, outcomes{missing: shareNotFound(id)})
	}
	return nil
}

// ListShares returns the shares of one resource, oldest first, then by ID
// (an unknown resource has none).
func (t *tx) ListShares(ctx context.Context, resourceType, resourceID string) ([]*wat.Share, error) {
	return t.listShares(ctx, "ListShares", resourceType+" "+resourceID, `SELECT `+shareColumns+` FROM shares
		WHERE resource_type = ? AND resource_id = ? ORDER BY created_at, id`, resourceType, resourceID)
}

// ListSharesFor returns the shares of resources of one type made to r: to
// its account, to its user, to its organization or to its OU, whatever
// their status, oldest first, then by ID. A recipient without a user (or
// organization, or OU) matches no share of that kind, even one whose
// recipient is stored empty.
//
// One SELECT per kind of recipient, each an equality search of the
// shares_recipient index: with one OR of the four, SQLite would rather scan
// every share of the resource type. The kinds differ, so no share is found
// twice.
func (t *tx) ListSharesFor(ctx context.Context, r wat.Recipient, resourceType string) ([]*wat.Share, error) {
	return t.listShares(ctx, "ListSharesFor", r.AccountID+" "+resourceType, `
		SELECT `+shareColumns+` FROM shares
		WHERE recipient_kind = ? AND recipient_id = ? AND resource_type = ?
		UNION ALL
		SELECT `+shareColumns+` FROM shares
		WHERE recipient_kind = ? AND recipient_id = ? AND resource_type = ? AND recipient_user = ? AND ? <> ''
		UNION ALL
		SELECT `+shareColumns+` FROM shares
		WHERE recipient_kind = ? AND recipient_id = ? AND resource_type = ? AND ? <> ''
		UNION ALL
		SELECT `+shareColumns+` FROM shares
		WHERE recipient_kind = ? AND recipient_id = ? AND resource_type = ? AND ? <> ''
		ORDER BY created_at, id`,
		wat.RecipientAccount, r.AccountID, resourceType,
		wat.RecipientUser, r.AccountID, resourceType, r.UserName, r.UserName,
		wat.RecipientOrganization, r.OrganizationID, resourceType, r.OrganizationID,
		wat.RecipientOU, r.OUID, resourceType, r.OUID)
}

// listShares runs query, reading shareColumns; op and key name it in errors.
func (t *tx) listShares(ctx context.Context, op, key, query string, args ...any) ([]*wat.Share, error) {
	rows, err := t.query(ctx, query, args...)
	if err != nil {
		return nil, fail(op, key, err, outcomes{})
	}
	defer rows.Close()
	var ss []*wat.Share
	for rows.Next() {
		s, err := scanShare(rows)
		if err != nil {
			return nil, fail(op, key, err, outcomes{})
		}
		ss = append(ss, s)
	}
	if err := rows.Err(); err != nil {
		return nil, fail(op, key, err, outcomes{})
	}
	return ss, nil
}

// ExpireInvitations marks EXPIRED every PENDING share created before cutoff
// and returns how many it marked. Their update time is left as it was: the
// store is not told when they expired, and wat.Share.StatusAt already reads
// them as expired since created_at + wat.InvitationTTL.
func (t *tx) ExpireInvitations(ctx context.Context, cutoff time.Time) (int, error) {
	res, err := t.exec(ctx, `UPDATE shares SET status = ? WHERE status = ? AND created_at < ?`,
		wat.ShareExpired, wat.SharePending, timeValue(cutoff))
	var n int64
	if err == nil {
		n, err = res.RowsAffected()
	}
	if err != nil {
		return 0, fail("ExpireInvitations", timeValue(cutoff), err, outcomes{})
	}
	return int(n), nil
}

func scanShare(s scanner) (*wat.Share, error) {
	var sh wat.Share
	err := s.Scan(&sh.ID, &sh.InvitationID, &sh.ResourceType, &sh.ResourceID, &sh.OwnerAccountID, &sh.SharedWith,
		&sh.RecipientKind, &sh.RecipientID, &sh.RecipientUser, &sh.Permission, &sh.Status,
		timeScanner{&sh.CreatedAt}, timeScanner{&sh.UpdatedAt})
	if err != nil {
		return nil, err
	}
	return &sh, nil
}

func shareNotFound(id string) *wat.Error {
	return wat.NotFound("SHARE", id, "No share with ID %s", id)
}
