package main

import (
	"fmt"
	"sort"
	"sync"
	"time"
)

// result is what one load run measured.
type result struct {
	elapsed   time.Duration
	latencies []time.Duration // sorted
	errs      int
	firstErr  error
}

// measure runs clients concurrent loops of call for d; client c makes calls
// c, c+clients, c+2*clients, … so that calls spread over questions and
// workloads.
func measure(clients int, d time.Duration, call func(int) error) result {
	var (
		mu  sync.Mutex
		res result
		wg  sync.WaitGroup
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
					res.errs++
					if res.firstErr == nil {
						res.firstErr = err
					}
					mu.Unlock()
				}
			}
			mu.Lock()
			res.latencies = append(res.latencies, local...)
			mu.Unlock()
		}(c)
	}
	wg.Wait()
	res.elapsed = time.Since(start)
	sort.Slice(res.latencies, func(i, j int) bool { return res.latencies[i] < res.latencies[j] })
	return res
}

// add merges another run's calls into r, as if they were one run.
func (r *result) add(o result) {
	r.elapsed += o.elapsed
	r.latencies = append(r.latencies, o.latencies...)
	sort.Slice(r.latencies, func(i, j int) bool { return r.latencies[i] < r.latencies[j] })
	if r.firstErr == nil {
		r.firstErr = o.firstErr
	}
	r.errs += o.errs
}

// throughput is calls per second.
func (r result) throughput() float64 {
	return float64(len(r.latencies)) / r.elapsed.Seconds()
}

// pct is the p-th latency percentile (p in [0, 1]).
func (r result) pct(p float64) time.Duration {
	if len(r.latencies) == 0 {
		return 0
	}
	return r.latencies[int(p*float64(len(r.latencies)-1))].Round(10 * time.Microsecond)
}

// print writes the run's one line, which BENCHMARKS.md quotes.
func (r result) print(op, mode string, workloads, replicas, clients int) {
	fmt.Printf("op=%s client=%s workloads=%d replicas=%d clients=%d duration=%s requests=%d errors=%d throughput=%.0f/s p50=%s p90=%s p99=%s max=%s\n",
		op, mode, workloads, replicas, clients, r.elapsed.Round(time.Millisecond), len(r.latencies), r.errs, r.throughput(),
		r.pct(0.50), r.pct(0.90), r.pct(0.99), r.pct(1))
}
