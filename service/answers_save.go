package service

import (
	"context"
	"maps"
	"slices"
	"time"

	"github.com/wat-dev/wat"
)

// saveAnswers stores answers of w's lens review r, changed at now, and
// bumps r's revision once in the same transaction: a cached evaluation of
// the review is told apart from the new one by that revision alone, so no
// answer may be written without it. It and saveAnswersHeard are the one
// place answers change (UpdateAnswer, ApplySuggestedAnswers, the Jira
// pull), and so the one place their risk changes are published: a
// question's, and the workload's when its risk counts moved. The caller
// touches the workload.
func (s *Service) saveAnswers(ctx context.Context, tx wat.Tx, w *wat.Workload, r *wat.LensReview, now time.Time, answers ...*wat.Answer) error {
	return s.saveAnswersHeard(ctx, tx, w, r, now, true, answers...)
}

// saveAnswerTouched is saveAnswersHeard of one answer, then the touch of
// w that its caller owes: UpdateAnswer's writes. When nobody hears of risk
// changes they go to the store in one call (SaveAnswerChange), which
// PostgreSQL runs as one statement instead of three.
func (s *Service) saveAnswerTouched(ctx context.Context, tx wat.Tx, w *wat.Workload, r *wat.LensReview, now time.Time, subscribed bool, a *wat.Answer) error {
	if subscribed {
		if err := s.saveAnswersHeard(ctx, tx, w, r, now, true, a); err != nil {
			return err
		}
		return tx.TouchWorkload(ctx, w.ID, now)
	}
	a.UpdatedAt = now
	r.UpdatedAt = now
	r.Revision++
	return tx.SaveAnswerChange(ctx, a, r, now)
}

// saveAnswersHeard is saveAnswers for a caller that read, beside the rows
// it changes, whether w's account has an enabled webhook subscription
// (wat.AnswerChange.Webhooks): with none (subscribed false) no risk change
// can be heard, so none is computed, and nothing is read to learn it; with
// one, the subscriptions are read and filtered as saveAnswers does.
func (s *Service) saveAnswersHeard(ctx context.Context, tx wat.Tx, w *wat.Workload, r *wat.LensReview, now time.Time, subscribed bool, answers ...*wat.Answer) error {
	var before *riskState
	if subscribed {
		var err error
		if before, err = s.riskStateOf(ctx, tx, w, r.LensARN); err != nil {
			return err
		}
	}
	for _, a := range answers {
		a.UpdatedAt = now
		if err := tx.PutAnswer(ctx, a); err != nil {
			return err
		}
	}
	r.UpdatedAt = now
	r.Revision++
	if err := tx.PutLensReview(ctx, r); err != nil {
		return err
	}
	if before == nil || before.view == nil {
		return nil
	}
	// The other questions and lenses did not change: the state after is
	// the one before with these answers' risks moved, without reading or
	// evaluating the review again.
	after := &riskState{counts: maps.Clone(before.counts), risks: maps.Clone(before.view.Risks)}
	for _, a := range answers {
		q, ok := before.view.Lens.Lens.Question(a.QuestionID)
		if !ok {
			continue
		}
		prev, ok := after.risks[q.ID]
		if !ok {
			continue
		}
		risk := questionRisk(q, a)
		after.counts[prev]--
		after.counts[risk]++
		after.risks[q.ID] = risk
	}
	return s.publishRiskChanges(ctx, tx, w, r.LensARN, before, after)
}

// riskState is what a change of answers is compared on: the workload's
// risk counts, as GetWorkload and ListWorkloads show them, and the risk
// of each question of one of its lens reviews.
type riskState struct {
	counts wat.RiskCounts
	risks  map[string]wat.Risk // by question id
	// view is the lens review's evaluation (shared with the cache: never
	// modified); nil when its lens version cannot be read.
	view *ReviewView
}

// riskStateOf evaluates w's risks and its review of lensARN as they are
// in tx, as GetWorkload does: a review whose revision is cached is neither
// read nor evaluated again. It returns nil, at the cost of one read, when
// no subscription of the account wants risk changes: there is then
// nothing to compare.
func (s *Service) riskStateOf(ctx context.Context, tx wat.Tx, w *wat.Workload, lensARN string) (*riskState, error) {
	if ok, err := wantsEvent(ctx, tx, w.AccountID, wat.EventSourceWat, wat.EventRiskChanged); err != nil || !ok {
		return nil, err
	}
	snap, err := s.liveSnapshot(ctx, tx, w, "", false)
	if err != nil {
		return nil, err
	}
	st := &riskState{counts: wat.NewRiskCounts()}
	for _, arn := range w.Lenses {
		if v := snap.evaluated(ctx, s, arn); v != nil {
			st.counts.Add(v.RiskCounts)
		}
	}
	if st.view = snap.evaluated(ctx, s, lensARN); st.view != nil {
		st.risks = st.view.Risks
	}
	return st, nil
}

// publishRiskChanges tells w's owner what moved from before to after: each
// question of lensARN asked in both whose risk changed (in question id
// order), then the workload's risk counts when they changed. Nothing when
// before is nil (nobody listens).
func (s *Service) publishRiskChanges(ctx context.Context, tx wat.Tx, w *wat.Workload, lensARN string, before, after *riskState) error {
	if before == nil || after == nil {
		return nil
	}
	for _, id := range slices.Sorted(maps.Keys(after.risks)) {
		prev, ok := before.risks[id]
		if !ok || prev == after.risks[id] {
			continue
		}
		err := s.publish(ctx, tx, w.AccountID, wat.EventRiskChanged, []string{w.ARN}, map[string]any{
			"scope": "QUESTION", "workloadId": w.ID, "workloadArn": w.ARN, "lensArn": lensARN,
			"questionId": id, "previousRisk": string(prev), "risk": string(after.risks[id]),
		})
		if err != nil {
			return err
		}
	}
	if maps.Equal(before.counts, after.counts) {
		return nil
	}
	return s.publishWorkloadRisk(ctx, tx, w, before.counts, after.counts)
}

// publishWorkloadRisk tells w's owner that its risk counts moved.
func (s *Service) publishWorkloadRisk(ctx context.Context, tx wat.WebhookTx, w *wat.Workload, before, after wat.RiskCounts) error {
	return s.publish(ctx, tx, w.AccountID, wat.EventRiskChanged, []string{w.ARN}, map[string]any{
		"scope": "WORKLOAD", "workloadId": w.ID, "workloadArn": w.ARN,
		"previousRiskCounts": before, "riskCounts": after,
	})
}

// wantsEvent reports whether an enabled subscription of accountID would
// receive an event of source and detailType: a use case asks before
// computing what only such an event needs.
func wantsEvent(ctx context.Context, tx wat.WebhookTx, accountID, source, detailType string) (bool, error) {
	subs, err := subscribersOf(ctx, tx, &wat.Event{AccountID: accountID, Source: source, DetailType: detailType})
	return len(subs) > 0, err
}

// publishUpgradeRisk publishes what a lens review's upgrade to another
// version of its lens changed, before being the state on the version it
// left: the questions asked in both versions whose risk moved, and the
// workload's counts (which questions added or dropped move too).
func (s *Service) publishUpgradeRisk(ctx context.Context, tx wat.Tx, w *wat.Workload, lensARN string, before *riskState) error {
	if before == nil {
		return nil
	}
	after, err := s.riskStateOf(ctx, tx, w, lensARN)
	if err != nil {
		return err
	}
	return s.publishRiskChanges(ctx, tx, w, lensARN, before, after)
}

// publishTemplateRisk publishes the risk of w, created from a review
// template with the template's answers: the workload's counts moved from
// those of a workload whose questions are all unanswered. Its questions'
// risks were never anything else, so no question's change is published.
func (s *Service) publishTemplateRisk(ctx context.Context, tx wat.Tx, w *wat.Workload) error {
	st, err := s.riskStateOf(ctx, tx, w, "")
	if err != nil || st == nil {
		return err
	}
	unanswered := wat.NewRiskCounts()
	for _, n := range st.counts {
		unanswered[wat.RiskUnanswered] += n
	}
	if maps.Equal(unanswered, st.counts) {
		return nil
	}
	return s.publishWorkloadRisk(ctx, tx, w, unanswered, st.counts)
}
