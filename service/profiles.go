package service

import (
	"context"
	"fmt"
	"regexp"
	"sort"
	"strconv"
	"strings"

	"github.com/wat-dev/wat"
	"github.com/wat-dev/wat/profile"
)

// MaxProfilesPerAccount is the quota of profiles (not deleted) per account.
const MaxProfilesPerAccount = 100

var profileARNRE = regexp.MustCompile(`^arn:aws[-a-z]*:wellarchitected:[a-z]{2}(-gov)?-[a-z]+-\d:\d{12}:profile/[a-z0-9]+$`)

func (s *Service) profileARN(accountID, id string) string {
	return fmt.Sprintf("arn:aws:wellarchitected:%s:%s:profile/%s", s.region, accountID, id)
}

func profileNotFound(arn string) error {
	return wat.NotFound("PROFILE", arn, "Profile %s not found", arn)
}

// ProfileTemplate returns the profile template, once the caller is allowed
// to read it.
func (s *Service) ProfileTemplate(ctx context.Context) (*profile.Template, error) {
	err := s.store.View(ctx, func(tx wat.Tx) error {
		return s.authorize(ctx, tx, act("GetProfileTemplate"), "*", nil)
	})
	if err != nil {
		return nil, err
	}
	return profile.Default(), nil
}

// ProfileView is a profile at one version.
type ProfileView struct {
	*wat.Profile
	Version *wat.ProfileVersion
	// ShareInvitationID is, for a profile shared with the caller, the
	// invitation of the share that grants it.
	ShareInvitationID string
}

// CreateProfileInput is what CreateProfile takes.
type CreateProfileInput struct {
	Name, Description  string
	Questions          []profile.Update
	Tags               map[string]string
	ClientRequestToken string
}

// checkProfileText enforces the rules on a profile's name and description
// beyond the model's lengths.
func checkProfileText(pr *problems, name, description *string) {
	if name != nil && nonSpaceCount(*name) < 3 {
		pr.add("ProfileName", "Profile name must contain at least 3 non-space characters")
	}
	if description != nil && nonSpaceCount(*description) < 3 {
		pr.add("ProfileDescription", "Profile description must contain at least 3 non-space characters")
	}
}

// CreateProfile creates a profile in the caller's account at version 1 and
// returns it.
func (s *Service) CreateProfile(ctx context.Context, in CreateProfileInput) (*wat.Profile, error) {
	p, err := caller(ctx)
	if err != nil {
		return nil, err
	}
	var pr problems
	checkProfileText(&pr, &in.Name, &in.Description)
	checkTags(&pr, "Tags", in.Tags)
	answers, errs := profile.Default().Apply(nil, in.Questions)
	pr.fields = append(pr.fields, errs...)
	if err := pr.err(); err != nil {
		return nil, err
	}
	now := s.nowUTC()
	prof := &wat.Profile{
		ARN: s.profileARN(p.AccountID, newID(16)), AccountID: p.AccountID, Name: in.Name, Description: in.Description,
		Version: 1, Tags: in.Tags, CreatedAt: now, UpdatedAt: now,
	}
	fp := fingerprint("CreateProfile", in.Name, in.Description, in.Questions, in.Tags)
	err = s.store.Update(ctx, func(tx wat.Tx) error {
		prev, err := s.beginCreate(ctx, tx, p.AccountID, access{"CreateProfile", requestTags(in.Tags)}, s.profileARN(p.AccountID, "*"), in.ClientRequestToken, fp)
		if err != nil {
			return err
		}
		if prev != "" {
			prof, err = tx.GetProfile(ctx, prev, false)
			return err
		}
		all, err := tx.ListProfiles(ctx, p.AccountID)
		if err != nil {
			return err
		}
		live := 0
		for _, o := range all {
			if !o.Deleted {
				live++
			}
		}
		if live >= MaxProfilesPerAccount {
			return wat.QuotaExceeded("PROFILE", "L-PROFILES", "The account already has %d profiles, the most allowed", MaxProfilesPerAccount)
		}
		if err := tx.InsertProfile(ctx, prof); err != nil {
			if wat.ErrorCodeOf(err) == wat.EConflict {
				return wat.Conflict("PROFILE", in.Name, "A profile named %q already exists in this account (names are compared ignoring case and spaces)", in.Name)
			}
			return err
		}
		v := &wat.ProfileVersion{ProfileARN: prof.ARN, Version: 1, Answers: answers, CreatedAt: now}
		if err := tx.InsertProfileVersion(ctx, v); err != nil {
			return err
		}
		return s.remember(ctx, tx, p.AccountID, "CreateProfile", in.ClientRequestToken, fp, prof.ARN)
	})
	if err != nil {
		return nil, fmt.Errorf("CreateProfile(%q): %w", in.Name, err)
	}
	return prof, nil
}

// ownProfile loads (locked when lock) a profile of the caller's account
// that is not deleted, and authorises a on it. A profile shared with the
// caller is refused (only its owner may do this); other accounts'
// profiles are not found.
func (s *Service) ownProfile(ctx context.Context, tx wat.Tx, a access, arn string, lock bool) (*wat.Profile, error) {
	prof, sh, err := s.profileFor(ctx, tx, a, arn, lock)
	if err != nil {
		return nil, err
	}
	if sh != nil {
		p, _ := caller(ctx)
		return nil, &wat.Error{Code: wat.EForbidden, Message: fmt.Sprintf("User: %s is not authorized to perform: wellarchitected:%s on resource: %s (the profile is shared with this account; only its owner may do this)", p.UserARN, a.Action, prof.ARN)}
	}
	return prof, nil
}

// profileFor loads a profile the caller may read: its account's, or one
// shared with it (then sh is the share that grants it). Deleted profiles
// and those of other accounts that are not shared are not found; a is
// authorised on the profile in every case.
func (s *Service) profileFor(ctx context.Context, tx wat.Tx, a access, arn string, lock bool) (prof *wat.Profile, sh *wat.Share, err error) {
	p, err := caller(ctx)
	if err != nil {
		return nil, nil, err
	}
	if !profileARNRE.MatchString(arn) {
		return nil, nil, profileNotFound(arn)
	}
	prof, err = tx.GetProfile(ctx, arn, lock)
	if wat.ErrorCodeOf(err) == wat.ENotFound || (err == nil && prof.Deleted) {
		return nil, nil, profileNotFound(arn)
	}
	if err != nil {
		return nil, nil, err
	}
	if prof.AccountID != p.AccountID {
		if sh, err = s.grantingShare(ctx, tx, p, wat.ShareResourceProfile, prof.ARN); err != nil {
			return nil, nil, err
		}
		if sh == nil {
			return nil, nil, profileNotFound(arn)
		}
	}
	if err := s.authorize(ctx, tx, a, prof.ARN, prof.Tags); err != nil {
		return nil, nil, err
	}
	return prof, sh, nil
}

// GetProfile returns a profile at version (the latest when "").
func (s *Service) GetProfile(ctx context.Context, arn, version string) (*ProfileView, error) {
	var v *ProfileView
	err := s.store.View(ctx, func(tx wat.Tx) error {
		prof, sh, err := s.profileFor(ctx, tx, act("GetProfile"), arn, false)
		if err != nil {
			return err
		}
		n := prof.Version
		if version != "" {
			if n, err = strconv.Atoi(version); err != nil || n < 1 || n > prof.Version {
				return wat.NotFound("PROFILE_VERSION", version, "Profile %s has no version %q", arn, version)
			}
		}
		pv, err := tx.GetProfileVersion(ctx, prof.ARN, n)
		if err != nil {
			return err
		}
		v = &ProfileView{Profile: prof, Version: pv}
		if sh != nil {
			v.ShareInvitationID = sh.InvitationID
		}
		return nil
	})
	return v, err
}

// UpdateProfile changes a profile's description and, when questions are
// given, its answers: a new version, which workloads move to when they are
// upgraded (UpgradeProfileVersion).
func (s *Service) UpdateProfile(ctx context.Context, arn string, description *string, questions []profile.Update) (*ProfileView, error) {
	var pr problems
	checkProfileText(&pr, nil, description)
	if err := pr.err(); err != nil {
		return nil, err
	}
	var v *ProfileView
	err := s.store.Update(ctx, func(tx wat.Tx) error {
		prof, err := s.ownProfile(ctx, tx, act("UpdateProfile"), arn, true)
		if err != nil {
			return err
		}
		pv, err := tx.GetProfileVersion(ctx, prof.ARN, prof.Version)
		if err != nil {
			return err
		}
		now := s.nowUTC()
		if questions != nil {
			answers, errs := profile.Default().Apply(pv.Answers, questions)
			if len(errs) > 0 {
				return (&problems{fields: errs}).err()
			}
			pv = &wat.ProfileVersion{ProfileARN: prof.ARN, Version: prof.Version + 1, Answers: answers, CreatedAt: now}
			if err := tx.InsertProfileVersion(ctx, pv); err != nil {
				return err
			}
			prof.Version = pv.Version
		}
		setStr(&prof.Description, description)
		prof.UpdatedAt = now
		if err := tx.UpdateProfile(ctx, prof); err != nil {
			return err
		}
		v = &ProfileView{Profile: prof, Version: pv}
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("UpdateProfile(%s): %w", arn, err)
	}
	return v, nil
}

// DeleteProfile deletes a profile. Workloads that use it keep the
// association, lose its prioritisation and get a PROFILE_DELETED
// notification until they disassociate it.
func (s *Service) DeleteProfile(ctx context.Context, arn, token string) error {
	p, err := caller(ctx)
	if err != nil {
		return err
	}
	fp := fingerprint("DeleteProfile", arn)
	err = s.store.Update(ctx, func(tx wat.Tx) error {
		prev, err := s.replay(ctx, tx, p.AccountID, "DeleteProfile", token, fp)
		if err != nil || prev != "" {
			return err
		}
		prof, err := s.ownProfile(ctx, tx, act("DeleteProfile"), arn, true)
		if err != nil {
			return err
		}
		prof.Deleted = true
		prof.UpdatedAt = s.nowUTC()
		if err := tx.UpdateProfile(ctx, prof); err != nil {
			return err
		}
		return s.remember(ctx, tx, p.AccountID, "DeleteProfile", token, fp, prof.ARN)
	})
	if err != nil {
		return fmt.Errorf("DeleteProfile(%s): %w", arn, err)
	}
	return nil
}

// ListProfiles returns a page of the profiles the caller may see whose
// names start with prefix (ignoring case): with ownerType SELF or "" those
// of its account; with SHARED those shared with it.
func (s *Service) ListProfiles(ctx context.Context, prefix, ownerType, token string, max int) ([]*wat.Profile, string, error) {
	p, err := caller(ctx)
	if err != nil {
		return nil, "", err
	}
	var out []*wat.Profile
	err = s.store.View(ctx, func(tx wat.Tx) error {
		if err := s.authorize(ctx, tx, act("ListProfiles"), "*", nil); err != nil {
			return err
		}
		var all []*wat.Profile
		if ownerType == "SHARED" {
			all, err = s.sharedProfiles(ctx, tx, p)
		} else {
			all, err = tx.ListProfiles(ctx, p.AccountID)
		}
		if err != nil {
			return err
		}
		for _, prof := range all {
			if !prof.Deleted && strings.HasPrefix(strings.ToLower(prof.Name), strings.ToLower(prefix)) {
				out = append(out, prof)
			}
		}
		sort.SliceStable(out, func(i, j int) bool { return wat.NameKey(out[i].Name) < wat.NameKey(out[j].Name) })
		return nil
	})
	if err != nil {
		return nil, "", err
	}
	return paginate(out, token, max, 50)
}
