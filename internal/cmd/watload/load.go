package main

import (
	"bufio"
	"context"
	"encoding/json"
	"fmt"
	"net/url"
	"os"
	"strings"
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

// loadOptions are what a load run is told by its flags.
type loadOptions struct {
	endpoint  string
	endpoints []string // every replica's endpoint; requests go round-robin
	credFile  string
	clients   int
	duration  time.Duration
	op        string
	client    string // "replay" (pre-signed, as wrk), "raw" (signed each call, net/http) or "sdk"
	spread    bool   // one workload per client
	bare      bool   // then the same load against a bare net/http server
}

// load runs clients concurrent loops of one operation for d and prints the
// throughput and latency percentiles.
func load(ctx context.Context, o loadOptions) error {
	endpoint, clients, d, op, spread := o.endpoint, o.clients, o.duration, o.op, o.spread
	raw := o.client != "sdk"
	id, secret, err := readCredentials(o.credFile)
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
	// With several replicas, reads go round-robin over them; the workload
	// was created through the first.
	rcs := []*rawClient{rc}
	for _, e := range o.endpoints {
		if e != endpoint {
			rcs = append(rcs, newRawClient(e, id, secret, clients))
		}
	}
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
			_, err := rc.do(ctx, "PATCH", "/workloads/"+wid+"/lensReviews/wellarchitected/answers/"+url.PathEscape(aws.ToString(q.QuestionId)), body)
			return err
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
			_, err := rcs[i%len(rcs)].do(ctx, "GET", "/workloads/"+wid+"/lensReviews/wellarchitected", nil)
			return err
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
	if o.client == "replay" {
		// Sign now what the run will send: every workload's review through
		// every replica, or replayLen distinct answers (each question's
		// choices alternate, and every note differs within the cycle).
		eps := []string{endpoint}
		for _, e := range o.endpoints {
			if e != endpoint {
				eps = append(eps, e)
			}
		}
		rp, err := newReplayer(eps, clients)
		if err != nil {
			return err
		}
		defer rp.close()
		creds := aws.Credentials{AccessKeyID: id, SecretAccessKey: secret}
		var wires [][]byte
		switch op {
		case "update-answer":
			for i := 0; i < replayLen; i++ {
				q := qs[i%len(qs)]
				body, _ := json.Marshal(map[string]any{"SelectedChoices": selection(q, i), "Notes": fmt.Sprintf("update %d", i)})
				w, err := presign(endpoint, creds, "PATCH", "/workloads/"+ids[i%len(ids)]+"/lensReviews/wellarchitected/answers/"+url.PathEscape(aws.ToString(q.QuestionId)), body)
				if err != nil {
					return err
				}
				wires = append(wires, w)
			}
			call = func(i int) error { return rp.do(i, 0, wires[i%len(wires)]) }
		case "get-lens-review":
			for _, e := range eps {
				for _, wid := range ids {
					w, err := presign(e, creds, "GET", "/workloads/"+wid+"/lensReviews/wellarchitected", nil)
					if err != nil {
						return err
					}
					wires = append(wires, w)
				}
			}
			call = func(i int) error {
				e := i % len(eps)
				return rp.do(i, e, wires[e*len(ids)+i%len(ids)])
			}
		}
	}
	if o.bare && op == "get-lens-review" {
		return compareBare(ctx, rc, o.client, "/workloads/"+ids[0]+"/lensReviews/wellarchitected", clients, d, call)
	}
	res := measure(clients, d, call)
	res.print(op, o.client, len(ids), len(rcs), clients)
	if res.errs > 0 {
		return fmt.Errorf("%d requests failed; first: %w", res.errs, res.firstErr)
	}
	return nil
}
