package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"github.com/wat-dev/wat"
	"github.com/wat-dev/wat/service"
)

const reportUsage = `wat report: export reports from the database of "wat serve"

Usage:
  wat report [--data-dir DIR | --database-url URL] lens-review --workload ID --lens ALIAS
        [--format pdf|html|md|csv|xlsx] [--milestone N] [--account ID] -o FILE
  wat report [--data-dir DIR | --database-url URL] consolidated
        [--format pdf|json|csv] [--account ID] [--include-shared] -o FILE

lens-review exports the review of one lens of a workload, as it is now or as
milestone N recorded it: the report (PDF, self-contained HTML, Markdown),
or every answer and the improvement plan, one row per question and practice
(CSV, XLSX). consolidated exports the report across the account's workloads
(with --include-shared, those shared with it too): PDF, JSON, or CSV with one
row per workload, lens and pillar.

Reports are made as the admin of --account, which may be left out when the
database has one account. -o - writes to stdout; --format defaults to the
extension of -o. It reads the database as "wat admin" does (WAT_DATA_DIR,
WAT_DATABASE_URL, WAT_MASTER_KEY), also while the server runs.
`

// reportCommand is one `wat report` subcommand: its formats, and the
// flags it defines, returning what renders the report in a format.
type reportCommand struct {
	formats []string
	define  func(fs *flag.FlagSet) func(ctx context.Context, svc *service.Service, format string) ([]byte, error)
}

var reportCommands = map[string]reportCommand{
	"lens-review":  {[]string{"pdf", "html", "md", "csv", "xlsx"}, defineLensReviewReport},
	"consolidated": {[]string{"pdf", "json", "csv"}, defineConsolidatedReport},
}

// reportCmd runs `wat report`: the report goes to -o, problems to stderr.
func reportCmd(ctx context.Context, args []string, getenv func(string) string, stdout, stderr io.Writer) int {
	cfg := DefaultConfig().StoreConfig
	cfg.readEnv(getenv)
	global := flag.NewFlagSet("wat report", flag.ContinueOnError)
	global.SetOutput(io.Discard)
	cfg.addFlags(global)
	if err := global.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			fmt.Fprint(stdout, reportUsage)
			return 0
		}
		fmt.Fprintf(stderr, "wat report: %v\n\n%s", err, reportUsage)
		return 2
	}
	if global.NArg() == 0 {
		fmt.Fprint(stderr, reportUsage)
		return 2
	}
	name := global.Arg(0)
	cmd, ok := reportCommands[name]
	if !ok {
		fmt.Fprintf(stderr, "wat report: unknown report %q\n\n%s", name, reportUsage)
		return 2
	}
	fs := flag.NewFlagSet("wat report "+name, flag.ContinueOnError)
	fs.SetOutput(stderr)
	cfg.addFlags(fs)
	account := fs.String("account", "", "the account whose admin makes the report (default: the only account)")
	format := fs.String("format", "", "the format: "+strings.Join(cmd.formats, ", ")+" (default: the extension of -o)")
	out := fs.String("o", "", `the file to write, "-" for stdout`)
	render := cmd.define(fs)
	if err := fs.Parse(global.Args()[1:]); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return 0
		}
		return 2
	}
	fail := func(code int, format string, args ...any) int {
		fmt.Fprintf(stderr, "wat report %s: %s\n", name, fmt.Sprintf(format, args...))
		return code
	}
	if fs.NArg() > 0 {
		return fail(2, "unexpected argument %q", fs.Arg(0))
	}
	if *out == "" {
		return fail(2, `-o is required (a file, or "-" for stdout)`)
	}
	if *format == "" && *out != "-" {
		*format = strings.TrimPrefix(strings.ToLower(filepath.Ext(*out)), ".")
	}
	if !slices.Contains(cmd.formats, *format) {
		return fail(2, "--format must be one of %s", strings.Join(cmd.formats, ", "))
	}
	if err := cfg.validate(); err != nil {
		return fail(2, "%v", err)
	}
	res, err := runAdmin(ctx, cfg, getenv, stderr, func(ctx context.Context, svc *service.Service) (any, error) {
		ctx, err := asAccountAdmin(ctx, svc, *account)
		if err != nil {
			return nil, err
		}
		return render(ctx, svc, *format)
	})
	if err != nil {
		code := 1
		if errors.As(err, new(usageError)) {
			code = 2
		}
		return fail(code, "%s", errorMessage(err))
	}
	b := res.([]byte)
	if *out == "-" {
		_, err = stdout.Write(b)
	} else {
		err = os.WriteFile(*out, b, 0o666)
	}
	if err != nil {
		return fail(1, "%v", err)
	}
	return 0
}

func defineLensReviewReport(fs *flag.FlagSet) func(context.Context, *service.Service, string) ([]byte, error) {
	workload := fs.String("workload", "", "the workload's ID")
	lensAlias := fs.String("lens", "", "the lens's alias or ARN (wellarchitected for the framework)")
	milestone := fs.Int("milestone", 0, "the milestone number; the current state when 0")
	return func(ctx context.Context, svc *service.Service, format string) ([]byte, error) {
		if err := required("workload", *workload, "lens", *lensAlias); err != nil {
			return nil, err
		}
		if *milestone < 0 {
			return nil, usagef("--milestone must be a milestone number (1 or more)")
		}
		r, err := svc.LensReviewReport(ctx, *workload, *lensAlias, *milestone)
		if err != nil {
			return nil, err
		}
		switch format {
		case "pdf":
			return r.PDF()
		case "html":
			return r.HTML()
		case "md":
			return r.Markdown(), nil
		case "csv":
			return r.CSV()
		default: // xlsx
			return r.XLSX()
		}
	}
}

func defineConsolidatedReport(fs *flag.FlagSet) func(context.Context, *service.Service, string) ([]byte, error) {
	shared := fs.Bool("include-shared", false, "also the workloads shared with the account")
	return func(ctx context.Context, svc *service.Service, format string) ([]byte, error) {
		c, err := svc.ConsolidatedReport(ctx, *shared)
		if err != nil {
			return nil, err
		}
		switch format {
		case "pdf":
			return c.PDF()
		case "json":
			return c.JSON()
		default: // csv
			return c.CSV()
		}
	}
}

// asAccountAdmin returns ctx carrying the admin user of the account (of
// the only account when account is ""), so that the use cases run as that
// admin would through the API.
func asAccountAdmin(ctx context.Context, svc *service.Service, account string) (context.Context, error) {
	if account == "" {
		as, err := svc.ListAccounts(ctx)
		if err != nil {
			return nil, err
		}
		if len(as) != 1 {
			return nil, usagef("--account is required: the database has %d accounts (wat admin list-accounts lists them)", len(as))
		}
		account = as[0].ID
	}
	users, err := svc.ListUsers(ctx, account)
	if err != nil {
		return nil, err
	}
	for _, u := range users {
		if u.User.IsAdmin {
			p := &wat.Principal{AccountID: account, UserName: u.User.Name, UserARN: u.User.ARN, IsAdmin: true}
			return wat.NewContextWithPrincipal(ctx, p), nil
		}
	}
	return nil, fmt.Errorf("account %s has no %s user", account, service.AdminUser)
}
