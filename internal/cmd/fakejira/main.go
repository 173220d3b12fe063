// Command fakejira serves jira/jiratest's fake Jira over HTTP on a loopback
// port, for tests that are not Go tests (the console's browser tests): they
// start it, read the one JSON line it prints and connect a wat account to
// it with `wat admin jira-connect`. It runs until it is signalled or its
// standard input closes, so a test that dies does not leave it behind.
//
//	fakejira [-flavor cloud|datacenter] [-project KEY]...
package main

import (
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"strings"
	"syscall"

	"github.com/wat-dev/wat/jira"
	"github.com/wat-dev/wat/jira/jiratest"
)

// ready is the line printed once the fake listens: where it is and the
// credentials its one user has.
type ready struct {
	URL    string `json:"url"`
	Flavor string `json:"flavor"`
	Email  string `json:"email,omitempty"`
	Token  string `json:"token"`
}

// projects collects repeated -project flags.
type projects []string

func (p *projects) String() string     { return strings.Join(*p, ",") }
func (p *projects) Set(v string) error { *p = append(*p, v); return nil }

func main() {
	flavor := flag.String("flavor", "cloud", "cloud (REST v3, e-mail + API token) or datacenter (REST v2, personal access token)")
	var extra projects
	flag.Var(&extra, "project", "another project to offer (Epic, Task, Sub-task), besides WA; repeatable")
	flag.Parse()

	out := ready{}
	var s *jiratest.Server
	switch *flavor {
	case "cloud":
		s = jiratest.Start(jira.Cloud)
		out.Email, out.Token = jiratest.Email, jiratest.Token
	case "datacenter":
		s = jiratest.Start(jira.DataCenter)
		out.Token = jiratest.PAT
	default:
		fmt.Fprintf(os.Stderr, "fakejira: -flavor is cloud or datacenter, not %q\n", *flavor)
		os.Exit(2)
	}
	defer s.Close()
	for _, key := range extra {
		s.AddProject(key, "Epic", "Task", "Sub-task")
	}
	out.URL, out.Flavor = s.URL, string(s.Flavor)
	if err := json.NewEncoder(os.Stdout).Encode(out); err != nil {
		fmt.Fprintln(os.Stderr, "fakejira:", err)
		return
	}

	done := make(chan struct{}, 2)
	go func() {
		_, _ = io.Copy(io.Discard, os.Stdin)
		done <- struct{}{}
	}()
	sig := make(chan os.Signal, 1)
	signal.Notify(sig, os.Interrupt, syscall.SIGTERM)
	select {
	case <-done:
	case <-sig:
	}
}
