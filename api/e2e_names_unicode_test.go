package api_test

import (
	"context"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/wellarchitected"

	"github.com/wat-dev/wat/internal/testserver"
)

// TestWorkloadNameUnicode: names that look the same are the same name
// (Unicode normalisation, fullwidth forms, invisible characters); a name
// of invisible characters is no name; other scripts are names like any,
// and a name is kept as typed.
func TestWorkloadNameUnicode(t *testing.T) {
	t.Parallel()
	forEachBackend(t, func(t *testing.T, srv *testserver.Server) {
		ctx, c := context.Background(), srv.Client
		for _, tc := range []struct{ first, second string }{
			{"Café", "Cafe\u0301"},               // NFC, then NFD
			{"Cafe\u0301 Bar", "Café Bar"},       // NFD, then NFC
			{"ＡＢＣ", "ABC"},                       // fullwidth, then ASCII
			{"d\u200bef", "def"},                 // a zero-width space inside
			{"Orders", "\ufeffOrders\u2060"},     // byte-order mark, word joiner
			{"Straße Nord", "STRASSE NORD"},      // case folding
			{"Billing", "Bill\u00ading"},         // soft hyphen
			{"Ｐａｙ\u00a0ments", "pay\u200dments"}, // fullwidth, no-break space, zero-width joiner
		} {
			id := createWorkload(t, c, workloadInput(tc.first))
			_, err := c.CreateWorkload(ctx, workloadInput(tc.second))
			if err == nil {
				t.Errorf("%+q was created beside %+q", tc.second, tc.first)
			}
			wantConflict(t, err)
			other := createWorkload(t, c, workloadInput("Other "+tc.first))
			_, err = c.UpdateWorkload(ctx, &wellarchitected.UpdateWorkloadInput{WorkloadId: aws.String(other), WorkloadName: aws.String(tc.second)})
			wantConflict(t, err)
			// The name is kept as it was typed.
			got, err := c.GetWorkload(ctx, &wellarchitected.GetWorkloadInput{WorkloadId: aws.String(id)})
			if err != nil {
				t.Fatal(err)
			}
			if n := aws.ToString(got.Workload.WorkloadName); n != tc.first {
				t.Errorf("GetWorkload names %+q, want %+q as created", n, tc.first)
			}
		}

		// Invisible characters do not count towards the three a name needs.
		for _, name := range []string{"\u200b\u200b\u200b", "\ufeff\u200c\u200d", "a\u200b\u200bb", "\u3164\u3164\u3164", " \u2060 \u2060 "} {
			_, err := c.CreateWorkload(ctx, workloadInput(name))
			wantValidation(t, err, "WorkloadName")
		}
		id := createWorkload(t, c, workloadInput("Visible name"))
		_, err := c.UpdateWorkload(ctx, &wellarchitected.UpdateWorkloadInput{WorkloadId: aws.String(id), WorkloadName: aws.String("\u200b\u200b\u200b")})
		wantValidation(t, err, "WorkloadName")

		// Other scripts and accents: distinct names, each kept as typed.
		for _, name := range []string{"東京本社", "京都支社", "Ürün Kataloğu", "Urun Katalogu", "Résumé", "Resume", "데이터 플랫폼", "Αποθήκη", "Cafe"} {
			id := createWorkload(t, c, workloadInput(name))
			got, err := c.GetWorkload(ctx, &wellarchitected.GetWorkloadInput{WorkloadId: aws.String(id)})
			if err != nil {
				t.Fatal(err)
			}
			if n := aws.ToString(got.Workload.WorkloadName); n != name {
				t.Errorf("GetWorkload names %+q, want %+q", n, name)
			}
		}
	})
}

// TestOtherNamesUnicode: milestones and profiles, unique by name too, go
// by the same rule as workloads.
func TestOtherNamesUnicode(t *testing.T) {
	t.Parallel()
	forEachBackend(t, func(t *testing.T, srv *testserver.Server) {
		ctx, c := context.Background(), srv.Client
		id := createWorkload(t, c, workloadInput("Milestones"))
		if _, err := c.CreateMilestone(ctx, &wellarchitected.CreateMilestoneInput{WorkloadId: &id, MilestoneName: aws.String("Révision 1")}); err != nil {
			t.Fatal(err)
		}
		_, err := c.CreateMilestone(ctx, &wellarchitected.CreateMilestoneInput{WorkloadId: &id, MilestoneName: aws.String("Re\u0301vision\u200b １")})
		wantConflict(t, err)
		_, err = c.CreateMilestone(ctx, &wellarchitected.CreateMilestoneInput{WorkloadId: &id, MilestoneName: aws.String("\u200b\u200b\u200b")})
		wantValidation(t, err, "MilestoneName")

		sel := readTemplate(t).baseAnswers()
		createProfile(t, c, "Café Profile", sel)
		_, err = c.CreateProfile(ctx, &wellarchitected.CreateProfileInput{
			ProfileName: aws.String("CAFE\u0301\u200bPROFILE"), ProfileDescription: aws.String("Business context"),
			ProfileQuestions: questionUpdates(sel), ClientRequestToken: aws.String("second"),
		})
		wantConflict(t, err)
		_, err = c.CreateProfile(ctx, &wellarchitected.CreateProfileInput{
			ProfileName: aws.String("\ufeff\ufeff\ufeff"), ProfileDescription: aws.String("Business context"),
			ProfileQuestions: questionUpdates(sel), ClientRequestToken: aws.String("third"),
		})
		wantValidation(t, err, "ProfileName")
	})
}
