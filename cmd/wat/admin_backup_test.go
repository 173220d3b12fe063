package main

import (
	"bytes"
	"compress/gzip"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/wat-dev/wat/internal/testserver"
)

// watDB is the database of a wat: the flags that name it, and the
// environment (the master key, when not in the data dir).
type watDB struct {
	dir  string
	args []string
	env  map[string]string
}

// newWatDB is a new, empty database of kind sqlite or postgres.
func newWatDB(t *testing.T, kind string, env map[string]string) *watDB {
	t.Helper()
	d := &watDB{dir: t.TempDir(), env: env}
	d.args = []string{"--data-dir", d.dir}
	if kind == "postgres" {
		d.args = append(d.args, "--database-url", testserver.PostgresDatabase(t))
	}
	return d
}

func (d *watDB) admin() *adminEnv { return &adminEnv{env: d.env, base: d.args} }

func (d *watDB) serve(t *testing.T) *runningWat {
	t.Helper()
	return MustRunMain(t, d.env, append([]string{"--listen", "127.0.0.1:0"}, d.args...)...)
}

// unfilled are the tables fillCompany leaves empty: the console's sessions
// and single sign-on links (no one signs in to the console), and those of
// the Agent and of Jira (no Jira to connect to here). fillCompany should
// fill them too once it can.
var unfilled = []string{"console_sessions", "oidc_identities", "agent_profiles", "agent_goals", "agent_contexts",
	"agent_generations", "agent_recommendations", "agent_feedback",
	"jira_connections", "jira_account_settings", "jira_workload_settings", "jira_selections", "jira_issues", "jira_sync_jobs"}

// TestBackupRoundTrip fills a wat through the API and `wat admin`, backs
// it up while it serves, restores the backup into a new database of each
// kind, serves that with the same master key, and reads everything again
// with the same credentials: every answer is the same. The key comes from
// a copy of master.key when the source is SQLite, from WAT_MASTER_KEY
// when it is PostgreSQL.
func TestBackupRoundTrip(t *testing.T) {
	for _, kinds := range [][2]string{{"sqlite", "sqlite"}, {"sqlite", "postgres"}, {"postgres", "sqlite"}} {
		t.Run(kinds[0]+"_to_"+kinds[1], func(t *testing.T) { testBackupRoundTrip(t, kinds[0], kinds[1]) })
	}
}

func testBackupRoundTrip(t *testing.T, from, to string) {
	var env map[string]string
	if from == "postgres" {
		env = map[string]string{"WAT_MASTER_KEY": strings.Repeat("5a", 32)}
	}
	src := newWatDB(t, from, env)
	w := src.serve(t)
	creds := readCredentials(t, src.dir)
	admin := principal{"admin", creds[0], creds[1]}
	who := fillCompany(t, w.Endpoint, src.admin(), admin)
	// Prune the log up to here, so that the record of a prune is carried
	// too; then change a little more.
	pruned := time.Now()
	time.Sleep(10 * time.Millisecond)
	createWorkloadSDK(t, sdkClient(w.Endpoint, admin.keyID, admin.secret), "After the prune")
	src.admin().do(t, new(map[string]any), "audit", "prune", "--before", pruned.Format(time.RFC3339Nano))
	before := readCompany(t, w.Endpoint, src.admin(), who)

	file := filepath.Join(t.TempDir(), "company.wat-backup.gz")
	var b backupResult
	src.admin().do(t, &b, "backup", "--to", file)
	if b.File != file || b.SourceDialect != from || b.SchemaVersion == 0 || b.Rows == 0 || len(b.SHA256) != 64 {
		t.Errorf("backup printed %+v", b)
	}
	// Every table holds rows made by the server, so that the round trip
	// covers it, but those of unfilled.
	for table, rows := range b.Tables {
		if rows == 0 && !slices.Contains(unfilled, table) {
			t.Errorf("the data fills no row of %s", table)
		}
	}

	dst := newWatDB(t, to, env)
	if env == nil {
		key, err := os.ReadFile(filepath.Join(src.dir, "master.key"))
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(dst.dir, "master.key"), key, 0o600); err != nil {
			t.Fatal(err)
		}
	}
	var r restoreResult
	dst.admin().do(t, &r, "restore", "--from", file)
	if r.SchemaVersion != b.SchemaVersion || r.MigratedTo != b.SchemaVersion || r.Rows != b.Rows || !r.MasterKeyChecked ||
		r.SourceDialect != from || !cmp.Equal(r.Tables, b.Tables) {
		t.Errorf("restore printed %+v\nafter the backup %+v", r, b)
	}
	after := readCompany(t, dst.serve(t).Endpoint, dst.admin(), who)
	if diff := cmp.Diff(before, after); diff != "" {
		t.Errorf("what the API and wat admin say after the restore (-before +after):\n%s", diff)
	}
	if len(before) < 300 {
		t.Errorf("the round trip compared only %d answers", len(before))
	}

	// What is stored is the same too, to the byte: the restored database's
	// backup has the same rows.
	again := filepath.Join(t.TempDir(), "again.gz")
	dst.admin().do(t, new(backupResult), "backup", "--to", again)
	if diff := cmp.Diff(backupBody(t, file), backupBody(t, again)); diff != "" {
		t.Errorf("rows of the restored database's backup (-first +again):\n%s", diff)
	}
}

// backupBody is the lines of a backup file after its header.
func backupBody(t *testing.T, path string) []string {
	t.Helper()
	lines := backupLines(t, path)
	return lines[1:]
}

// backupLines is the lines of a backup file, uncompressed.
func backupLines(t *testing.T, path string) []string {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	gz, err := gzip.NewReader(f)
	if err != nil {
		t.Fatal(err)
	}
	b, err := io.ReadAll(gz)
	if err != nil {
		t.Fatal(err)
	}
	return strings.Split(strings.TrimSuffix(string(b), "\n"), "\n")
}

// writeLines writes lines as a backup file at path.
func writeLines(t *testing.T, path string, lines []string) {
	t.Helper()
	var buf bytes.Buffer
	gz := gzip.NewWriter(&buf)
	io.WriteString(gz, strings.Join(lines, "\n")+"\n")
	gz.Close()
	if err := os.WriteFile(path, buf.Bytes(), 0o600); err != nil {
		t.Fatal(err)
	}
}

// TestRestoreRefusals: what restore says of a backup from a newer wat, a
// database that is not empty, a missing or wrong master key; and that a
// backup is never left half written.
func TestRestoreRefusals(t *testing.T) {
	dir, a := newDataDir(t)
	file := filepath.Join(t.TempDir(), "wat.gz")
	var b backupResult
	a.do(t, &b, "backup", "--to", file)
	if fi, err := os.Stat(file); err != nil || fi.Mode().Perm() != 0o600 {
		t.Errorf("the backup file: %v, %v; want mode 0600", fi, err)
	}
	a.fail(t, 2, []string{"--to is required"}, "backup")
	a.fail(t, 1, []string{"no such file or directory"}, "backup", "--to", filepath.Join(dir, "missing", "wat.gz"))
	if left, _ := filepath.Glob(filepath.Join(dir, "missing", "*")); len(left) > 0 {
		t.Errorf("a failed backup left %v", left)
	}

	a.fail(t, 1, []string{"wat admin restore: the database is not empty (table accounts has rows): restore only into a new, empty database"},
		"restore", "--from", file)

	fresh := t.TempDir()
	n := &adminEnv{base: []string{"--data-dir", fresh}}
	a.fail(t, 2, []string{"--from is required"}, "restore")
	n.fail(t, 1, []string{"restore needs the master key of the wat backed up: set WAT_MASTER_KEY, or copy its master.key into " + fresh},
		"restore", "--from", file)
	n.env = map[string]string{"WAT_MASTER_KEY": strings.Repeat("01", 32)}
	n.fail(t, 1, []string{"the master key does not open the secrets of this backup"}, "restore", "--from", file)
	if left, _ := filepath.Glob(filepath.Join(fresh, "wat.db*")); len(left) > 0 {
		t.Errorf("a failed restore left %v", left)
	}

	lines := backupLines(t, file)
	newer := slices.Clone(lines)
	newer[0] = strings.Replace(newer[0], `"schemaVersion":`, `"schemaVersion":9`, 1) // 13 becomes 913
	newerFile := filepath.Join(t.TempDir(), "newer.gz")
	writeLines(t, newerFile, newer)
	n.fail(t, 1, []string{"this backup was made by a newer wat (schema 9", "); this wat knows up to " + strconv.Itoa(b.SchemaVersion) + ": upgrade wat first"},
		"restore", "--from", newerFile)

	key, err := os.ReadFile(filepath.Join(dir, "master.key"))
	if err != nil {
		t.Fatal(err)
	}
	n.env = map[string]string{"WAT_MASTER_KEY": strings.TrimSpace(string(key))}
	var r restoreResult
	n.do(t, &r, "restore", "--from", file)
	if !r.MasterKeyChecked || r.Rows != b.Rows || r.Database != "SQLite "+filepath.Join(fresh, "wat.db") {
		t.Errorf("restore printed %+v", r)
	}
}
