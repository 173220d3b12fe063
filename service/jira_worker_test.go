package service

import (
	"fmt"
	"testing"
	"time"

	"github.com/wat-dev/wat/jira"
)

// TestJiraBackoff: 5 s doubling per failed try, at most an hour, and
// never sooner than the Retry-After Jira asked for.
func TestJiraBackoff(t *testing.T) {
	plain := fmt.Errorf("sync: %w", &jira.Error{Status: 503})
	for _, c := range []struct {
		attempts int
		err      error
		want     time.Duration
	}{
		{1, plain, 5 * time.Second},
		{2, plain, 10 * time.Second},
		{4, plain, 40 * time.Second},
		{12, plain, time.Hour},
		{60, plain, time.Hour},
		{1, &jira.Error{Status: 429, RetryAfter: 2 * time.Minute}, 2 * time.Minute},
		{3, &jira.Error{Status: 429, RetryAfter: time.Second}, 20 * time.Second},
		{1, &jira.Error{Status: 429, RetryAfter: 48 * time.Hour}, time.Hour},
	} {
		if got := jiraBackoff(c.attempts, c.err); got != c.want {
			t.Errorf("jiraBackoff(%d, %v) = %v, want %v", c.attempts, c.err, got, c.want)
		}
	}
}
