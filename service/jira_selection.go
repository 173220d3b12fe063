package service

import (
	"github.com/wat-dev/wat"
)

// checkSelection refuses, all at once, the pillars and questions of a
// lens review's Jira selection that its lens does not have, or a question
// given under another pillar than its own.
func checkSelection(li *LensInfo, alias string, sel []wat.JiraSelectedPillar) error {
	var pr problems
	for i, p := range sel {
		if _, ok := li.Lens.Pillar(p.PillarID); !ok {
			pr.add(sprintf("JiraConfiguration.SelectedPillars[%d].PillarId", i), "Lens %s has no pillar %q", alias, p.PillarID)
			continue
		}
		for j, qid := range p.QuestionIDs {
			if q, ok := li.Lens.Question(qid); !ok || q.PillarID != p.PillarID {
				pr.add(sprintf("JiraConfiguration.SelectedPillars[%d].SelectedQuestionIds[%d]", i, j),
					"Pillar %s of lens %s has no question %q", p.PillarID, alias, qid)
			}
		}
	}
	return pr.err()
}
