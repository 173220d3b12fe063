package main

import (
	"bufio"
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"regexp"
	"runtime/debug"
	"strings"

	"github.com/wat-dev/wat/lens/framework"
	"github.com/wat-dev/wat/scan"
	"github.com/wat-dev/wat/scan/files"
	"github.com/wat-dev/wat/scan/output"
)

const scanUsage = `wat scan: evidence for best practices from infrastructure code

Usage:
  wat scan [--format table|json|sarif|markdown] [--fail-on high|medium] PATH...
  wat scan PATH... --workload ID [--lens ALIAS] [--apply]
        [--endpoint-url URL] [--region REGION] [--profile NAME]
  wat scan --list-rules [--format table|json|sarif|markdown]
  any of them with [--rules DIR]... [--lens-file LENS.json]...

Reads CloudFormation templates (YAML or JSON, SAM, CDK output such as
cdk.out/*.template.json) and Terraform plans (terraform show -json > plan.json).
Directories are walked for *.json, *.yaml and *.yml; files that are neither
templates nor plans are skipped, files that do not parse are reported and
the scan goes on. For each pillar it prints the best practices with
evidence, each rule's PASS, FAIL or UNKNOWN per resource with FILE:LINE,
and the score: passing practices / practices with evidence. UNKNOWN means
a value depends on a parameter, an import or something known only after
deployment. --format sarif writes SARIF 2.1.0 for code-scanning UIs (the
rules' properties name the best practices), markdown a summary for pull
requests.

--rules DIR adds your own rules (one *.yaml file a rule, in the format of
the built-in ones: wat scan --list-rules shows them) to the built-in ones;
their choices may be framework best practices or, with --lens-file, the
choices of your custom lens, whose pillars the report then shows too (and
--workload ID --lens ARN stores the evidence on that lens's review). A
custom lens's choice takes its risk level from the severity of the rule.

--fail-on LEVEL exits 1 when a rule of severity LEVEL or above fails on a
resource, or when a file could not be read as a template. It goes by the
severity of the finding itself (its SARIF level: high is error, medium
warning), not by the risk of the best practices it is evidence for, as
Checkov, Trivy and tfsec do.

A PATH that does not exist or cannot be opened exits 2 before anything is
scanned. A file that cannot be read all the same (one under a directory,
or one whose reading fails) is listed with the files not read and makes
the scan exit 1, with or without --fail-on.

--workload ID also stores the scan on a wat server as the evidence of the
workload's review of the lens (--lens, default wellarchitected), which
ListCheckSummaries and ListCheckDetails then answer with, and prints to
stderr the answers the evidence suggests: the practices whose evidence all
passes selected, the failing resources in the notes. --apply applies them
in one transaction (nothing is ever unselected); without it no answer
changes.
The call is signed with the credentials of AWS_ACCESS_KEY_ID and
AWS_SECRET_ACCESS_KEY, or of the profile (--profile, AWS_PROFILE) in
~/.aws/credentials; the endpoint is --endpoint-url, AWS_ENDPOINT_URL or
` + defaultEndpoint + `.
`

// workloadIDPattern is what a workload ID looks like.
var workloadIDPattern = regexp.MustCompile(`^[0-9a-f]{32}$`)

// scanCmd runs `wat scan`.
func scanCmd(ctx context.Context, args []string, getenv func(string) string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("wat scan", flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.Usage = func() { fmt.Fprint(stderr, scanUsage) }
	format := fs.String("format", "table", "output format: table, json, sarif or markdown")
	failOn := fs.String("fail-on", "", "exit 1 when a rule of this severity or above fails: high or medium")
	listRules := fs.Bool("list-rules", false, "list the rules and the best practices they give evidence for")
	rem := &remote{getenv: getenv, stderr: stderr}
	fs.StringVar(&rem.workload, "workload", "", "store the scan as the evidence of this workload (its ID)")
	fs.StringVar(&rem.lens, "lens", "wellarchitected", "with --workload: the lens whose review gets the evidence")
	fs.BoolVar(&rem.apply, "apply", false, "with --workload: apply the suggested answers")
	fs.StringVar(&rem.endpoint, "endpoint-url", "", "with --workload: the wat server (default AWS_ENDPOINT_URL or "+defaultEndpoint+")")
	fs.StringVar(&rem.region, "region", "", "with --workload: the server's region (default AWS_REGION or us-east-1)")
	fs.StringVar(&rem.profile, "profile", "", "with --workload: the profile of ~/.aws/credentials to sign with")
	var ruleDirs, lensFiles stringList
	fs.Var(&ruleDirs, "rules", "a directory of your own rules (*.yaml), besides the built-in ones; repeatable")
	fs.Var(&lensFiles, "lens-file", "a custom lens (JSON) whose choices your rules may name; repeatable")
	paths, err := parseInterspersed(fs, args)
	if errors.Is(err, flag.ErrHelp) {
		return 0
	} else if err != nil {
		return 2
	}
	writer, ok := output.ByFormat(*format, version)
	if !ok {
		fmt.Fprintf(stderr, "wat scan: --format must be one of %s, not %q\n", strings.Join(output.Formats, ", "), *format)
		return 2
	}
	if rem.workload != "" && !workloadIDPattern.MatchString(rem.workload) {
		fmt.Fprintf(stderr, "wat scan: --workload %q is not a workload ID (32 hexadecimal digits)\n", rem.workload)
		return 2
	}
	if rem.workload == "" && (rem.apply || rem.endpoint != "" || rem.region != "" || rem.profile != "") {
		fmt.Fprintln(stderr, "wat scan: --apply, --endpoint-url, --region and --profile go with --workload")
		return 2
	}
	switch *failOn {
	case "", "high", "medium":
	default:
		fmt.Fprintf(stderr, "wat scan: --fail-on must be high or medium, not %q\n", *failOn)
		return 2
	}
	rules, err := scan.Rules()
	if err != nil {
		fmt.Fprintf(stderr, "wat scan: the built-in rules are broken: %v\n", err)
		return 1
	}
	if len(lensFiles) > 0 && len(ruleDirs) == 0 {
		fmt.Fprintln(stderr, "wat scan: --lens-file goes with --rules: it gives your rules the choices of your lens")
		return 2
	}
	rem.inLens = func(c string) bool { _, ok := framework.Practice(c); return ok }
	if len(ruleDirs) > 0 {
		own, cat, err := loadOwnRules(rules, ruleDirs, lensFiles)
		if err != nil {
			fmt.Fprintf(stderr, "wat scan: %v\n", err)
			return 2
		}
		rules = append(rules, own...)
		if rem.lens != framework.Alias {
			rem.inLens = cat.Has
		}
	}
	if rem.workload != "" && rem.lens != framework.Alias && len(lensFiles) == 0 {
		fmt.Fprintln(stderr, "wat scan: --lens other than wellarchitected needs your rules for it: --rules DIR and --lens-file LENS.json")
		return 2
	}
	if *listRules {
		return writeOut(stderr, writer.WriteRules(stdout, rules))
	}
	if len(paths) == 0 {
		fmt.Fprintf(stderr, "wat scan: no paths given\n\n%s", scanUsage)
		return 2
	}
	if errs := files.Check(paths); len(errs) > 0 {
		for _, err := range errs {
			fmt.Fprintf(stderr, "wat scan: %v\n", err)
		}
		return 2
	}
	defer tuneGC(getenv)()
	names, failed := files.Collect(paths)
	resources, problems, more := files.Read(names)
	failed = append(failed, more...)
	rep := scan.Evaluate(rules, resources, append(problems, failed...))
	out := bufio.NewWriterSize(stdout, 64<<10)
	err = writer.WriteReport(out, rules, rep, output.Summary{Files: len(names), Resources: len(resources)})
	if err == nil {
		err = out.Flush()
	}
	if code := writeOut(stderr, err); code != 0 {
		return code
	}
	if rem.workload != "" {
		rem.rules, rem.report = rules, rep
		if code := writeOut(stderr, rem.run(ctx)); code != 0 {
			return code
		}
	}
	for _, p := range failed {
		fmt.Fprintf(stderr, "wat scan: %s\n", p.Error())
	}
	if len(failed) > 0 {
		return 1
	}
	if *failOn != "" && (rep.FailsAt(*failOn) || len(rep.Problems) > 0) {
		return 1
	}
	return 0
}

// tuneGC sets the collector for a scan and returns what restores it. A
// scan allocates in one burst, and most of it (parse trees) is garbage at
// once while what lives (resources, results) grows to the end: collecting
// when the heap reaches 3 times the live heap rather than 2 (GOGC=200)
// saves a tenth of the time for a third more memory. GOGC, when set,
// decides instead. There is no memory limit: one below the live heap of a
// large scan would make the collector run without end.
func tuneGC(getenv func(string) string) (restore func()) {
	if getenv("GOGC") != "" {
		return func() {}
	}
	percent := debug.SetGCPercent(200)
	return func() { debug.SetGCPercent(percent) }
}

// writeOut reports err, if any, and is the exit code it makes.
func writeOut(stderr io.Writer, err error) int {
	if err != nil {
		fmt.Fprintf(stderr, "wat scan: %v\n", err)
		return 1
	}
	return 0
}
