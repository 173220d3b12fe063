package testserver_test

import (
	"context"
	"encoding/json"
	"fmt"
	"strings"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/wellarchitected"

	"github.com/wat-dev/wat/internal/testserver"
)

// bigLens returns a lens document at the format's limits: 10 pillars of 20
// questions of 15 choices (the last one "None of these"), with texts long
// enough to bring it close to 500 KB.
func bigLens(name string) string {
	type res struct {
		DisplayText string `json:"displayText"`
		URL         string `json:"url"`
	}
	type choice struct {
		ID              string `json:"id"`
		Title           string `json:"title"`
		Description     string `json:"description"`
		ImprovementPlan *res   `json:"improvementPlan,omitempty"`
	}
	type rule struct {
		Condition string `json:"condition"`
		Risk      string `json:"risk"`
	}
	type question struct {
		ID          string   `json:"id"`
		Title       string   `json:"title"`
		Description string   `json:"description"`
		Choices     []choice `json:"choices"`
		RiskRules   []rule   `json:"riskRules"`
	}
	type pillar struct {
		ID        string     `json:"id"`
		Name      string     `json:"name"`
		Questions []question `json:"questions"`
	}
	doc := struct {
		SchemaVersion string   `json:"schemaVersion"`
		Name          string   `json:"name"`
		Description   string   `json:"description"`
		Pillars       []pillar `json:"pillars"`
	}{SchemaVersion: "2021-11-01", Name: name, Description: "A lens at the limits of the format"}
	filler := strings.Repeat("Practice text. ", 5)
	for p := 0; p < 10; p++ {
		pl := pillar{ID: fmt.Sprintf("pillar_%02d", p), Name: fmt.Sprintf("Pillar %d", p)}
		for q := 0; q < 20; q++ {
			qid := fmt.Sprintf("p%02d_q%02d", p, q)
			qu := question{ID: qid, Title: "Question " + qid, Description: filler}
			for c := 0; c < 14; c++ {
				cid := fmt.Sprintf("%s_c%02d", qid, c)
				qu.Choices = append(qu.Choices, choice{ID: cid, Title: "Choice " + cid, Description: "Practice.",
					ImprovementPlan: &res{DisplayText: "Plan", URL: "https://e.com/p"}})
			}
			qu.Choices = append(qu.Choices, choice{ID: qid + "_no", Title: "None of these", Description: "Nothing applies."})
			qu.RiskRules = []rule{
				{Condition: qid + "_c00 && " + qid + "_c01 && " + qid + "_c02", Risk: "NO_RISK"},
				{Condition: qid + "_c00 || " + qid + "_c01", Risk: "MEDIUM_RISK"},
				{Condition: "default", Risk: "HIGH_RISK"},
			}
			pl.Questions = append(pl.Questions, qu)
		}
		doc.Pillars = append(doc.Pillars, pl)
	}
	b, err := json.Marshal(doc)
	if err != nil {
		panic(err)
	}
	return string(b)
}

// BenchmarkImportLens500KB imports a lens of ~500 KB through the signed
// HTTP API with the SDK client on SQLite: decode, validate, compile,
// normalise, store the draft, commit.
func BenchmarkImportLens500KB(b *testing.B) {
	srv := testserver.Start(b, testserver.Options{})
	ctx := context.Background()
	doc := bigLens("Big Lens")
	b.ReportMetric(float64(len(doc))/1000, "KB")
	arn := ""
	for i := 0; i < b.N; i++ {
		in := &wellarchitected.ImportLensInput{JSONString: aws.String(doc)}
		if arn != "" {
			in.LensAlias = aws.String(arn) // a new draft of the same lens
		}
		out, err := srv.Client.ImportLens(ctx, in)
		if err != nil {
			b.Fatal(err)
		}
		arn = aws.ToString(out.LensArn)
	}
}

// TestBigLensImportsPublishesExports: a lens at the limits of the format
// goes through the whole lifecycle.
func TestBigLensImportsPublishesExports(t *testing.T) {
	srv := testserver.Start(t, testserver.Options{})
	ctx := context.Background()
	doc := bigLens("Big Lens")
	if len(doc) < 400_000 || len(doc) > 500_000 {
		t.Fatalf("generated lens is %d bytes, want 400–500 KB", len(doc))
	}
	out, err := srv.Client.ImportLens(ctx, &wellarchitected.ImportLensInput{JSONString: aws.String(doc)})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := srv.Client.CreateLensVersion(ctx, &wellarchitected.CreateLensVersionInput{LensAlias: out.LensArn, LensVersion: aws.String("1.0")}); err != nil {
		t.Fatal(err)
	}
	exp, err := srv.Client.ExportLens(ctx, &wellarchitected.ExportLensInput{LensAlias: out.LensArn})
	if err != nil {
		t.Fatal(err)
	}
	var a, b any
	if err := json.Unmarshal([]byte(doc), &a); err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal([]byte(aws.ToString(exp.LensJSON)), &b); err != nil {
		t.Fatal(err)
	}
	if fmt.Sprint(a) != fmt.Sprint(b) {
		t.Errorf("the exported lens differs from the imported one")
	}
	w, err := srv.Client.CreateWorkload(ctx, &wellarchitected.CreateWorkloadInput{
		WorkloadName: aws.String("Big"), Description: aws.String("uses the big lens"), Environment: "PRODUCTION",
		AwsRegions: []string{"us-east-1"}, ReviewOwner: aws.String("ops"), Lenses: []string{aws.ToString(out.LensArn)},
	})
	if err != nil {
		t.Fatal(err)
	}
	r, err := srv.Client.GetLensReview(ctx, &wellarchitected.GetLensReviewInput{WorkloadId: w.WorkloadId, LensAlias: out.LensArn})
	if err != nil || r.LensReview.RiskCounts["UNANSWERED"] != 200 {
		t.Errorf("review of the big lens: %+v, %v", r, err)
	}
}
