package service

import (
	"context"
	"fmt"
	"maps"
	"regexp"

	"github.com/wat-dev/wat"
	"github.com/wat-dev/wat/lens"
)

// Quotas of custom lenses, as AWS documents them.
const (
	MaxCustomLensesPerAccount = 15
	MaxVersionsPerLens        = 100
	MaxSharesPerLens          = 300
)

// ImportLens statuses, as on the wire.
const ImportLensComplete = "COMPLETE"

var lensVersionRE = regexp.MustCompile(`^[A-Za-z0-9.]{1,32}$`)

func (s *Service) lensARN(accountID, id string) string {
	return fmt.Sprintf("arn:aws:wellarchitected:%s:%s:lens/%s", s.region, accountID, id)
}

// ImportLensInput is what ImportLens takes.
type ImportLensInput struct {
	JSON string
	// LensAlias, when set, is the ARN of a custom lens of the caller's
	// account whose draft the document becomes.
	LensAlias          string
	Tags               map[string]string
	ClientRequestToken string
}

// parseLens validates a lens document and returns it normalised: its
// members in the format's order, unknown ones dropped.
func parseLens(text string) (*lens.Lens, []byte, error) {
	doc, err := lens.ParseDocument([]byte(text))
	if err != nil {
		return nil, nil, err
	}
	l, err := lens.Compile(doc)
	if err != nil {
		return nil, nil, err
	}
	norm, err := doc.Normalize()
	if err != nil {
		return nil, nil, err
	}
	return l, norm, nil
}

// ImportLens validates a lens document and stores it as the draft of a new
// custom lens, or of the caller's lens named by LensAlias. It returns the
// lens's ARN.
func (s *Service) ImportLens(ctx context.Context, in ImportLensInput) (string, error) {
	p, err := caller(ctx)
	if err != nil {
		return "", err
	}
	var pr problems
	checkTags(&pr, "Tags", in.Tags)
	if err := pr.err(); err != nil {
		return "", err
	}
	compiled, doc, err := parseLens(in.JSON)
	if err != nil {
		return "", err
	}
	fp := fingerprint("ImportLens", in.JSON, in.LensAlias, in.Tags)
	var arn string
	err = s.store.Update(ctx, func(tx wat.Tx) error {
		if err := tx.LockAccount(ctx, p.AccountID); err != nil {
			return err
		}
		if arn, err = s.replay(ctx, tx, p.AccountID, "ImportLens", in.ClientRequestToken, fp); err != nil || arn != "" {
			return err
		}
		now := s.nowUTC()
		own, err := tx.ListCustomLenses(ctx, p.AccountID)
		if err != nil {
			return err
		}
		var l *wat.CustomLens
		if in.LensAlias != "" {
			// Into an existing lens: only its owner, as for every change.
			if l, err = s.ownLens(ctx, tx, access{"ImportLens", requestTags(in.Tags)}, in.LensAlias); err != nil {
				return err
			}
		}
		if o := sameName(own, l, compiled.Name); o != nil {
			return wat.Conflict("LENS", o.ARN, "Lens %s of this account is already named %q: import into it with LensAlias, or rename the lens", o.ARN, compiled.Name)
		}
		if l == nil {
			if err := roomForLens(own); err != nil {
				return err
			}
			l = &wat.CustomLens{ARN: s.lensARN(p.AccountID, newID(16)), AccountID: p.AccountID, Tags: map[string]string{}, CreatedAt: now}
			if err := s.authorize(ctx, tx, access{"ImportLens", requestTags(in.Tags)}, l.ARN, nil); err != nil {
				return err
			}
		}
		if len(l.Tags)+len(in.Tags) > MaxTagsPerResource {
			merged := maps.Clone(l.Tags)
			maps.Copy(merged, in.Tags)
			if len(merged) > MaxTagsPerResource {
				return wat.Invalid("Tags", "A lens can have at most %d tags", MaxTagsPerResource)
			}
		}
		if l.Tags == nil {
			l.Tags = map[string]string{}
		}
		maps.Copy(l.Tags, in.Tags)
		l.Name, l.Description, l.HasDraft, l.UpdatedAt = compiled.Name, compiled.Description, true, now
		if in.LensAlias == "" {
			err = tx.InsertCustomLens(ctx, l)
		} else {
			err = tx.UpdateCustomLens(ctx, l)
		}
		if err != nil {
			return err
		}
		if err := tx.PutLensDraft(ctx, &wat.LensVersion{LensARN: l.ARN, Document: doc, CreatedAt: now}); err != nil {
			return err
		}
		arn = l.ARN
		return s.remember(ctx, tx, p.AccountID, "ImportLens", in.ClientRequestToken, fp, arn)
	})
	if err != nil {
		return "", fmt.Errorf("ImportLens: %w", err)
	}
	return arn, nil
}

// ownLens loads, locked, a custom lens of the caller's account that is not
// deleted, and authorises a on it.
func (s *Service) ownLens(ctx context.Context, tx wat.Tx, a access, alias string) (*wat.CustomLens, error) {
	p, err := caller(ctx)
	if err != nil {
		return nil, err
	}
	if _, builtin := s.lenses.Builtin(alias); builtin {
		return nil, wat.Invalid("LensAlias", "%s is a lens provided with wat: only custom lenses can be changed, shared or exported", alias)
	}
	if !isCustomLensARN(alias) {
		return nil, lensNotFound(alias)
	}
	l, err := tx.GetCustomLens(ctx, alias, true)
	if wat.ErrorCodeOf(err) == wat.ENotFound || (err == nil && (l.Deleted || l.AccountID != p.AccountID)) {
		if err == nil && l.AccountID != p.AccountID {
			// A lens shared with the caller: visible, but not theirs.
			if sh, _ := s.grantingShare(ctx, tx, p, wat.ShareResourceLens, l.ARN); sh != nil && !l.Deleted {
				return nil, &wat.Error{Code: wat.EForbidden, Message: fmt.Sprintf("User: %s is not authorized to perform: wellarchitected:%s on resource: %s (the lens is shared with this account; only its owner may do this)", p.UserARN, a.Action, l.ARN)}
			}
		}
		return nil, lensNotFound(alias)
	}
	if err != nil {
		return nil, err
	}
	if err := s.authorize(ctx, tx, a, l.ARN, l.Tags); err != nil {
		return nil, err
	}
	return l, nil
}

// CreateLensVersion publishes the draft of a custom lens as version. A
// minor version replaces, on every workload, the versions published since
// the last major one; a major version leaves workloads where they are, with
// a notification to upgrade.
func (s *Service) CreateLensVersion(ctx context.Context, alias, version string, major bool, token string) (string, string, error) {
	if !lensVersionRE.MatchString(version) {
		return "", "", wat.Invalid("LensVersion", "A lens version name is 1 to 32 letters, digits and periods, not %q", version)
	}
	fp := fingerprint("CreateLensVersion", alias, version, major)
	var arn string
	err := s.store.Update(ctx, func(tx wat.Tx) error {
		l, err := s.ownLens(ctx, tx, act("CreateLensVersion"), alias)
		if err != nil {
			return err
		}
		arn = l.ARN
		if done, err := s.replay(ctx, tx, l.AccountID, "CreateLensVersion", token, fp); err != nil || done != "" {
			return err
		}
		if !l.HasDraft {
			return wat.Invalid("LensAlias", "Lens %s has no draft to publish: import a new document first", l.ARN)
		}
		draft, err := tx.GetLensVersion(ctx, l.ARN, "")
		if err != nil {
			return err
		}
		if err := s.publishVersion(ctx, tx, l, version, major, draft.Document); err != nil {
			return err
		}
		if err := tx.DeleteLensDraft(ctx, l.ARN); err != nil {
			return err
		}
		l.HasDraft = false
		if err := tx.UpdateCustomLens(ctx, l); err != nil {
			return err
		}
		return s.remember(ctx, tx, l.AccountID, "CreateLensVersion", token, fp, version)
	})
	if err != nil {
		return "", "", fmt.Errorf("CreateLensVersion(%s, %q): %w", alias, version, err)
	}
	return arn, version, nil
}

// DeleteLens deletes a custom lens's draft (status DRAFT), its published
// versions (PUBLISHED) or both (ALL). Workloads that use a deleted lens
// keep it; it can no longer be applied, shared or imported into. A lens
// with nothing left is deleted as a whole.
func (s *Service) DeleteLens(ctx context.Context, alias, status, token string) error {
	fp := fingerprint("DeleteLens", alias, status)
	err := s.store.Update(ctx, func(tx wat.Tx) error {
		p, err := caller(ctx)
		if err != nil {
			return err
		}
		if done, err := s.replay(ctx, tx, p.AccountID, "DeleteLens", token, fp); err != nil || done != "" {
			return err
		}
		l, err := s.ownLens(ctx, tx, act("DeleteLens"), alias)
		if err != nil {
			return err
		}
		delDraft := status == wat.LensDraft || status == "ALL"
		delPublished := status == wat.LensPublished || status == "ALL"
		switch {
		case status == wat.LensDraft && !l.HasDraft:
			return wat.Invalid("LensStatus", "Lens %s has no draft", l.ARN)
		case status == wat.LensPublished && l.LatestVersion == "":
			return wat.Invalid("LensStatus", "Lens %s has no published version", l.ARN)
		}
		if delDraft && l.HasDraft {
			if err := tx.DeleteLensDraft(ctx, l.ARN); err != nil {
				return err
			}
			l.HasDraft = false
		}
		if delPublished || l.LatestVersion == "" {
			l.Deleted = true
			if err := tx.TouchLensReviews(ctx, l.ARN); err != nil {
				return err
			}
		}
		l.UpdatedAt = s.nowUTC()
		if err := tx.UpdateCustomLens(ctx, l); err != nil {
			return err
		}
		return s.remember(ctx, tx, p.AccountID, "DeleteLens", token, fp, l.ARN)
	})
	if err != nil {
		return fmt.Errorf("DeleteLens(%s): %w", alias, err)
	}
	return nil
}

// ExportLens returns the normalised document of a custom lens of the
// caller's account: version, or the latest published one (the draft of a
// lens never published).
func (s *Service) ExportLens(ctx context.Context, alias, version string) (string, error) {
	var out string
	err := s.store.View(ctx, func(tx wat.Tx) error {
		p, err := caller(ctx)
		if err != nil {
			return err
		}
		if _, builtin := s.lenses.Builtin(alias); builtin {
			return wat.Invalid("LensAlias", "%s is a lens provided with wat: only custom lenses can be exported", alias)
		}
		li, err := s.visibleLens(ctx, tx, alias, version, true)
		if err != nil {
			return err
		}
		if li.Owner != p.AccountID {
			return &wat.Error{Code: wat.EForbidden, Message: fmt.Sprintf("User: %s is not authorized to perform: wellarchitected:ExportLens on resource: %s (only the lens's owner may export it)", p.UserARN, li.ARN)}
		}
		if err := s.authorize(ctx, tx, act("ExportLens"), li.ARN, li.Tags); err != nil {
			return err
		}
		out = string(li.Document)
		return nil
	})
	return out, err
}
