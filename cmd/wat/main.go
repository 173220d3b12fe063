// Command wat is the self-hosted Well-Architected Tool: `wat serve` runs the
// AWS-compatible API, `wat admin` manages accounts, users, access keys and
// policies; more subcommands join as features land.
package main

import (
	"context"
	"fmt"
	"io"
	"os"
	"os/signal"
	"runtime"
	"runtime/debug"
	"syscall"
)

const usage = `wat: a self-hosted Well-Architected Tool

Usage:
  wat serve [--listen ADDR] [--data-dir DIR] [--database-url URL] [--region REGION]
  wat admin [--data-dir DIR | --database-url URL] COMMAND [FLAGS]
  wat lens lint [--json] FILE...
  wat lens risk [--question ID] FILE
  wat report [--data-dir DIR | --database-url URL] lens-review|consolidated [FLAGS] -o FILE
  wat scan [--format table|json|sarif|markdown] [--fail-on high|medium] [--list-rules]
        [--workload ID [--apply]] PATH...
  wat import --from-endpoint URL [--from-profile P] [--endpoint-url TARGET] [--profile P2]
        [--workload-prefix PREFIX]
  wat version | --version

Run "wat serve -h" for the settings of the server, "wat admin" for the
commands managing accounts, users, access keys and policies, "wat lens" for
checking custom lens documents offline, "wat report" for exporting reports,
"wat scan -h" for evidence from infrastructure code, "wat import -h" for
moving reviews from AWS or another wat.
`

// version is set at build time with -ldflags "-X main.version=..." (the
// Makefile passes `git describe`).
var version = "dev"

// versionLine is what `wat version` prints: wat's version and the Go
// toolchain and platform it was built with, the facts a bug report needs.
// A binary built without the Makefile's -ldflags (`go install …@v1.2.3`)
// still knows its module version, so that is used instead of "dev".
func versionLine() string {
	return fmt.Sprintf("wat %s (%s %s/%s)", buildVersion(), runtime.Version(), runtime.GOOS, runtime.GOARCH)
}

// buildVersion is wat's version: the Makefile's, else the module's.
func buildVersion() string {
	if bi, ok := debug.ReadBuildInfo(); ok && version == "dev" && bi.Main.Version != "" && bi.Main.Version != "(devel)" {
		return bi.Main.Version
	}
	return version
}

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	os.Exit(run(ctx, os.Args[1:], os.Getenv, os.Stdout, os.Stderr))
}

// run executes one command line and returns the exit status.
func run(ctx context.Context, args []string, getenv func(string) string, stdout, stderr io.Writer) int {
	if len(args) == 0 {
		fmt.Fprint(stderr, usage)
		return 2
	}
	switch args[0] {
	case "serve":
		return serve(ctx, args[1:], getenv, stdout, stderr)
	case "admin":
		return admin(ctx, args[1:], getenv, stdout, stderr)
	case "lens":
		return lensCmd(ctx, args[1:], getenv, stdout, stderr)
	case "report":
		return reportCmd(ctx, args[1:], getenv, stdout, stderr)
	case "scan":
		return scanCmd(ctx, args[1:], getenv, stdout, stderr)
	case "import":
		return importCmd(ctx, args[1:], getenv, stderr)
	case "version", "--version", "-version":
		fmt.Fprintln(stdout, versionLine())
		return 0
	case "-h", "--help", "help":
		fmt.Fprint(stdout, usage)
		return 0
	default:
		fmt.Fprintf(stderr, "wat: unknown command %q\n\n%s", args[0], usage)
		return 2
	}
}
