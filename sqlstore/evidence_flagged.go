package sqlstore

import (
	"context"
	"encoding/json"
	"errors"
	"strconv"
	"strings"

	"github.com/wat-dev/wat"
)

// The failing resources of a check's flagged column, read without
// encoding/json's reflection. The Agent reads the flagged column of every
// check of every workload it covers (100 workloads of 300 templates are
// tens of megabytes of JSON), and encoding/json spent half a generation's
// time there. The column is always written by jsonText from
// []flaggedRecord, so its form is known: an array of flat objects of
// string and integer members. failingFlagged reads that form and keeps
// only the FAIL records; anything else it meets (a member it does not
// know, a value of another type, a syntax it does not expect) sends the
// whole column through encoding/json instead, so the result never depends
// on which reader ran.

// errFlaggedForm is the fast reader giving up on a column.
var errFlaggedForm = errors.New("not the flagged column's usual form")

// failingFlagged returns the FAIL resources of a flagged column, in order.
func failingFlagged(text string) ([]wat.FlaggedResource, error) {
	out, err := readFlagged(text)
	if err == nil {
		return out, nil
	}
	var frs []flaggedRecord
	if err := json.Unmarshal([]byte(text), &frs); err != nil {
		return nil, err
	}
	out = nil
	for _, r := range frs {
		if r.Status == wat.FindingFail {
			out = append(out, wat.FlaggedResource{Status: r.Status, Name: r.Name, Type: r.Type, File: r.File, Line: r.Line, Reason: r.Reason})
		}
	}
	return out, nil
}

// flaggedReader walks a flagged column.
type flaggedReader struct {
	s   string
	pos int
}

// readFlagged is the fast reader: errFlaggedForm when the column is not
// of the form jsonText writes.
func readFlagged(s string) ([]wat.FlaggedResource, error) {
	r := &flaggedReader{s: s}
	if !r.take('[') {
		return nil, errFlaggedForm
	}
	// As many as the column has FAIL marks (jsonText's form; a guess
	// otherwise, and only a capacity).
	var out []wat.FlaggedResource
	if n := strings.Count(s, `"s":"FAIL"`); n > 0 {
		out = make([]wat.FlaggedResource, 0, n)
	}
	if r.take(']') {
		return nil, r.end()
	}
	for {
		f, err := r.record()
		if err != nil {
			return nil, err
		}
		if f.Status == wat.FindingFail {
			out = append(out, f)
		}
		if r.take(']') {
			if len(out) == 0 {
				out = nil // as encoding/json's reading gives none
			}
			return out, r.end()
		}
		if !r.take(',') {
			return nil, errFlaggedForm
		}
	}
}

// record reads one {"s":…,"n":…,…} object.
func (r *flaggedReader) record() (wat.FlaggedResource, error) {
	var f wat.FlaggedResource
	if !r.take('{') {
		return f, errFlaggedForm
	}
	if r.take('}') {
		return f, nil
	}
	for {
		key, ok := r.str()
		if !ok || !r.take(':') {
			return f, errFlaggedForm
		}
		var field *string
		switch key {
		case "s":
			field = &f.Status
		case "n":
			field = &f.Name
		case "t":
			field = &f.Type
		case "f":
			field = &f.File
		case "r":
			field = &f.Reason
		case "l":
			n, ok := r.integer()
			if !ok {
				return f, errFlaggedForm
			}
			f.Line = n
		default:
			return f, errFlaggedForm
		}
		if field != nil {
			if *field, ok = r.str(); !ok {
				return f, errFlaggedForm
			}
		}
		if r.take('}') {
			return f, nil
		}
		if !r.take(',') {
			return f, errFlaggedForm
		}
	}
}

// space skips white space.
func (r *flaggedReader) space() {
	for r.pos < len(r.s) {
		switch r.s[r.pos] {
		case ' ', '\t', '\r', '\n':
			r.pos++
		default:
			return
		}
	}
}

// take skips white space and reports whether c comes next, consuming it.
func (r *flaggedReader) take(c byte) bool {
	r.space()
	if r.pos < len(r.s) && r.s[r.pos] == c {
		r.pos++
		return true
	}
	return false
}

// end reports errFlaggedForm unless only white space is left.
func (r *flaggedReader) end() error {
	if strings.TrimLeft(r.s[r.pos:], " \t\r\n") != "" {
		return errFlaggedForm
	}
	return nil
}

// str reads a JSON string. One of plain ASCII without escapes (nearly
// all) is a slice of the column; any other is decoded by encoding/json,
// which also decides what invalid UTF-8 becomes.
func (r *flaggedReader) str() (string, bool) {
	if !r.take('"') {
		return "", false
	}
	start := r.pos
	end := strings.IndexByte(r.s[start:], '"')
	if end < 0 {
		return "", false
	}
	plain := true
	for i := start; i < start+end; i++ {
		if c := r.s[i]; c < 0x20 || c == '\\' || c >= 0x80 {
			plain = false
			break
		}
	}
	if plain {
		r.pos = start + end + 1
		return r.s[start : start+end], true
	}
	for r.pos < len(r.s) { // find the closing quote past escaped ones
		switch r.s[r.pos] {
		case '\\':
			r.pos += 2
			continue
		case '"':
			r.pos++
			var v string
			if json.Unmarshal([]byte(r.s[start-1:r.pos]), &v) != nil {
				return "", false
			}
			return v, true
		}
		r.pos++
	}
	return "", false
}

// integer reads a non-negative decimal integer, as Line is written.
func (r *flaggedReader) integer() (int, bool) {
	r.space()
	start := r.pos
	for r.pos < len(r.s) && r.s[r.pos] >= '0' && r.s[r.pos] <= '9' {
		r.pos++
	}
	if r.pos == start || (r.pos-start > 1 && r.s[start] == '0') {
		return 0, false
	}
	n, err := strconv.Atoi(r.s[start:r.pos])
	return n, err == nil
}

// failingMark is how a FAIL record starts in a flagged column as jsonText
// writes it: a check whose column lacks it has no failing resource and is
// not read at all. (A column of another form that has one anyway is still
// read right; one that lacks it only looks like a check without failure,
// and jsonText never writes one.)
const failingMark = `%"s":"FAIL"%`

// ListFailingChecks returns the failing checks of several workloads'
// evidence in one statement (the IDs go in as one JSON array).
func (t *tx) ListFailingChecks(ctx context.Context, lensARN string, workloadIDs []string) (map[string][]wat.Check, error) {
	out := map[string][]wat.Check{}
	if len(workloadIDs) == 0 {
		return out, nil
	}
	rows, err := t.query(ctx, `SELECT workload_id, choice_id, rule_id, pillar_id, question_id, title, severity, flagged
		FROM evidence_checks WHERE lens_arn = ? AND `+t.inJSON("workload_id")+` AND flagged LIKE ?
		ORDER BY workload_id, choice_id, rule_id`, lensARN, listText(workloadIDs), failingMark)
	if err != nil {
		return nil, fail("ListFailingChecks", lensARN, err, outcomes{})
	}
	defer rows.Close()
	for rows.Next() {
		var (
			workload, flagged string
			c                 wat.Check
		)
		if err := rows.Scan(&workload, &c.ChoiceID, &c.RuleID, &c.PillarID, &c.QuestionID, &c.Title, &c.Severity, &flagged); err != nil {
			return nil, fail("ListFailingChecks", lensARN, err, outcomes{})
		}
		if c.Flagged, err = failingFlagged(flagged); err != nil {
			return nil, fail("ListFailingChecks", lensARN, err, outcomes{})
		}
		if len(c.Flagged) > 0 {
			out[workload] = append(out[workload], c)
		}
	}
	if err := rows.Err(); err != nil {
		return nil, fail("ListFailingChecks", lensARN, err, outcomes{})
	}
	return out, nil
}
