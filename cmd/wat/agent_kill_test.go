package main

import (
	"context"
	"database/sql"
	"net/http"
	"os"
	"os/exec"
	"slices"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/wellarchitected"
	"github.com/aws/aws-sdk-go-v2/service/wellarchitected/types"

	"github.com/wat-dev/wat/internal/testserver"
	"github.com/wat-dev/wat/openaicompat/openaicompattest"
)

// watProcess is `wat serve` as a process of its own (this test binary run
// as wat, see TestMain), so that it can be killed with SIGKILL.
type watProcess struct {
	cmd      *exec.Cmd
	Endpoint string
	stdout   *syncBuffer
	stderr   *syncBuffer
}

// startWatProcess runs `wat serve args...` with env until the test ends
// and waits for /healthz.
func startWatProcess(t *testing.T, env []string, args ...string) *watProcess {
	t.Helper()
	self, err := os.Executable()
	if err != nil {
		t.Fatal(err)
	}
	p := &watProcess{stdout: &syncBuffer{}, stderr: &syncBuffer{}}
	p.cmd = exec.Command(self, append([]string{"serve"}, args...)...)
	p.cmd.Env = append(append(os.Environ(), testAsWat+"=1"), env...)
	p.cmd.Stdout, p.cmd.Stderr = p.stdout, p.stderr
	if err := p.cmd.Start(); err != nil {
		t.Fatal(err)
	}
	exited := make(chan struct{})
	go func() { p.cmd.Wait(); close(exited) }()
	t.Cleanup(func() { p.cmd.Process.Kill(); <-exited })
	for deadline := time.Now().Add(30 * time.Second); time.Now().Before(deadline); time.Sleep(20 * time.Millisecond) {
		select {
		case <-exited:
			t.Fatalf("wat serve exited: %v\nstdout:\n%s\nstderr:\n%s", p.cmd.ProcessState, p.stdout, p.stderr)
		default:
		}
		if m := endpointRE.FindStringSubmatch(p.stdout.String()); m != nil {
			if resp, err := healthClient.Get(m[1] + "/healthz"); err == nil {
				resp.Body.Close()
				if resp.StatusCode == http.StatusOK {
					p.Endpoint = m[1]
					return p
				}
			}
		}
	}
	t.Fatalf("wat serve never became healthy\nstdout:\n%s\nstderr:\n%s", p.stdout, p.stderr)
	return nil
}

// TestAgentKillDuringGeneration runs two replicas of `wat serve` on one
// PostgreSQL database, kills -9 the one that claimed a generation while it
// waits on the model (a fake endpoint that never answers that first call),
// and checks that the other takes the job once its lease runs out and
// completes it exactly once.
func TestAgentKillDuringGeneration(t *testing.T) {
	db := testserver.PostgresDatabase(t)
	// The first call (the replica that claimed the job) is never
	// answered; the next ones refine the first recommendation.
	firstCall := make(chan string, 1) // its path: which replica made it
	var n atomic.Int32
	fake := openaicompattest.Start(t, func(ctx context.Context, r *openaicompattest.Request) (int, string) {
		if n.Add(1) == 1 {
			firstCall <- r.Path
			<-ctx.Done() // the replica dies waiting
			return http.StatusServiceUnavailable, ""
		}
		rec := r.Prompt.Recommendations[0]
		return http.StatusOK, openaicompattest.Refinement(openaicompattest.Item{ID: rec.ID, Description: "Tailored once", Citations: []string{rec.PracticeID}})
	})
	const lease = 3 * time.Second
	common := []string{"WAT_MASTER_KEY=" + strings.Repeat("cd", 32), "WAT_DATABASE_URL=" + db, "WAT_AGENT_MODEL=fake",
		"WAT_AGENT_LEASE=" + lease.String(), "WAT_AGENT_MODEL_TIMEOUT=2s"}
	dirs := []string{t.TempDir(), t.TempDir()}
	names := []string{"r0", "r1"}
	var replicas []*watProcess
	for i, name := range names {
		env := append(slices.Clone(common), "WAT_AGENT_MODEL_URL="+fake.URL+"/"+name)
		replicas = append(replicas, startWatProcess(t, env, "--listen", "127.0.0.1:0", "--data-dir", dirs[i]))
	}
	creds := readCredentials(t, dirs[0])
	a := newAgentRun(t, sdkClient(replicas[0].Endpoint, creds[0], creds[1]))
	id := a.start(t)

	var path string
	select {
	case path = <-firstCall:
	case <-time.After(30 * time.Second):
		t.Fatal("no replica asked the model within 30s")
	}
	victim := slices.IndexFunc(names, func(n string) bool { return strings.HasPrefix(path, "/"+n+"/") })
	if victim < 0 {
		t.Fatalf("the model was called at %q", path)
	}
	survivor := replicas[1-victim]
	c := sdkClient(survivor.Endpoint, creds[0], creds[1])
	g, err := c.GetAgentRecommendationGeneration(context.Background(), &wellarchitected.GetAgentRecommendationGenerationInput{ProfileArn: a.profile, GenerationId: id})
	if err != nil || g.Status != types.GenerationStatusInProgress {
		t.Fatalf("before the kill: %+v, %v; want IN_PROGRESS", g, err)
	}
	killed := time.Now()
	if err := replicas[victim].cmd.Process.Kill(); err != nil { // SIGKILL
		t.Fatal(err)
	}

	g = a.wait(t, c, id, 30*time.Second)
	if g.Status != types.GenerationStatusCompleted || modelOutcome(t, g) != "APPLIED" {
		t.Fatalf("after the kill: %s, model %q; want COMPLETED with the survivor's model text", g.Status, modelOutcome(t, g))
	}
	t.Logf("completed by the survivor %v after the kill (lease %v)", time.Since(killed).Round(100*time.Millisecond), lease)
	calls := fake.Requests()
	if len(calls) != 2 || !strings.HasPrefix(calls[1].Path, "/"+names[1-victim]+"/") {
		t.Errorf("model calls %d, the second at %q; want the killed replica's then the survivor's", len(calls), calls[len(calls)-1].Path)
	}

	// Exactly once: one generation, claimed twice, one set of
	// recommendations, one per practice, all from this generation.
	gens, err := c.ListAgentRecommendationGenerations(context.Background(), &wellarchitected.ListAgentRecommendationGenerationsInput{ProfileArn: a.profile})
	if err != nil || len(gens.Items) != 1 {
		t.Fatalf("generations %+v, %v; want one", gens, err)
	}
	var titles []string
	refined := 0
	for p := wellarchitected.NewListAgentRecommendationsPaginator(c, &wellarchitected.ListAgentRecommendationsInput{ProfileArn: a.profile}); p.HasMorePages(); {
		page, err := p.NextPage(context.Background())
		if err != nil {
			t.Fatal(err)
		}
		for _, r := range page.Items {
			titles = append(titles, aws.ToString(r.Title))
			if aws.ToString(r.Description) == "Tailored once" {
				refined++
			}
		}
	}
	slices.Sort(titles)
	if len(titles) == 0 || len(slices.Compact(slices.Clone(titles))) != len(titles) || refined != 1 {
		t.Errorf("%d recommendations (%d distinct), %d with the model's text; want one set, one refined", len(titles), len(slices.Compact(slices.Clone(titles))), refined)
	}
	sqlDB, err := sql.Open("pgx", db)
	if err != nil {
		t.Fatal(err)
	}
	defer sqlDB.Close()
	var attempts, stored int
	if err := sqlDB.QueryRow(`SELECT attempts, (SELECT count(*) FROM agent_recommendations) FROM agent_generations`).Scan(&attempts, &stored); err != nil {
		t.Fatal(err)
	}
	if attempts != 2 || stored != len(titles) {
		t.Errorf("the job was claimed %d times and %d recommendations are stored; want 2 claims and the %d listed", attempts, stored, len(titles))
	}
}
