package main

import (
	"context"
	"encoding/json"
	"fmt"
	"strings"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	wa "github.com/aws/aws-sdk-go-v2/service/wellarchitected"
	"github.com/aws/aws-sdk-go-v2/service/wellarchitected/types"
)

// workloadState is every read of the one workload whose name starts with
// prefix: the workload, its live lens reviews and answers, its milestones
// and each milestone's reviews and answers, with the ids and ARNs that
// differ between two servers replaced by names, as accountState does for
// a whole account.
func workloadState(t *testing.T, c *wa.Client, account, prefix string) any {
	t.Helper()
	ctx := context.Background()
	s := map[string]any{}
	read := func(key string, err error, v func() any) {
		t.Helper()
		if err != nil {
			t.Fatalf("%s: %v", key, err)
		}
		s[key] = v()
	}
	ws, err := c.ListWorkloads(ctx, &wa.ListWorkloadsInput{WorkloadNamePrefix: &prefix})
	if err != nil || len(ws.WorkloadSummaries) != 1 {
		t.Fatalf("ListWorkloads(%q) = %+v, %v; want one", prefix, ws, err)
	}
	id := ws.WorkloadSummaries[0].WorkloadId
	got, err := c.GetWorkload(ctx, &wa.GetWorkloadInput{WorkloadId: id})
	read("GetWorkload", err, func() any { return got.Workload })
	names := []string{aws.ToString(id), "WORKLOAD", aws.ToString(got.Workload.WorkloadArn), "WORKLOADARN", account, "ACCOUNT"}
	lenses, err := c.ListLenses(ctx, &wa.ListLensesInput{LensType: types.LensTypeCustomSelf, LensStatus: types.LensStatusTypeAll})
	if err != nil {
		t.Fatal(err)
	}
	for _, l := range lenses.LensSummaries {
		names = append(names, aws.ToString(l.LensArn), "LENS("+aws.ToString(l.LensName)+")")
	}
	profiles, err := c.ListProfiles(ctx, &wa.ListProfilesInput{})
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range profiles.ProfileSummaries {
		names = append(names, aws.ToString(p.ProfileArn), "PROFILE("+aws.ToString(p.ProfileName)+")")
	}
	ms, err := c.ListMilestones(ctx, &wa.ListMilestonesInput{WorkloadId: id})
	read("ListMilestones", err, func() any { return ms.MilestoneSummaries })
	readImportedReviews(t, c, aws.ToString(id), nil, "live", read)
	for _, m := range ms.MilestoneSummaries {
		readImportedReviews(t, c, aws.ToString(id), m.MilestoneNumber, fmt.Sprintf("milestone %d", aws.ToInt32(m.MilestoneNumber)), read)
	}
	b, err := json.Marshal(s)
	if err != nil {
		t.Fatal(err)
	}
	var out any
	if err := json.Unmarshal([]byte(strings.NewReplacer(names...).Replace(string(b))), &out); err != nil {
		t.Fatal(err)
	}
	return out
}
