package service

import (
	"context"
	"maps"
	"regexp"
	"slices"
	"strings"

	"github.com/wat-dev/wat"
	"github.com/wat-dev/wat/lens"
)

// What a generation reads: the workloads the profile selects, the
// unselected practices of their Well-Architected Framework reviews and the
// failing checks of those reviews' scan evidence, gathered into the
// engine's input (wat.GenerateAgentRecommendations decides from there).

// frameworkAlias is the alias of the Well-Architected Framework lens, the
// one lens whose practices the Agent recommends.
const frameworkAlias = "wellarchitected"

// choiceRiskRE reads the risk the framework guidance gives a practice
// left out ("Risk if not established: high.") from its helpful text.
var choiceRiskRE = regexp.MustCompile(`Risk if not established: (?i)(high|medium|low)\.`)

// agentInputs gathers the engine's input for generation g of prof. The
// worker has no caller: it reads as the profile's account would, its own
// workloads and those shared with the account.
func (s *Service) agentInputs(ctx context.Context, tx wat.Tx, prof *wat.AgentProfile, g *wat.AgentGeneration) (*wat.AgentEngineInput, error) {
	in := &wat.AgentEngineInput{Profile: prof, Pillars: g.Pillars, Items: g.Items, AdditionalContext: g.AdditionalContext,
		Generation: g.ID, At: s.nowUTC(), By: g.CreatedBy}
	goals, err := tx.ListAgentGoals(ctx, prof.ARN)
	if err != nil {
		return nil, err
	}
	for _, goal := range goals {
		if len(g.GoalIDs) == 0 || slices.Contains(g.GoalIDs, goal.ID) {
			in.Goals = append(in.Goals, goal)
		}
	}
	shared, err := s.sharedWorkloadIDs(ctx, tx, &wat.Principal{AccountID: prof.AccountID})
	if err != nil {
		return nil, err
	}
	all, err := tx.ListWorkloads(ctx, prof.AccountID, shared, "", "", "", 0)
	if err != nil {
		return nil, err
	}
	var ws []*wat.Workload
	var ids []string
	for _, w := range all {
		if prof.Selects(w) {
			ws, ids = append(ws, w), append(ids, w.ID)
		}
	}
	reviews, err := tx.ListLensReviewsOf(ctx, ids)
	if err != nil {
		return nil, err
	}
	stored, err := tx.ListAnswersOf(ctx, ids)
	if err != nil {
		return nil, err
	}
	answers := map[string]*wat.Answer{} // workload + lens ARN + question
	for _, a := range stored {
		answers[a.WorkloadID+" "+a.LensARN+" "+a.QuestionID] = a
	}
	// The failing checks of every workload's framework review in one read
	// per lens version's ARN (nearly always one): not a read per workload.
	framework := map[string]string{} // workload → its framework review's lens ARN
	byLens := map[string][]string{}  // lens ARN → workloads
	lenses := map[string]*lens.Lens{}
	for _, r := range reviews {
		li, err := s.pinnedLens(ctx, tx, r.LensARN, r.LensVersion)
		if err != nil {
			return nil, err
		}
		if li.Alias != frameworkAlias {
			continue
		}
		framework[r.WorkloadID] = r.LensARN
		lenses[r.WorkloadID] = li.Lens
		byLens[r.LensARN] = append(byLens[r.LensARN], r.WorkloadID)
	}
	failing := map[string][]wat.Check{}
	for arn, wids := range byLens {
		checks, err := tx.ListFailingChecks(ctx, arn, wids)
		if err != nil {
			return nil, err
		}
		maps.Copy(failing, checks)
	}
	practices := agentPractices{}
	for _, w := range ws {
		aw := wat.AgentWorkload{ID: w.ID, Name: w.Name, PillarPriorities: w.PillarPriorities}
		if arn, ok := framework[w.ID]; ok {
			l := lenses[w.ID]
			aw.Unselected = unselectedPractices(l, func(q string) *wat.Answer { return answers[w.ID+" "+arn+" "+q] })
			aw.Failing = practices.failing(l, failing[w.ID])
		}
		in.Workloads = append(in.Workloads, aw)
	}
	return in, nil
}

// agentPractice is a lens choice as the engine sees it, at risk risk.
func agentPractice(q *lens.Question, ch *lens.Choice, risk wat.Risk) wat.AgentPractice {
	if m := choiceRiskRE.FindStringSubmatch(ch.HelpfulResource.DisplayText); m != nil {
		risk = wat.Risk(strings.ToUpper(m[1]))
	}
	url := ch.HelpfulResource.URL
	if url == "" {
		url = ch.ImprovementPlan.URL
	}
	return wat.AgentPractice{LensAlias: frameworkAlias, QuestionID: q.ID, ChoiceID: ch.ID, PillarID: q.PillarID,
		Title: ch.Title, QuestionTitle: q.Title, Risk: risk, Effort: wat.AgentEffort(ch.HelpfulResource.DisplayText),
		Plan: ch.ImprovementPlan.DisplayText, URL: url}
}

// unselectedPractices returns the choices left out of the answered,
// applicable questions at high or medium risk: what a reviewer said the
// workload lacks. An unanswered question says nothing yet, so it is left
// out, as is a practice the guidance rates low risk.
func unselectedPractices(l *lens.Lens, answer func(questionID string) *wat.Answer) []wat.AgentPractice {
	var out []wat.AgentPractice
	for _, q := range l.Questions() {
		a := answer(q.ID)
		if a == nil || !a.IsApplicable {
			continue
		}
		risk := questionRisk(q, a)
		if risk != wat.RiskHigh && risk != wat.RiskMedium {
			continue
		}
		none, _ := q.NoneChoice()
		for _, ch := range q.Choices {
			if ch == none || slices.Contains(a.SelectedChoices, ch.ID) || slices.Contains(a.NotApplicableChoices(), ch.ID) {
				continue
			}
			if p := agentPractice(q, ch, risk); p.Risk == wat.RiskHigh || p.Risk == wat.RiskMedium {
				out = append(out, p)
			}
		}
	}
	return out
}

// agentPractices keeps the practices failing checks are bound to, by lens
// and choice, so that each is read from its lens text once per
// generation rather than once per check of every workload.
type agentPractices map[agentPracticeKey]*wat.AgentPractice

type agentPracticeKey struct {
	l                    *lens.Lens
	questionID, choiceID string
}

// failing returns the resources that fail checks, each with the practice
// its check is bound to; checks of choices l does not have are left out.
func (ps agentPractices) failing(l *lens.Lens, checks []wat.Check) []wat.AgentFinding {
	n := 0
	for i := range checks {
		n += len(checks[i].Flagged)
	}
	out := make([]wat.AgentFinding, 0, n)
	for i := range checks {
		c := &checks[i]
		key := agentPracticeKey{l, c.QuestionID, c.ChoiceID}
		p, ok := ps[key]
		if !ok {
			q, found := l.Question(c.QuestionID)
			if !found {
				continue
			}
			i := slices.IndexFunc(q.Choices, func(ch *lens.Choice) bool { return ch.ID == c.ChoiceID })
			if i < 0 {
				continue
			}
			pr := agentPractice(q, q.Choices[i], wat.RiskMedium)
			p = &pr
			ps[key] = p
		}
		for _, r := range c.Flagged {
			if r.Status == wat.FindingFail {
				out = append(out, wat.AgentFinding{Practice: p, CheckID: c.RuleID, CheckTitle: c.Title, Severity: c.Severity, Resource: r})
			}
		}
	}
	return out
}
