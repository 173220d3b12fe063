package main

import (
	"bufio"
	"context"
	"encoding/hex"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	wa "github.com/aws/aws-sdk-go-v2/service/wellarchitected"
	"github.com/aws/aws-sdk-go-v2/service/wellarchitected/types"
	"github.com/google/go-cmp/cmp"

	"github.com/wat-dev/wat/internal/testserver"
)

// TestPreviousReleaseOnMigratedDatabase: during a rolling upgrade, replicas
// of the previous release keep serving a database the new binary has
// migrated. The previous release (testdata/previous-release.txt) is built
// from git, the database migrated and filled by the current code, then the
// old binary serves it beside the new one: every read an import compares
// answers as the new one does (for the members the old one knows), and
// what it writes, the new one reads. A migration that drops or renames
// what the old code uses (contract before expand) fails here.
func TestPreviousReleaseOnMigratedDatabase(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the previous release")
	}
	prev := buildPreviousRelease(t)
	t.Run("sqlite", func(t *testing.T) {
		t.Parallel()
		dir := t.TempDir()
		testUpgrade(t, prev, testserver.Options{SQLitePath: filepath.Join(dir, "wat.db")}, "--data-dir", dir)
	})
	t.Run("postgres", func(t *testing.T) {
		t.Parallel()
		url := testserver.PostgresDatabase(t)
		testUpgrade(t, prev, testserver.Options{DatabaseURL: url}, "--database-url", url, "--data-dir", t.TempDir())
	})
}

// buildPreviousRelease builds `wat` at the commit of
// testdata/previous-release.txt, from `git archive` (the checkout is left
// alone), and returns the binary's path. Without git or that commit (a
// shallow clone) the test is skipped, except in CI.
func buildPreviousRelease(t *testing.T) string {
	t.Helper()
	unavailable := func(format string, args ...any) {
		t.Helper()
		if os.Getenv("CI") != "" {
			t.Fatalf(format, args...)
		}
		t.Skipf(format, args...)
	}
	commit := previousRelease(t)
	if _, err := exec.LookPath("git"); err != nil {
		unavailable("no git to build the previous release %s with", commit)
	}
	if out, err := exec.Command("git", "cat-file", "-e", commit+"^{commit}").CombinedOutput(); err != nil {
		if shallow, _ := exec.Command("git", "rev-parse", "--is-shallow-repository").Output(); strings.TrimSpace(string(shallow)) == "true" {
			// .ci/run unshallows the clone when it can; a clone that
			// stayed shallow has no history to build from.
			t.Skipf("the previous release %s is not in this shallow clone (git fetch --unshallow)", commit)
		}
		unavailable("the previous release %s is not in this clone's history (a shallow clone? git fetch --unshallow): %v %s", commit, err, out)
	}
	src := filepath.Join(t.TempDir(), "src")
	if err := os.MkdirAll(src, 0o755); err != nil {
		t.Fatal(err)
	}
	archive := exec.Command("git", "archive", "--format=tar", commit)
	archive.Dir = "../.."
	untar := exec.Command("tar", "-x", "-C", src)
	pipe, err := archive.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	untar.Stdin = pipe
	if err := untar.Start(); err != nil {
		t.Fatal(err)
	}
	var archiveErr strings.Builder
	archive.Stderr = &archiveErr
	if err := archive.Run(); err != nil {
		t.Fatalf("git archive %s: %v %s", commit, err, archiveErr.String())
	}
	if err := untar.Wait(); err != nil {
		t.Fatalf("extracting the previous release: %v", err)
	}
	bin := filepath.Join(t.TempDir(), "wat-previous")
	build := exec.Command("go", "build", "-trimpath", "-o", bin, "./cmd/wat")
	build.Dir = src
	build.Env = append(os.Environ(), "GOWORK=off", "GOFLAGS=-mod=mod")
	start := time.Now()
	if out, err := build.CombinedOutput(); err != nil {
		t.Fatalf("building the previous release %s: %v\n%s", commit, err, out)
	}
	t.Logf("built the previous release %s in %v", commit[:12], time.Since(start).Round(time.Second))
	return bin
}

// previousRelease is the commit testdata/previous-release.txt names.
func previousRelease(t *testing.T) string {
	t.Helper()
	f, err := os.Open("../../testdata/previous-release.txt")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		if line := strings.TrimSpace(sc.Text()); line != "" && !strings.HasPrefix(line, "#") {
			return line
		}
	}
	t.Fatal("testdata/previous-release.txt names no commit")
	return ""
}

// testUpgrade migrates and fills a database with the current code (a
// server from opts), then serves it with the previous release's binary
// started with args, both at once.
func testUpgrade(t *testing.T, prev string, opts testserver.Options, args ...string) {
	ctx := context.Background()
	cur := testserver.Start(t, opts)
	seedSource(t, cur.Client)

	old := startPrevious(t, prev, args...)
	oldSrv := *cur
	oldSrv.URL = old
	oc := oldSrv.NewClient(cur.Admin.AccessKeyID, cur.Admin.SecretAccessKey)
	acct := cur.Admin.AccountID

	before := accountState(t, oc, acct)
	if diff := cmp.Diff(before, known(accountState(t, cur.Client, acct), before), ignoreTimes); diff != "" {
		t.Errorf("the previous release reads the migrated database differently (-previous +current):\n%s", diff)
	}

	// What the previous release writes, the current one reads.
	w, err := oc.CreateWorkload(ctx, &wa.CreateWorkloadInput{WorkloadName: aws.String("written by the previous release"),
		Description: aws.String("during the rollout"), Environment: types.WorkloadEnvironmentProduction, AwsRegions: []string{"us-east-1"},
		ReviewOwner: aws.String("ops"), Lenses: []string{"wellarchitected"}, Tags: map[string]string{"rollout": "yes"}})
	if err != nil {
		t.Fatalf("the previous release's CreateWorkload: %v", err)
	}
	if _, err := oc.UpdateAnswer(ctx, &wa.UpdateAnswerInput{WorkloadId: w.WorkloadId, LensAlias: aws.String("wellarchitected"),
		QuestionId: aws.String("priorities"), SelectedChoices: []string{"ops_priorities_ext_cust_needs"}, Notes: aws.String("from the old replica")}); err != nil {
		t.Fatalf("the previous release's UpdateAnswer: %v", err)
	}
	if _, err := oc.CreateMilestone(ctx, &wa.CreateMilestoneInput{WorkloadId: w.WorkloadId, MilestoneName: aws.String("old replica milestone")}); err != nil {
		t.Fatalf("the previous release's CreateMilestone: %v", err)
	}
	a, err := cur.Client.GetAnswer(ctx, &wa.GetAnswerInput{WorkloadId: w.WorkloadId, LensAlias: aws.String("wellarchitected"),
		QuestionId: aws.String("priorities"), MilestoneNumber: aws.Int32(1)})
	if err != nil || aws.ToString(a.Answer.Notes) != "from the old replica" {
		t.Errorf("the current release reads the previous one's milestone answer as %+v, %v", a, err)
	}
	after := accountState(t, oc, acct)
	if diff := cmp.Diff(after, known(accountState(t, cur.Client, acct), after), ignoreTimes); diff != "" {
		t.Errorf("after the previous release's writes, the two read differently (-previous +current):\n%s", diff)
	}
}

// known is cur with only the object members prev has, recursively: the
// members a newer release added are not the previous release's to show.
func known(cur, prev any) any {
	switch c := cur.(type) {
	case map[string]any:
		p, ok := prev.(map[string]any)
		if !ok {
			return cur
		}
		out := map[string]any{}
		for k, v := range c {
			if pv, ok := p[k]; ok {
				out[k] = known(v, pv)
			}
		}
		return out
	case []any:
		p, ok := prev.([]any)
		if !ok || len(p) != len(c) {
			return cur
		}
		out := make([]any, len(c))
		for i := range c {
			out[i] = known(c[i], p[i])
		}
		return out
	}
	return cur
}

// startPrevious runs the previous release's `wat serve` with args until
// the test ends and returns its endpoint once /healthz answers.
func startPrevious(t *testing.T, bin string, args ...string) string {
	t.Helper()
	// No rate limit, as the test servers have none: the test reads every
	// answer of the account at once, as one principal.
	cmd := exec.Command(bin, append([]string{"serve", "--listen", "127.0.0.1:0", "--rate-limit", "0"}, args...)...)
	cmd.Env = append(os.Environ(), "WAT_MASTER_KEY="+hex.EncodeToString(testserver.MasterKey), "HOME="+t.TempDir())
	stdout, stderr := &syncBuffer{}, &syncBuffer{}
	cmd.Stdout, cmd.Stderr = stdout, stderr
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	exited := make(chan error, 1)
	go func() { exited <- cmd.Wait() }()
	t.Cleanup(func() {
		_ = cmd.Process.Signal(os.Interrupt)
		select {
		case <-exited:
		case <-time.After(10 * time.Second):
			_ = cmd.Process.Kill()
			<-exited
		}
	})
	deadline := time.Now().Add(30 * time.Second)
	for time.Now().Before(deadline) {
		select {
		case err := <-exited:
			t.Fatalf("the previous release's wat serve exited: %v\nstdout:\n%s\nstderr:\n%s", err, stdout, stderr)
		default:
		}
		if m := endpointRE.FindStringSubmatch(stdout.String()); m != nil {
			if resp, err := healthClient.Get(m[1] + "/healthz"); err == nil {
				resp.Body.Close()
				if resp.StatusCode == 200 {
					return m[1]
				}
			}
		}
		time.Sleep(20 * time.Millisecond)
	}
	t.Fatalf("the previous release's wat serve never became healthy\nstdout:\n%s\nstderr:\n%s", stdout, stderr)
	return ""
}
