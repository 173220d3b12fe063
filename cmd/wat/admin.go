package main

import (
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"io/fs"
	"log/slog"
	"os"
	"strings"
	"time"

	"github.com/wat-dev/wat"
	"github.com/wat-dev/wat/service"
)

// adminCommand is one `wat admin` subcommand. define declares its flags on
// fs and returns what runs once they are parsed: a use case whose result is
// printed as one JSON object.
type adminCommand struct {
	name     string
	synopsis string
	define   func(fs *flag.FlagSet) adminFunc
}

type adminFunc func(ctx context.Context, svc *service.Service) (any, error)

// storeCommand is a subcommand for the operator's work on the database
// itself, which no use case covers: what define returns gets the store too.
// Its name may be two words ("audit prune").
type storeCommand struct {
	name     string
	synopsis string
	define   func(fs *flag.FlagSet) storeFunc
}

type storeFunc func(ctx context.Context, store wat.Store, svc *service.Service) (any, error)

// storeCommands are listed after adminCommands.
var storeCommands = []storeCommand{
	{"audit prune", "--before TIME|DATE|2160h [--archive FILE[.gz]]", defineAuditPrune},
	{"backup", "--to FILE", defineBackup},
}

// command is a subcommand as admin runs it: define declares its flags and
// returns what runs, given the database settings, once they are parsed.
// The commands that are not use cases or storeCommands open the database
// themselves (restore, which fills a new one).
type command struct {
	name     string
	synopsis string
	define   func(fs *flag.FlagSet) runFunc
}

type runFunc func(ctx context.Context, cfg StoreConfig, getenv func(string) string, stderr io.Writer) (any, error)

// databaseCommands are listed last.
var databaseCommands = []command{
	{"restore", "--from FILE", defineRestore},
}

// adminCommands are the subcommands, in the order the usage lists them.
var adminCommands = []adminCommand{
	{"create-account", "--name NAME", defineCreateAccount},
	{"list-accounts", "", defineListAccounts},
	{"delete-account", "--account ID [--force]", defineDeleteAccount},
	{"create-user", "--account ID --name NAME [--policy FILE [--policy-name NAME] | --managed NAME]", defineCreateUser},
	{"list-users", "--account ID", defineListUsers},
	{"delete-user", "--account ID --name NAME", defineDeleteUser},
	{"set-password", "--account ID --user NAME [--generate]", defineSetPassword},
	{"create-access-key", "--account ID --user NAME", defineCreateAccessKey},
	{"list-access-keys", "--account ID --user NAME", defineListAccessKeys},
	{"update-access-key", "--access-key-id ID --status Active|Inactive", defineUpdateAccessKey},
	{"delete-access-key", "--access-key-id ID", defineDeleteAccessKey},
	{"attach-policy", "--account ID --user NAME (--policy FILE [--policy-name NAME] | --managed NAME)", defineAttachPolicy},
	{"detach-policy", "--account ID --user NAME (--policy-name NAME | --managed NAME)", defineDetachPolicy},
	{"list-policies", "--account ID --user NAME", defineListPolicies},
	{"audit", "[--since TIME|24h] [--account ID] [--event-name NAME] [--limit N]", defineAudit},
	{"create-organization", "--name NAME --management-account ID", defineCreateOrganization},
	{"delete-organization", "--organization ID", defineDeleteOrganization},
	{"list-organizations", "", defineListOrganizations},
	{"create-ou", "--organization ID --name NAME", defineCreateOU},
	{"delete-ou", "--ou ID", defineDeleteOU},
	{"list-ous", "--organization ID", defineListOUs},
	{"add-account-to-organization", "--account ID --organization ID [--ou ID]", defineAddAccountToOrganization},
	{"remove-account-from-organization", "--account ID", defineRemoveAccountFromOrganization},
	{"jira-connect", "--account ID --url URL (--email E --token-file F | --pat-file F) [--project-key KEY]", defineJiraConnect},
	{"jira-disconnect", "--account ID", defineJiraDisconnect},
	{"webhook-create", "[--account ID] --url URL [--detail-types T,...] [--sources S,...]", defineWebhookCreate},
	{"webhook-list", "[--account ID]", defineWebhookList},
	{"webhook-update", "[--account ID] --id ID [--url URL] [--detail-types T,...] [--sources S,...] [--enabled true|false]", defineWebhookUpdate},
	{"webhook-delete", "[--account ID] --id ID", defineWebhookDelete},
	{"webhook-rotate-secret", "[--account ID] --id ID [--keep-previous 24h]", defineWebhookRotate},
	{"webhook-deliveries", "[--account ID] --id ID [--limit N]", defineWebhookDeliveries},
	{"webhook-redeliver", "[--account ID] --id ID --delivery MSG_ID", defineWebhookRedeliver},
}

func adminUsage() string {
	var b strings.Builder
	b.WriteString(`wat admin: manage accounts, users, access keys and policies

Usage:
  wat admin [--data-dir DIR | --database-url URL] COMMAND [FLAGS]

Commands:
`)
	for _, c := range adminCommands {
		fmt.Fprintf(&b, "  %-33s %s\n", c.name, c.synopsis)
	}
	for _, c := range storeCommands {
		fmt.Fprintf(&b, "  %-33s %s\n", c.name, c.synopsis)
	}
	for _, c := range databaseCommands {
		fmt.Fprintf(&b, "  %-33s %s\n", c.name, c.synopsis)
	}
	b.WriteString(`
Each command prints one JSON object; audit prints one CloudTrail-shaped
event per line, oldest first. audit prune deletes the events before
--before, first writing them to --archive in the same shape, and records
the prune in the log itself. It works on the database of "wat serve"
(WAT_DATA_DIR, WAT_DATABASE_URL and WAT_MASTER_KEY as for serve), also while
the server runs; a running server notices deactivated or deleted keys, and
console sessions ended by set-password, within its auth cache TTL (5s by
default). set-password reads the new console password as one line on stdin
(12 to 128 characters), or generates one with --generate and prints it.
backup writes a consistent, compressed snapshot of the whole database to
--to, also while the server runs; restore fills a new, empty database (SQLite
in --data-dir, or --database-url) from it, given the master key of the wat
backed up (WAT_MASTER_KEY, or a copy of its master.key in --data-dir).
`)
	return b.String()
}

// usageError is a command line that cannot be run: exit status 2.
type usageError struct{ msg string }

func (e usageError) Error() string { return e.msg }

func usagef(format string, args ...any) error { return usageError{fmt.Sprintf(format, args...)} }

// required fails with a usage error naming the first empty flag.
func required(flags ...string) error {
	for i := 0; i+1 < len(flags); i += 2 {
		if flags[i+1] == "" {
			return usagef("--%s is required", flags[i])
		}
	}
	return nil
}

// admin runs `wat admin`: it prints the command's result as JSON on stdout,
// and nothing else there; problems go to stderr.
func admin(ctx context.Context, args []string, getenv func(string) string, stdout, stderr io.Writer) int {
	cfg := DefaultConfig().StoreConfig
	cfg.readEnv(getenv)
	global := flag.NewFlagSet("wat admin", flag.ContinueOnError)
	global.SetOutput(io.Discard)
	cfg.addFlags(global)
	if err := global.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			fmt.Fprint(stdout, adminUsage())
			return 0
		}
		fmt.Fprintf(stderr, "wat admin: %v\n\n%s", err, adminUsage())
		return 2
	}
	if global.NArg() == 0 {
		fmt.Fprint(stderr, adminUsage())
		return 2
	}
	name, rest := global.Arg(0), global.Args()[1:]
	if len(rest) > 0 && findAdminCommand(name+" "+rest[0]) != nil {
		name, rest = name+" "+rest[0], rest[1:]
	}
	cmd := findAdminCommand(name)
	if cmd == nil {
		fmt.Fprintf(stderr, "wat admin: unknown command %q\n\n%s", name, adminUsage())
		return 2
	}
	fs := flag.NewFlagSet("wat admin "+name, flag.ContinueOnError)
	fs.SetOutput(stderr)
	cfg.addFlags(fs) // also accepted after the command
	exec := cmd.define(fs)
	if err := fs.Parse(rest); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return 0
		}
		return 2
	}
	if fs.NArg() > 0 {
		fmt.Fprintf(stderr, "wat admin %s: unexpected argument %q\n", name, fs.Arg(0))
		return 2
	}
	if err := cfg.validate(); err != nil {
		fmt.Fprintf(stderr, "wat admin %s: %v\n", name, err)
		return 2
	}
	out, err := exec(ctx, cfg, getenv, stderr)
	if err != nil {
		fmt.Fprintf(stderr, "wat admin %s: %s\n", name, errorMessage(err))
		if errors.As(err, new(usageError)) {
			return 2
		}
		return 1
	}
	enc := json.NewEncoder(stdout)
	if lines, ok := out.(jsonLines); ok {
		for _, l := range lines {
			if err := enc.Encode(l); err != nil {
				fmt.Fprintf(stderr, "wat admin %s: %v\n", name, err)
				return 1
			}
		}
		return 0
	}
	enc.SetIndent("", "  ")
	if err := enc.Encode(out); err != nil {
		fmt.Fprintf(stderr, "wat admin %s: %v\n", name, err)
		return 1
	}
	return 0
}

// findAdminCommand returns the command called name, or nil; a use case or
// a storeCommand as a command that runs it on the store runAdminStore
// opens.
func findAdminCommand(name string) *command {
	onStore := func(c storeCommand) *command {
		return &command{c.name, c.synopsis, func(fs *flag.FlagSet) runFunc {
			exec := c.define(fs)
			return func(ctx context.Context, cfg StoreConfig, getenv func(string) string, stderr io.Writer) (any, error) {
				return runAdminStore(ctx, cfg, getenv, stderr, exec)
			}
		}}
	}
	for i := range databaseCommands {
		if databaseCommands[i].name == name {
			return &databaseCommands[i]
		}
	}
	for _, c := range storeCommands {
		if c.name == name {
			return onStore(c)
		}
	}
	for _, c := range adminCommands {
		if c.name == name {
			define := c.define
			return onStore(storeCommand{c.name, c.synopsis, func(fs *flag.FlagSet) storeFunc {
				run := define(fs)
				return func(ctx context.Context, _ wat.Store, svc *service.Service) (any, error) { return run(ctx, svc) }
			}})
		}
	}
	return nil
}

// runAdmin opens the store the server uses and runs exec on a Service over
// it. It never creates a database or a master key: an admin command given
// the wrong data dir fails instead of starting an empty service there.
func runAdmin(ctx context.Context, cfg StoreConfig, getenv func(string) string, stderr io.Writer, exec adminFunc) (any, error) {
	return runAdminStore(ctx, cfg, getenv, stderr, func(ctx context.Context, _ wat.Store, svc *service.Service) (any, error) {
		return exec(ctx, svc)
	})
}

// runAdminStore is runAdmin for a command that also needs the store.
func runAdminStore(ctx context.Context, cfg StoreConfig, getenv func(string) string, stderr io.Writer, exec storeFunc) (any, error) {
	if cfg.DatabaseURL == "" {
		if _, err := os.Stat(cfg.sqlitePath()); errors.Is(err, fs.ErrNotExist) {
			return nil, fmt.Errorf("no wat database at %s: give the data dir of wat serve (--data-dir, WAT_DATA_DIR) or --database-url", cfg.sqlitePath())
		}
	}
	key, err := masterKey(cfg, false)
	if err != nil {
		return nil, err
	}
	store, _, err := openStore(ctx, cfg, key)
	if err != nil {
		return nil, err
	}
	defer store.Close()
	region := getenv("WAT_REGION")
	if region == "" {
		region = DefaultConfig().Region
	}
	log := slog.New(slog.NewTextHandler(stderr, &slog.HandlerOptions{Level: slog.LevelWarn}))
	fonts, err := loadReportFonts(getenv("WAT_REPORT_FONTS"), log) // for wat report
	if err != nil {
		return nil, err
	}
	return exec(ctx, store, service.New(service.Config{Store: store, Region: region, Logger: log, ReportFonts: fonts}))
}

// errorMessage is what the operator is told: a domain error's message
// without the layers' prefixes, anything else as it is.
func errorMessage(err error) string {
	var e *wat.Error
	if errors.As(err, &e) {
		return e.Message
	}
	return err.Error()
}

// timeText is how the admin commands print times.
func timeText(t time.Time) string { return t.UTC().Format(time.RFC3339) }
