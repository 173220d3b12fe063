package service

import (
	"context"
	"fmt"

	"github.com/wat-dev/wat"
	"github.com/wat-dev/wat/profile"
)

// Profile notification types, as on the wire.
const (
	NotificationProfileAnswersUpdated = "PROFILE_ANSWERS_UPDATED"
	NotificationProfileDeleted        = "PROFILE_DELETED"
)

// Priorities are the framework questions a workload's profile makes a
// priority, at the profile version the workload uses.
type Priorities struct {
	ProfileARN     string
	ProfileVersion int
	Questions      map[string]bool
}

// loadPriorities reads the priorities of w's profile: nil when w has no
// profile or its profile was deleted. A workload without a profile costs
// no query.
func (s *Service) loadPriorities(ctx context.Context, tx wat.ProfileTx, w *wat.Workload) (*Priorities, error) {
	if w.ProfileARN == "" {
		return nil, nil
	}
	prof, err := tx.GetProfile(ctx, w.ProfileARN, false)
	if wat.ErrorCodeOf(err) == wat.ENotFound || (err == nil && prof.Deleted) {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	v, err := tx.GetProfileVersion(ctx, w.ProfileARN, w.ProfileVersion)
	if err != nil {
		return nil, err
	}
	return &Priorities{ProfileARN: w.ProfileARN, ProfileVersion: w.ProfileVersion, Questions: profile.Default().Prioritized(v.Answers)}, nil
}

// prioritize returns rv with the prioritised risk counts of pr, for the
// framework lens; rv itself, which caches share, is never changed.
func (s *Service) prioritize(rv *ReviewView, pr *Priorities) *ReviewView {
	if rv == nil || pr == nil || rv.Lens.ARN != s.lenses.Framework().ARN {
		return rv
	}
	out := *rv
	out.Priorities = pr
	out.PrioritizedRiskCounts = wat.NewRiskCounts()
	out.Pillars = make([]PillarView, len(rv.Pillars))
	for i, p := range rv.Pillars {
		p.PrioritizedRiskCounts = wat.NewRiskCounts()
		if lp, ok := rv.Lens.Lens.Pillar(p.ID); ok {
			for _, q := range lp.Questions {
				if pr.Questions[q.ID] {
					risk := rv.Risks[q.ID]
					p.PrioritizedRiskCounts[risk]++
					out.PrioritizedRiskCounts[risk]++
				}
			}
		}
		out.Pillars[i] = p
	}
	return &out
}

// usableProfile resolves, for associating it with a workload, a profile
// the caller's account owns or has been shared, not deleted; problems go
// to pr.
func (s *Service) usableProfile(ctx context.Context, tx wat.Tx, pr *problems, field, arn string) (*wat.Profile, error) {
	p, err := caller(ctx)
	if err != nil {
		return nil, err
	}
	prof, err := tx.GetProfile(ctx, arn, false)
	if wat.ErrorCodeOf(err) == wat.ENotFound || (err == nil && prof.Deleted) {
		pr.add(field, "Profile %s does not exist or is not available to this account", arn)
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	if prof.AccountID != p.AccountID {
		sh, err := s.grantingShare(ctx, tx, p, wat.ShareResourceProfile, prof.ARN)
		if err != nil {
			return nil, err
		}
		if sh == nil {
			pr.add(field, "Profile %s does not exist or is not available to this account", arn)
			return nil, nil
		}
	}
	return prof, nil
}

// AssociateProfiles associates a profile with a workload, at the profile's
// latest version. A workload has at most one profile: associating another
// one is refused until the first is disassociated.
func (s *Service) AssociateProfiles(ctx context.Context, id string, arns []string) error {
	if len(arns) != 1 {
		return wat.Invalid("ProfileArns", "A workload can have at most one profile: give exactly one ARN")
	}
	err := s.store.Update(ctx, func(tx wat.Tx) error {
		w, err := s.ownWorkload(ctx, tx, act("AssociateProfiles"), id, true)
		if err != nil {
			return err
		}
		var pr problems
		prof, err := s.usableProfile(ctx, tx, &pr, "ProfileArns[0]", arns[0])
		if err != nil {
			return err
		}
		if err := pr.err(); err != nil {
			return err
		}
		if w.ProfileARN == prof.ARN {
			return nil
		}
		if w.ProfileARN != "" {
			return wat.Invalid("ProfileArns", "Workload %s already has profile %s: a workload has at most one profile, disassociate it first", w.ID, w.ProfileARN)
		}
		w.ProfileARN, w.ProfileVersion = prof.ARN, prof.Version
		w.UpdatedAt = s.nowUTC()
		return tx.UpdateWorkload(ctx, w)
	})
	if err != nil {
		return fmt.Errorf("AssociateProfiles(%s): %w", id, err)
	}
	return nil
}

// DisassociateProfiles removes a workload's profile, deleted or not, and so
// its prioritisation. Naming a profile the workload does not have is
// refused.
func (s *Service) DisassociateProfiles(ctx context.Context, id string, arns []string) error {
	err := s.store.Update(ctx, func(tx wat.Tx) error {
		w, err := s.ownWorkload(ctx, tx, act("DisassociateProfiles"), id, true)
		if err != nil {
			return err
		}
		var pr problems
		for i, arn := range arns {
			if arn != w.ProfileARN {
				pr.add(fmt.Sprintf("ProfileArns[%d]", i), "Profile %s is not associated with workload %s", arn, w.ID)
			}
		}
		if err := pr.err(); err != nil {
			return err
		}
		w.ProfileARN, w.ProfileVersion = "", 0
		w.UpdatedAt = s.nowUTC()
		return tx.UpdateWorkload(ctx, w)
	})
	if err != nil {
		return fmt.Errorf("DisassociateProfiles(%s): %w", id, err)
	}
	return nil
}

// UpgradeProfileVersion moves a workload to the latest version of its
// profile, first recording a milestone named milestoneName when one is
// given.
func (s *Service) UpgradeProfileVersion(ctx context.Context, id, arn, milestoneName, token string) error {
	p, err := caller(ctx)
	if err != nil {
		return err
	}
	fp := fingerprint("UpgradeProfileVersion", id, arn, milestoneName)
	err = s.store.Update(ctx, func(tx wat.Tx) error {
		w, err := s.ownWorkload(ctx, tx, act("UpgradeProfileVersion"), id, true)
		if err != nil {
			return err
		}
		prev, err := s.replay(ctx, tx, p.AccountID, "UpgradeProfileVersion", token, fp)
		if err != nil || prev != "" {
			return err
		}
		if w.ProfileARN != arn {
			return wat.Invalid("ProfileArn", "Profile %s is not associated with workload %s", arn, w.ID)
		}
		prof, err := tx.GetProfile(ctx, arn, false)
		if err != nil {
			return err
		}
		if prof.Deleted {
			return wat.Invalid("ProfileArn", "Profile %s was deleted: disassociate it from workload %s", arn, w.ID)
		}
		if prof.Version == w.ProfileVersion {
			return wat.Invalid("ProfileArn", "Workload %s already uses the latest version of profile %s", w.ID, arn)
		}
		if milestoneName != "" {
			if _, err := s.saveMilestone(ctx, tx, w, milestoneName); err != nil {
				return err
			}
		}
		w.ProfileVersion = prof.Version
		w.UpdatedAt = s.nowUTC()
		if err := tx.UpdateWorkload(ctx, w); err != nil {
			return err
		}
		return s.remember(ctx, tx, p.AccountID, "UpgradeProfileVersion", token, fp, w.ID)
	})
	if err != nil {
		return fmt.Errorf("UpgradeProfileVersion(%s, %s): %w", id, arn, err)
	}
	return nil
}

// ProfileNotification tells that a workload uses an older version of its
// profile than the latest, or a profile that was deleted.
type ProfileNotification struct {
	Type           string
	Workload       *wat.Workload
	Profile        *wat.Profile
	CurrentVersion int
}

// ListProfileNotifications returns the profile notifications of one
// workload or, with workloadID "", of every workload of the caller's
// account.
func (s *Service) ListProfileNotifications(ctx context.Context, workloadID, token string, max int) ([]*ProfileNotification, string, error) {
	p, err := caller(ctx)
	if err != nil {
		return nil, "", err
	}
	var out []*ProfileNotification
	err = s.store.View(ctx, func(tx wat.Tx) error {
		var ws []*wat.Workload
		if workloadID != "" {
			w, err := s.readableWorkload(ctx, tx, act("ListProfileNotifications"), workloadID)
			if err != nil {
				return err
			}
			ws = []*wat.Workload{w}
		} else {
			if err := s.authorize(ctx, tx, act("ListProfileNotifications"), "*", nil); err != nil {
				return err
			}
			if ws, err = tx.ListWorkloads(ctx, p.AccountID, nil, "", "", "", 0); err != nil {
				return err
			}
		}
		for _, w := range ws {
			if w.ProfileARN == "" {
				continue
			}
			prof, err := tx.GetProfile(ctx, w.ProfileARN, false)
			if err != nil {
				return err
			}
			switch {
			case prof.Deleted:
				out = append(out, &ProfileNotification{Type: NotificationProfileDeleted, Workload: w, Profile: prof, CurrentVersion: w.ProfileVersion})
			case prof.Version > w.ProfileVersion:
				out = append(out, &ProfileNotification{Type: NotificationProfileAnswersUpdated, Workload: w, Profile: prof, CurrentVersion: w.ProfileVersion})
			}
		}
		return nil
	})
	if err != nil {
		return nil, "", err
	}
	return paginate(out, token, max, 50)
}
