package main

import (
	"context"
	"fmt"
	"net"
	"net/http"
	"os"
	"os/exec"
	"sort"
	"time"
)

// awsHTTPClient returns an HTTP client that keeps a connection per load client.
func awsHTTPClient(clients int) *http.Client {
	return &http.Client{Transport: &http.Transport{MaxIdleConns: clients * 2, MaxIdleConnsPerHost: clients * 2, IdleConnTimeout: time.Minute}}
}

// freeAddr returns a loopback address with a free port.
func freeAddr() (string, error) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return "", err
	}
	defer ln.Close()
	return ln.Addr().String(), nil
}

// coldStart starts the binary runs times on an existing database and prints
// the time from exec to the first 200 from /healthz.
func coldStart(ctx context.Context, bin, dataDir, dbURL string, runs int) error {
	if dataDir == "" {
		return fmt.Errorf("-coldstart needs -data-dir")
	}
	var times []time.Duration
	for i := 0; i < runs; i++ {
		addr, err := freeAddr()
		if err != nil {
			return err
		}
		args := []string{"serve", "--listen", addr, "--data-dir", dataDir, "--log-level", "warn"}
		if dbURL != "" {
			args = append(args, "--database-url", dbURL)
		}
		cmd := exec.CommandContext(ctx, bin, args...)
		cmd.Stderr = os.Stderr
		start := time.Now()
		if err := cmd.Start(); err != nil {
			return err
		}
		url := "http://" + addr + "/healthz"
		var took time.Duration
		for time.Since(start) < 10*time.Second {
			resp, err := http.Get(url)
			if err == nil {
				resp.Body.Close()
				if resp.StatusCode == 200 {
					took = time.Since(start)
					break
				}
			}
			time.Sleep(time.Millisecond)
		}
		cmd.Process.Signal(os.Interrupt)
		cmd.Wait()
		if took == 0 {
			return fmt.Errorf("no /healthz 200 within 10s")
		}
		times = append(times, took)
	}
	sort.Slice(times, func(i, j int) bool { return times[i] < times[j] })
	fmt.Printf("coldstart runs=%d min=%s median=%s max=%s\n", runs, times[0].Round(time.Millisecond/10), times[len(times)/2].Round(time.Millisecond/10), times[len(times)-1].Round(time.Millisecond/10))
	return nil
}
