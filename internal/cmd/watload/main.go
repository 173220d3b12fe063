// Command watload measures a running wat server the way its users load it:
// signed AWS SDK calls over HTTP from concurrent clients. It is the load half
// of `make bench`; BENCHMARKS.md records what it printed.
//
//	watload -endpoint URL -credentials FILE [-clients 16] [-duration 10s] [-op update-answer|get-lens-review] [-sdk] [-spread]
//	watload -coldstart -bin ./bin/wat -data-dir DIR [-runs 10]
package main

import (
	"context"
	"flag"
	"fmt"
	"os"
	"time"
)

func main() {
	var (
		endpoint  = flag.String("endpoint", "http://127.0.0.1:8080", "wat API endpoint")
		credFile  = flag.String("credentials", "./data/credentials", "AWS shared-credentials file")
		clients   = flag.Int("clients", 16, "concurrent clients")
		duration  = flag.Duration("duration", 10*time.Second, "how long to load")
		op        = flag.String("op", "update-answer", "update-answer or get-lens-review")
		sdk       = flag.Bool("sdk", false, "send requests through the AWS SDK client (heavier on the client side) instead of signed net/http")
		spread    = flag.Bool("spread", false, "one workload per client instead of one shared workload")
		coldstart = flag.Bool("coldstart", false, "measure cold start to /healthz instead")
		bin       = flag.String("bin", "./bin/wat", "wat binary, for -coldstart")
		dataDir   = flag.String("data-dir", "", "data dir of an existing database, for -coldstart")
		dbURL     = flag.String("database-url", "", "PostgreSQL URL, for -coldstart")
		runs      = flag.Int("runs", 10, "cold starts to time")
	)
	flag.Parse()
	ctx := context.Background()
	var err error
	if *coldstart {
		err = coldStart(ctx, *bin, *dataDir, *dbURL, *runs)
	} else {
		err = load(ctx, *endpoint, *credFile, *clients, *duration, *op, !*sdk, *spread)
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, "watload:", err)
		os.Exit(1)
	}
}
