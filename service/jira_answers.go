package service

import (
	"context"

	"github.com/wat-dev/wat"
)

// attachJira sets, on answer views of a live review, the Task each
// question is kept in (JiraIssueUrl, LastSyncedTime); a milestone's answers
// have none, since a sync keeps the live review only.
func (s *Service) attachJira(ctx context.Context, tx wat.Tx, workloadID string, milestone int, views ...*AnswerView) error {
	if milestone != 0 || len(views) == 0 {
		return nil
	}
	links, err := tx.ListJiraIssueLinks(ctx, workloadID)
	if err != nil || len(links) == 0 {
		return err
	}
	tasks := make(map[linkKey]*wat.JiraIssueLink, len(links))
	for _, l := range links {
		if l.QuestionID != "" && l.ChoiceID == "" {
			tasks[keyOf(l)] = l
		}
	}
	for _, v := range views {
		v.Jira = tasks[linkKey{v.Lens.ARN, v.Question.ID, ""}]
	}
	return nil
}
