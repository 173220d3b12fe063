package wat_test

import (
	"fmt"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/wat-dev/wat"
)

func TestCheckStatus(t *testing.T) {
	fail := wat.FlaggedResource{Status: wat.FindingFail}
	unknown := wat.FlaggedResource{Status: wat.FindingUnknown}
	for _, tc := range []struct {
		severity string
		passed   int
		flagged  []wat.FlaggedResource
		want     wat.CheckStatus
	}{
		{wat.SeverityHigh, 3, []wat.FlaggedResource{unknown, fail}, wat.CheckError},
		{wat.SeverityMedium, 3, []wat.FlaggedResource{fail}, wat.CheckWarning},
		{wat.SeverityLow, 0, []wat.FlaggedResource{fail}, wat.CheckWarning},
		{wat.SeverityHigh, 2, []wat.FlaggedResource{unknown}, wat.CheckWarning},
		{wat.SeverityHigh, 2, nil, wat.CheckOkay},
		{wat.SeverityHigh, 0, nil, wat.CheckNotAvailable},
	} {
		c := wat.Check{Severity: tc.severity, Passed: tc.passed, Flagged: tc.flagged}
		if got := c.Status(); got != tc.want {
			t.Errorf("%s rule, %d passed, %v flagged: %s, want %s", tc.severity, tc.passed, tc.flagged, got, tc.want)
		}
	}
}

func TestFlaggedResourceString(t *testing.T) {
	r := wat.FlaggedResource{Status: wat.FindingUnknown, Name: "Db", Type: "AWS::RDS::DBInstance", File: "app.yaml", Line: 14, Reason: "Ref to parameter R"}
	if got, want := r.String(), "UNKNOWN Db (AWS::RDS::DBInstance) at app.yaml:14: Ref to parameter R"; got != want {
		t.Errorf("String() = %q, want %q", got, want)
	}
	r = wat.FlaggedResource{Status: wat.FindingFail, Name: "aws_s3_bucket.b", File: "plan.json"}
	if got, want := r.String(), "FAIL aws_s3_bucket.b at plan.json"; got != want {
		t.Errorf("String() = %q, want %q", got, want)
	}
}

func TestEvidenceNotes(t *testing.T) {
	when := time.Date(2025, 3, 4, 5, 6, 7, 0, time.FixedZone("CET", 3600))
	check := &wat.Check{RuleID: "s3-versioning", Title: "Buckets keep versions", Flagged: []wat.FlaggedResource{
		{Status: wat.FindingFail, Name: "Logs", Type: "AWS::S3::Bucket", File: "app.yaml", Line: 12},
	}}
	findings := []wat.EvidenceFinding{{ChoiceTitle: "Identify backups", Check: check}}
	block := "wat scan evidence (2025-03-04 04:06 UTC):\n- Identify backups: Buckets keep versions (s3-versioning)\n  FAIL Logs (AWS::S3::Bucket) at app.yaml:12"

	if got := wat.EvidenceNotes("", when, findings); got != block {
		t.Errorf("notes of an unanswered question:\n%s\nwant:\n%s", got, block)
	}
	own := "Checked with the team.\n"
	if got, want := wat.EvidenceNotes(own, when, findings), "Checked with the team.\n\n"+block; got != want {
		t.Errorf("notes after the reviewer's:\n%s\nwant:\n%s", got, want)
	}
	// The next evidence replaces the previous one, and none removes it.
	prev := "Checked with the team.\n\n" + block
	later := when.Add(24 * time.Hour)
	if got := wat.EvidenceNotes(prev, later, findings); strings.Count(got, wat.EvidenceNotesHeader) != 1 || !strings.Contains(got, "2025-03-05") {
		t.Errorf("notes after a second upload:\n%s", got)
	}
	if got := wat.EvidenceNotes(prev, later, nil); got != "Checked with the team." {
		t.Errorf("notes once the evidence passes: %q", got)
	}
	if got := wat.EvidenceNotes(block, later, nil); got != "" {
		t.Errorf("notes of evidence alone once it passes: %q", got)
	}

	// Too many resources: the notes stay within MaxNotes and say how many
	// lines were left out.
	many := &wat.Check{RuleID: "r", Title: "t"}
	for i := range 200 {
		many.Flagged = append(many.Flagged, wat.FlaggedResource{Status: wat.FindingFail, Name: fmt.Sprintf("Bücket%03d", i), File: "stack.yaml", Line: i + 1})
	}
	got := wat.EvidenceNotes(own, when, []wat.EvidenceFinding{{ChoiceTitle: "c", Check: many}})
	if n := utf8.RuneCountInString(got); n > wat.MaxNotes || n < wat.MaxNotes-100 {
		t.Errorf("notes of 200 resources have %d characters, want at most %d and close to it", n, wat.MaxNotes)
	}
	if !strings.HasPrefix(got, "Checked with the team.") || !strings.Contains(got, "Bücket000") || !strings.Contains(got, "more (ListCheckDetails lists them all)") {
		t.Errorf("notes of 200 resources:\n%s", got)
	}
	// Reviewer's notes at the limit leave no room: they stay as they are.
	full := strings.Repeat("n", wat.MaxNotes)
	if got := wat.EvidenceNotes(full, when, findings); got != full {
		t.Errorf("full notes changed to %d characters", utf8.RuneCountInString(got))
	}
}
