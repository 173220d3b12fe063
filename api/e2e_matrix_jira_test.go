package api_test

import (
	"context"
	"testing"

	wa "github.com/aws/aws-sdk-go-v2/service/wellarchitected"

	"github.com/wat-dev/wat/api/wire"
	"github.com/wat-dev/wat/internal/watclient"
)

// jiraRows are the access matrix's rows of wat's own Jira operations: the
// sync status reads like the workload.
func jiraRows() []*matrixRow {
	return []*matrixRow{
		{op: "GetJiraSyncStatus", kind: opRead, call: func(ctx context.Context, c *wa.Client, tg *matrixTarget) (any, error) {
			return watclient.FromSDK(c).GetJiraSyncStatus(ctx, &wire.GetJiraSyncStatusInput{WorkloadId: &tg.id})
		}, effect: func(t *testing.T, _ *matrixEnv, _ *matrixCaller, tg *matrixTarget, out any) {
			o := out.(*wire.GetJiraSyncStatusOutput)
			if *o.WorkloadId != tg.id || o.Pending == nil || *o.Pending || o.LastSyncedTime != nil {
				t.Errorf("GetJiraSyncStatus of a workload never synced = %+v", o)
			}
		}},
	}
}
