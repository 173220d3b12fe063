package service

import (
	"context"
	"errors"
	"fmt"
	"reflect"
	"time"

	"github.com/wat-dev/wat"
)

// ImportMilestoneInput is what ImportMilestone takes: a milestone as another
// service recorded it.
type ImportMilestoneInput struct {
	WorkloadID string
	Number     int
	Name       string
	RecordedAt time.Time
	// Workload holds the workload's fields as they were; nil ones are the
	// workload's current values.
	Workload    ImportedWorkload
	LensReviews []ImportedLensReview
}

// ImportedWorkload is the part of a workload a milestone import may set.
type ImportedWorkload struct {
	Description, Environment, ArchitecturalDesign, ReviewOwner *string
	IndustryType, Industry, Notes                              *string
	AccountIDs, AWSRegions, NonAWSRegions, PillarPriorities    []string // nil keeps the current value
}

// ImportedLensReview is a lens review as a milestone recorded it.
type ImportedLensReview struct {
	LensAlias   string
	LensVersion string // "" for the workload review's version, else the latest
	Notes       string
	PillarNotes map[string]string
	Answers     []ImportedAnswer
}

// ImportedAnswer is an answer as a milestone recorded it.
type ImportedAnswer struct {
	QuestionID      string
	SelectedChoices []string
	ChoiceUpdates   map[string]wat.ChoiceAnswer
	IsApplicable    *bool
	Reason          string
	Notes           string
}

// ImportMilestone records a milestone with the number, date and content
// given, as CreateMilestone would have recorded it then. A number already
// used by the same milestone changes nothing (created is false), so an
// import can run again; by a different one it is a conflict.
func (s *Service) ImportMilestone(ctx context.Context, in ImportMilestoneInput) (created bool, err error) {
	if nonSpaceCount(in.Name) < 3 {
		return false, wat.Invalid("MilestoneName", "Milestone name must contain at least 3 non-space characters")
	}
	in.RecordedAt = in.RecordedAt.UTC().Truncate(time.Millisecond)
	if in.RecordedAt.After(s.nowUTC()) {
		return false, wat.Invalid("RecordedAt", "A milestone cannot be recorded in the future (%s)", in.RecordedAt.Format(time.RFC3339))
	}
	err = s.store.Update(ctx, func(tx wat.Tx) error {
		created = false // a run again starts over (wat.Store.Update)
		w, err := s.ownWorkload(ctx, tx, act("CreateMilestone"), in.WorkloadID, true)
		if err != nil {
			return err
		}
		m, err := s.importedMilestone(ctx, tx, w, in)
		if err != nil {
			return err
		}
		old, err := tx.GetMilestone(ctx, w.ID, in.Number)
		switch {
		case err == nil:
			if !sameMilestone(old, m) {
				return wat.Conflict("MILESTONE", itoa(in.Number), "Workload %s already has a milestone number %d (%q, recorded %s) that differs from the one imported",
					w.ID, in.Number, old.Name, old.RecordedAt.Format(time.RFC3339))
			}
			return nil
		case wat.ErrorCodeOf(err) != wat.ENotFound:
			return err
		}
		if _, err := roomForMilestone(ctx, tx, w.ID); err != nil {
			return err
		}
		if err := insertMilestone(ctx, tx, m); err != nil {
			return err
		}
		created = true
		return nil
	})
	if err != nil {
		return false, fmt.Errorf("ImportMilestone(%s, %d): %w", in.WorkloadID, in.Number, err)
	}
	return created, nil
}

// importedMilestone builds the milestone in checks its lens reviews and
// answers against the lens versions they name, under the rules of choices
// UpdateAnswer enforces.
func (s *Service) importedMilestone(ctx context.Context, tx wat.Tx, w *wat.Workload, in ImportMilestoneInput) (*wat.Milestone, error) {
	snap := *w
	snap.Lenses, snap.UpdatedAt = nil, in.RecordedAt
	f := in.Workload
	setStr(&snap.Description, f.Description)
	setStr(&snap.Environment, f.Environment)
	setStr(&snap.ArchitecturalDesign, f.ArchitecturalDesign)
	setStr(&snap.ReviewOwner, f.ReviewOwner)
	setStr(&snap.IndustryType, f.IndustryType)
	setStr(&snap.Industry, f.Industry)
	setStr(&snap.Notes, f.Notes)
	setList(&snap.AccountIDs, f.AccountIDs)
	setList(&snap.AWSRegions, f.AWSRegions)
	setList(&snap.NonAWSRegions, f.NonAWSRegions)
	setList(&snap.PillarPriorities, f.PillarPriorities)
	m := &wat.Milestone{WorkloadID: w.ID, Number: in.Number, Name: in.Name, RecordedAt: in.RecordedAt, Workload: &snap}
	for i, ir := range in.LensReviews {
		field := fmt.Sprintf("LensReviews[%d]", i)
		li, err := s.visibleLens(ctx, tx, ir.LensAlias, "", false)
		if err != nil {
			return nil, err
		}
		if snap.HasLens(li.ARN) {
			return nil, wat.Invalid(field+".LensAlias", "Lens %s is given twice", ir.LensAlias)
		}
		version := ir.LensVersion
		if version == "" {
			version = li.Version
			if cur, err := tx.GetLensReview(ctx, w.ID, li.ARN); err == nil {
				version = cur.LensVersion
			} else if wat.ErrorCodeOf(err) != wat.ENotFound {
				return nil, err
			}
		}
		if li, err = s.pinnedLens(ctx, tx, li.ARN, version); err != nil {
			return nil, err
		}
		snap.Lenses = append(snap.Lenses, li.ARN)
		m.LensReviews = append(m.LensReviews, &wat.LensReview{WorkloadID: w.ID, LensARN: li.ARN, LensVersion: li.Version,
			Notes: ir.Notes, PillarNotes: ir.PillarNotes, UpdatedAt: in.RecordedAt})
		seen := map[string]bool{}
		for j, ia := range ir.Answers {
			afield := fmt.Sprintf("%s.Answers[%d]", field, j)
			q, ok := li.Lens.Question(ia.QuestionID)
			if !ok {
				return nil, wat.NotFound("QUESTION", ia.QuestionID, "Lens %s has no question %q", ir.LensAlias, ia.QuestionID)
			}
			if seen[q.ID] {
				return nil, wat.Invalid(afield+".QuestionId", "Question %s is answered twice", q.ID)
			}
			seen[q.ID] = true
			a := &wat.Answer{WorkloadID: w.ID, LensARN: li.ARN, QuestionID: q.ID, IsApplicable: true, UpdatedAt: in.RecordedAt}
			selected := ia.SelectedChoices
			if selected == nil {
				selected = []string{}
			}
			err := applyAnswerUpdate(q, a, UpdateAnswerInput{SelectedChoices: selected, ChoiceUpdates: ia.ChoiceUpdates,
				Notes: &ia.Notes, IsApplicable: ia.IsApplicable, Reason: &ia.Reason})
			if err != nil {
				return nil, prefixFields(err, afield+".")
			}
			m.Answers = append(m.Answers, a)
		}
	}
	return m, nil
}

// prefixFields names the fields of a validation error as members of the
// structure at prefix.
func prefixFields(err error, prefix string) error {
	var we *wat.Error
	if !errors.As(err, &we) || len(we.Fields) == 0 {
		return err
	}
	var pr problems
	for _, f := range we.Fields {
		pr.add(prefix+f.Name, "%s", f.Message)
	}
	return pr.err()
}

// sameMilestone reports whether two milestones record the same thing: what
// an import sets (name, date, the workload's fields, lens reviews and
// answers), not when answers were stored or the workload's other fields.
func sameMilestone(a, b *wat.Milestone) bool {
	return reflect.DeepEqual(milestoneContent(a), milestoneContent(b))
}

// milestoneContent is what sameMilestone compares, with empty and absent
// collections made alike.
func milestoneContent(m *wat.Milestone) []any {
	w := m.Workload
	strs := func(ss []string) []string {
		if len(ss) == 0 {
			return nil
		}
		return ss
	}
	out := []any{m.Number, m.Name, m.RecordedAt.UTC().Truncate(time.Millisecond),
		w.Description, w.Environment, strs(w.AccountIDs), strs(w.AWSRegions), strs(w.NonAWSRegions), w.ArchitecturalDesign,
		w.ReviewOwner, w.IndustryType, w.Industry, strs(w.PillarPriorities), w.Notes, strs(w.Lenses)}
	for _, r := range m.LensReviews {
		notes := r.PillarNotes
		if len(notes) == 0 {
			notes = nil
		}
		out = append(out, r.LensARN, r.LensVersion, r.Notes, notes)
	}
	for _, a := range m.Answers {
		choices := a.Choices
		if len(choices) == 0 {
			choices = nil
		}
		out = append(out, a.LensARN, a.QuestionID, strs(a.SelectedChoices), choices, a.IsApplicable, a.Reason, a.Notes)
	}
	return out
}
