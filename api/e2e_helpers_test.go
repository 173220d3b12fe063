package api_test

// Helpers shared by the end-to-end tests: every test starts a real server
// with internal/testserver and drives it with the official AWS SDK client,
// on SQLite always and on PostgreSQL when WAT_TEST_DATABASE_URL is set.

import (
	"context"
	"errors"
	"go/token"
	"strings"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	awshttp "github.com/aws/aws-sdk-go-v2/aws/transport/http"
	"github.com/aws/aws-sdk-go-v2/service/wellarchitected"
	"github.com/aws/aws-sdk-go-v2/service/wellarchitected/types"
	"github.com/aws/smithy-go"
	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"

	"github.com/wat-dev/wat/internal/testserver"
)

const (
	lensAlias = "wellarchitected"
	lensARN   = "arn:aws:wellarchitected::aws:lens/wellarchitected"
	// frameworkCSV holds the framework's facts; expected risks are derived
	// from it here, independently of the lens package.
	frameworkCSV = "../lens/framework/wa-framework.csv"
)

// forEachBackend runs fn as parallel subtests against a fresh server on
// SQLite and, when WAT_TEST_DATABASE_URL is set, on a fresh PostgreSQL
// database. In CI a missing PostgreSQL is a failure, not a skip.
func forEachBackend(t *testing.T, fn func(t *testing.T, srv *testserver.Server)) {
	t.Helper()
	t.Run("sqlite", func(t *testing.T) {
		t.Parallel()
		fn(t, testserver.Start(t, testserver.Options{}))
	})
	t.Run("postgres", func(t *testing.T) {
		t.Parallel()
		fn(t, testserver.Start(t, testserver.Options{DatabaseURL: testserver.PostgresDatabase(t)}))
	})
}

// startSQLite starts a server on SQLite, for scenarios whose subject is not
// storage (wire format, routing, authentication).
func startSQLite(t *testing.T) *testserver.Server {
	t.Helper()
	return testserver.Start(t, testserver.Options{})
}

// workloadInput returns a minimal valid CreateWorkload input.
func workloadInput(name string) *wellarchitected.CreateWorkloadInput {
	return &wellarchitected.CreateWorkloadInput{
		WorkloadName: aws.String(name),
		Description:  aws.String("A workload under review"),
		Environment:  types.WorkloadEnvironmentPreproduction,
		AwsRegions:   []string{"us-east-1"},
		ReviewOwner:  aws.String("owner@example.com"),
		Lenses:       []string{lensAlias},
	}
}

// createWorkload creates a workload and returns its id.
func createWorkload(t *testing.T, c *wellarchitected.Client, in *wellarchitected.CreateWorkloadInput) string {
	t.Helper()
	out, err := c.CreateWorkload(context.Background(), in)
	if err != nil {
		t.Fatalf("CreateWorkload(%q): %v", aws.ToString(in.WorkloadName), err)
	}
	return aws.ToString(out.WorkloadId)
}

// httpStatus returns the HTTP status of an SDK error, or 0.
func httpStatus(err error) int {
	var re *awshttp.ResponseError
	if errors.As(err, &re) {
		return re.HTTPStatusCode()
	}
	return 0
}

// wantAPIError fails unless err is an API error with the given code and HTTP status.
func wantAPIError(t *testing.T, err error, code string, status int) {
	t.Helper()
	if err == nil {
		t.Errorf("got success, want %s (%d)", code, status)
		return
	}
	var ae smithy.APIError
	if !errors.As(err, &ae) {
		t.Errorf("got %v, want API error %s (%d)", err, code, status)
		return
	}
	if ae.ErrorCode() != code || httpStatus(err) != status {
		t.Errorf("got %s (%d): %v; want %s (%d)", ae.ErrorCode(), httpStatus(err), err, code, status)
	}
}

// wantValidation fails unless err is a 400 ValidationException one of
// whose Fields names field (exactly, or an element or member of it:
// "AwsRegions" matches "AwsRegions[0]", "Tags" matches "Tags.aws:x").
func wantValidation(t *testing.T, err error, field string) {
	t.Helper()
	var ve *types.ValidationException
	if !errors.As(err, &ve) {
		t.Errorf("got %v, want ValidationException naming %s", err, field)
		return
	}
	if s := httpStatus(err); s != 400 {
		t.Errorf("ValidationException with HTTP status %d, want 400", s)
	}
	var names []string
	for _, f := range ve.Fields {
		n := aws.ToString(f.Name)
		if n == field || strings.HasPrefix(n, field+"[") || strings.HasPrefix(n, field+".") {
			return
		}
		names = append(names, n)
	}
	t.Errorf("ValidationException names fields %q, want %s (message: %s)", names, field, ve.ErrorMessage())
}

// wantNotFound fails unless err is a 404 ResourceNotFoundException.
func wantNotFound(t *testing.T, err error) {
	t.Helper()
	var e *types.ResourceNotFoundException
	if !errors.As(err, &e) {
		t.Errorf("got %v, want ResourceNotFoundException", err)
		return
	}
	if s := httpStatus(err); s != 404 {
		t.Errorf("ResourceNotFoundException with HTTP status %d, want 404", s)
	}
	if e.Message == nil || e.ResourceId == nil || e.ResourceType == nil {
		t.Errorf("ResourceNotFoundException lacks members the model requires: %+v", *e)
	}
}

// wantConflict fails unless err is a 409 ConflictException.
func wantConflict(t *testing.T, err error) {
	t.Helper()
	var e *types.ConflictException
	if !errors.As(err, &e) {
		t.Errorf("got %v, want ConflictException", err)
		return
	}
	if s := httpStatus(err); s != 409 {
		t.Errorf("ConflictException with HTTP status %d, want 409", s)
	}
	if e.Message == nil || e.ResourceId == nil || e.ResourceType == nil {
		t.Errorf("ConflictException lacks members the model requires: %+v", *e)
	}
}

// wantQuota fails unless err is a 402 ServiceQuotaExceededException.
func wantQuota(t *testing.T, err error) {
	t.Helper()
	var e *types.ServiceQuotaExceededException
	if !errors.As(err, &e) {
		t.Errorf("got %v, want ServiceQuotaExceededException", err)
		return
	}
	if s := httpStatus(err); s != 402 {
		t.Errorf("ServiceQuotaExceededException with HTTP status %d, want 402", s)
	}
	if e.Message == nil || e.QuotaCode == nil || e.ServiceCode == nil {
		t.Errorf("ServiceQuotaExceededException lacks members the model requires: %+v", *e)
	}
}

// riskCounts returns a full RiskCounts map with the given non-zero counts.
func riskCounts(nonZero map[types.Risk]int32) map[string]int32 {
	out := map[string]int32{}
	for _, r := range types.Risk("").Values() {
		out[string(r)] = nonZero[r]
	}
	return out
}

// sdkOpts make cmp compare SDK shapes by their exported members, treating
// nil and empty slices and maps alike (JSON cannot tell them apart).
var sdkOpts = cmp.Options{
	cmp.FilterPath(func(p cmp.Path) bool {
		sf, ok := p.Last().(cmp.StructField)
		return ok && !token.IsExported(sf.Name())
	}, cmp.Ignore()),
	cmpopts.EquateEmpty(),
}
