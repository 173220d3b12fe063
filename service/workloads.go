package service

import (
	"context"
	"fmt"
	"slices"

	"github.com/wat-dev/wat"
)

// WorkloadView is a workload as the API shows it: with the aliases of its
// lenses and its risk counts over all of them.
type WorkloadView struct {
	*wat.Workload
	LensAliases []string
	RiskCounts  wat.RiskCounts
	// PrioritizedRiskCounts counts the framework questions the workload's
	// profile prioritises; nil when it has no (live) profile.
	PrioritizedRiskCounts wat.RiskCounts
	// ShareInvitationID is, for a workload shared with the caller, the
	// invitation of the share that grants the caller access.
	ShareInvitationID string
	// Jira is the workload's own Jira settings; nil when it has none.
	Jira *wat.JiraWorkloadSettings
}

// CreateWorkloadInput is what CreateWorkload takes.
type CreateWorkloadInput struct {
	Workload           wat.Workload // ID, ARN, AccountID, Lenses and timestamps are set by the service
	Lenses             []string     // aliases or ARNs
	ProfileARNs        []string     // at most one: the profile to associate
	ReviewTemplateARNs []string     // at most one: its lenses are applied, its notes and answers copied, once
	ClientRequestToken string
	// Jira sets the workload's own Jira settings; nil leaves them INHERIT.
	Jira *JiraWorkloadUpdate
}

// CreateWorkload defines a new workload in the caller's account, applying
// the framework lens and the requested lenses.
func (s *Service) CreateWorkload(ctx context.Context, in CreateWorkloadInput) (*wat.Workload, error) {
	p, err := caller(ctx)
	if err != nil {
		return nil, err
	}
	w := in.Workload
	var pr problems
	s.checkWorkload(&pr, &w, true)
	arns, err := s.resolveLenses(ctx, &pr, "Lenses", in.Lenses)
	if err != nil {
		return nil, err
	}
	if err := pr.err(); err != nil {
		return nil, err
	}
	arns = withFramework(s, arns)
	if len(arns) > MaxLensesPerWorkload {
		return nil, wat.QuotaExceeded("WORKLOAD", "L-LENSES", "A workload can have at most %d lenses", MaxLensesPerWorkload)
	}
	now := s.nowUTC()
	w.ID = newID(16)
	w.AccountID = p.AccountID
	w.ARN = s.workloadARN(p.AccountID, w.ID)
	w.Lenses = arns
	w.CreatedAt, w.UpdatedAt = now, now
	if w.ImprovementStatus == "" {
		w.ImprovementStatus = wat.ImprovementNotApplicable
	}
	if len(in.ProfileARNs) > 1 {
		return nil, wat.Invalid("ProfileArns", "A workload can have at most one profile")
	}
	if len(in.ReviewTemplateARNs) > 1 {
		return nil, wat.Invalid("ReviewTemplateArns", "A workload can be created from at most one review template")
	}
	fp := fingerprint("CreateWorkload", in.Workload, in.Lenses, in.ProfileARNs, in.ReviewTemplateARNs)
	var created *wat.Workload
	err = s.store.Update(ctx, func(tx wat.Tx) error {
		prev, err := s.beginCreate(ctx, tx, p.AccountID, access{"CreateWorkload", requestTags(w.Tags)}, s.workloadARN(p.AccountID, "*"), in.ClientRequestToken, fp)
		if err != nil {
			return err
		}
		if prev != "" {
			created, err = tx.GetWorkload(ctx, prev, false)
			return err
		}
		n, err := tx.CountWorkloads(ctx, p.AccountID)
		if err != nil {
			return err
		}
		if n >= MaxWorkloadsPerAccount {
			return wat.QuotaExceeded("WORKLOAD", "L-WORKLOADS", "The account already has %d workloads, the most allowed", MaxWorkloadsPerAccount)
		}
		for _, arn := range in.ProfileARNs {
			var pr problems
			prof, err := s.usableProfile(ctx, tx, &pr, "ProfileArns[0]", arn)
			if err != nil {
				return err
			}
			if err := pr.err(); err != nil {
				return err
			}
			w.ProfileARN, w.ProfileVersion = prof.ARN, prof.Version
		}
		var templates []*wat.ReviewTemplate
		for _, arn := range in.ReviewTemplateARNs {
			rt, err := s.ownTemplate(ctx, tx, act("GetReviewTemplate"), arn, false)
			if err != nil {
				return err
			}
			w.Lenses = dedupe(append(slices.Clone(w.Lenses), rt.Lenses...))
			if w.Notes == "" {
				w.Notes = rt.Notes
			}
			templates = append(templates, rt)
		}
		if len(w.Lenses) > MaxLensesPerWorkload {
			return wat.QuotaExceeded("WORKLOAD", "L-LENSES", "A workload can have at most %d lenses", MaxLensesPerWorkload)
		}
		if err := tx.InsertWorkload(ctx, &w); err != nil {
			return nameConflict(err, w.Name)
		}
		if err := s.putWorkloadJira(ctx, tx, w.ID, in.Jira); err != nil {
			return err
		}
		if err := s.enqueueJiraCreated(ctx, tx, &w); err != nil {
			return err
		}
		for _, rt := range templates {
			if err := s.copyTemplate(ctx, tx, rt, w.ID, now); err != nil {
				return err
			}
		}
		for _, arn := range w.Lenses {
			if err := s.ensureLensReview(ctx, tx, w.ID, arn, now); err != nil {
				return err
			}
		}
		if len(templates) > 0 {
			if err := s.publishTemplateRisk(ctx, tx, &w); err != nil {
				return err
			}
		}
		created = &w
		return s.remember(ctx, tx, p.AccountID, "CreateWorkload", in.ClientRequestToken, fp, w.ID)
	})
	if err != nil {
		return nil, fmt.Errorf("CreateWorkload(%q): %w", w.Name, err)
	}
	return created, nil
}

// nameConflict rewrites a store conflict on a workload's name for the client.
func nameConflict(err error, name string) error {
	if wat.ErrorCodeOf(err) == wat.EConflict {
		return wat.Conflict("WORKLOAD", name, "A workload named %q already exists in this account (names are compared ignoring case, spaces, invisible characters and Unicode variant forms)", name)
	}
	return err
}

// checkWorkload enforces the rules on workload properties that the API
// model does not express.
func (s *Service) checkWorkload(pr *problems, w *wat.Workload, create bool) {
	if nonSpaceCount(w.Name) < 3 {
		pr.add("WorkloadName", "Workload name must contain at least 3 characters other than spaces and invisible characters")
	}
	if create && w.ReviewOwner == "" {
		pr.add("ReviewOwner", "Member must not be null")
	}
	if len(w.AWSRegions) == 0 && len(w.NonAWSRegions) == 0 {
		pr.add("AwsRegions", "Either AwsRegions, NonAwsRegions, or both must be specified")
	}
	for i, r := range w.AWSRegions {
		if !awsRegionRE.MatchString(r) {
			pr.add(fmt.Sprintf("AwsRegions[%d]", i), "%q is not an AWS Region code", r)
		}
	}
	if len(w.NonAWSRegions) > 5 {
		pr.add("NonAwsRegions", "At most 5 non-AWS Regions are allowed")
	}
	for i, r := range w.NonAWSRegions {
		if n := runeLen(r); n < 3 || n > 25 {
			pr.add(fmt.Sprintf("NonAwsRegions[%d]", i), "A non-AWS Region must be 3 to 25 characters long")
		}
	}
	if len(w.AccountIDs) > 100 {
		pr.add("AccountIds", "At most 100 account IDs are allowed")
	}
	if w.IndustryType != "" && !slices.Contains(IndustryTypes, w.IndustryType) {
		pr.add("IndustryType", "%q is not a valid industry type", w.IndustryType)
	}
	fw := s.lenses.Framework().Lens
	for i, id := range w.PillarPriorities {
		if _, ok := fw.Pillar(id); !ok {
			pr.add(fmt.Sprintf("PillarPriorities[%d]", i), "%q is not a pillar id of the framework", id)
		}
	}
	checkTags(pr, "Tags", w.Tags)
	w.AWSRegions = dedupe(w.AWSRegions)
	w.NonAWSRegions = dedupe(w.NonAWSRegions)
	w.AccountIDs = dedupe(w.AccountIDs)
	w.PillarPriorities = dedupe(w.PillarPriorities)
}

// resolveLenses turns aliases or ARNs into the ARNs of lenses the caller
// may apply: built-in lenses, and published custom lenses of its account or
// shared with it (not deleted). Problems go to pr.
func (s *Service) resolveLenses(ctx context.Context, pr *problems, field string, aliases []string) ([]string, error) {
	return s.lensARNs(ctx, pr, field, aliases, false)
}

// lensARNs is resolveLenses; with applied, ARNs of lenses that can no
// longer be applied (deleted, unshared) pass as they are, for removing them.
func (s *Service) lensARNs(ctx context.Context, pr *problems, field string, aliases []string, applied bool) ([]string, error) {
	var arns []string
	resolve := func(tx wat.Tx) error {
		for i, a := range aliases {
			if li, ok := s.lenses.Builtin(a); ok {
				arns = append(arns, li.ARN)
				continue
			}
			if tx == nil {
				pr.add(fmt.Sprintf("%s[%d]", field, i), "Lens %q does not exist or is not available to this account", a)
				continue
			}
			li, err := s.visibleLens(ctx, tx, a, "", false)
			switch {
			case err == nil:
				arns = append(arns, li.ARN)
			case applied && isCustomLensARN(a):
				arns = append(arns, a)
			case wat.ErrorCodeOf(err) == wat.ENotFound:
				pr.add(fmt.Sprintf("%s[%d]", field, i), "Lens %q does not exist, has no published version or is not shared with this account", a)
			default:
				return err
			}
		}
		return nil
	}
	custom := false
	for _, a := range aliases {
		if _, ok := s.lenses.Builtin(a); !ok {
			custom = true
		}
	}
	var err error
	if custom {
		err = s.store.View(ctx, resolve)
	} else {
		err = resolve(nil)
	}
	return dedupe(arns), err
}

// withFramework puts the framework lens first in arns.
func withFramework(s *Service, arns []string) []string {
	fw := s.lenses.Framework().ARN
	out := []string{fw}
	for _, a := range arns {
		if a != fw {
			out = append(out, a)
		}
	}
	return out
}

// GetWorkload returns a workload with its risk counts.
func (s *Service) GetWorkload(ctx context.Context, id string) (*WorkloadView, error) {
	var v *WorkloadView
	err := s.store.View(ctx, func(tx wat.Tx) error {
		w, g, err := s.workloadFor(ctx, tx, act("GetWorkload"), id, roleReader, false)
		if err != nil {
			return err
		}
		snap, err := s.liveSnapshot(ctx, tx, w, "", true)
		if err != nil {
			return err
		}
		v = s.workloadView(ctx, snap)
		v.ShareInvitationID = g.invitationID
		v.Jira, err = s.workloadJira(ctx, tx, w.ID)
		return err
	})
	return v, err
}

// readableWorkload loads a workload the caller may read: one of its
// account's, or one shared with it. Another account's workload that is not
// shared is indistinguishable from a missing one.
func (s *Service) readableWorkload(ctx context.Context, tx wat.Tx, a access, id string) (*wat.Workload, error) {
	w, _, err := s.workloadFor(ctx, tx, a, id, roleReader, false)
	return w, err
}

// ownWorkload loads a workload for an action only its owner account may
// take, optionally locked for an update.
func (s *Service) ownWorkload(ctx context.Context, tx wat.Tx, a access, id string, lock bool) (*wat.Workload, error) {
	w, _, err := s.workloadFor(ctx, tx, a, id, roleOwner, lock)
	return w, err
}

func workloadNotFound(id string) error {
	return wat.NotFound("WORKLOAD", id, "No workload with id %s found", id)
}

// workloadView computes what the API shows of a snapshot's workload.
func (s *Service) workloadView(ctx context.Context, snap *snapshot) *WorkloadView {
	v := &WorkloadView{Workload: snap.workload, RiskCounts: wat.NewRiskCounts()}
	for _, arn := range snap.workload.Lenses {
		v.LensAliases = append(v.LensAliases, s.lensAlias(ctx, arn))
		if r := snap.review(ctx, s, arn); r != nil {
			v.RiskCounts.Add(r.RiskCounts)
			if r.PrioritizedRiskCounts != nil {
				v.PrioritizedRiskCounts = r.PrioritizedRiskCounts
			}
		}
	}
	return v
}
