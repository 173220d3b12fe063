package api_test

// Helpers shared by the end-to-end tests: every test starts a real server
// with internal/testserver and drives it with the official AWS SDK client,
// on SQLite always and on PostgreSQL when WAT_TEST_DATABASE_URL is set.

import (
	"context"
	"crypto/rand"
	"database/sql"
	"encoding/csv"
	"encoding/hex"
	"errors"
	"go/token"
	"net/url"
	"os"
	"strings"
	"sync"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	awshttp "github.com/aws/aws-sdk-go-v2/aws/transport/http"
	"github.com/aws/aws-sdk-go-v2/service/wellarchitected"
	"github.com/aws/aws-sdk-go-v2/service/wellarchitected/types"
	"github.com/aws/smithy-go"
	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"
	_ "github.com/jackc/pgx/v5/stdlib" // the "pgx" database/sql driver

	"github.com/wat-dev/wat/internal/testserver"
)

const (
	lensAlias = "wellarchitected"
	lensARN   = "arn:aws:wellarchitected::aws:lens/wellarchitected"
	// frameworkCSV holds the framework's facts; expected risks are derived
	// from it here, independently of the lens package.
	frameworkCSV = "../lens/framework/wa-framework.csv"
)

// forEachBackend runs fn as parallel subtests against a fresh server on
// SQLite and, when WAT_TEST_DATABASE_URL is set, on a fresh PostgreSQL
// database. In CI a missing PostgreSQL is a failure, not a skip.
func forEachBackend(t *testing.T, fn func(t *testing.T, srv *testserver.Server)) {
	t.Helper()
	t.Run("sqlite", func(t *testing.T) {
		t.Parallel()
		fn(t, testserver.Start(t, testserver.Options{}))
	})
	t.Run("postgres", func(t *testing.T) {
		t.Parallel()
		fn(t, testserver.Start(t, testserver.Options{DatabaseURL: e2eDatabase(t)}))
	})
}

// startSQLite starts a server on SQLite, for scenarios whose subject is not
// storage (wire format, routing, authentication).
func startSQLite(t *testing.T) *testserver.Server {
	t.Helper()
	return testserver.Start(t, testserver.Options{})
}

// e2eDatabase creates a fresh PostgreSQL database on the server named by
// WAT_TEST_DATABASE_URL, drops it when the test ends and returns its URL.
// Without the variable the test is skipped, unless CI is set: CI must test
// PostgreSQL.
func e2eDatabase(t *testing.T) string {
	t.Helper()
	base := os.Getenv("WAT_TEST_DATABASE_URL")
	if base == "" {
		if ci := os.Getenv("CI"); ci != "" && ci != "false" {
			t.Fatal("WAT_TEST_DATABASE_URL is not set, but CI is: the PostgreSQL end-to-end tests must run in CI")
		}
		t.Skip("WAT_TEST_DATABASE_URL not set: PostgreSQL backend not tested")
	}
	admin, err := sql.Open("pgx", base)
	if err != nil {
		t.Fatalf("open %s: %v", base, err)
	}
	defer admin.Close()
	name := "wat_e2e_" + randomHex(6)
	if _, err := admin.ExecContext(context.Background(), "CREATE DATABASE "+name); err != nil {
		t.Fatalf("create database %s: %v", name, err)
	}
	t.Cleanup(func() {
		db, err := sql.Open("pgx", base)
		if err != nil {
			t.Errorf("drop database %s: %v", name, err)
			return
		}
		defer db.Close()
		if _, err := db.ExecContext(context.Background(), "DROP DATABASE IF EXISTS "+name+" WITH (FORCE)"); err != nil {
			t.Errorf("drop database %s: %v", name, err)
		}
	})
	u, err := url.Parse(base)
	if err != nil {
		t.Fatalf("parse WAT_TEST_DATABASE_URL: %v", err)
	}
	u.Path = "/" + name
	return u.String()
}

func randomHex(n int) string {
	b := make([]byte, n)
	rand.Read(b)
	return hex.EncodeToString(b)
}

// workloadInput returns a minimal valid CreateWorkload input.
func workloadInput(name string) *wellarchitected.CreateWorkloadInput {
	return &wellarchitected.CreateWorkloadInput{
		WorkloadName: aws.String(name),
		Description:  aws.String("A workload under review"),
		Environment:  types.WorkloadEnvironmentPreproduction,
		AwsRegions:   []string{"us-east-1"},
		ReviewOwner:  aws.String("owner@example.com"),
		Lenses:       []string{lensAlias},
	}
}

// createWorkload creates a workload and returns its id.
func createWorkload(t *testing.T, c *wellarchitected.Client, in *wellarchitected.CreateWorkloadInput) string {
	t.Helper()
	out, err := c.CreateWorkload(context.Background(), in)
	if err != nil {
		t.Fatalf("CreateWorkload(%q): %v", aws.ToString(in.WorkloadName), err)
	}
	return aws.ToString(out.WorkloadId)
}

// httpStatus returns the HTTP status of an SDK error, or 0.
func httpStatus(err error) int {
	var re *awshttp.ResponseError
	if errors.As(err, &re) {
		return re.HTTPStatusCode()
	}
	return 0
}

// wantAPIError fails unless err is an API error with the given code and HTTP status.
func wantAPIError(t *testing.T, err error, code string, status int) {
	t.Helper()
	if err == nil {
		t.Errorf("got success, want %s (%d)", code, status)
		return
	}
	var ae smithy.APIError
	if !errors.As(err, &ae) {
		t.Errorf("got %v, want API error %s (%d)", err, code, status)
		return
	}
	if ae.ErrorCode() != code || httpStatus(err) != status {
		t.Errorf("got %s (%d): %v; want %s (%d)", ae.ErrorCode(), httpStatus(err), err, code, status)
	}
}

// wantValidation fails unless err is a 400 ValidationException one of
// whose Fields names field (exactly, or an element or member of it:
// "AwsRegions" matches "AwsRegions[0]", "Tags" matches "Tags.aws:x").
func wantValidation(t *testing.T, err error, field string) {
	t.Helper()
	var ve *types.ValidationException
	if !errors.As(err, &ve) {
		t.Errorf("got %v, want ValidationException naming %s", err, field)
		return
	}
	if s := httpStatus(err); s != 400 {
		t.Errorf("ValidationException with HTTP status %d, want 400", s)
	}
	var names []string
	for _, f := range ve.Fields {
		n := aws.ToString(f.Name)
		if n == field || strings.HasPrefix(n, field+"[") || strings.HasPrefix(n, field+".") {
			return
		}
		names = append(names, n)
	}
	t.Errorf("ValidationException names fields %q, want %s (message: %s)", names, field, ve.ErrorMessage())
}

// wantNotFound fails unless err is a 404 ResourceNotFoundException.
func wantNotFound(t *testing.T, err error) {
	t.Helper()
	var e *types.ResourceNotFoundException
	if !errors.As(err, &e) {
		t.Errorf("got %v, want ResourceNotFoundException", err)
		return
	}
	if s := httpStatus(err); s != 404 {
		t.Errorf("ResourceNotFoundException with HTTP status %d, want 404", s)
	}
}

// wantConflict fails unless err is a 409 ConflictException.
func wantConflict(t *testing.T, err error) {
	t.Helper()
	var e *types.ConflictException
	if !errors.As(err, &e) {
		t.Errorf("got %v, want ConflictException", err)
		return
	}
	if s := httpStatus(err); s != 409 {
		t.Errorf("ConflictException with HTTP status %d, want 409", s)
	}
}

// wantQuota fails unless err is a 402 ServiceQuotaExceededException.
func wantQuota(t *testing.T, err error) {
	t.Helper()
	var e *types.ServiceQuotaExceededException
	if !errors.As(err, &e) {
		t.Errorf("got %v, want ServiceQuotaExceededException", err)
		return
	}
	if s := httpStatus(err); s != 402 {
		t.Errorf("ServiceQuotaExceededException with HTTP status %d, want 402", s)
	}
}

// riskCounts returns a full RiskCounts map with the given non-zero counts.
func riskCounts(nonZero map[types.Risk]int32) map[string]int32 {
	out := map[string]int32{}
	for _, r := range types.Risk("").Values() {
		out[string(r)] = nonZero[r]
	}
	return out
}

// The framework as the CSV states it, read independently of package lens.

type fwPractice struct {
	ChoiceID, Title, Level, URL string
}

type fwQuestion struct {
	Pillar, ID, Title string
	Practices         []fwPractice
}

// NoneID is the id of the question's "None of these" choice.
func (q *fwQuestion) NoneID() string { return strings.ReplaceAll(q.ID, "-", "_") + "_no" }

// ChoiceIDs lists the question's choices as the lens shows them: the
// practices in CSV order, then "None of these".
func (q *fwQuestion) ChoiceIDs() []string {
	var ids []string
	for _, p := range q.Practices {
		ids = append(ids, p.ChoiceID)
	}
	return append(ids, q.NoneID())
}

type fwFacts struct {
	Pillars   []string // in framework order
	Questions []*fwQuestion
	ByID      map[string]*fwQuestion
}

// PillarQuestions returns the questions of one pillar, in order.
func (f *fwFacts) PillarQuestions(pillar string) []*fwQuestion {
	var out []*fwQuestion
	for _, q := range f.Questions {
		if q.Pillar == pillar {
			out = append(out, q)
		}
	}
	return out
}

var loadFacts = sync.OnceValues(func() (*fwFacts, error) {
	f, err := os.Open(frameworkCSV)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	rows, err := csv.NewReader(f).ReadAll()
	if err != nil {
		return nil, err
	}
	facts := &fwFacts{ByID: map[string]*fwQuestion{}}
	col := map[string]int{}
	for i, h := range rows[0] {
		col[h] = i
	}
	for _, r := range rows[1:] {
		pillar, qid := r[col["pillar_id"]], r[col["question_id"]]
		q := facts.ByID[qid]
		if q == nil {
			q = &fwQuestion{Pillar: pillar, ID: qid, Title: r[col["question_title"]]}
			facts.ByID[qid] = q
			facts.Questions = append(facts.Questions, q)
			if len(facts.Pillars) == 0 || facts.Pillars[len(facts.Pillars)-1] != pillar {
				facts.Pillars = append(facts.Pillars, pillar)
			}
		}
		q.Practices = append(q.Practices, fwPractice{
			ChoiceID: r[col["choice_id"]], Title: r[col["bp_title"]], Level: r[col["bp_risk"]], URL: r[col["url"]],
		})
	}
	return facts, nil
})

// framework returns the framework's facts from the CSV.
func framework(t *testing.T) *fwFacts {
	t.Helper()
	f, err := loadFacts()
	if err != nil {
		t.Fatalf("read %s: %v", frameworkCSV, err)
	}
	if len(f.Questions) != 57 || len(f.Pillars) != 6 {
		t.Fatalf("%s has %d questions in %d pillars, want 57 in 6", frameworkCSV, len(f.Questions), len(f.Pillars))
	}
	return f
}

// answerSpec is an answer to one question as a test gives it.
type answerSpec struct {
	Selected      []string // nil: unanswered
	NotApplicable []string // choices marked NOT_APPLICABLE through ChoiceUpdates
	Inapplicable  bool     // IsApplicable=false
}

// expectedRisk is the documented rule of the built-in lens
// (shared/data/README.md), computed from the CSV: a question is HIGH when an
// applicable, unselected HIGH-level practice exists, else MEDIUM when such a
// MEDIUM one exists, else NONE; not-applicable practices count as satisfied.
func expectedRisk(q *fwQuestion, a answerSpec) types.Risk {
	if a.Inapplicable {
		return types.RiskNotApplicable
	}
	if len(a.Selected) == 0 && len(a.NotApplicable) == 0 {
		return types.RiskUnanswered
	}
	satisfied := map[string]bool{}
	for _, id := range a.Selected {
		satisfied[id] = true
	}
	for _, id := range a.NotApplicable {
		satisfied[id] = true
	}
	risk := types.RiskNone
	for _, p := range q.Practices {
		if satisfied[p.ChoiceID] {
			continue
		}
		switch p.Level {
		case "HIGH":
			return types.RiskHigh
		case "MEDIUM":
			risk = types.RiskMedium
		}
	}
	return risk
}

// randomAnswer draws a deterministic answer for q from next (a source of
// pseudo-random numbers in [0, n)): unanswered, not applicable, "None of
// these", or a subset of the practices with some marked not applicable.
func randomAnswer(q *fwQuestion, next func(n int) int) answerSpec {
	switch next(10) {
	case 0:
		return answerSpec{}
	case 1:
		return answerSpec{Inapplicable: true}
	case 2:
		return answerSpec{Selected: []string{q.NoneID()}}
	}
	var a answerSpec
	markNA := next(3) == 0
	for _, p := range q.Practices {
		switch {
		case markNA && next(4) == 0:
			a.NotApplicable = append(a.NotApplicable, p.ChoiceID)
		case next(4) != 0: // select most practices, so that all risks occur
			a.Selected = append(a.Selected, p.ChoiceID)
		}
	}
	if len(a.Selected) == 0 {
		a.Selected = []string{q.Practices[0].ChoiceID}
		a.NotApplicable = removeString(a.NotApplicable, q.Practices[0].ChoiceID)
	}
	return a
}

func removeString(ss []string, s string) []string {
	var out []string
	for _, x := range ss {
		if x != s {
			out = append(out, x)
		}
	}
	return out
}

// updateAnswerInput is the UpdateAnswer request that gives answer a.
func updateAnswerInput(workloadID string, q *fwQuestion, a answerSpec) *wellarchitected.UpdateAnswerInput {
	in := &wellarchitected.UpdateAnswerInput{
		WorkloadId:      aws.String(workloadID),
		LensAlias:       aws.String(lensAlias),
		QuestionId:      aws.String(q.ID),
		SelectedChoices: append([]string{}, a.Selected...),
	}
	if a.Inapplicable {
		in.IsApplicable = aws.Bool(false)
		in.Reason = types.AnswerReasonOutOfScope
	}
	if len(a.NotApplicable) > 0 {
		in.ChoiceUpdates = map[string]types.ChoiceUpdate{}
		for _, id := range a.NotApplicable {
			in.ChoiceUpdates[id] = types.ChoiceUpdate{Status: types.ChoiceStatusNotApplicable, Reason: types.ChoiceReasonOutOfScope}
		}
	}
	return in
}

// answerAll answers every question of the framework lens of a workload
// with answers drawn from seed and returns the answers by question id.
// Unanswered questions get no request.
func answerAll(t *testing.T, c *wellarchitected.Client, workloadID string, seed uint64) map[string]answerSpec {
	t.Helper()
	fw := framework(t)
	next := prng(seed)
	answers := map[string]answerSpec{}
	for _, q := range fw.Questions {
		a := randomAnswer(q, next)
		answers[q.ID] = a
		if a.Selected == nil && !a.Inapplicable {
			continue
		}
		out, err := c.UpdateAnswer(context.Background(), updateAnswerInput(workloadID, q, a))
		if err != nil {
			t.Fatalf("UpdateAnswer(%s, %+v): %v", q.ID, a, err)
		}
		if got, want := out.Answer.Risk, expectedRisk(q, a); got != want {
			t.Errorf("UpdateAnswer(%s, %+v) risk %s, want %s", q.ID, a, got, want)
		}
	}
	return answers
}

// prng returns a small deterministic generator (SplitMix64) of numbers in [0, n).
func prng(seed uint64) func(n int) int {
	s := seed
	return func(n int) int {
		s += 0x9e3779b97f4a7c15
		z := s
		z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9
		z = (z ^ (z >> 27)) * 0x94d049bb133111eb
		z ^= z >> 31
		return int(z % uint64(n))
	}
}

// expectedCounts tallies the expected risks of answers, per pillar and in total.
func expectedCounts(fw *fwFacts, answers map[string]answerSpec) (perPillar map[string]map[string]int32, total map[string]int32) {
	perPillar = map[string]map[string]int32{}
	total = riskCounts(nil)
	for _, p := range fw.Pillars {
		perPillar[p] = riskCounts(nil)
	}
	for _, q := range fw.Questions {
		r := string(expectedRisk(q, answers[q.ID]))
		perPillar[q.Pillar][r]++
		total[r]++
	}
	return perPillar, total
}

// sdkOpts make cmp compare SDK shapes by their exported members, treating
// nil and empty slices and maps alike (JSON cannot tell them apart).
var sdkOpts = cmp.Options{
	cmp.FilterPath(func(p cmp.Path) bool {
		sf, ok := p.Last().(cmp.StructField)
		return ok && !token.IsExported(sf.Name())
	}, cmp.Ignore()),
	cmpopts.EquateEmpty(),
}
