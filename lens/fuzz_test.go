package lens

import (
	"bytes"
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"testing"

	"github.com/wat-dev/wat"
)

// FuzzDocument feeds arbitrary bytes to Validate, and to ParseDocument and
// Compile: they never panic, agree with each other, place every problem
// and warning, and never accept a lens the independent checker in oracle_test.go finds
// invalid. An accepted lens normalizes to one that is accepted too, and
// answers every question consistently.
func FuzzDocument(f *testing.F) {
	f.Add([]byte(minimalJSON))
	f.Add(mustMarshal(f, testDoc()))
	files, _ := filepath.Glob("testdata/*/*.json")
	for _, file := range files {
		data, err := os.ReadFile(file)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(data)
	}
	f.Add([]byte(`{"pillars":[{"questions":[{"choices":[{"id":"a-b"}],"riskRules":[{"condition":"(a"}]}]}]}`))
	f.Add([]byte(`{"name":"\ud800\u00e9\\","pillars":[[],{},null,1,"x",true]}`))
	f.Add([]byte(`{}`))
	f.Add([]byte(`[`))
	f.Add([]byte("\xef\xbb\xbf" + minimalJSON))
	f.Add([]byte(`{"name":"L","pillars":[{"questions":[{"helpfulResource":{"displayText":"x","url":" https://a.b/c d "}}]}]}`))
	f.Fuzz(func(t *testing.T, data []byte) {
		l, doc, ps := Validate(data)
		pdoc, perr := ParseDocument(data)
		if (doc == nil) != (perr != nil) {
			t.Fatalf("Validate's document %v, ParseDocument's error %v", doc != nil, perr)
		}
		for _, p := range append(ps, Warnings(doc)...) {
			if p.Line < 1 || p.Col < 1 || p.Message == "" {
				t.Fatalf("problem or warning not placed: %+v", p)
			}
		}
		if perr != nil {
			if wat.ErrorCodeOf(perr) != wat.EInvalid || len(ps) != 1 {
				t.Fatalf("ParseDocument error %v; Validate %v", perr, ps)
			}
			return
		}
		_, err := Compile(pdoc)
		if (err == nil) != (len(ps) == 0) || (l == nil) != (len(ps) > 0) {
			t.Fatalf("Compile error %v, Validate %d problems", err, len(ps))
		}
		if err != nil {
			var we *wat.Error
			if !errors.As(err, &we) || we.Code != wat.EInvalid || len(we.Fields) != min(len(ps), MaxReportedProblems) {
				t.Fatalf("Compile error %#v is not EInvalid with the problems as fields", err)
			}
			return
		}
		if err := oracle(data); err != nil {
			t.Fatalf("accepted an invalid lens: %v", err)
		}
		norm, err := doc.Normalize()
		if err != nil {
			t.Fatal(err)
		}
		if _, ndoc, ps := Validate(norm); len(ps) > 0 {
			t.Fatalf("the normalized lens is invalid: %v", ps)
		} else if again, _ := ndoc.Normalize(); !bytes.Equal(norm, again) {
			t.Fatal("normalizing twice gives other bytes")
		}
		for _, q := range l.Questions() {
			all := make([]string, len(q.Choices))
			for i, c := range q.Choices {
				all[i] = c.ID
			}
			if got := q.Risk(nil, nil, true); got != wat.RiskUnanswered {
				t.Fatalf("%s: empty answer is %s", q.ID, got)
			}
			switch got := q.Risk(all, nil, true); got {
			case wat.RiskHigh, wat.RiskMedium, wat.RiskNone:
			default:
				t.Fatalf("%s: full answer is %s", q.ID, got)
			}
			if x := Explore(q); x.Total != 1<<len(q.Choices)-1 {
				t.Fatalf("%s: Explore total %d", q.ID, x.Total)
			}
		}
	})
}

// TestOracleRejects keeps the checker honest: it rejects each invalid test
// lens (the syntax ones aside) that Validate rejects.
func TestOracleRejects(t *testing.T) {
	files, _ := filepath.Glob("testdata/invalid/*.json")
	for _, file := range files {
		data, _ := os.ReadFile(file)
		if json.Valid(data) && oracle(data) == nil {
			t.Errorf("the oracle accepts %s", file)
		}
	}
	valid, _ := filepath.Glob("testdata/valid/*.json")
	for _, file := range valid {
		data, _ := os.ReadFile(file)
		if err := oracle(data); err != nil {
			t.Errorf("the oracle rejects %s: %v", file, err)
		}
	}
}
