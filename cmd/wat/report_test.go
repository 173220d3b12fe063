package main

import (
	"archive/zip"
	"bytes"
	"context"
	"encoding/csv"
	"encoding/json"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/wat-dev/wat"
	"github.com/wat-dev/wat/lens"
	"github.com/wat-dev/wat/service"
)

// reportNote is a note with markup and a formula, as a user might type.
const reportNote = `Checked with <b>ops</b> & "security"`

// reportFixture is a data dir whose only account has a workload with two
// answered questions and a milestone recorded before the second answer.
type reportFixture struct {
	dir, workload, account string
	admin                  *adminEnv
}

func newReportFixture(t *testing.T) *reportFixture {
	t.Helper()
	dir, a := newDataDir(t)
	f := &reportFixture{dir: dir, admin: a}
	f.service(t, func(ctx context.Context, svc *service.Service) error {
		as, err := svc.ListAccounts(ctx)
		if err != nil {
			return err
		}
		f.account = as[0].ID
		p := &wat.Principal{AccountID: f.account, UserName: service.AdminUser, UserARN: "arn:aws:iam::" + f.account + ":user/admin", IsAdmin: true}
		ctx = wat.NewContextWithPrincipal(ctx, p)
		w, err := svc.CreateWorkload(ctx, service.CreateWorkloadInput{Workload: wat.Workload{
			Name: "Checkout <service>", Description: "made by a test", Environment: wat.EnvironmentProduction,
			AWSRegions: []string{"eu-west-1"}, ReviewOwner: "owner@example.com",
		}, Lenses: []string{"wellarchitected"}})
		if err != nil {
			return err
		}
		f.workload = w.ID
		fw := svc.Lenses().Framework().Lens
		q1, q2 := fw.Pillars[0].Questions[0], fw.Pillars[1].Questions[0]
		note, later := reportNote, "=added after the milestone"
		if _, err := svc.UpdateAnswer(ctx, service.UpdateAnswerInput{WorkloadID: w.ID, LensAlias: "wellarchitected", QuestionID: q1.ID,
			SelectedChoices: []string{q1.Choices[0].ID}, Notes: &note}); err != nil {
			return err
		}
		if _, err := svc.CreateMilestone(ctx, w.ID, "Before the second answer", "token-1"); err != nil {
			return err
		}
		_, err = svc.UpdateAnswer(ctx, service.UpdateAnswerInput{WorkloadID: w.ID, LensAlias: "wellarchitected", QuestionID: q2.ID,
			SelectedChoices: []string{q2.Choices[0].ID}, Notes: &later})
		return err
	})
	return f
}

// service runs fn on a service over the fixture's database.
func (f *reportFixture) service(t *testing.T, fn func(context.Context, *service.Service) error) {
	t.Helper()
	cfg := DefaultConfig().StoreConfig
	cfg.DataDir = f.dir
	_, err := runAdmin(context.Background(), cfg, func(string) string { return "" }, io.Discard, func(ctx context.Context, svc *service.Service) (any, error) {
		return nil, fn(ctx, svc)
	})
	if err != nil {
		t.Fatal(err)
	}
}

// report runs `wat report --data-dir DIR args...`.
func (f *reportFixture) report(t *testing.T, args ...string) (string, string, int) {
	t.Helper()
	var out, errb bytes.Buffer
	full := append([]string{"report", "--data-dir", f.dir}, args...)
	code := run(context.Background(), full, func(string) string { return "" }, &out, &errb)
	return out.String(), errb.String(), code
}

// export runs a report that must succeed into a file and returns it.
func (f *reportFixture) export(t *testing.T, file string, args ...string) []byte {
	t.Helper()
	path := filepath.Join(t.TempDir(), file)
	stdout, stderr, code := f.report(t, append(args, "-o", path)...)
	if code != 0 || stdout != "" || stderr != "" {
		t.Fatalf("wat report %s: exit %d\nstdout: %s\nstderr: %s", strings.Join(args, " "), code, stdout, stderr)
	}
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func TestReportCommand(t *testing.T) {
	f := newReportFixture(t)
	review := []string{"lens-review", "--workload", f.workload, "--lens", "wellarchitected"}

	md := string(f.export(t, "review.md", review...))
	for _, want := range []string{"# Checkout \\<service\\> — AWS Well-Architected Framework", `Checked with \<b\>ops\</b\> \& "security"`, "\\=added after the milestone"} {
		if !strings.Contains(md, want) {
			t.Errorf("the Markdown lacks %q", want)
		}
	}
	html := string(f.export(t, "review.html", review...))
	if !strings.Contains(html, "Checked with &lt;b&gt;ops&lt;/b&gt; &amp; &#34;security&#34;") || strings.Contains(html, "<b>ops") {
		t.Errorf("the HTML does not show the note escaped")
	}
	if pdf := f.export(t, "review.pdf", review...); !bytes.HasPrefix(pdf, []byte("%PDF-")) {
		t.Errorf("the PDF starts with %.10q", pdf)
	}

	// The CSV, by --format whatever the file's name: one row per practice,
	// the note on its question's rows, the formula neutralised.
	recs := readCSV(t, f.export(t, "review.txt", append(review, "--format", "csv")...))
	notes := map[string]int{}
	for _, r := range recs[1:] {
		notes[r[7]]++
	}
	fw := service.NewCatalog().Framework().Lens
	if n := len(fw.Pillars[0].Questions[0].Choices); notes[reportNote] != n {
		t.Errorf("%d rows carry the first question's note, want one per practice (%d)", notes[reportNote], n)
	}
	if notes["'=added after the milestone"] == 0 {
		t.Errorf("the formula note is not neutralised: %v", notes)
	}
	if got, want := len(recs)-1, choices(fw); got != want {
		t.Errorf("%d rows, want %d", got, want)
	}

	// The XLSX holds the same first row as the CSV.
	sheet := xlsxPart(t, f.export(t, "review.xlsx", review...), "xl/worksheets/sheet1.xml")
	for _, want := range []string{recs[1][0], recs[1][1], recs[1][2], "Checked with &lt;b&gt;ops&lt;/b&gt; &amp; &#34;security&#34;"} {
		if !strings.Contains(sheet, want) {
			t.Errorf("the XLSX's Answers sheet lacks %q", want)
		}
	}

	// At a milestone, the milestone's state: the second answer is not there.
	md = string(f.export(t, "milestone.md", append(review, "--milestone", "1")...))
	if !strings.Contains(md, "Milestone 1: Before the second answer") || strings.Contains(md, "added after the milestone") || !strings.Contains(md, "ops") {
		t.Errorf("the milestone report does not show the milestone's state:\n%.600s", md)
	}

	// -o - writes to stdout.
	stdout, stderr, code := f.report(t, append(review, "--format", "md", "-o", "-")...)
	if code != 0 || stderr != "" || !strings.HasPrefix(stdout, "# Checkout") {
		t.Errorf("-o -: exit %d, stderr %q, stdout %.40q", code, stderr, stdout)
	}

	// The consolidated report, in its three formats.
	var c struct {
		Workloads []struct {
			ID         string
			RiskCounts map[string]int
		}
		Summary struct{ Workloads int }
	}
	if err := json.Unmarshal(f.export(t, "all.json", "consolidated", "--account", f.account), &c); err != nil {
		t.Fatalf("the consolidated JSON: %v", err)
	}
	if len(c.Workloads) != 1 || c.Workloads[0].ID != f.workload || c.Summary.Workloads != 1 {
		t.Errorf("the consolidated JSON: %+v", c)
	}
	recs = readCSV(t, f.export(t, "all.csv", "consolidated", "--include-shared"))
	if len(recs) != 1+len(fw.Pillars) || recs[1][1] != f.workload || recs[1][5] != fw.Pillars[0].Name {
		t.Errorf("the consolidated CSV has %d rows, want a header and one per pillar (%d): %q", len(recs), len(fw.Pillars), recs)
	}
	high := 0
	for _, r := range recs[1:] {
		if r[6] != "0" {
			high++
		}
	}
	if want := c.Workloads[0].RiskCounts["HIGH"]; high != want {
		t.Errorf("the CSV has %d pillars with high risks, the JSON %d high risks", high, want)
	}
	if pdf := f.export(t, "all.pdf", "consolidated"); !bytes.HasPrefix(pdf, []byte("%PDF-")) {
		t.Errorf("the consolidated PDF starts with %.10q", pdf)
	}
}

func TestReportErrors(t *testing.T) {
	f := newReportFixture(t)
	var other createdAccount
	f.admin.do(t, &other, "create-account", "--name", "other")
	out := filepath.Join(t.TempDir(), "r.md")
	review := []string{"lens-review", "--workload", f.workload, "--lens", "wellarchitected", "-o", out}
	for _, tc := range []struct {
		args []string
		code int
		want string
	}{
		{review, 2, "--account is required: the database has 2 accounts"},
		{[]string{"lens-review", "--lens", "wellarchitected", "--account", f.account, "-o", out}, 2, "--workload is required"},
		{append(review, "--account", f.account, "--format", "docx"), 2, "--format must be one of pdf, html, md, csv, xlsx"},
		{[]string{"consolidated", "--account", f.account, "-o", "-"}, 2, "--format must be one of pdf, json, csv"},
		{[]string{"lens-review", "--workload", f.workload, "--lens", "wellarchitected", "--account", f.account}, 2, "-o is required"},
		{append(review, "--account", other.AccountId), 1, "No workload with id " + f.workload}, // another account's workload
		{append(review, "--account", f.account, "--milestone", "7"), 1, "has no milestone 7"},
		{append(review, "--account", "999999999999"), 1, "No account with ID 999999999999"},
		{[]string{"frobnicate"}, 2, `unknown report "frobnicate"`},
	} {
		stdout, stderr, code := f.report(t, tc.args...)
		if code != tc.code || !strings.Contains(stderr, tc.want) || stdout != "" {
			t.Errorf("wat report %s: exit %d, stderr %q; want exit %d and %q", strings.Join(tc.args, " "), code, stderr, tc.code, tc.want)

		}
	}
	if _, err := os.Stat(out); err == nil {
		t.Errorf("a failed report wrote %s", out)
	}
	// A database that is not there is not created.
	var errb bytes.Buffer
	empty := t.TempDir()
	if code := run(context.Background(), []string{"report", "--data-dir", empty, "consolidated", "-o", "x.pdf"}, func(string) string { return "" }, io.Discard, &errb); code != 1 || !strings.Contains(errb.String(), "no wat database") {
		t.Errorf("an empty data dir: exit %d, %q", code, errb.String())
	}
	if _, err := os.Stat(filepath.Join(empty, "wat.db")); err == nil {
		t.Error("wat report created a database")
	}
}

func TestReportUsage(t *testing.T) {
	var out, errb bytes.Buffer
	if code := run(context.Background(), []string{"report"}, func(string) string { return "" }, &out, &errb); code != 2 || !strings.Contains(errb.String(), "lens-review --workload ID --lens ALIAS") {
		t.Errorf("wat report: exit %d, stderr %q", code, errb.String())
	}
	out.Reset()
	if code := run(context.Background(), []string{"report", "-h"}, func(string) string { return "" }, &out, &errb); code != 0 || !strings.Contains(out.String(), "consolidated") {
		t.Errorf("wat report -h: exit %d, stdout %q", code, out.String())
	}
}

// choices counts the choices of a lens: the rows of its CSV export.
func choices(l *lens.Lens) int {
	n := 0
	for _, p := range l.Pillars {
		for _, q := range p.Questions {
			n += len(q.Choices)
		}
	}
	return n
}

func readCSV(t *testing.T, b []byte) [][]string {
	t.Helper()
	recs, err := csv.NewReader(bytes.NewReader(bytes.TrimPrefix(b, []byte("\uFEFF")))).ReadAll()
	if err != nil {
		t.Fatalf("the CSV does not parse: %v", err)
	}
	return recs
}

// xlsxPart returns one part of a workbook.
func xlsxPart(t *testing.T, b []byte, name string) string {
	t.Helper()
	z, err := zip.NewReader(bytes.NewReader(b), int64(len(b)))
	if err != nil {
		t.Fatalf("the XLSX is not a zip: %v", err)
	}
	rc, err := z.Open(name)
	if err != nil {
		t.Fatalf("the XLSX lacks %s: %v", name, err)
	}
	defer rc.Close()
	data, err := io.ReadAll(rc)
	if err != nil {
		t.Fatal(err)
	}
	return string(data)
}
