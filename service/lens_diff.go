package service

import (
	"context"
	"encoding/json"
	"fmt"

	"github.com/wat-dev/wat"
	"github.com/wat-dev/wat/lens"
)

// Difference statuses, as on the wire.
const (
	DiffNew     = "NEW"
	DiffUpdated = "UPDATED"
	DiffDeleted = "DELETED"
)

// QuestionDiff is how one question differs between two lens versions.
type QuestionDiff struct {
	ID, Title, Status string
}

// PillarDiff is how one pillar and its questions differ.
type PillarDiff struct {
	ID, Name, Status string
	Questions        []QuestionDiff
}

// LensDiff compares two versions of a lens.
type LensDiff struct {
	Lens          *LensInfo // the target version
	Base, Target  string    // version names; "" stands for the draft
	LatestVersion string
	Pillars       []PillarDiff
}

// GetLensVersionDifference compares two versions of a lens. base defaults
// to the latest published version; target defaults to the draft when the
// caller owns the lens and it has one (the "review before publishing"
// view), else to the latest version.
func (s *Service) GetLensVersionDifference(ctx context.Context, alias, base, target string) (*LensDiff, error) {
	var d *LensDiff
	err := s.store.View(ctx, func(tx wat.Tx) error {
		latest, err := s.visibleLens(ctx, tx, alias, "", false)
		if err != nil {
			return err
		}
		if err := s.authorize(ctx, tx, act("GetLensVersionDifference"), latest.ARN, latest.Tags); err != nil {
			return err
		}
		if base == "" {
			base = latest.Version
		}
		if target == "" {
			target = latest.Version
			if p, _ := caller(ctx); p != nil && latest.Owner == p.AccountID {
				if l, err := tx.GetCustomLens(ctx, latest.ARN, false); err == nil && l.HasDraft {
					target = ""
				}
			}
		}
		b, err := s.lensVersionDoc(ctx, tx, latest, base)
		if err != nil {
			return err
		}
		t, err := s.lensVersionDoc(ctx, tx, latest, target)
		if err != nil {
			return err
		}
		d = &LensDiff{Lens: latest, Base: base, Target: target, LatestVersion: latest.LatestVersion, Pillars: diffLenses(b, t)}
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("GetLensVersionDifference(%s): %w", alias, err)
	}
	return d, nil
}

// lensVersionDoc returns the document of a version of li's lens ("" for its
// draft). A built-in lens has one version, its own.
func (s *Service) lensVersionDoc(ctx context.Context, tx wat.Tx, li *LensInfo, version string) (*lens.Document, error) {
	if li.Document == nil {
		if version != li.Version {
			return nil, wat.NotFound("LENS_VERSION", version, "Lens %s has no version %s", li.Alias, version)
		}
		return &lens.Document{Name: li.Name}, nil
	}
	v, err := tx.GetLensVersion(ctx, li.ARN, version)
	if wat.ErrorCodeOf(err) == wat.ENotFound {
		return nil, wat.NotFound("LENS_VERSION", version, "Lens %s has no version %q", li.ARN, version)
	}
	if err != nil {
		return nil, err
	}
	return lens.ParseDocument(v.Document)
}

// diffLenses lists the pillars and questions that are new in target,
// deleted from base, or changed in any part (texts, links, choices, risk
// rules), in target's order followed by what was deleted.
func diffLenses(base, target *lens.Document) []PillarDiff {
	oldPillars := map[string]*lens.PillarDoc{}
	for i := range base.Pillars {
		oldPillars[base.Pillars[i].ID] = &base.Pillars[i]
	}
	var out []PillarDiff
	for i := range target.Pillars {
		np := &target.Pillars[i]
		op, ok := oldPillars[np.ID]
		delete(oldPillars, np.ID)
		if !ok {
			pd := PillarDiff{ID: np.ID, Name: np.Name, Status: DiffNew}
			for _, q := range np.Questions {
				pd.Questions = append(pd.Questions, QuestionDiff{ID: q.ID, Title: q.Title, Status: DiffNew})
			}
			out = append(out, pd)
			continue
		}
		pd := PillarDiff{ID: np.ID, Name: np.Name, Status: DiffUpdated, Questions: diffQuestions(op.Questions, np.Questions)}
		if len(pd.Questions) > 0 || op.Name != np.Name {
			out = append(out, pd)
		}
	}
	for i := range base.Pillars {
		op := &base.Pillars[i]
		if _, gone := oldPillars[op.ID]; !gone {
			continue
		}
		pd := PillarDiff{ID: op.ID, Name: op.Name, Status: DiffDeleted}
		for _, q := range op.Questions {
			pd.Questions = append(pd.Questions, QuestionDiff{ID: q.ID, Title: q.Title, Status: DiffDeleted})
		}
		out = append(out, pd)
	}
	return out
}

func diffQuestions(base, target []lens.QuestionDoc) []QuestionDiff {
	old := map[string]*lens.QuestionDoc{}
	for i := range base {
		old[base[i].ID] = &base[i]
	}
	var out []QuestionDiff
	for i := range target {
		nq := &target[i]
		oq, ok := old[nq.ID]
		delete(old, nq.ID)
		switch {
		case !ok:
			out = append(out, QuestionDiff{ID: nq.ID, Title: nq.Title, Status: DiffNew})
		case !sameJSON(oq, nq):
			out = append(out, QuestionDiff{ID: nq.ID, Title: nq.Title, Status: DiffUpdated})
		}
	}
	for i := range base {
		if _, gone := old[base[i].ID]; gone {
			out = append(out, QuestionDiff{ID: base[i].ID, Title: base[i].Title, Status: DiffDeleted})
		}
	}
	return out
}

// sameJSON reports whether a and b encode alike.
func sameJSON(a, b any) bool {
	x, err1 := json.Marshal(a)
	y, err2 := json.Marshal(b)
	return err1 == nil && err2 == nil && string(x) == string(y)
}
