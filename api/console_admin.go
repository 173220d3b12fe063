package api

import (
	"errors"
	"net/http"
	"strconv"
	"time"

	"github.com/wat-dev/wat"
	"github.com/wat-dev/wat/service"
)

// The console's settings page: its account's users and audit log, for the
// account's admin only (the use cases refuse anyone else).

// defaultAuditPage is the page size of the console's audit log when the
// request names none.
const defaultAuditPage = 50

type consoleUsersBody struct {
	Users []consoleUserBody `json:"users"`
}

type consoleUserBody struct {
	UserName    string                 `json:"userName"`
	UserARN     string                 `json:"userArn"`
	IsAdmin     bool                   `json:"isAdmin"`
	CreatedAt   string                 `json:"createdAt"`
	HasPassword bool                   `json:"hasPassword"`
	AccessKeys  []consoleAccessKeyBody `json:"accessKeys"`
}

type consoleAccessKeyBody struct {
	AccessKeyID string `json:"accessKeyId"`
	Active      bool   `json:"active"`
	CreatedAt   string `json:"createdAt"`
}

// listConsoleUsers answers GET /console/api/users.
func (s *Server) listConsoleUsers(w http.ResponseWriter, r *http.Request, reqID string) {
	ctx, ok := s.consoleCaller(w, r, reqID)
	if !ok {
		return
	}
	us, err := s.svc.AccountUsers(ctx)
	if err != nil {
		s.consoleFailure(w, reqID, err)
		return
	}
	out := consoleUsersBody{Users: make([]consoleUserBody, 0, len(us))}
	for _, u := range us {
		b := consoleUserBody{UserName: u.User.Name, UserARN: u.User.ARN, IsAdmin: u.User.IsAdmin,
			CreatedAt: rfc3339(u.User.CreatedAt), HasPassword: u.HasPassword, AccessKeys: []consoleAccessKeyBody{}}
		for _, k := range u.AccessKeys {
			b.AccessKeys = append(b.AccessKeys, consoleAccessKeyBody{AccessKeyID: k.ID, Active: k.Active, CreatedAt: rfc3339(k.CreatedAt)})
		}
		out.Users = append(out.Users, b)
	}
	writeConsoleJSON(w, http.StatusOK, out)
}

type consoleAuditBody struct {
	Events    []CloudTrailEvent `json:"events"`
	NextToken string            `json:"nextToken,omitempty"`
}

// listConsoleAudit answers GET /console/api/audit?maxResults=N&nextToken=T:
// the account's events, newest first; nextToken continues with older ones.
func (s *Server) listConsoleAudit(w http.ResponseWriter, r *http.Request, reqID string) {
	ctx, ok := s.consoleCaller(w, r, reqID)
	if !ok {
		return
	}
	q := r.URL.Query()
	limit := defaultAuditPage
	if v := q.Get("maxResults"); v != "" {
		n, err := strconv.Atoi(v)
		if err != nil {
			consoleError(w, http.StatusBadRequest, "maxResults must be a whole number.")
			return
		}
		limit = n
	}
	var before int64
	if v := q.Get("nextToken"); v != "" {
		n, err := strconv.ParseInt(v, 10, 64)
		if err != nil || n <= 0 {
			consoleError(w, http.StatusBadRequest, "nextToken is not a token this endpoint returned.")
			return
		}
		before = n
	}
	s.AuditBarrier() // the records of calls already answered are read too
	es, err := s.svc.AccountAuditEvents(ctx, before, limit)
	if err != nil {
		s.consoleFailure(w, reqID, err)
		return
	}
	out := consoleAuditBody{Events: make([]CloudTrailEvent, 0, len(es))}
	for _, e := range es {
		out.Events = append(out.Events, CloudTrailRecord(e, s.svc.Region()))
	}
	if len(es) == limit {
		out.NextToken = strconv.FormatInt(es[len(es)-1].ID, 10)
	}
	writeConsoleJSON(w, http.StatusOK, out)
}

// auditSignIn records a sign-in attempt as CloudTrail records console
// sign-ins: ConsoleLogin, with Success or Failure in the response
// elements. The user is named only when it exists (what was typed as a
// user name may be a password); the password is never recorded.
func (s *Server) auditSignIn(r *http.Request, reqID string, start time.Time, accountID string, res *service.SignInResult, err error) {
	if s.Audit == nil {
		return
	}
	e := &wat.AuditEvent{
		EventTime: start, EventName: consoleLoginEvent, AccountID: res.AccountID, UserARN: res.UserARN, UserName: res.UserName,
		SourceIPAddress: s.sourceAddress(r), UserAgent: r.UserAgent(), RequestID: reqID,
		ResponseElements: `{"ConsoleLogin":"Success"}`,
	}
	if e.AccountID == "" && isAccountID(accountID) {
		e.AccountID = accountID // an attempt on the account, by an unknown user
	}
	var we *wat.Error
	switch {
	case err == nil:
	case !errors.As(err, &we) || (we.Code != wat.EUnauthenticated && we.Code != wat.EThrottled):
		e.ResponseElements = `{"ConsoleLogin":"Failure"}`
		e.ErrorCode, e.ErrorMessage = "InternalServerException", "An internal error occurred"
	case we.Code == wat.EThrottled:
		e.ResponseElements = `{"ConsoleLogin":"Failure"}`
		e.ErrorCode, e.ErrorMessage = "ThrottlingException", we.Message
	default:
		e.ResponseElements = `{"ConsoleLogin":"Failure"}`
		e.ErrorCode, e.ErrorMessage = "FailedAuthentication", "Failed authentication"
	}
	// The same caps as every other record: a sign-in's user agent is as
	// much the client's to choose as an API call's.
	s.appendAudit(reqID, e)
}

func rfc3339(t time.Time) string { return t.UTC().Format(time.RFC3339) }

// isAccountID reports whether id has an account ID's shape: 12 digits.
func isAccountID(id string) bool {
	if len(id) != 12 {
		return false
	}
	for _, c := range id {
		if c < '0' || c > '9' {
			return false
		}
	}
	return true
}
