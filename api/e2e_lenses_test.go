package api_test

import (
	"context"
	"strings"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/wellarchitected"
	"github.com/aws/aws-sdk-go-v2/service/wellarchitected/types"
	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"

	"github.com/wat-dev/wat/internal/testserver"
)

// TestLenses checks the built-in framework lens in ListLenses and GetLens.
func TestLenses(t *testing.T) {
	t.Parallel()
	srv := startSQLite(t)
	ctx := context.Background()
	c := srv.Client

	aliases := func(t *testing.T, in *wellarchitected.ListLensesInput) []string {
		t.Helper()
		out, err := c.ListLenses(ctx, in)
		if err != nil {
			t.Fatalf("ListLenses: %v", err)
		}
		var got []string
		for _, l := range out.LensSummaries {
			got = append(got, aws.ToString(l.LensAlias))
		}
		return got
	}

	out, err := c.ListLenses(ctx, &wellarchitected.ListLensesInput{})
	if err != nil {
		t.Fatal(err)
	}
	var fw *types.LensSummary
	for i, l := range out.LensSummaries {
		if aws.ToString(l.LensAlias) == lensAlias {
			fw = &out.LensSummaries[i]
		}
	}
	if fw == nil {
		t.Fatalf("ListLenses does not list %q: %+v", lensAlias, out.LensSummaries)
	}
	got := struct {
		Alias, ARN, Name, Version string
		Type                      types.LensType
	}{
		aws.ToString(fw.LensAlias), aws.ToString(fw.LensArn), aws.ToString(fw.LensName), aws.ToString(fw.LensVersion), fw.LensType,
	}
	want := struct {
		Alias, ARN, Name, Version string
		Type                      types.LensType
	}{
		lensAlias, lensARN, "AWS Well-Architected Framework", "2026-05", types.LensTypeAwsOfficial,
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("framework lens in ListLenses (-want +got):\n%s", diff)
	}

	filters := []struct {
		name string
		in   wellarchitected.ListLensesInput
		want bool // whether the framework lens is listed
	}{
		{"type AWS_OFFICIAL", wellarchitected.ListLensesInput{LensType: types.LensTypeAwsOfficial}, true},
		{"type CUSTOM_SELF", wellarchitected.ListLensesInput{LensType: types.LensTypeCustomSelf}, false},
		{"type CUSTOM_SHARED", wellarchitected.ListLensesInput{LensType: types.LensTypeCustomShared}, false},
		{"name substring in other case", wellarchitected.ListLensesInput{LensName: aws.String("well-architected")}, true},
		{"other name", wellarchitected.ListLensesInput{LensName: aws.String("Serverless")}, false},
		{"status PUBLISHED", wellarchitected.ListLensesInput{LensStatus: types.LensStatusTypePublished}, true},
		{"status DRAFT", wellarchitected.ListLensesInput{LensStatus: types.LensStatusTypeDraft}, false},
	}
	for _, f := range filters {
		in := f.in
		var want []string
		if f.want {
			want = []string{lensAlias}
		}
		if diff := cmp.Diff(want, aliases(t, &in), cmpopts.EquateEmpty()); diff != "" {
			t.Errorf("ListLenses(%s) aliases (-want +got):\n%s", f.name, diff)
		}
	}

	for _, alias := range []string{lensAlias, lensARN} {
		l, err := c.GetLens(ctx, &wellarchitected.GetLensInput{LensAlias: aws.String(alias)})
		if err != nil {
			t.Errorf("GetLens(%s): %v", alias, err)
			continue
		}
		got := []string{aws.ToString(l.Lens.LensArn), aws.ToString(l.Lens.LensVersion), aws.ToString(l.Lens.Name)}
		if diff := cmp.Diff([]string{lensARN, "2026-05", "AWS Well-Architected Framework"}, got); diff != "" {
			t.Errorf("GetLens(%s) ARN, version, name (-want +got):\n%s", alias, diff)
		}
	}
	if _, err := c.GetLens(ctx, &wellarchitected.GetLensInput{LensAlias: aws.String(lensAlias), LensVersion: aws.String("2026-05")}); err != nil {
		t.Errorf("GetLens at its version: %v", err)
	}
	for _, in := range []*wellarchitected.GetLensInput{
		{LensAlias: aws.String("serverless")},
		{LensAlias: aws.String("arn:aws:wellarchitected::aws:lens/serverless")},
		{LensAlias: aws.String(lensAlias), LensVersion: aws.String("2020-01")},
	} {
		_, err := c.GetLens(ctx, in)
		wantNotFound(t, err)
	}
}

// TestAssociateLenses: unknown lenses cannot be applied and the framework
// lens cannot be removed.
func TestAssociateLenses(t *testing.T) {
	t.Parallel()
	forEachBackend(t, func(t *testing.T, srv *testserver.Server) {
		ctx := context.Background()
		c := srv.Client
		in := workloadInput("Lens Associations")
		in.Lenses = []string{lensARN}
		id := createWorkload(t, c, in)

		_, err := c.AssociateLenses(ctx, &wellarchitected.AssociateLensesInput{WorkloadId: aws.String(id), LensAliases: []string{"no-such-lens"}})
		wantValidation(t, err, "LensAliases")
		for _, alias := range []string{lensAlias, lensARN} {
			_, err = c.DisassociateLenses(ctx, &wellarchitected.DisassociateLensesInput{WorkloadId: aws.String(id), LensAliases: []string{alias}})
			wantValidation(t, err, "LensAliases")
		}
		// Applying the framework lens again changes nothing.
		if _, err := c.AssociateLenses(ctx, &wellarchitected.AssociateLensesInput{WorkloadId: aws.String(id), LensAliases: []string{lensAlias}}); err != nil {
			t.Errorf("AssociateLenses(%s) again: %v", lensAlias, err)
		}
		w, err := c.GetWorkload(ctx, &wellarchitected.GetWorkloadInput{WorkloadId: aws.String(id)})
		if err != nil {
			t.Fatal(err)
		}
		if diff := cmp.Diff([]string{lensAlias}, w.Workload.Lenses); diff != "" {
			t.Errorf("lenses after the rejected changes (-want +got):\n%s", diff)
		}
		_, err = c.AssociateLenses(ctx, &wellarchitected.AssociateLensesInput{WorkloadId: aws.String(strings.Repeat("a", 32)), LensAliases: []string{lensAlias}})
		wantNotFound(t, err)
	})
}

// TestListNotifications: with a single version of the framework lens there
// is nothing to upgrade.
func TestListNotifications(t *testing.T) {
	t.Parallel()
	forEachBackend(t, func(t *testing.T, srv *testserver.Server) {
		ctx := context.Background()
		c := srv.Client
		id := createWorkload(t, c, workloadInput("Notified"))
		for name, in := range map[string]*wellarchitected.ListNotificationsInput{
			"account":  {},
			"workload": {WorkloadId: aws.String(id)},
		} {
			out, err := c.ListNotifications(ctx, in)
			if err != nil {
				t.Errorf("ListNotifications(%s): %v", name, err)
				continue
			}
			if len(out.NotificationSummaries) != 0 || out.NextToken != nil {
				t.Errorf("ListNotifications(%s) = %+v, want none", name, out.NotificationSummaries)
			}
		}
		// ResourceArn names a review template (the model's pattern says so).
		template := "arn:aws:wellarchitected:us-east-1:" + srv.Admin.AccountID + ":review-template/" + strings.Repeat("c", 32)
		_, err := c.ListNotifications(ctx, &wellarchitected.ListNotificationsInput{WorkloadId: aws.String(id), ResourceArn: aws.String(template)})
		wantValidation(t, err, "ResourceArn")
		// ListNotifications does not model ResourceNotFoundException, so
		// the SDK only knows the error by its code.
		_, err = c.ListNotifications(ctx, &wellarchitected.ListNotificationsInput{WorkloadId: aws.String(strings.Repeat("b", 32))})
		wantAPIError(t, err, "ResourceNotFoundException", 404)
	})
}
