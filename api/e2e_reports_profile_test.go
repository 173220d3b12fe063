package api_test

import (
	"context"
	"strings"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	wa "github.com/aws/aws-sdk-go-v2/service/wellarchitected"
)

// TestReportMarksPrioritizedQuestions: the lens review report of a workload
// with a profile marks exactly the questions its profile prioritises.
func TestReportMarksPrioritizedQuestions(t *testing.T) {
	t.Parallel()
	srv := startSQLite(t)
	c := srv.Client
	d := readTemplate(t)
	sel := d.baseAnswers()
	arn := createProfile(t, c, "Report context", sel)
	id := createWorkload(t, c, workloadInput("Prioritised report"))
	if got := strings.Count(reportText(t, getReport(t, c, id, 0).LensReviewReport.Base64String), "Prioritized by"); got != 0 {
		t.Errorf("a workload without a profile has %d prioritised questions in its report", got)
	}
	if _, err := c.AssociateProfiles(context.Background(), &wa.AssociateProfilesInput{WorkloadId: aws.String(id), ProfileArns: []string{arn}}); err != nil {
		t.Fatal(err)
	}
	want := len(d.prioritized(sel))
	if want == 0 {
		t.Fatal("the base answers prioritise nothing: the test would prove nothing")
	}
	text := reportText(t, getReport(t, c, id, 0).LensReviewReport.Base64String)
	if got := strings.Count(text, "Prioritized by the workload's profile"); got != want {
		t.Errorf("the report marks %d questions prioritised, want %d", got, want)
	}
}
