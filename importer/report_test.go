package importer

import (
	"bytes"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// TestProgressAndSummary: a line per resource when stderr is not a
// terminal; on a terminal one redrawn bar, with failures kept on their own
// lines; then the summary's counts per kind and what failed, and why.
func TestProgressAndSummary(t *testing.T) {
	entries := []Entry{
		{Kind: KindLens, Name: "Baseline", Outcome: Created, Detail: "2 versions published"},
		{Kind: KindWorkload, Name: "Payments", Outcome: Unchanged},
		{Kind: KindWorkload, Name: "On their lens", Outcome: Failed, Detail: "lens \"Theirs\" is shared"},
		{Kind: KindAnswers, Name: "On their lens / Theirs", Outcome: Skipped, Detail: "lens \"Theirs\" is shared"},
	}
	var lines, bar bytes.Buffer
	for _, tc := range []struct {
		buf      *bytes.Buffer
		terminal bool
	}{{&lines, false}, {&bar, true}} {
		im := &Importer{Progress: NewProgress(tc.buf, tc.terminal)}
		for i, e := range entries {
			im.Progress.step(i, len(entries), e.Name)
			im.record(e.Kind, e.Name, e.Outcome, "%s", e.Detail)
		}
		im.Progress.step(len(entries), len(entries), "")
		im.Progress.finish()
		if !im.summary.Failed() {
			t.Error("Failed() = false with a failed entry")
		}
		if tc.terminal {
			continue
		}
		var sum bytes.Buffer
		im.summary.Write(&sum)
		want := "Summary:\n" +
			"  lenses:           1 created\n" +
			"  workloads:        1 unchanged, 1 failed\n" +
			"  lens reviews:     1 skipped\n" +
			"  SKIPPED lens review \"On their lens / Theirs\": lens \"Theirs\" is shared\n" +
			"  FAILED workload \"On their lens\": lens \"Theirs\" is shared\n"
		if diff := cmp.Diff(want, sum.String()); diff != "" {
			t.Errorf("summary (-want +got):\n%s", diff)
		}
	}
	want := "created   lens \"Baseline\": 2 versions published\n" +
		"unchanged workload \"Payments\"\n" +
		"failed    workload \"On their lens\": lens \"Theirs\" is shared\n" +
		"skipped   lens review \"On their lens / Theirs\": lens \"Theirs\" is shared\n"
	if diff := cmp.Diff(want, lines.String()); diff != "" {
		t.Errorf("progress off a terminal (-want +got):\n%s", diff)
	}
	got := bar.String()
	if strings.Count(got, "\n") != 2 || !strings.Contains(got, "\r\033[K[##############################] 4/4 ") ||
		!strings.Contains(got, "\r\033[Kfailed workload \"On their lens\": lens \"Theirs\" is shared\n") ||
		!strings.Contains(got, "[#######                       ] 1/4 Payments") {
		t.Errorf("progress on a terminal: %q", got)
	}
}
