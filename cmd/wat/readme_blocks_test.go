package main

import (
	"fmt"
	"regexp"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// mdBlock is one fenced code block of a Markdown document.
type mdBlock struct {
	Line    int    // of the opening fence, 1-based
	Heading string // the nearest heading above it
	Lang    string // the fence's info word: sh, bash, json, …
	Text    string
	NotRun  string // the reason of a `<!-- not run: … -->` line right above it
}

// Shell reports whether the block is a shell example, which the README test
// runs unless it is marked.
func (b mdBlock) Shell() bool { return b.Lang == "sh" || b.Lang == "bash" }

// String names the block as a failure message should: where it is and what
// it starts with.
func (b mdBlock) String() string {
	first, _, _ := strings.Cut(b.Text, "\n")
	return fmt.Sprintf("README.md:%d (under %q, starting %q)", b.Line, b.Heading, first)
}

var notRunRE = regexp.MustCompile(`^<!--\s*not run:\s*(.*?)\s*-->$`)

// readmeBlocks splits a Markdown document into its fenced code blocks. It
// refuses what would let an example escape the README test unnoticed: an
// indented code block, a fence without a language, a shell-like language
// other than sh or bash, a "not run" mark without a reason or not followed
// by a shell block, and an unclosed fence.
func readmeBlocks(md string) ([]mdBlock, error) {
	var (
		blocks  []mdBlock
		cur     *mdBlock
		body    []string
		heading string
		mark    string // a "not run" reason waiting for its block
		markAt  int
		prev    string // the line before, to tell indented code from a wrapped line
	)
	for i, line := range strings.Split(md, "\n") {
		n, afterBlank := i+1, strings.TrimSpace(prev) == ""
		prev = line
		if cur != nil {
			if strings.TrimSpace(line) == "```" {
				cur.Text = strings.Join(body, "\n")
				blocks = append(blocks, *cur)
				cur, body = nil, nil
			} else {
				body = append(body, line)
			}
			continue
		}
		switch {
		case strings.HasPrefix(line, "```"):
			lang, _, _ := strings.Cut(strings.TrimPrefix(line, "```"), " ")
			switch lang {
			case "":
				return nil, fmt.Errorf("README.md:%d: a code block without a language: say sh, bash, json, text, …", n)
			case "shell", "console", "zsh", "bash-session", "shell-session":
				return nil, fmt.Errorf("README.md:%d: a %s block: write shell examples as sh or bash, so the README test runs them", n, lang)
			}
			cur = &mdBlock{Line: n, Heading: heading, Lang: lang, NotRun: mark}
			if mark != "" && !cur.Shell() {
				return nil, fmt.Errorf("README.md:%d: %q marks a %s block, which is never run anyway", markAt, "not run", lang)
			}
			mark = ""
		case strings.HasPrefix(line, "    ") && afterBlank && strings.TrimSpace(line) != "":
			return nil, fmt.Errorf("README.md:%d: an indented code block: fence it (```sh) so the README test sees it", n)
		case strings.HasPrefix(line, "<!--") && strings.Contains(line, "not run"):
			m := notRunRE.FindStringSubmatch(strings.TrimSpace(line))
			if m == nil || m[1] == "" {
				return nil, fmt.Errorf("README.md:%d: write the mark as <!-- not run: REASON -->", n)
			}
			mark, markAt = m[1], n
		case strings.HasPrefix(line, "#"):
			heading = strings.TrimSpace(strings.TrimLeft(line, "#"))
			fallthrough
		default:
			if mark != "" && strings.TrimSpace(line) != "" {
				return nil, fmt.Errorf("README.md:%d: the not-run mark must be the line right above its block", markAt)
			}
		}
	}
	if cur != nil {
		return nil, fmt.Errorf("README.md:%d: the code block is never closed", cur.Line)
	}
	if mark != "" {
		return nil, fmt.Errorf("README.md:%d: a not-run mark with no block after it", markAt)
	}
	return blocks, nil
}

func TestReadmeBlocks(t *testing.T) {
	md := "# wat\n\nText.\n\n<!-- not run: starts the server -->\n```sh\nmake run\n```\n\n## Use\n\n" +
		"```sh\nWA=aws\n$WA list-workloads \\\n    --max-results 5\n```\n\n```json\n{\"a\": 1}\n```\n\n" +
		"Some text.\n\n    an indented line after a blank one is code the test would not see\n"
	_, err := readmeBlocks(md)
	if err == nil || !strings.Contains(err.Error(), "README.md:24: an indented code block") {
		t.Errorf("an indented block: %v", err)
	}
	got, err := readmeBlocks(strings.TrimSuffix(md, "\n    an indented line after a blank one is code the test would not see\n"))
	if err != nil {
		t.Fatal(err)
	}
	want := []mdBlock{
		{Line: 6, Heading: "wat", Lang: "sh", Text: "make run", NotRun: "starts the server"},
		{Line: 12, Heading: "Use", Lang: "sh", Text: "WA=aws\n$WA list-workloads \\\n    --max-results 5"},
		{Line: 18, Heading: "Use", Lang: "json", Text: `{"a": 1}`},
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("blocks (-want +got):\n%s", diff)
	}

	for _, tc := range []struct{ name, md, want string }{
		{"no language", "```\nls\n```\n", "without a language"},
		{"shell", "```shell\nls\n```\n", "as sh or bash"},
		{"mark without reason", "<!-- not run -->\n```sh\nls\n```\n", "<!-- not run: REASON -->"},
		{"mark on json", "<!-- not run: x -->\n```json\n{}\n```\n", "never run anyway"},
		{"mark far from its block", "<!-- not run: x -->\nText.\n```sh\nls\n```\n", "right above"},
		{"mark at the end", "<!-- not run: x -->\n", "no block after it"},
		{"unclosed", "```sh\nls\n", "never closed"},
	} {
		if _, err := readmeBlocks(tc.md); err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("%s: error %v, want one saying %q", tc.name, err, tc.want)
		}
	}
}
