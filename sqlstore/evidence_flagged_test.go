package sqlstore

import (
	"context"
	"encoding/json"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/wat-dev/wat"
)

// slowFailing is what failingFlagged must agree with: encoding/json, then
// the FAIL records.
func slowFailing(text string) ([]wat.FlaggedResource, error) {
	var frs []flaggedRecord
	if err := json.Unmarshal([]byte(text), &frs); err != nil {
		return nil, err
	}
	var out []wat.FlaggedResource
	for _, r := range frs {
		if r.Status == wat.FindingFail {
			out = append(out, wat.FlaggedResource{Status: r.Status, Name: r.Name, Type: r.Type, File: r.File, Line: r.Line, Reason: r.Reason})
		}
	}
	return out, nil
}

var flaggedSeeds = []string{
	`[]`,
	`[{"s":"FAIL","n":"Logs","t":"AWS::S3::Bucket","f":"app/stack.yaml","l":12}]`,
	`[{"s":"UNKNOWN","n":"aws_s3_bucket.ünï","t":"aws_s3_bucket","f":"plan.json","r":"status: Ref to parameter V"},{"s":"FAIL","n":"x","f":"a"}]`,
	`[{"s":"FAIL","n":"\u003cdb\u003e \"quoted\" \\ back","f":"dir/\u0026.json","l":3}]`,
	` [ { "s" : "FAIL" , "n" : "spaced" , "f" : "f" , "l" : 7 } ] `,
	`[{"S":"FAIL","n":"case folded key","f":"f"}]`,
	`[{"s":"FAIL","n":null,"f":"f"}]`,
	`[{"s":"FAIL","n":"a","f":"f","l":1.0}]`,
	`[{"s":"FAIL","n":"a","f":"f","extra":true}]`,
	`[{"s":"FAIL","n":"bad utf-8 ` + "\xff" + `","f":"f"}]`,
	`[{"s":"FAIL","n":"a","f":"f","l":012}]`,
	`[{"s":"FAIL"}`,
	`null`,
	`[{}]`,
}

// TestFailingFlagged: the fast reader returns what encoding/json reads,
// for the columns jsonText writes and for those it never writes (which go
// through encoding/json).
func TestFailingFlagged(t *testing.T) {
	written := jsonText([]flaggedRecord{
		{Status: wat.FindingFail, Name: "Bucket <&>", Type: "AWS::S3::Bucket", File: "ü/t.yaml", Line: 40},
		{Status: wat.FindingUnknown, Name: "u", File: "t.yaml", Reason: "a \"reason\"\nwith a new line"},
		{Status: wat.FindingFail, Name: "second", File: "t.yaml"},
	})
	for _, text := range append([]string{written}, flaggedSeeds...) {
		want, wantErr := slowFailing(text)
		got, err := failingFlagged(text)
		if (err != nil) != (wantErr != nil) {
			t.Errorf("failingFlagged(%q) error = %v, encoding/json's %v", text, err, wantErr)
			continue
		}
		if diff := cmp.Diff(want, got); diff != "" {
			t.Errorf("failingFlagged(%q) (-encoding/json +fast):\n%s", text, diff)
		}
	}
	// The column jsonText writes is read without falling back.
	if got, err := readFlagged(written); err != nil || len(got) != 2 || got[0].Name != "Bucket <&>" || got[0].Line != 40 {
		t.Errorf("readFlagged(%s) = %+v, %v; want its two FAIL records without falling back", written, got, err)
	}
}

// FuzzFailingFlagged compares the fast reader with encoding/json on any
// input.
func FuzzFailingFlagged(f *testing.F) {
	for _, s := range flaggedSeeds {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, text string) {
		want, wantErr := slowFailing(text)
		got, err := failingFlagged(text)
		if (err != nil) != (wantErr != nil) {
			t.Fatalf("failingFlagged(%q) error = %v, encoding/json's %v", text, err, wantErr)
		}
		if diff := cmp.Diff(want, got); diff != "" {
			t.Fatalf("failingFlagged(%q) (-encoding/json +fast):\n%s", text, diff)
		}
	})
}

// TestListFailingChecks reads the failing checks of several workloads at
// once on every backend: only checks some resource fails, each with only
// its FAIL resources, by workload, then choice and rule.
func TestListFailingChecks(t *testing.T) {
	for _, b := range backends {
		t.Run(b.name, func(t *testing.T) {
			if b.require != nil {
				b.require(t)
			}
			db := b.fresh(t)
			newAccount(t, db, "111111111111")
			w1, w2, w3 := workloadID(1), workloadID(2), workloadID(3)
			for _, w := range []string{w1, w2, w3} {
				insertWorkload(t, db, fullWorkload("111111111111", w, "scanned "+w))
				putReview(t, db, w, lensWA, 0)
			}
			e1, e2 := newEvidence(w1, 0), newEvidence(w2, 0)
			e2.Checks[0].Flagged = e2.Checks[0].Flagged[1:] // only the UNKNOWN one: no failure
			e2.Checks[1].Flagged = []wat.FlaggedResource{{Status: wat.FindingFail, Name: "db", Type: "AWS::RDS::DBInstance", File: "db.yaml", Line: 3}}
			update(t, db, func(ctx context.Context, tx wat.Tx) error {
				if err := tx.PutEvidence(ctx, e1); err != nil {
					return err
				}
				return tx.PutEvidence(ctx, e2)
			})
			var got map[string][]wat.Check
			err := view(db, func(ctx context.Context, tx wat.Tx) (err error) {
				got, err = tx.ListFailingChecks(ctx, lensWA, []string{w1, w2, w3})
				return err
			})
			if err != nil {
				t.Fatal(err)
			}
			lean := func(c wat.Check) wat.Check {
				c.Description, c.Passed = "", 0
				c.Flagged = c.Flagged[:1]
				return c
			}
			want := map[string][]wat.Check{w1: {lean(e1.Checks[0])}, w2: {lean(e2.Checks[1])}}
			if diff := cmp.Diff(want, got); diff != "" {
				t.Errorf("ListFailingChecks (-want +got):\n%s", diff)
			}
			err = view(db, func(ctx context.Context, tx wat.Tx) (err error) {
				got, err = tx.ListFailingChecks(ctx, "arn:aws:wellarchitected::aws:lens/other", []string{w1, w2})
				return err
			})
			if err != nil || len(got) != 0 {
				t.Errorf("ListFailingChecks of another lens = %v, %v; want none", got, err)
			}
		})
	}
}
