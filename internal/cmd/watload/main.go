// Command watload measures a running wat server the way its users load it:
// signed AWS SDK calls over HTTP from concurrent clients. It is the load half
// of `make bench`; BENCHMARKS.md records what it printed.
//
//	watload -endpoint URL -credentials FILE [-clients 16] [-duration 10s] [-op update-answer|get-lens-review] [-client replay|raw|sdk] [-spread] [-bare]
//	watload -endpoints URL1,URL2,URL3 -credentials FILE -op get-lens-review
//	watload -coldstart -bin ./bin/wat -data-dir DIR [-runs 10]
package main

import (
	"context"
	"flag"
	"fmt"
	"os"
	"strings"
	"time"
)

func main() {
	var (
		endpoint  = flag.String("endpoint", "http://127.0.0.1:8080", "wat API endpoint")
		credFile  = flag.String("credentials", "./data/credentials", "AWS shared-credentials file")
		clients   = flag.Int("clients", 16, "concurrent clients")
		duration  = flag.Duration("duration", 10*time.Second, "how long to load")
		op        = flag.String("op", "update-answer", "update-answer or get-lens-review")
		client    = flag.String("client", "replay", "replay: requests signed before the run, written on kept-alive connections (as wrk with a script of signed requests); raw: each request signed as it is sent, through net/http; sdk: the AWS SDK client")
		sdk       = flag.Bool("sdk", false, "same as -client sdk")
		spread    = flag.Bool("spread", false, "one workload per client instead of one shared workload")
		coldstart = flag.Bool("coldstart", false, "measure cold start to /healthz instead")
		bin       = flag.String("bin", "./bin/wat", "wat binary, for -coldstart")
		dataDir   = flag.String("data-dir", "", "data dir of an existing database, for -coldstart")
		dbURL     = flag.String("database-url", "", "PostgreSQL URL, for -coldstart")
		runs      = flag.Int("runs", 10, "cold starts to time")
		endpoints = flag.String("endpoints", "", "comma-separated endpoints of several replicas of one database; get-lens-review goes round-robin over them")
		bare      = flag.Bool("bare", false, "with get-lens-review: then measure a bare net/http server returning a body of the same size, and print the ratio")
		serveB    = flag.Bool("serve-bare", false, "serve the bare net/http yardstick (used by -bare)")
		bareSize  = flag.Int("bare-size", 1000, "body size of -serve-bare")
	)
	flag.Parse()
	ctx := context.Background()
	var err error
	switch {
	case *serveB:
		err = serveBare(*bareSize)
	case *coldstart:
		err = coldStart(ctx, *bin, *dataDir, *dbURL, *runs)
	default:
		o := loadOptions{endpoint: *endpoint, credFile: *credFile, clients: *clients, duration: *duration,
			op: *op, client: *client, spread: *spread, bare: *bare}
		if *sdk {
			o.client = "sdk"
		}
		switch o.client {
		case "replay", "raw", "sdk":
		default:
			err = fmt.Errorf("unknown -client %q", o.client)
		}
		if *endpoints != "" {
			o.endpoints = strings.Split(*endpoints, ",")
			o.endpoint = o.endpoints[0]
		}
		if err == nil {
			err = load(ctx, o)
		}
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, "watload:", err)
		os.Exit(1)
	}
}
