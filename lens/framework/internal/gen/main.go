// Command gen writes wat's built-in framework lens document,
// wellarchitected.json, from the framework's facts in wa-framework.csv and
// the ids of its "None of these" choices in wa-none-of-these.csv, with
// wat's guidance texts (package guidance).
// Run it with go generate in lens/framework; a test there fails when the
// committed file is stale.
package main

import (
	"flag"
	"fmt"
	"os"

	"github.com/wat-dev/wat/lens/framework/guidance"
	"github.com/wat-dev/wat/lens/framework/internal/wadata"
)

func main() {
	in := flag.String("in", "wa-framework.csv", "the framework CSV to read")
	none := flag.String("none", "wa-none-of-these.csv", `the CSV of the "None of these" choice ids to read`)
	out := flag.String("out", "wellarchitected.json", "the lens document to write")
	flag.Parse()
	if err := run(*in, *none, *out); err != nil {
		fmt.Fprintln(os.Stderr, "gen:", err)
		os.Exit(1)
	}
}

func run(in, none, out string) error {
	data, err := os.ReadFile(in)
	if err != nil {
		return err
	}
	noneData, err := os.ReadFile(none)
	if err != nil {
		return err
	}
	g, err := guidance.Load("guidance/data")
	if err != nil {
		return err
	}
	doc, err := wadata.Generate(data, noneData, g)
	if err != nil {
		return fmt.Errorf("%s, %s: %w", in, none, err)
	}
	return os.WriteFile(out, doc, 0o644)
}
