package wadata

import (
	"github.com/wat-dev/wat/lens"
	"github.com/wat-dev/wat/lens/framework/guidance"
)

// question is the lens's question of a row: the framework's id and title
// with wat's guidance as its description and helpful resource, linked to
// the framework's page of its first practice.
func question(r Row, g *guidance.Set) lens.QuestionDoc {
	q := lens.QuestionDoc{ID: r.QuestionID, Title: r.QuestionTitle}
	if gq, ok := g.Question(r.QuestionID); ok {
		q.Description = gq.Description
		q.HelpfulResource = &lens.ResourceDoc{DisplayText: gq.HelpfulResource, URL: r.URL}
	}
	return q
}

// choice is the lens's choice of a practice: the framework's title, wat's
// description, what good looks like (with the anti-patterns, the effort and
// the risk) as the helpful resource and the first steps as the improvement
// plan, both linked to the framework's page ("learn more").
func choice(r Row, g *guidance.Set) lens.ChoiceDoc {
	c := lens.ChoiceDoc{ID: r.ChoiceID, Title: r.BPTitle}
	if p, ok := g.Practice(r.BPID); ok {
		c.Description = p.Description
		c.HelpfulResource = &lens.ResourceDoc{DisplayText: p.HelpfulText(r.Level), URL: r.URL}
		c.ImprovementPlan = &lens.ResourceDoc{DisplayText: p.PlanText(), URL: r.URL}
	}
	return c
}

// Facts are the rows as the guidance's lint reads them.
func Facts(rows []Row) []guidance.Fact {
	out := make([]guidance.Fact, len(rows))
	for i, r := range rows {
		out[i] = guidance.Fact{PillarID: r.PillarID, QuestionID: r.QuestionID, PracticeID: r.BPID, Risk: r.Level, URL: r.URL}
	}
	return out
}
