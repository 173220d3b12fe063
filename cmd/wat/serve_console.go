package main

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"os"
	"time"

	"github.com/wat-dev/wat/internal/metrics"
	"github.com/wat-dev/wat/service"
)

// consolePasswordLine is how the credentials file keeps the admin's
// console password: a comment, which AWS tools reading the file skip.
func consolePasswordLine(accountID, userName, password string) string {
	return fmt.Sprintf("# console sign-in: account %s, user %s, password %s\n", accountID, userName, password)
}

// appendConsolePassword adds the admin's new console password to the
// credentials file (creating it if it is gone), which stays mode 0600.
func appendConsolePassword(path string, a *service.AdminPassword) error {
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_APPEND|os.O_CREATE, 0o600)
	if err != nil {
		return err
	}
	if err := f.Chmod(0o600); err != nil {
		f.Close()
		return err
	}
	if _, err := io.WriteString(f, consolePasswordLine(a.AccountID, a.UserName, a.Password)); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}

// printConsole tells the operator where the console is and how to sign in:
// with the password just generated (shown this once), or with the one in
// the credentials file.
func printConsole(w io.Writer, url string, built bool, credFile string, creds *service.AccountCredentials, admin *service.AdminPassword) {
	if built {
		fmt.Fprintf(w, "  console:     %s\n", url)
	} else {
		fmt.Fprintf(w, "  console:     %s  (not built into this binary: make build, with Node.js and npm, builds it)\n", url)
	}
	password := admin.Password
	if creds != nil {
		password = creds.ConsolePassword
	}
	if password != "" {
		fmt.Fprintf(w, "  sign in:     account %s, user %s, password %s  (shown once; also in %s)\n",
			admin.AccountID, admin.UserName, password, credFile)
		return
	}
	fmt.Fprintf(w, "  sign in:     account %s, user %s, with the password in %s\n", admin.AccountID, admin.UserName, credFile)
	fmt.Fprintf(w, "               (to set a new one: wat admin set-password --account %s --user %s --generate)\n",
		admin.AccountID, admin.UserName)
}

// purgeSessions deletes expired console sessions every interval until ctx
// ends. Every replica runs it; the delete is idempotent. Expired sessions
// are refused whether or not it has run: it only keeps the table small.
// Each run is reported to job.
func purgeSessions(ctx context.Context, svc *service.Service, log *slog.Logger, interval time.Duration, job *metrics.Job) {
	t := time.NewTicker(interval)
	defer t.Stop()
	for {
		n, err := svc.PurgeExpiredSessions(ctx)
		if ctx.Err() == nil {
			job.Ran(n, err)
		}
		if err != nil && ctx.Err() == nil {
			log.Error("purging expired console sessions", "err", err)
		} else if n > 0 {
			log.Debug("purged expired console sessions", "count", n)
		}
		select {
		case <-ctx.Done():
			return
		case <-t.C:
		}
	}
}
