package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"strings"
	"text/tabwriter"

	"github.com/wat-dev/wat/lens/catalog"
)

// catalogEntryJSON is a catalog entry as `wat lens catalog list --json`
// and `show --json` print it, without the document.
type catalogEntryJSON struct {
	ID               string              `json:"id"`
	Title            string              `json:"title"`
	Description      string              `json:"description"`
	Categories       []string            `json:"categories"`
	Version          string              `json:"version"`
	Catalog          string              `json:"catalog"`
	LensName         string              `json:"lensName"`
	Questions        int                 `json:"questions"`
	FrameworkPillars []string            `json:"frameworkPillars"`
	Pillars          []catalogPillarJSON `json:"pillars"`
	Source           catalogSourceJSON   `json:"source"`
	Repairs          []catalogRepairJSON `json:"repairs"`
}

type catalogPillarJSON struct {
	ID        string   `json:"id"`
	Name      string   `json:"name"`
	Questions int      `json:"questions"`
	Framework []string `json:"framework"`
}

type catalogSourceJSON struct {
	Repository string `json:"repository,omitempty"`
	Path       string `json:"path,omitempty"`
	File       string `json:"file"`
	Commit     string `json:"commit,omitempty"`
	License    string `json:"license,omitempty"`
	Version    string `json:"version,omitempty"`
	SHA256     string `json:"sha256"`
}

type catalogRepairJSON struct {
	Path string `json:"path"`
	What string `json:"what"`
	Why  string `json:"why"`
}

func entryJSON(e *catalog.Entry) catalogEntryJSON {
	out := catalogEntryJSON{ID: e.ID, Title: e.Title, Description: e.Description, Categories: e.Categories,
		Version: e.Version, Catalog: e.Catalog, LensName: e.Lens.Name, Questions: e.Questions,
		FrameworkPillars: e.FrameworkPillars(), Source: catalogSourceJSON(e.Source), Repairs: []catalogRepairJSON{}}
	for _, p := range e.Pillars {
		out.Pillars = append(out.Pillars, catalogPillarJSON{ID: p.ID, Name: p.Name, Questions: p.Questions, Framework: p.Framework})
	}
	for _, r := range e.Repairs {
		out.Repairs = append(out.Repairs, catalogRepairJSON{Path: r.Path, What: r.What(), Why: r.Why})
	}
	return out
}

func lensCatalogShow(args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("wat lens catalog show", flag.ContinueOnError)
	fs.SetOutput(stderr)
	asJSON := fs.Bool("json", false, "print the entry as one JSON object")
	var dirs stringList
	fs.Var(&dirs, "lens-catalog", "a folder of lenses to add to the catalog; repeatable")
	ids, err := parseInterspersed(fs, args)
	if errors.Is(err, flag.ErrHelp) {
		return 0
	} else if err != nil {
		return 2
	}
	if len(ids) != 1 {
		fmt.Fprintf(stderr, "wat lens catalog show: give one entry's ID (wat lens catalog list lists them)\n")
		return 2
	}
	c, ok := openCatalog(dirs, stderr, "show")
	if !ok {
		return 1
	}
	e, ok := c.Entry(ids[0])
	if !ok {
		fmt.Fprintf(stderr, "wat lens catalog show: the lens catalog has no entry %q (wat lens catalog list lists them)\n", ids[0])
		return 1
	}
	if *asJSON {
		return writeJSON(stdout, stderr, "show", entryJSON(e))
	}
	writeEntry(stdout, e)
	return 0
}

// writeEntry prints an entry for a person deciding whether to install it.
func writeEntry(w io.Writer, e *catalog.Entry) {
	fmt.Fprintf(w, "%s (%s), version %s\n%s\n\n", e.Title, e.ID, e.Version, wrap(e.Description, 78, ""))
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	fmt.Fprintf(tw, "Lens:\t%s\n", e.Lens.Name)
	fmt.Fprintf(tw, "Categories:\t%s\n", strings.Join(e.Categories, ", "))
	fmt.Fprintf(tw, "Catalog:\t%s\n", e.Catalog)
	s := e.Source
	if s.Repository != "" {
		fmt.Fprintf(tw, "Source:\thttps://github.com/%s/tree/%s (%s)\n", s.Repository, s.Commit, s.Path)
	} else {
		fmt.Fprintf(tw, "Source:\t%s\n", s.File)
	}
	fmt.Fprintf(tw, "Upstream version:\t%s\n", s.Version)
	fmt.Fprintf(tw, "Licence:\t%s\n", or(s.License, "not stated"))
	fmt.Fprintf(tw, "Questions:\t%d in %d %s\n", e.Questions, len(e.Pillars), plural(len(e.Pillars), "pillar"))
	tw.Flush()
	tw = tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	for _, p := range e.Pillars {
		fmt.Fprintf(tw, "  %s\t%s\t%d\t%s\n", p.ID, p.Name, p.Questions, pillarCodes(p.Framework))
	}
	tw.Flush()
	if len(e.Repairs) == 0 {
		fmt.Fprintln(w, "\nRepairs: none, the document is installed as published.")
		return
	}
	fmt.Fprintf(w, "\nRepairs: %d %s made by wat so that the document passes the lens format:\n", len(e.Repairs), plural(len(e.Repairs), "change"))
	// Repairs for one reason (ElastiCache has 21) are listed together
	// under it, said once.
	for i, r := range e.Repairs {
		fmt.Fprintf(w, "  %s: %s\n", r.Path, r.What())
		if i == len(e.Repairs)-1 || e.Repairs[i+1].Why != r.Why {
			fmt.Fprintln(w, wrap(r.Why, 78, "    "))
		}
	}
}

// wrap breaks s into lines of at most width characters, each starting
// with indent; a word longer than a line gets a line of its own.
func wrap(s string, width int, indent string) string {
	var lines []string
	line := indent
	for _, word := range strings.Fields(s) {
		if line != indent && len(line)+1+len(word) > width {
			lines = append(lines, line)
			line = indent
		}
		if line != indent {
			line += " "
		}
		line += word
	}
	return strings.Join(append(lines, line), "\n")
}

func or(s, def string) string {
	if s == "" {
		return def
	}
	return s
}
