package api_test

// The matrix rows of the lens catalog's operations (api/catalog.go), wat's
// own, called through internal/watclient with each column's credentials.
// The catalog is the server's, not an account's: every authenticated
// caller may read it and install from it into its own account (opAccount),
// and only a policy that denies the action refuses it.

import (
	"context"
	"strings"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	wa "github.com/aws/aws-sdk-go-v2/service/wellarchitected"
	"github.com/aws/aws-sdk-go-v2/service/wellarchitected/types"

	"github.com/wat-dev/wat/api/wire"
	"github.com/wat-dev/wat/internal/testserver"
	"github.com/wat-dev/wat/internal/watclient"
)

// catalogRows are the rows of the lens catalog. The install's effect
// deletes the lens again: the owner's columns share a quota of 15 lenses.
func catalogRows() []*matrixRow {
	entry := aws.String(catalogEntry)
	return []*matrixRow{
		{op: "ListLensCatalog", kind: opAccount, action: "ListLenses", resource: anyResource, call: func(ctx context.Context, c *wa.Client, _ *matrixTarget) (any, error) {
			return watclient.FromSDK(c).ListLensCatalog(ctx, &wire.ListLensCatalogInput{Search: aws.String("iceberg")})
		}, effect: func(t *testing.T, _ *matrixEnv, _ *matrixCaller, _ *matrixTarget, out any) {
			es := out.(*wire.ListLensCatalogOutput).LensCatalogEntries
			if len(es) != 1 || aws.ToString(es[0].EntryId) != catalogEntry || es[0].InstallStatus != wire.CatalogInstallStatusNotInstalled {
				t.Errorf("ListLensCatalog = %+v, want %s alone, not installed", es, catalogEntry)
			}
		}},
		{op: "GetLensCatalogEntry", kind: opAccount, action: "GetLens", resource: anyResource, call: func(ctx context.Context, c *wa.Client, _ *matrixTarget) (any, error) {
			return watclient.FromSDK(c).GetLensCatalogEntry(ctx, &wire.GetLensCatalogEntryInput{EntryId: entry})
		}, effect: func(t *testing.T, _ *matrixEnv, _ *matrixCaller, _ *matrixTarget, out any) {
			if o := out.(*wire.GetLensCatalogEntryOutput); aws.ToString(o.EntryId) != catalogEntry || len(o.Questions) == 0 {
				t.Errorf("GetLensCatalogEntry = %+v, want %s with its questions", o, catalogEntry)
			}
		}},
		{op: "InstallLensCatalogEntry", kind: opAccount, write: true, action: "ImportLens", resource: func(e *matrixEnv, _ *matrixTarget) string {
			return "arn:aws:wellarchitected:" + testserver.Region + ":" + e.account + ":lens/" // of a lens the caller cannot know
		}, call: func(ctx context.Context, c *wa.Client, _ *matrixTarget) (any, error) {
			return watclient.FromSDK(c).InstallLensCatalogEntry(ctx, &wire.InstallLensCatalogEntryInput{EntryId: entry})
		}, effect: func(t *testing.T, e *matrixEnv, c *matrixCaller, _ *matrixTarget, out any) {
			ctx := context.Background()
			o := out.(*wire.InstallLensCatalogEntryOutput)
			arn, acct := aws.ToString(o.LensArn), accountOf(c.user)
			if prefix := "arn:aws:wellarchitected:" + testserver.Region + ":" + acct + ":lens/"; !strings.HasPrefix(arn, prefix) || o.Status != wire.CatalogInstallResultInstalled {
				t.Errorf("InstallLensCatalogEntry = %+v, want a new lens of the caller's account (%s…)", o, prefix)
			}
			if acct != e.account {
				_, err := e.owner.GetLens(ctx, &wa.GetLensInput{LensAlias: &arn})
				wantNotFound(t, err)
			}
			if _, err := c.client.DeleteLens(ctx, &wa.DeleteLensInput{LensAlias: &arn, LensStatus: types.LensStatusTypeAll}); err != nil {
				t.Errorf("the installer deletes its new lens: %v", err)
			}
		}},
	}
}
