package main

import (
	"bufio"
	"context"
	"fmt"
	"net"
	"net/http"
	"os"
	"os/exec"
	"strconv"
	"strings"
	"time"
)

// serveBare is the yardstick GetLensReview is compared with: a bare
// net/http server, in a process of its own as wat is, answering every
// request with size bytes of JSON and nothing else (no signature check, no
// storage). It prints its address on stdout and serves until killed.
func serveBare(size int) error {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return err
	}
	body := []byte(`{"x":"` + strings.Repeat("a", max(size-8, 0)) + `"}`)
	fmt.Println(ln.Addr().String())
	return http.Serve(ln, http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		w.Header().Set("Content-Length", strconv.Itoa(len(body)))
		w.Write(body)
	}))
}

// bareRounds is how many turns wat and the bare server take in a
// comparison: alternating short runs rather than one long run each, so that
// a change in the load the machine is under (it is shared) falls on both.
const bareRounds = 5

// compareBare measures GetLensReview (call) and the bare server, with the
// same signed GET and the same clients, in alternating rounds for d each in
// all, and prints GetLensReview's throughput as a share of the bare
// server's.
func compareBare(ctx context.Context, rc *rawClient, mode, path string, clients int, d time.Duration, call func(int) error) error {
	size, err := rc.do(ctx, "GET", path, nil)
	if err != nil {
		return err
	}
	self, err := os.Executable()
	if err != nil {
		return err
	}
	cmd := exec.CommandContext(ctx, self, "-serve-bare", "-bare-size", strconv.Itoa(size))
	out, err := cmd.StdoutPipe()
	if err != nil {
		return err
	}
	if err := cmd.Start(); err != nil {
		return err
	}
	defer func() { cmd.Process.Kill(); cmd.Wait() }()
	addr, err := bufio.NewReader(out).ReadString('\n')
	if err != nil {
		return fmt.Errorf("bare server: %w", err)
	}
	brc := newRawClient("http://"+strings.TrimSpace(addr), rc.creds.AccessKeyID, rc.creds.SecretAccessKey, clients)
	bareCall := func(int) error {
		_, err := brc.do(ctx, "GET", path, nil)
		return err
	}
	if mode == "replay" {
		bareURL := "http://" + strings.TrimSpace(addr)
		wire, err := presign(bareURL, rc.creds, "GET", path, nil)
		if err != nil {
			return err
		}
		rp, err := newReplayer([]string{bareURL}, clients)
		if err != nil {
			return err
		}
		defer rp.close()
		bareCall = func(i int) error { return rp.do(i, 0, wire) }
	}
	var wat, bare result
	for range bareRounds {
		wat.add(measure(clients, d/bareRounds, call))
		bare.add(measure(clients, d/bareRounds, bareCall))
	}
	wat.print("get-lens-review", mode, 1, 1, clients)
	bare.print("bare-net/http", mode, 0, 1, clients)
	fmt.Printf("get-lens-review/bare=%.0f%% (body %d bytes, %d alternating rounds)\n", 100*wat.throughput()/bare.throughput(), size, bareRounds)
	for _, r := range []result{wat, bare} {
		if r.errs > 0 {
			return fmt.Errorf("%d requests failed; first: %w", r.errs, r.firstErr)
		}
	}
	return nil
}
