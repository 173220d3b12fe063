package sqlstore

import (
	"context"
	"database/sql"
	"database/sql/driver"
	"errors"
	"fmt"

	"github.com/jackc/pgx/v5/pgconn"
	"github.com/wat-dev/wat"
	"modernc.org/sqlite"
	sqlite3 "modernc.org/sqlite/lib"
)

// errKind is what the store makes of a driver error.
type errKind int

const (
	kindOther      errKind = iota
	kindUnique             // a UNIQUE or PRIMARY KEY constraint was broken
	kindForeignKey         // the row refers to a parent that does not exist
	kindRetry              // a transient conflict: run the transaction again
)

// PostgreSQL error codes (SQLSTATE) the store reacts to.
const (
	pgUniqueViolation      = "23505"
	pgForeignKeyViolation  = "23503"
	pgSerializationFailure = "40001"
	pgDeadlockDetected     = "40P01"
)

// classify reads a driver error of either database. It is the only place
// that knows their error types and codes.
func classify(err error) errKind {
	var se *sqlite.Error
	if errors.As(err, &se) {
		switch se.Code() {
		case sqlite3.SQLITE_CONSTRAINT_UNIQUE, sqlite3.SQLITE_CONSTRAINT_PRIMARYKEY:
			return kindUnique
		case sqlite3.SQLITE_CONSTRAINT_FOREIGNKEY:
			return kindForeignKey
		}
		switch se.Code() & 0xff { // the primary code of an extended one
		case sqlite3.SQLITE_BUSY, sqlite3.SQLITE_LOCKED:
			return kindRetry
		}
		return kindOther
	}
	var pe *pgconn.PgError
	if errors.As(err, &pe) {
		switch pe.Code {
		case pgUniqueViolation:
			return kindUnique
		case pgForeignKeyViolation:
			return kindForeignKey
		case pgSerializationFailure, pgDeadlockDetected:
			return kindRetry
		}
	}
	return kindOther
}

// outcomes are the domain errors a statement's expected failures become;
// nil ones are not expected of it.
type outcomes struct {
	missing  *wat.Error // no row (sql.ErrNoRows)
	conflict *wat.Error // a uniqueness rule broken
	parent   *wat.Error // the parent row (foreign key) does not exist
}

// fail translates err for the operation op on key: the expected failures
// become the domain errors of o, anything else stays as it is, so that
// Update can still see a transient conflict. Every error is prefixed with
// "sqlstore: op(key)".
func fail(op, key string, err error, o outcomes) error {
	var domain *wat.Error
	switch {
	case errors.Is(err, sql.ErrNoRows):
		domain = o.missing
	case classify(err) == kindUnique:
		domain = o.conflict
	case classify(err) == kindForeignKey:
		domain = o.parent
	}
	if domain != nil {
		err = domain
	}
	return fmt.Errorf("sqlstore: %s(%s): %w", op, key, err)
}

// The domain errors of missing rows, one per resource type.

func workloadNotFound(id string) *wat.Error {
	return wat.NotFound("WORKLOAD", id, "No workload with ID %s", id)
}

func accountNotFound(id string) *wat.Error {
	return wat.NotFound("ACCOUNT", id, "No account with ID %s", id)
}

func lensReviewNotFound(workloadID, lensARN string) *wat.Error {
	return wat.NotFound("LENS_REVIEW", lensARN, "No review of lens %s in workload %s", lensARN, workloadID)
}

// commitError is a failure of the commit itself. When the connection was
// lost then, the commit may have been applied before, so the transaction is
// not run again for it (it could apply twice).
type commitError struct{ err error }

func (e *commitError) Error() string { return "sqlstore: commit: " + e.err.Error() }
func (e *commitError) Unwrap() error { return e.err }

// pgAdminShutdown and pgCrashShutdown are the codes of a PostgreSQL server
// ending a connection: an administrator's pg_terminate_backend or a
// shutdown, and the restart after a crash.
const (
	pgAdminShutdown = "57P01"
	pgCrashShutdown = "57P02"
)

// lostConnection reports whether err is the loss of the connection a
// transaction ran on, before its commit: the server ended it, or the
// driver found it broken or never sent the request. The transaction had no
// effect, and another connection may well succeed.
func lostConnection(err error) bool {
	var ce *commitError
	if err == nil || errors.As(err, &ce) {
		return false
	}
	if errors.Is(err, context.Canceled) || errors.Is(err, context.DeadlineExceeded) {
		return false
	}
	if errors.Is(err, driver.ErrBadConn) || pgconn.SafeToRetry(err) {
		return true
	}
	var pe *pgconn.PgError
	if errors.As(err, &pe) {
		return pe.Code == pgAdminShutdown || pe.Code == pgCrashShutdown
	}
	return false
}
