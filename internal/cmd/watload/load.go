package main

import (
	"bufio"
	"context"
	"encoding/json"
	"fmt"
	"net/url"
	"os"
	"sort"
	"strings"
	"sync"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/credentials"
	"github.com/aws/aws-sdk-go-v2/service/wellarchitected"
	"github.com/aws/aws-sdk-go-v2/service/wellarchitected/types"
)

// readCredentials reads the [default] profile of a shared-credentials file.
func readCredentials(path string) (id, secret string, err error) {
	f, err := os.Open(path)
	if err != nil {
		return "", "", err
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		k, v, ok := strings.Cut(sc.Text(), "=")
		if !ok {
			continue
		}
		switch strings.TrimSpace(k) {
		case "aws_access_key_id":
			id = strings.TrimSpace(v)
		case "aws_secret_access_key":
			secret = strings.TrimSpace(v)
		}
	}
	if id == "" || secret == "" {
		return "", "", fmt.Errorf("%s: no [default] access key", path)
	}
	return id, secret, sc.Err()
}

// load runs clients concurrent loops of one operation for d and prints the
// throughput and latency percentiles.
func load(ctx context.Context, endpoint, credFile string, clients int, d time.Duration, op string, raw, spread bool) error {
	id, secret, err := readCredentials(credFile)
	if err != nil {
		return err
	}
	client := wellarchitected.New(wellarchitected.Options{
		Region:       "us-east-1",
		BaseEndpoint: aws.String(endpoint),
		Credentials:  credentials.NewStaticCredentialsProvider(id, secret, ""),
		Retryer:      aws.NopRetryer{},
		HTTPClient:   awsHTTPClient(clients),
	})
	// One workload for all clients, or one each with -spread (16 reviewers
	// on 16 workloads rather than on one).
	nw := 1
	if spread {
		nw = clients
	}
	var ids []string
	for i := 0; i < nw; i++ {
		w, err := client.CreateWorkload(ctx, &wellarchitected.CreateWorkloadInput{
			WorkloadName: aws.String(fmt.Sprintf("watload %d-%d", time.Now().UnixNano(), i)),
			Description:  aws.String("load test workload"),
			Environment:  types.WorkloadEnvironmentPreproduction,
			AwsRegions:   []string{"us-east-1"},
			ReviewOwner:  aws.String("watload"),
			Lenses:       []string{"wellarchitected"},
		})
		if err != nil {
			return fmt.Errorf("CreateWorkload: %w", err)
		}
		ids = append(ids, aws.ToString(w.WorkloadId))
	}
	var qs []types.AnswerSummary
	pages := wellarchitected.NewListAnswersPaginator(client, &wellarchitected.ListAnswersInput{WorkloadId: aws.String(ids[0]), LensAlias: aws.String("wellarchitected")})
	for pages.HasMorePages() {
		page, err := pages.NextPage(ctx)
		if err != nil {
			return fmt.Errorf("ListAnswers: %w", err)
		}
		qs = append(qs, page.AnswerSummaries...)
	}
	rc := newRawClient(endpoint, id, secret, clients)
	selection := func(q types.AnswerSummary, i int) []string {
		var sel []string
		for j, c := range q.Choices {
			if (i+j)%2 == 0 && !strings.HasSuffix(aws.ToString(c.ChoiceId), "_no") {
				sel = append(sel, aws.ToString(c.ChoiceId))
			}
		}
		return sel
	}
	update := func(i int) error {
		q := qs[i%len(qs)]
		wid := ids[i%len(ids)]
		if raw {
			body, _ := json.Marshal(map[string]any{"SelectedChoices": selection(q, i), "Notes": fmt.Sprintf("update %d", i)})
			return rc.do(ctx, "PATCH", "/workloads/"+wid+"/lensReviews/wellarchitected/answers/"+url.PathEscape(aws.ToString(q.QuestionId)), body)
		}
		_, err := client.UpdateAnswer(ctx, &wellarchitected.UpdateAnswerInput{
			WorkloadId: aws.String(wid), LensAlias: aws.String("wellarchitected"), QuestionId: q.QuestionId,
			SelectedChoices: selection(q, i), Notes: aws.String(fmt.Sprintf("update %d", i)),
		})
		return err
	}
	get := func(i int) error {
		wid := ids[i%len(ids)]
		if raw {
			return rc.do(ctx, "GET", "/workloads/"+wid+"/lensReviews/wellarchitected", nil)
		}
		_, err := client.GetLensReview(ctx, &wellarchitected.GetLensReviewInput{WorkloadId: aws.String(wid), LensAlias: aws.String("wellarchitected")})
		return err
	}
	var call func(int) error
	switch op {
	case "update-answer":
		call = update
	case "get-lens-review":
		call = get
		// A realistic review: every question of every workload answered.
		for i := 0; i < len(qs)*len(ids); i++ {
			if err := update(i); err != nil {
				return err
			}
		}
	default:
		return fmt.Errorf("unknown -op %q", op)
	}
	var (
		mu        sync.Mutex
		latencies []time.Duration
		errs      int
		firstErr  error
		wg        sync.WaitGroup
	)
	deadline := time.Now().Add(d)
	start := time.Now()
	for c := 0; c < clients; c++ {
		wg.Add(1)
		go func(c int) {
			defer wg.Done()
			var local []time.Duration
			for i := c; time.Now().Before(deadline); i += clients {
				t0 := time.Now()
				err := call(i)
				local = append(local, time.Since(t0))
				if err != nil {
					mu.Lock()
					errs++
					if firstErr == nil {
						firstErr = err
					}
					mu.Unlock()
				}
			}
			mu.Lock()
			latencies = append(latencies, local...)
			mu.Unlock()
		}(c)
	}
	wg.Wait()
	elapsed := time.Since(start)
	sort.Slice(latencies, func(i, j int) bool { return latencies[i] < latencies[j] })
	pct := func(p float64) time.Duration { return latencies[int(p*float64(len(latencies)-1))] }
	mode := "raw"
	if !raw {
		mode = "sdk"
	}
	fmt.Printf("op=%s client=%s workloads=%d clients=%d duration=%s requests=%d errors=%d throughput=%.0f/s p50=%s p90=%s p99=%s max=%s\n",
		op, mode, len(ids), clients, elapsed.Round(time.Millisecond), len(latencies), errs, float64(len(latencies))/elapsed.Seconds(),
		pct(0.50).Round(10*time.Microsecond), pct(0.90).Round(10*time.Microsecond), pct(0.99).Round(10*time.Microsecond), latencies[len(latencies)-1].Round(10*time.Microsecond))
	if errs > 0 {
		return fmt.Errorf("%d requests failed; first: %w", errs, firstErr)
	}
	return nil
}
