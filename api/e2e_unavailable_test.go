package api_test

import (
	"context"
	"database/sql"
	"net/http"
	"net/url"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/wellarchitected"

	"github.com/wat-dev/wat/api"
	"github.com/wat-dev/wat/internal/testserver"
)

// unavailableMessage is all a client is told when the database is down.
const unavailableMessage = "The service is temporarily unavailable. Try again later."

// wantUnavailable fails the test unless res is a 503
// ServiceUnavailableException with the generic message.
func wantUnavailable(t *testing.T, what string, res rawResponse) {
	t.Helper()
	if res.Status != http.StatusServiceUnavailable || res.ErrorType != "ServiceUnavailableException" || !strings.Contains(res.Body, unavailableMessage) {
		t.Errorf("%s: %d %s %s, want 503 ServiceUnavailableException", what, res.Status, res.ErrorType, res.Body)
	}
}

// TestClosedStoreAnswers503: once the store is closed, reads and writes
// are answered 503, which the SDKs retry, not 500.
func TestClosedStoreAnswers503(t *testing.T) {
	forEachBackend(t, func(t *testing.T, srv *testserver.Server) {
		id := createWorkload(t, srv.Client, workloadInput(testserver.RandomName("closed")))
		srv.Store.Close()
		wantUnavailable(t, "GetWorkload", rawCall(t, srv, http.MethodGet, "/workloads/"+id, "", true))
		wantUnavailable(t, "CreateWorkload", rawCall(t, srv, http.MethodPost, "/workloads",
			`{"WorkloadName":"another","Description":"A workload","Environment":"PRODUCTION","AwsRegions":["us-east-1"],"ReviewOwner":"owner","Lenses":["wellarchitected"],"ClientRequestToken":"tok"}`, true))
	})
}

// TestPostgresDownAnswers503: while PostgreSQL refuses the server's
// connections, calls are answered 503 with the cause logged; when it takes
// them again, so does the server, without a restart. Connections ended
// under the server are never a 500.
func TestPostgresDownAnswers503(t *testing.T) {
	dbURL := testserver.PostgresDatabase(t)
	srv, logs := startAPIServer(t, dbURL, func(*api.Server) {})
	u, err := url.Parse(dbURL)
	if err != nil {
		t.Fatal(err)
	}
	name := strings.TrimPrefix(u.Path, "/")
	admin, err := sql.Open("pgx", os.Getenv("WAT_TEST_DATABASE_URL"))
	if err != nil {
		t.Fatal(err)
	}
	defer admin.Close()
	ctx := context.Background()
	exec := func(q string, args ...any) {
		t.Helper()
		if _, err := admin.ExecContext(ctx, q, args...); err != nil {
			t.Fatalf("%s: %v", q, err)
		}
	}
	terminate := func() {
		exec(`SELECT pg_terminate_backend(pid, 10000) FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid()`, name)
	}
	id := createWorkload(t, srv.Client, workloadInput("pg down"))
	get := func() rawResponse { return rawCall(t, srv, http.MethodGet, "/workloads/"+id, "", true) }

	// Connections killed under the pool: the calls run on new ones.
	terminate()
	for i := range 5 {
		res := get()
		if res.Status != http.StatusOK {
			t.Errorf("call %d after the connections were ended: %d %s %s", i, res.Status, res.ErrorType, res.Body)
		}
	}

	exec(`ALTER DATABASE ` + name + ` ALLOW_CONNECTIONS false`)
	// A connection that was starting when the database stopped taking new
	// ones shows up in pg_stat_activity only once it is up: end backends
	// until none is left twice in a row.
	deadline := time.Now().Add(10 * time.Second)
	for quiet := 0; quiet < 2; {
		terminate()
		var left int
		if err := admin.QueryRowContext(ctx, `SELECT count(*) FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid()`, name).Scan(&left); err != nil {
			t.Fatal(err)
		}
		if left == 0 {
			quiet++
		} else {
			quiet = 0
		}
		if time.Now().After(deadline) {
			t.Fatalf("%d backends of %s still up after 10 s", left, name)
		}
		time.Sleep(50 * time.Millisecond)
	}
	for i := range 3 {
		res := get()
		wantUnavailable(t, "GetWorkload while PostgreSQL refuses connections", res)
		if i == 0 && !strings.Contains(logs.String(), "request_id="+res.RequestID) {
			t.Errorf("the cause is not logged with the request id %s:\n%s", res.RequestID, logs.String())
		}
	}
	_, err = srv.Client.DeleteWorkload(ctx, &wellarchitected.DeleteWorkloadInput{WorkloadId: aws.String(id), ClientRequestToken: aws.String("t")})
	wantAPIError(t, err, "ServiceUnavailableException", http.StatusServiceUnavailable)

	exec(`ALTER DATABASE ` + name + ` ALLOW_CONNECTIONS true`)
	if res := get(); res.Status != http.StatusOK {
		t.Errorf("GetWorkload once PostgreSQL is back: %d %s %s", res.Status, res.ErrorType, res.Body)
	}
}
