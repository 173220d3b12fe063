package main

import (
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"strings"
	"text/tabwriter"

	"github.com/wat-dev/wat/lens/catalog"
)

const lensCatalogUsage = `wat lens catalog: the lenses ready to install

Usage:
  wat lens catalog list [--json] [--category C] [--pillar P] [--search TEXT] [--lens-catalog DIR]...
  wat lens catalog show [--json] [--lens-catalog DIR]... ID
  wat lens catalog install [--data-dir DIR | --database-url URL] [--account ID]
        [--json] [--lens-catalog DIR]... ID
  wat lens catalog install [--endpoint-url URL] [--region REGION] [--profile NAME]
        [--json] ID

The catalog holds the specialty lenses embedded in wat, published by AWS
specialists and partners under MIT-0, and those of the folders given with
--lens-catalog, as "wat serve --lens-catalog DIR" adds them.

list prints the entries, or those of a category (service, industry,
practice, database, analytics, ...), of a Well-Architected pillar
(security, "cost optimization", ...; or a word of a lens's own pillar
names, such as networking), or whose text holds TEXT. show prints an
entry's pillars, where it comes from under which licence, and the repairs
wat made so that it passes the lens format, each with why.

install installs an entry into an account as a published custom lens:
a new lens the first time, a new major version of that lens when the
catalog has a newer version of the entry (workloads keep the version they
review, with an upgrade notification), nothing when it is installed
already. With --endpoint-url, --region or --profile, or AWS_ENDPOINT_URL
set, it calls the server's InstallLensCatalogEntry, signed as "wat scan
--workload" signs (AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, or a
profile of ~/.aws/credentials): the server checks the caller may import
and publish lenses, installs into the caller's account from its own
catalog, and records the install in its audit log. Otherwise, or with
--data-dir or --database-url, it works offline on the database of "wat
serve" as "wat admin" does (WAT_DATA_DIR, WAT_DATABASE_URL,
WAT_MASTER_KEY), also while the server runs, as the admin of --account,
which may be left out when the database has one account.
`

// lensCatalogCmd runs `wat lens catalog`.
func lensCatalogCmd(ctx context.Context, args []string, getenv func(string) string, stdout, stderr io.Writer) int {
	if len(args) == 0 {
		fmt.Fprint(stderr, lensCatalogUsage)
		return 2
	}
	switch args[0] {
	case "list":
		return lensCatalogList(args[1:], stdout, stderr)
	case "show":
		return lensCatalogShow(args[1:], stdout, stderr)
	case "install":
		return lensCatalogInstall(ctx, args[1:], getenv, stdout, stderr)
	case "-h", "--help", "help":
		fmt.Fprint(stdout, lensCatalogUsage)
		return 0
	}
	fmt.Fprintf(stderr, "wat lens catalog: unknown command %q\n\n%s", args[0], lensCatalogUsage)
	return 2
}

// openCatalog reads the embedded catalog and the folders dirs, as wat
// serve does, so that a team can check its folder before serving it.
func openCatalog(dirs []string, stderr io.Writer, cmd string) (*catalog.Catalog, bool) {
	c, err := catalog.Open(dirs...)
	if err != nil {
		fmt.Fprintf(stderr, "wat lens catalog %s: %v\n", cmd, err)
		return nil, false
	}
	return c, true
}

func lensCatalogList(args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("wat lens catalog list", flag.ContinueOnError)
	fs.SetOutput(stderr)
	asJSON := fs.Bool("json", false, "print the entries as one JSON array")
	var f catalog.Filter
	fs.StringVar(&f.Category, "category", "", "only the entries of this category")
	fs.StringVar(&f.Pillar, "pillar", "", "only the entries with this pillar")
	fs.StringVar(&f.Search, "search", "", "only the entries whose text holds this")
	var dirs stringList
	fs.Var(&dirs, "lens-catalog", "a folder of lenses to add to the catalog; repeatable")
	if err := fs.Parse(args); errors.Is(err, flag.ErrHelp) {
		return 0
	} else if err != nil {
		return 2
	}
	if fs.NArg() > 0 {
		fmt.Fprintf(stderr, "wat lens catalog list: unexpected argument %q\n", fs.Arg(0))
		return 2
	}
	c, ok := openCatalog(dirs, stderr, "list")
	if !ok {
		return 1
	}
	entries := c.List(f)
	if *asJSON {
		out := make([]catalogEntryJSON, 0, len(entries))
		for _, e := range entries {
			out = append(out, entryJSON(e))
		}
		return writeJSON(stdout, stderr, "list", out)
	}
	if len(entries) == 0 {
		fmt.Fprintln(stdout, "No entry of the lens catalog matches.")
		return 0
	}
	catalogs := map[string]bool{}
	for _, e := range entries {
		catalogs[e.Catalog] = true
	}
	tw := tabwriter.NewWriter(stdout, 0, 0, 2, ' ', 0)
	header := "ID\tVERSION\tQUESTIONS\tPILLARS\tCATEGORIES\tTITLE"
	if len(catalogs) > 1 {
		header += "\tCATALOG"
	}
	fmt.Fprintln(tw, header)
	for _, e := range entries {
		line := fmt.Sprintf("%s\t%s\t%d\t%s\t%s\t%s", e.ID, e.Version, e.Questions, pillarCodes(e.FrameworkPillars()), strings.Join(e.Categories, ","), e.Title)
		if len(catalogs) > 1 {
			line += "\t" + e.Catalog
		}
		fmt.Fprintln(tw, line)
	}
	if err := tw.Flush(); err != nil {
		fmt.Fprintf(stderr, "wat lens catalog list: %v\n", err)
		return 1
	}
	return 0
}

// pillarShort abbreviates the framework's pillars for the list's column.
var pillarShort = map[string]string{"operationalExcellence": "OPS", "security": "SEC", "reliability": "REL",
	"performance": "PERF", "costOptimization": "COST", "sustainability": "SUS"}

func pillarCodes(ids []string) string {
	if len(ids) == 0 {
		return "-" // the lens's pillars are its own
	}
	codes := make([]string, len(ids))
	for i, id := range ids {
		codes[i] = pillarShort[id]
	}
	return strings.Join(codes, ",")
}

func writeJSON(stdout, stderr io.Writer, cmd string, v any) int {
	enc := json.NewEncoder(stdout)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		fmt.Fprintf(stderr, "wat lens catalog %s: %v\n", cmd, err)
		return 1
	}
	return 0
}
