package api_test

import (
	"context"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"

	"github.com/wat-dev/wat/api/wire"
	"github.com/wat-dev/wat/internal/watclient"
	"github.com/wat-dev/wat/service"
)

// TestWatOperationsAuthorisedAsTheModelSays: each of wat's own operations
// is authorised as the IAM action its model names (aws.iam#actionName in
// spec/wat.json, else the operation's name; wire.Operation.IAMAction): a
// user allowed everything but that action is denied, the denial naming
// it, and a user allowed that action alone is not — but for installing
// from the lens catalog, which is importing and publishing: it needs
// CreateLensVersion too (service/catalog_install.go).
func TestWatOperationsAuthorisedAsTheModelSays(t *testing.T) {
	t.Parallel()
	srv := startSQLite(t)
	ctx := context.Background()
	w := createWorkload(t, srv.Client, workloadInput("Actions of wat"))
	putEvidence(t, srv.Client, matrixEvidence(w))
	lens := aws.String(lensAlias)
	pinned := pinnedReview(t, srv.Client, w)
	calls := map[string]func(c *watclient.Client) error{
		"PutWorkloadEvidence": func(c *watclient.Client) error {
			_, err := c.PutWorkloadEvidence(ctx, matrixEvidence(w))
			return err
		},
		"GetJiraSyncStatus": func(c *watclient.Client) error {
			_, err := c.GetJiraSyncStatus(ctx, &wire.GetJiraSyncStatusInput{WorkloadId: &w})
			return err
		},
		"GetSuggestedAnswers": func(c *watclient.Client) error {
			_, err := c.GetSuggestedAnswers(ctx, &wire.GetSuggestedAnswersInput{WorkloadId: &w, LensAlias: lens})
			return err
		},
		"ApplySuggestedAnswers": func(c *watclient.Client) error {
			_, err := c.ApplySuggestedAnswers(ctx, &wire.ApplySuggestedAnswersInput{WorkloadId: &w, LensAlias: lens})
			return err
		},
		"GetLensReviewExport": func(c *watclient.Client) error {
			_, err := c.GetLensReviewExport(ctx, &wire.GetLensReviewExportInput{WorkloadId: &w, LensAlias: lens, Format: wire.ExportFormatCsv})
			return err
		},
		"ListLensCatalog": func(c *watclient.Client) error {
			_, err := c.ListLensCatalog(ctx, &wire.ListLensCatalogInput{})
			return err
		},
		"GetLensCatalogEntry": func(c *watclient.Client) error {
			_, err := c.GetLensCatalogEntry(ctx, &wire.GetLensCatalogEntryInput{EntryId: aws.String(catalogEntry)})
			return err
		},
		"InstallLensCatalogEntry": func(c *watclient.Client) error {
			_, err := c.InstallLensCatalogEntry(ctx, &wire.InstallLensCatalogEntryInput{EntryId: aws.String(catalogEntry)})
			return err
		},
		"ImportMilestone": func(c *watclient.Client) error {
			_, err := c.ImportMilestone(ctx, matrixImportedMilestone(w)) // the same milestone again is no error
			return err
		},
		"PinLensReviewVersion": func(c *watclient.Client) error {
			_, err := c.PinLensReviewVersion(ctx, &wire.PinLensReviewVersionInput{WorkloadId: &w, LensAlias: &pinned, LensVersion: aws.String("1")}) // where it is
			return err
		},
	}
	hook, hookARN, delivery := actionsWebhook(t, srv)
	for name, call := range webhookActionCalls(ctx, srv, hook, delivery) {
		calls[name] = call
	}
	// What a denial names, when not the workload: the catalog is no
	// resource of an account's, and a lens to install has an ARN only
	// once made (wantDenied matches the prefix).
	resources := map[string]string{"ListLensCatalog": "*", "GetLensCatalogEntry": "*",
		"InstallLensCatalogEntry": "arn:aws:wellarchitected:us-east-1:" + srv.Admin.AccountID + ":lens/"}
	for _, name := range []string{"GetWebhookSubscription", "UpdateWebhookSubscription", "RotateWebhookSecret", "ListWebhookDeliveries", "RedeliverWebhook"} {
		resources[name] = hookARN
	}
	for _, name := range []string{"CreateWebhookSubscription", "ListWebhookSubscriptions", "DeleteWebhookSubscription"} {
		// Delete acts on a subscription made for each call: its ARN's prefix.
		resources[name] = "arn:aws:wellarchitected:us-east-1:" + srv.Admin.AccountID + ":webhook-subscription/"
	}
	also := map[string]string{"InstallLensCatalogEntry": `","wellarchitected:CreateLensVersion`}
	if len(calls) != len(wire.WatOperations) {
		t.Errorf("%d calls for the %d operations of wat's model", len(calls), len(wire.WatOperations))
	}
	resource := "arn:aws:wellarchitected:us-east-1:" + srv.Admin.AccountID + ":workload/" + w
	for _, op := range wire.WatOperations {
		call := calls[op.Name]
		if call == nil {
			t.Errorf("no call of %s", op.Name)
			continue
		}
		action := "wellarchitected:" + op.IAMAction()
		denied, deniedARN := newUser(t, srv, "denied-"+op.Name, &service.PolicyInput{Name: "all-but", Document: []byte(`{"Version":"2012-10-17",
		  "Statement":[{"Effect":"Allow","Action":"wellarchitected:*","Resource":"*"},{"Effect":"Deny","Action":"` + action + `","Resource":"*"}]}`)})
		res := resource
		if r, ok := resources[op.Name]; ok {
			res = r
		}
		wantDenied(t, call(watclient.FromSDK(denied)), deniedARN, op.IAMAction(), res)
		allowed, _ := newUser(t, srv, "allowed-"+op.Name, &service.PolicyInput{Name: "only", Document: []byte(`{"Version":"2012-10-17",
		  "Statement":[{"Effect":"Allow","Action":["` + action + also[op.Name] + `"],"Resource":"*"}]}`)})
		if err := call(watclient.FromSDK(allowed)); err != nil {
			t.Errorf("%s allowed %s alone: %v", op.Name, action, err)
		}
	}
}
