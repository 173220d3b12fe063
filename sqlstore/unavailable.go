package sqlstore

import (
	"context"
	"database/sql"
	"database/sql/driver"
	"errors"
	"fmt"
	"io"
	"net"
	"strings"

	"github.com/jackc/pgx/v5/pgconn"
	"github.com/wat-dev/wat"
	"modernc.org/sqlite"
	sqlite3 "modernc.org/sqlite/lib"
)

// errClosed is what a transaction on a closed DB fails with.
var errClosed = errors.New("sqlstore: the database is closed")

// unavailable returns err marked as the domain's EUnavailable when it says
// the database cannot be reached (see isUnavailable), err unchanged
// otherwise. The mark comes first, so that the API answers 503 with a
// generic message; the driver's error stays in the chain for the log.
func unavailable(err error) error {
	if err == nil || !isUnavailable(err) {
		return err
	}
	return fmt.Errorf("%w: %w", &wat.Error{Code: wat.EUnavailable, Message: "The service is temporarily unavailable. Try again later."}, err)
}

// isUnavailable reports whether err means the database cannot be used at
// the moment, through no fault of the request: a retry later may succeed.
// Errors that a retry would repeat (constraint violations, a corrupt file,
// SQL the server refuses) are not among them, nor a caller that gave up.
func isUnavailable(err error) bool {
	if errors.Is(err, context.Canceled) || errors.Is(err, context.DeadlineExceeded) {
		return false
	}
	if errors.Is(err, errClosed) || errors.Is(err, sql.ErrConnDone) || errors.Is(err, driver.ErrBadConn) {
		return true
	}
	var se *sqlite.Error
	if errors.As(err, &se) {
		switch se.Code() & 0xff {
		case sqlite3.SQLITE_BUSY, sqlite3.SQLITE_LOCKED: // held beyond the busy timeout and every retry
			return true
		case sqlite3.SQLITE_CANTOPEN, sqlite3.SQLITE_IOERR, sqlite3.SQLITE_FULL:
			return true
		}
		// The file was deleted or renamed under the open database.
		return se.Code() == sqlite3.SQLITE_READONLY_DBMOVED
	}
	var ce *pgconn.ConnectError
	if errors.As(err, &ce) { // no connection: refused, unknown host, database dropped, password changed
		return true
	}
	var pe *pgconn.PgError
	if errors.As(err, &pe) {
		// Class 08, connection exception; 53, insufficient resources (disk
		// full, too many connections); 57P01-57P03, the server shutting
		// down, crashed, or starting.
		return strings.HasPrefix(pe.Code, "08") || strings.HasPrefix(pe.Code, "53") ||
			pe.Code == "57P01" || pe.Code == "57P02" || pe.Code == "57P03"
	}
	// A connection lost midway: pgx says "conn closed", the network an
	// *net.OpError or an unexpected end of the stream.
	var ne net.Error
	return errors.Is(err, pgconn.ErrConnClosed) || errors.As(err, &ne) || errors.Is(err, io.ErrUnexpectedEOF)
}
