package service

import (
	"context"
	"fmt"
	"regexp"
	"slices"
	"sort"
	"strings"
	"time"

	"github.com/wat-dev/wat"
)

// MaxReviewTemplatesPerAccount is the quota of review templates per account.
const MaxReviewTemplatesPerAccount = 100

var templateARNRE = regexp.MustCompile(`^arn:aws[-a-z]*:wellarchitected:[a-z]{2}(-gov|-iso[a-z]?)?-[a-z]+-\d:\d{12}:review-template/[a-f0-9]{32}$`)

func (s *Service) templateARN(accountID, id string) string {
	return fmt.Sprintf("arn:aws:wellarchitected:%s:%s:review-template/%s", s.region, accountID, id)
}

func templateNotFound(arn string) error {
	return wat.NotFound("REVIEW_TEMPLATE", arn, "Review template %s not found", arn)
}

// TemplateView is a review template with what is derived from its lens
// reviews: the aliases of its lenses, its answered and unanswered question
// counts over all of them, and whether a lens it uses has a newer version.
type TemplateView struct {
	*wat.ReviewTemplate
	LensAliases    []string
	QuestionCounts QuestionCounts
	// LensNotCurrent is true when one of its lens reviews is on an older
	// version than the lens's latest (UpdateStatus LENS_NOT_CURRENT).
	LensNotCurrent bool
}

// QuestionCounts counts the answered and unanswered questions of a
// template (or of one of its lenses or pillars).
type QuestionCounts struct {
	Answered, Unanswered int
}

func (c *QuestionCounts) add(o QuestionCounts) {
	c.Answered += o.Answered
	c.Unanswered += o.Unanswered
}

// CreateTemplateInput is what CreateReviewTemplate takes.
type CreateTemplateInput struct {
	Name, Description, Notes string
	Lenses                   []string // aliases or ARNs; the framework lens is always applied
	Tags                     map[string]string
	ClientRequestToken       string
}

// checkTemplateText enforces the rules on a template's name and
// description beyond the model's lengths and patterns.
func checkTemplateText(pr *problems, name, description *string) {
	if name != nil && nonSpaceCount(*name) < 3 {
		pr.add("TemplateName", "Template name must contain at least 3 non-space characters")
	}
	if description != nil && nonSpaceCount(*description) < 3 {
		pr.add("Description", "Template description must contain at least 3 non-space characters")
	}
}

// CreateReviewTemplate creates a review template in the caller's account,
// with a lens review of each of its lenses on the lens's latest version,
// and returns it.
func (s *Service) CreateReviewTemplate(ctx context.Context, in CreateTemplateInput) (*wat.ReviewTemplate, error) {
	p, err := caller(ctx)
	if err != nil {
		return nil, err
	}
	var pr problems
	checkTemplateText(&pr, &in.Name, &in.Description)
	checkTags(&pr, "Tags", in.Tags)
	arns, err := s.resolveLenses(ctx, &pr, "Lenses", in.Lenses)
	if err != nil {
		return nil, err
	}
	if err := pr.err(); err != nil {
		return nil, err
	}
	arns = withFramework(s, arns)
	if len(arns) > MaxLensesPerWorkload {
		return nil, wat.QuotaExceeded("REVIEW_TEMPLATE", "L-LENSES", "A review template can have at most %d lenses", MaxLensesPerWorkload)
	}
	now := s.nowUTC()
	rt := &wat.ReviewTemplate{
		ARN: s.templateARN(p.AccountID, newID(16)), AccountID: p.AccountID, Name: in.Name, Description: in.Description,
		Notes: in.Notes, Lenses: arns, Tags: in.Tags, CreatedAt: now, UpdatedAt: now,
	}
	fp := fingerprint("CreateReviewTemplate", in.Name, in.Description, in.Notes, in.Lenses, in.Tags)
	err = s.store.Update(ctx, func(tx wat.Tx) error {
		prev, err := s.beginCreate(ctx, tx, p.AccountID, access{"CreateReviewTemplate", requestTags(in.Tags)}, s.templateARN(p.AccountID, "*"), in.ClientRequestToken, fp)
		if err != nil {
			return err
		}
		if prev != "" {
			rt, err = tx.GetReviewTemplate(ctx, prev, false)
			return err
		}
		all, err := tx.ListReviewTemplates(ctx, p.AccountID)
		if err != nil {
			return err
		}
		if len(all) >= MaxReviewTemplatesPerAccount {
			return wat.QuotaExceeded("REVIEW_TEMPLATE", "L-TEMPLATES", "The account already has %d review templates, the most allowed", MaxReviewTemplatesPerAccount)
		}
		if err := tx.InsertReviewTemplate(ctx, rt); err != nil {
			return templateNameConflict(err, in.Name)
		}
		for _, arn := range arns {
			if err := s.ensureTemplateReview(ctx, tx, rt.ARN, arn, now); err != nil {
				return err
			}
		}
		return s.remember(ctx, tx, p.AccountID, "CreateReviewTemplate", in.ClientRequestToken, fp, rt.ARN)
	})
	if err != nil {
		return nil, fmt.Errorf("CreateReviewTemplate(%q): %w", in.Name, err)
	}
	return rt, nil
}

func templateNameConflict(err error, name string) error {
	if wat.ErrorCodeOf(err) == wat.EConflict {
		return wat.Conflict("REVIEW_TEMPLATE", name, "A review template named %q already exists in this account (names are compared ignoring case and spaces)", name)
	}
	return err
}

// ensureTemplateReview starts a template's review of a lens, on its latest
// version, unless one exists already (a lens applied again gets its
// answers back).
func (s *Service) ensureTemplateReview(ctx context.Context, tx wat.Tx, templateARN, arn string, now time.Time) error {
	_, err := tx.GetTemplateLensReview(ctx, templateARN, arn)
	if err == nil {
		return nil
	}
	if wat.ErrorCodeOf(err) != wat.ENotFound {
		return err
	}
	li, err := s.pinnedLens(ctx, tx, arn, "")
	if err != nil {
		return err
	}
	return tx.PutTemplateLensReview(ctx, &wat.TemplateLensReview{TemplateARN: templateARN, LensARN: arn, LensVersion: li.Version, UpdatedAt: now})
}

// ownTemplate loads (locked when lock) a review template of the caller's
// account and authorises a on it. Templates of other accounts are not
// found.
func (s *Service) ownTemplate(ctx context.Context, tx wat.Tx, a access, arn string, lock bool) (*wat.ReviewTemplate, error) {
	p, err := caller(ctx)
	if err != nil {
		return nil, err
	}
	if !templateARNRE.MatchString(arn) {
		return nil, templateNotFound(arn)
	}
	rt, err := tx.GetReviewTemplate(ctx, arn, lock)
	if wat.ErrorCodeOf(err) == wat.ENotFound {
		return nil, templateNotFound(arn)
	}
	if err != nil {
		return nil, err
	}
	if rt.AccountID != p.AccountID {
		// Shared with the caller: it may read the template (and create
		// workloads from it); everything else is its owner's.
		sh, err := s.grantingShare(ctx, tx, p, wat.ShareResourceTemplate, rt.ARN)
		if err != nil {
			return nil, err
		}
		if sh == nil {
			return nil, templateNotFound(arn)
		}
		if !strings.HasPrefix(a.Action, "Get") && !strings.HasPrefix(a.Action, "List") {
			return nil, &wat.Error{Code: wat.EForbidden, Message: fmt.Sprintf("User: %s is not authorized to perform: wellarchitected:%s on resource: %s (the review template is shared with this account; only its owner may do this)", p.UserARN, a.Action, rt.ARN)}
		}
	}
	if err := s.authorize(ctx, tx, a, rt.ARN, rt.Tags); err != nil {
		return nil, err
	}
	return rt, nil
}

// GetReviewTemplate returns a review template with its question counts.
func (s *Service) GetReviewTemplate(ctx context.Context, arn string) (*TemplateView, error) {
	var v *TemplateView
	err := s.store.View(ctx, func(tx wat.Tx) error {
		rt, err := s.ownTemplate(ctx, tx, act("GetReviewTemplate"), arn, false)
		if err != nil {
			return err
		}
		v, err = s.templateView(ctx, tx, rt)
		return err
	})
	return v, err
}

// templateView evaluates the counts and the update status of a template.
func (s *Service) templateView(ctx context.Context, tx wat.Tx, rt *wat.ReviewTemplate) (*TemplateView, error) {
	snap, err := s.loadTemplate(ctx, tx, rt, "")
	if err != nil {
		return nil, err
	}
	v := &TemplateView{ReviewTemplate: rt}
	for _, arn := range rt.Lenses {
		v.LensAliases = append(v.LensAliases, s.lensAlias(ctx, arn))
		rv, err := snap.review(ctx, s, arn)
		if err != nil {
			return nil, err
		}
		v.QuestionCounts.add(rv.QuestionCounts)
		if rv.notCurrent() {
			v.LensNotCurrent = true
		}
	}
	return v, nil
}

// UpdateTemplateInput is what UpdateReviewTemplate takes; nil fields keep
// their value.
type UpdateTemplateInput struct {
	Name, Description, Notes *string
	LensesToAssociate        []string
	LensesToDisassociate     []string
}

// UpdateReviewTemplate changes a template's properties and lenses. Lenses
// removed keep their answers, which come back if they are applied again;
// the framework lens cannot be removed. Workloads created from the
// template are not affected.
func (s *Service) UpdateReviewTemplate(ctx context.Context, arn string, in UpdateTemplateInput) (*TemplateView, error) {
	var pr problems
	checkTemplateText(&pr, in.Name, in.Description)
	fw := s.lenses.Framework()
	for i, a := range in.LensesToDisassociate {
		if a == fw.Alias || a == fw.ARN {
			pr.add(fmt.Sprintf("LensesToDisassociate[%d]", i), "The %s lens is applied to every review template and cannot be removed", fw.Alias)
		}
	}
	add, err := s.resolveLenses(ctx, &pr, "LensesToAssociate", in.LensesToAssociate)
	if err != nil {
		return nil, err
	}
	remove, err := s.lensARNs(ctx, &pr, "LensesToDisassociate", in.LensesToDisassociate, true)
	if err != nil {
		return nil, err
	}
	if err := pr.err(); err != nil {
		return nil, err
	}
	var v *TemplateView
	err = s.store.Update(ctx, func(tx wat.Tx) error {
		rt, err := s.ownTemplate(ctx, tx, act("UpdateReviewTemplate"), arn, true)
		if err != nil {
			return err
		}
		now := s.nowUTC()
		rt.Lenses = slices.DeleteFunc(slices.Clone(rt.Lenses), func(a string) bool { return slices.Contains(remove, a) })
		for _, a := range add {
			if rt.HasLens(a) {
				continue
			}
			if len(rt.Lenses) >= MaxLensesPerWorkload {
				return wat.QuotaExceeded("REVIEW_TEMPLATE", "L-LENSES", "A review template can have at most %d lenses", MaxLensesPerWorkload)
			}
			if err := s.ensureTemplateReview(ctx, tx, rt.ARN, a, now); err != nil {
				return err
			}
			rt.Lenses = append(rt.Lenses, a)
		}
		setStr(&rt.Name, in.Name)
		setStr(&rt.Description, in.Description)
		setStr(&rt.Notes, in.Notes)
		rt.UpdatedAt = now
		if err := tx.UpdateReviewTemplate(ctx, rt); err != nil {
			return templateNameConflict(err, rt.Name)
		}
		v, err = s.templateView(ctx, tx, rt)
		return err
	})
	if err != nil {
		return nil, fmt.Errorf("UpdateReviewTemplate(%s): %w", arn, err)
	}
	return v, nil
}

// DeleteReviewTemplate deletes a template with its answers and shares.
// Workloads created from it keep what they copied.
func (s *Service) DeleteReviewTemplate(ctx context.Context, arn, token string) error {
	p, err := caller(ctx)
	if err != nil {
		return err
	}
	fp := fingerprint("DeleteReviewTemplate", arn)
	err = s.store.Update(ctx, func(tx wat.Tx) error {
		prev, err := s.replay(ctx, tx, p.AccountID, "DeleteReviewTemplate", token, fp)
		if err != nil || prev != "" {
			return err
		}
		rt, err := s.ownTemplate(ctx, tx, act("DeleteReviewTemplate"), arn, true)
		if err != nil {
			return err
		}
		if err := tx.DeleteReviewTemplate(ctx, rt.ARN); err != nil {
			return err
		}
		return s.remember(ctx, tx, p.AccountID, "DeleteReviewTemplate", token, fp, rt.ARN)
	})
	if err != nil {
		return fmt.Errorf("DeleteReviewTemplate(%s): %w", arn, err)
	}
	return nil
}

// ListReviewTemplates returns a page of the caller's account's review
// templates, ordered by name.
func (s *Service) ListReviewTemplates(ctx context.Context, token string, max int) ([]*TemplateView, string, error) {
	p, err := caller(ctx)
	if err != nil {
		return nil, "", err
	}
	var all []*wat.ReviewTemplate
	err = s.store.View(ctx, func(tx wat.Tx) error {
		if err := s.authorize(ctx, tx, act("ListReviewTemplates"), "*", nil); err != nil {
			return err
		}
		all, err = tx.ListReviewTemplates(ctx, p.AccountID)
		return err
	})
	if err != nil {
		return nil, "", err
	}
	sort.SliceStable(all, func(i, j int) bool { return wat.NameKey(all[i].Name) < wat.NameKey(all[j].Name) })
	page, next, err := paginate(all, token, max, 50)
	if err != nil {
		return nil, "", err
	}
	// A summary's UpdateStatus needs its lens reviews: read them for the
	// page only.
	out := make([]*TemplateView, 0, len(page))
	err = s.store.View(ctx, func(tx wat.Tx) error {
		for _, rt := range page {
			v, err := s.templateStatus(ctx, tx, rt)
			if err != nil {
				return err
			}
			out = append(out, v)
		}
		return nil
	})
	return out, next, err
}

// templateStatus is templateView without the counts, which need answers.
func (s *Service) templateStatus(ctx context.Context, tx wat.Tx, rt *wat.ReviewTemplate) (*TemplateView, error) {
	reviews, err := tx.ListTemplateLensReviews(ctx, rt.ARN)
	if err != nil {
		return nil, err
	}
	v := &TemplateView{ReviewTemplate: rt}
	for _, arn := range rt.Lenses {
		v.LensAliases = append(v.LensAliases, s.lensAlias(ctx, arn))
	}
	for _, r := range reviews {
		if !rt.HasLens(r.LensARN) {
			continue
		}
		li, err := s.pinnedLens(ctx, tx, r.LensARN, r.LensVersion)
		if err != nil {
			return nil, err
		}
		if li.LatestVersion != "" && li.LatestVersion != r.LensVersion {
			v.LensNotCurrent = true
		}
	}
	return v, nil
}
