package main

import (
	"fmt"
	"os"
	"strings"

	"github.com/wat-dev/wat/scan"
)

// stringList is a flag that may be given several times.
type stringList []string

func (l *stringList) String() string     { return strings.Join(*l, ",") }
func (l *stringList) Set(v string) error { *l = append(*l, v); return nil }

// loadOwnRules reads the rules of the --rules directories, whose choices
// may be the framework's or those of the --lens-file custom lenses.
func loadOwnRules(builtin []*scan.Rule, dirs, lensFiles []string) ([]*scan.Rule, *scan.Catalog, error) {
	docs := make([][]byte, 0, len(lensFiles))
	for _, f := range lensFiles {
		b, err := os.ReadFile(f)
		if err != nil {
			return nil, nil, fmt.Errorf("--lens-file: %w", err)
		}
		docs = append(docs, b)
	}
	cat, err := scan.NewCatalog(docs...)
	if err != nil {
		return nil, nil, fmt.Errorf("--lens-file: %w", err)
	}
	rules, err := scan.LoadRuleDirs(cat, builtin, dirs...)
	if err != nil {
		return nil, nil, fmt.Errorf("--rules: %w", err)
	}
	return rules, cat, nil
}
