package sqlstore

import (
	"context"
	"database/sql"
	"fmt"
	"slices"
	"strings"
)

// The neutral column types of a backup: what a value is, whichever
// database it came from or goes to.
const (
	typeText      = "text"      // JSON string; JSON columns are text too
	typeInteger   = "integer"   // JSON number, 64-bit
	typeBoolean   = "boolean"   // JSON true or false
	typeTimestamp = "timestamp" // JSON string in timeLayout, UTC
	typeBytes     = "bytes"     // JSON string, standard base64
)

// tableSpec is what a backup must know of a table beyond what the schema
// says: the columns whose neutral type SQLite's declared type cannot tell
// (booleans are INTEGER there, times TEXT), space-separated. PostgreSQL's
// schema says them, so a backup from it checks this list.
type tableSpec struct {
	name  string
	bools string
	times string
}

// backupTables are every table a backup carries, in the order a restore
// inserts them: each after the tables its foreign keys refer to. A table
// of the schema missing here makes every backup fail (a migration that
// adds a table must add it here, or backups would silently leave it out);
// schema_migrations is the only table left out, as the restore's own
// migrations write it.
var backupTables = []tableSpec{
	{name: "accounts", times: "created_at"},
	{name: "users", bools: "is_admin", times: "created_at"},
	{name: "access_keys", bools: "active", times: "created_at"},
	{name: "user_policies", bools: "managed", times: "created_at"},
	{name: "user_passwords", times: "updated_at"},
	{name: "console_sessions", times: "created_at expires_at"},
	{name: "oidc_identities", times: "created_at"},
	{name: "organizations", times: "created_at"},
	{name: "organizational_units", times: "created_at"},
	{name: "account_organizations"},
	{name: "account_settings", bools: "organization_sharing discovery_integration", times: "updated_at"},
	{name: "workloads", bools: "is_review_owner_update_acknowledged", times: "created_at updated_at"},
	{name: "lens_reviews", times: "updated_at"},
	{name: "answers", bools: "is_applicable", times: "updated_at"},
	{name: "milestones", times: "recorded_at"},
	{name: "evidence", times: "updated_at"},
	{name: "evidence_checks"},
	{name: "idempotency", times: "created_at"},
	{name: "shares", times: "created_at updated_at"},
	{name: "custom_lenses", bools: "has_draft deleted", times: "created_at updated_at"},
	{name: "lens_versions", bools: "is_major", times: "created_at"},
	{name: "profiles", bools: "deleted", times: "created_at updated_at"},
	{name: "profile_versions", times: "created_at"},
	{name: "review_templates", times: "created_at updated_at"},
	{name: "template_lens_reviews", times: "updated_at"},
	{name: "template_answers", bools: "is_applicable", times: "updated_at"},
	{name: "audit_events", times: "event_time"},
	{name: "audit_prunes", times: "pruned_at before_time"},
	{name: "agent_profiles", bools: "deletion_protection", times: "created_at updated_at"},
	{name: "agent_goals", times: "created_at updated_at"},
	{name: "agent_contexts", times: "created_at updated_at"},
	{name: "agent_generations", times: "estimated_completion started_at ended_at lease_until created_at updated_at"},
	{name: "agent_recommendations", times: "created_at updated_at"},
	{name: "agent_feedback", times: "created_at"},
	// jira_connections.token is sealed with the master key, as
	// access_keys.secret is, and carried as it is stored.
	{name: "jira_connections", times: "created_at"},
	{name: "jira_account_settings", times: "updated_at"},
	{name: "jira_workload_settings", times: "updated_at"},
	{name: "jira_selections"},
	{name: "jira_issues", bools: "done", times: "synced_at"},
	{name: "jira_sync_jobs", bools: "push", times: "not_before lease_until last_synced_at last_error_at waiting_since"},
	// webhook_subscriptions' secrets are sealed with the master key and
	// carried as stored.
	{name: "webhook_subscriptions", times: "previous_secret_expires created_at updated_at"},
	{name: "webhook_deliveries", times: "next_attempt_at lease_until last_attempt created_at delivered_at"},
}

// tableSchema is a table as the database describes it.
type tableSchema struct {
	name    string
	columns []columnSchema
	key     []string // the primary key's columns, in order
}

// columnSchema is a column as the database describes it.
type columnSchema struct {
	name     string
	dbType   string // the declared type, lowercased
	nullable bool
	identity bool // PostgreSQL's GENERATED ALWAYS AS IDENTITY
}

// readSchema lists the tables of the database but schema_migrations, by
// name, as the transaction sees them.
func readSchema(ctx context.Context, tx *sql.Tx, dialect string) (map[string]*tableSchema, error) {
	if dialect == "postgres" {
		return readPostgresSchema(ctx, tx)
	}
	rows, err := tx.QueryContext(ctx, `SELECT m.name, p.name, lower(p.type), p."notnull", p.pk
		FROM sqlite_schema m, pragma_table_info(m.name) p
		WHERE m.type = 'table' AND m.name NOT LIKE 'sqlite\_%' ESCAPE '\' AND m.name <> 'schema_migrations'
		ORDER BY m.name, p.cid`)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	schema := map[string]*tableSchema{}
	keys := map[string]map[int]string{}
	for rows.Next() {
		var table string
		var c columnSchema
		var notNull, pk int
		if err := rows.Scan(&table, &c.name, &c.dbType, &notNull, &pk); err != nil {
			return nil, err
		}
		// An INTEGER PRIMARY KEY is the rowid, never NULL, though not
		// declared NOT NULL.
		c.nullable = notNull == 0 && pk == 0
		t := schemaTable(schema, table)
		t.columns = append(t.columns, c)
		if pk > 0 {
			if keys[table] == nil {
				keys[table] = map[int]string{}
			}
			keys[table][pk] = c.name
		}
	}
	for name, k := range keys {
		for i := 1; i <= len(k); i++ {
			schema[name].key = append(schema[name].key, k[i])
		}
	}
	return schema, rows.Err()
}

func readPostgresSchema(ctx context.Context, tx *sql.Tx) (map[string]*tableSchema, error) {
	rows, err := tx.QueryContext(ctx, `SELECT c.table_name, c.column_name, c.data_type, c.is_nullable = 'YES', c.is_identity = 'YES'
		FROM information_schema.columns c
		JOIN information_schema.tables t ON t.table_schema = c.table_schema AND t.table_name = c.table_name
		WHERE c.table_schema = current_schema() AND t.table_type = 'BASE TABLE' AND c.table_name <> 'schema_migrations'
		ORDER BY c.table_name, c.ordinal_position`)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	schema := map[string]*tableSchema{}
	for rows.Next() {
		var table string
		var c columnSchema
		if err := rows.Scan(&table, &c.name, &c.dbType, &c.nullable, &c.identity); err != nil {
			return nil, err
		}
		t := schemaTable(schema, table)
		t.columns = append(t.columns, c)
	}
	if err := rows.Err(); err != nil {
		return nil, err
	}
	keys, err := tx.QueryContext(ctx, `SELECT cl.relname, a.attname
		FROM pg_index i
		JOIN pg_class cl ON cl.oid = i.indrelid
		JOIN pg_namespace n ON n.oid = cl.relnamespace
		JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = ANY(i.indkey)
		WHERE i.indisprimary AND n.nspname = current_schema()
		ORDER BY cl.relname, array_position(i.indkey::int2[], a.attnum)`)
	if err != nil {
		return nil, err
	}
	defer keys.Close()
	for keys.Next() {
		var table, column string
		if err := keys.Scan(&table, &column); err != nil {
			return nil, err
		}
		if t := schema[table]; t != nil {
			t.key = append(t.key, column)
		}
	}
	return schema, keys.Err()
}

func schemaTable(schema map[string]*tableSchema, name string) *tableSchema {
	t := schema[name]
	if t == nil {
		t = &tableSchema{name: name}
		schema[name] = t
	}
	return t
}

// backupLayout returns the tables a backup of schema holds, in
// backupTables' order, with their columns' neutral types. It fails on a
// table or a column it cannot carry faithfully.
func backupLayout(schema map[string]*tableSchema, dialect string) ([]BackupTable, error) {
	known := map[string]bool{}
	var out []BackupTable
	for _, spec := range backupTables {
		known[spec.name] = true
		t := schema[spec.name]
		if t == nil {
			return nil, fmt.Errorf("the database has no table %s: is it older than this wat?", spec.name)
		}
		bt := BackupTable{Name: t.name}
		bools, times := strings.Fields(spec.bools), strings.Fields(spec.times)
		for _, c := range t.columns {
			typ, err := neutralType(dialect, c, slices.Contains(bools, c.name), slices.Contains(times, c.name))
			if err != nil {
				return nil, fmt.Errorf("table %s, column %s: %w", t.name, c.name, err)
			}
			bt.Columns = append(bt.Columns, BackupColumn{Name: c.name, Type: typ, Nullable: c.nullable})
		}
		for _, name := range append(bools, times...) {
			if !slices.ContainsFunc(t.columns, func(c columnSchema) bool { return c.name == name }) {
				return nil, fmt.Errorf("table %s has no column %s, which the backup expects", t.name, name)
			}
		}
		out = append(out, bt)
	}
	for name := range schema {
		if !known[name] {
			return nil, fmt.Errorf("the database has a table this wat cannot back up (%s): is it newer than this wat? "+
				"(a new table must be added to sqlstore's backupTables)", name)
		}
	}
	return out, nil
}

// neutralType is the backup type of a column: what its declared type says,
// with SQLite's booleans and times as backupTables names them.
func neutralType(dialect string, c columnSchema, isBool, isTime bool) (string, error) {
	typ := ""
	switch c.dbType {
	case "text":
		typ = typeText
		if isTime && dialect == "sqlite" {
			typ = typeTimestamp
		}
	case "integer", "bigint", "smallint":
		typ = typeInteger
		if isBool && dialect == "sqlite" {
			typ = typeBoolean
		}
	case "boolean":
		typ = typeBoolean
	case "timestamp with time zone":
		typ = typeTimestamp
	case "blob", "bytea":
		typ = typeBytes
	default:
		return "", fmt.Errorf("the backup cannot carry type %q", c.dbType)
	}
	if isBool != (typ == typeBoolean) || isTime != (typ == typeTimestamp) {
		return "", fmt.Errorf("declared %s, which does not agree with sqlstore's backupTables", c.dbType)
	}
	return typ, nil
}
