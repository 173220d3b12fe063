package api_test

// The access-control matrix: every implemented operation (the rows, in
// e2e_matrix_ops_test.go) called by every kind of caller (the columns,
// here) through the SDK, each cell checked against what the caller may do,
// and no cell revealing anything of the owner's to a caller who may not see
// it.

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"sort"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	wa "github.com/aws/aws-sdk-go-v2/service/wellarchitected"
	"github.com/aws/aws-sdk-go-v2/service/wellarchitected/types"
	"github.com/aws/smithy-go"
	"github.com/google/go-cmp/cmp"

	"github.com/wat-dev/wat/internal/testserver"
	"github.com/wat-dev/wat/service"
)

// callerKind is what a column's caller is to the owner's workloads.
type callerKind int

const (
	callerOwner           callerKind = iota // the owner account's admin, or a user allowed everything
	callerDenied                            // an owner-account user whose policy denies everything
	callerReader                            // the admin of an account with an accepted READONLY share
	callerContributor                       // the admin of an account with an accepted CONTRIBUTOR share
	callerOutsider                          // an account the workload is not (or no longer) shared with
	callerUnauthenticated                   // a request the server cannot authenticate
)

// matrixCaller is one column of the matrix.
type matrixCaller struct {
	name   string
	kind   callerKind
	client *wa.Client
	user   string        // the user ARN denials name
	code   string        // callerUnauthenticated: the error type the server answers
	target *matrixTarget // what this column's rows act on
}

// matrixTarget is the owner's workload one column's rows act on, with an
// answer, a milestone, a tag and shares, and the owner's custom lens they
// act on; each column has its own, so destructive rows (run last) break
// nothing of another column.
type matrixTarget struct {
	id, arn, name string
	// shareID is a pending share with an account that does not exist, for
	// the share rows to update and delete.
	shareID string
	// invitationID is the invitation the column's caller answers: its own
	// for the owner's account and the recipients, the READONLY recipient's
	// for everyone else.
	invitationID string
	// readerInvitation and contributorInvitation are the recipients'
	// invitations to this workload.
	readerInvitation, contributorInvitation string
	// lensARN and lensName are a published custom lens of the owner's
	// (e2e_matrix_lens_test.go); lensShareID is its share with the
	// stranger, for DeleteLensShare.
	lensARN, lensName, lensShareID string
	// profileARN and profileName are a profile of the owner's
	// (e2e_matrix_profile_test.go).
	profileARN, profileName string
	// profileShareID is the share the owner's CreateProfileShare made, for
	// its DeleteProfileShare.
	profileShareID string
	// templateShareID is the same for the target review template.
	templateShareID string
	// templateARN and templateName are a review template of the owner's
	// (e2e_matrix_template_test.go).
	templateARN, templateName string
	// agentProfileARN and the rest are an Agent profile of the owner's
	// with a goal and a context (e2e_matrix_agent_test.go).
	agentProfileARN, agentProfileName, agentGoalID, agentContextID string
	// webhookID and the rest are a webhook subscription of the owner's
	// with a delivery (e2e_matrix_webhook_test.go).
	webhookID, webhookARN, webhookDelivery string
}

const (
	matrixStranger    = "210987654321" // an account that never calls: its share is never answered
	matrixSecretNotes = "owner-only answer notes"
	matrixChoice      = "ops_priorities_no"
	matrixMilestone   = "Matrix baseline"
)

// matrixEnv is one server with the callers and the owner's workloads.
type matrixEnv struct {
	owner   *wa.Client
	account string
	callers []*matrixCaller
	missing *matrixTarget // a workload, share and invitation that do not exist
	// secrets are what no outsider may ever see: the owner's account ID and
	// every ID, ARN and name of the owner's workloads, milestones and notes.
	secrets []string
	// names are the secrets an outsider's error may not contain either (a
	// not-found error may name the ID the caller sent).
	names []string
	// lensSecrets and lensNames are the same for the owner's custom lenses,
	// which workload recipients may not see either.
	lensSecrets, lensNames []string
	// lensShares is every target lens's shares: recipient → status.
	lensShares map[string]types.ShareStatus
}

// newMatrixEnv creates the callers and a target for each. advance moves
// the server's clock forward, to expire the expired recipient's invitations.
func newMatrixEnv(t *testing.T, srv *testserver.Server, advance func(time.Duration)) *matrixEnv {
	t.Helper()
	ctx := context.Background()
	e := &matrixEnv{owner: srv.Client, account: srv.Admin.AccountID}
	e.secrets = []string{e.account, matrixSecretNotes, matrixMilestone}
	e.names = []string{matrixSecretNotes, matrixMilestone}
	account := func(name string) (*service.AccountCredentials, *wa.Client) {
		creds, err := srv.Service.CreateAccount(ctx, name)
		if err != nil {
			t.Fatalf("CreateAccount(%s): %v", name, err)
		}
		return creds, srv.NewClient(creds.AccessKeyID, creds.SecretAccessKey)
	}
	full := &service.PolicyInput{Managed: "WellArchitectedConsoleFullAccess"}
	fullClient, fullARN := newUser(t, srv, "matrix-full", full)
	deniedClient, deniedARN := newUser(t, srv, "matrix-denied", &service.PolicyInput{Name: "deny-all", Document: []byte(`{"Version":"2012-10-17","Statement":[
	  {"Effect":"Allow","Action":"wellarchitected:*","Resource":"*"},
	  {"Effect":"Deny","Action":"wellarchitected:*","Resource":"*"}]}`)})
	inactive, err := srv.Service.CreateUser(ctx, e.account, "matrix-inactive", full)
	if err != nil {
		t.Fatal(err)
	}
	if err := srv.Service.SetAccessKeyStatus(ctx, inactive.AccessKeyID, false); err != nil {
		t.Fatal(err)
	}
	reader, readerClient := account("matrix-reader")
	contributor, contributorClient := account("matrix-contributor")
	unshared, unsharedClient := account("matrix-unshared")
	rejecter, rejecterClient := account("matrix-rejecter")
	late, lateClient := account("matrix-late")
	anonymous := wa.New(wa.Options{Region: testserver.Region, BaseEndpoint: aws.String(srv.URL), Credentials: aws.AnonymousCredentials{}, Retryer: aws.NopRetryer{}})
	e.callers = []*matrixCaller{
		{name: "owner admin", kind: callerOwner, client: srv.Client, user: srv.Admin.UserARN},
		{name: "owner full access user", kind: callerOwner, client: fullClient, user: fullARN},
		{name: "owner denied user", kind: callerDenied, client: deniedClient, user: deniedARN},
		{name: "READONLY recipient", kind: callerReader, client: readerClient, user: reader.UserARN},
		{name: "CONTRIBUTOR recipient", kind: callerContributor, client: contributorClient, user: contributor.UserARN},
		{name: "unshared account", kind: callerOutsider, client: unsharedClient, user: unshared.UserARN},
		{name: "rejected recipient", kind: callerOutsider, client: rejecterClient, user: rejecter.UserARN},
		{name: "expired recipient", kind: callerOutsider, client: lateClient, user: late.UserARN},
		{name: "unsigned", kind: callerUnauthenticated, client: anonymous, code: "MissingAuthenticationTokenException"},
		{name: "wrong secret", kind: callerUnauthenticated, client: srv.NewClient(srv.Admin.AccessKeyID, strings.Repeat("x", 40)), code: "InvalidSignatureException"},
		{name: "deactivated key", kind: callerUnauthenticated, client: srv.NewClient(inactive.AccessKeyID, inactive.SecretAccessKey), code: "UnrecognizedClientException"},
	}

	for i, c := range e.callers {
		tg := e.newTarget(t, fmt.Sprintf("Matrix %02d %s", i, c.name))
		share := func(with string, perm types.PermissionType) {
			shareWorkload(t, e.owner, tg.id, with, perm)
		}
		share(reader.AccountID, types.PermissionTypeReadonly)
		share(contributor.AccountID, types.PermissionTypeContributor)
		share(rejecter.AccountID, types.PermissionTypeContributor)
		share(late.AccountID, types.PermissionTypeContributor)
		tg.shareID = shareWorkload(t, e.owner, tg.id, matrixStranger, types.PermissionTypeReadonly)
		tg.readerInvitation = answerMatrixInvitation(t, readerClient, tg.id, types.ShareInvitationActionAccept)
		tg.contributorInvitation = answerMatrixInvitation(t, contributorClient, tg.id, types.ShareInvitationActionAccept)
		answerMatrixInvitation(t, rejecterClient, tg.id, types.ShareInvitationActionReject)
		e.newLensTarget(t, tg, fmt.Sprintf("Matrix Lens %02d %s", i, c.name), rejecter.AccountID, rejecterClient, late.AccountID)
		e.newProfileTarget(t, tg, fmt.Sprintf("Matrix Profile %02d %s", i, c.name))
		e.newTemplateTarget(t, tg, fmt.Sprintf("Matrix Template %02d %s", i, c.name))
		e.newAgentTarget(t, srv.Store, tg, fmt.Sprintf("Matrix Agent %02d %s", i, c.name))
		e.newWebhookTarget(t, srv.Store, tg, i)
		c.target = tg
	}
	e.lensShares = map[string]types.ShareStatus{matrixStranger: types.ShareStatusExpired,
		rejecter.AccountID: types.ShareStatusRejected, late.AccountID: types.ShareStatusExpired}
	// The late recipient's invitations expire unanswered.
	advance(8 * 24 * time.Hour)

	// An invitation to the owner's account, for its users to answer.
	_, inviter := account("matrix-inviter")
	theirs := createWorkload(t, inviter, workloadInput("Inviter Workload"))
	shareWorkload(t, inviter, theirs, e.account, types.PermissionTypeReadonly)
	own := pendingInvitations(t, e.owner)
	if len(own) != 1 {
		t.Fatalf("the owner's invitations = %+v, want the inviter's", own)
	}
	for _, c := range e.callers {
		switch tg := c.target; c.kind {
		case callerOwner, callerDenied:
			tg.invitationID = aws.ToString(own[0].ShareInvitationId)
		case callerContributor:
			tg.invitationID = tg.contributorInvitation
		default: // the reader's own; another account's for everyone else
			tg.invitationID = tg.readerInvitation
		}
	}

	missing := strings.Repeat("9", 32)
	e.missing = &matrixTarget{id: missing, arn: fmt.Sprintf("arn:aws:wellarchitected:%s:%s:workload/%s", testserver.Region, e.account, missing),
		shareID: strings.Repeat("8", 32), invitationID: strings.Repeat("7", 32),
		lensARN:  fmt.Sprintf("arn:aws:wellarchitected:%s:%s:lens/%s", testserver.Region, e.account, strings.Repeat("6", 32)),
		lensName: "Matrix Missing Lens", lensShareID: strings.Repeat("5", 32),
		profileARN:      fmt.Sprintf("arn:aws:wellarchitected:%s:%s:profile/%s", testserver.Region, e.account, strings.Repeat("4", 32)),
		profileName:     "Matrix Missing Profile",
		templateARN:     fmt.Sprintf("arn:aws:wellarchitected:%s:%s:review-template/%s", testserver.Region, e.account, strings.Repeat("3", 32)),
		templateName:    "Matrix Missing Template",
		agentProfileARN: fmt.Sprintf("arn:aws:wellarchitected:%s:%s:agent-profile/%s", testserver.Region, e.account, strings.Repeat("2", 32)),
		agentGoalID:     strings.Repeat("1", 32), agentContextID: strings.Repeat("0", 32),
		webhookID: "wh-" + strings.Repeat("9", 24), webhookDelivery: "msg_" + strings.Repeat("9", 16)}
	return e
}

// newTarget creates a workload of the owner's with an answer, a milestone
// and a tag.
func (e *matrixEnv) newTarget(t *testing.T, name string) *matrixTarget {
	t.Helper()
	ctx := context.Background()
	in := workloadInput(name)
	in.Tags = map[string]string{"team": "matrix"}
	out, err := e.owner.CreateWorkload(ctx, in)
	if err != nil {
		t.Fatalf("CreateWorkload(%s): %v", name, err)
	}
	tg := &matrixTarget{id: aws.ToString(out.WorkloadId), arn: aws.ToString(out.WorkloadArn), name: name}
	if _, err := e.owner.UpdateAnswer(ctx, &wa.UpdateAnswerInput{WorkloadId: &tg.id, LensAlias: aws.String(lensAlias),
		QuestionId: aws.String("priorities"), SelectedChoices: []string{matrixChoice}, Notes: aws.String(matrixSecretNotes)}); err != nil {
		t.Fatal(err)
	}
	if _, err := e.owner.CreateMilestone(ctx, &wa.CreateMilestoneInput{WorkloadId: &tg.id, MilestoneName: aws.String(matrixMilestone)}); err != nil {
		t.Fatal(err)
	}
	e.secrets = append(e.secrets, tg.id, tg.arn, tg.name)
	e.names = append(e.names, tg.name)
	return tg
}

// answerMatrixInvitation answers c's invitation to workload id and returns
// the invitation's ID.
func answerMatrixInvitation(t *testing.T, c *wa.Client, id string, action types.ShareInvitationAction) string {
	t.Helper()
	for _, inv := range pendingInvitations(t, c) {
		if aws.ToString(inv.WorkloadId) == id {
			if _, err := c.UpdateShareInvitation(context.Background(), &wa.UpdateShareInvitationInput{ShareInvitationId: inv.ShareInvitationId, ShareInvitationAction: action}); err != nil {
				t.Fatalf("UpdateShareInvitation(%s): %v", action, err)
			}
			return aws.ToString(inv.ShareInvitationId)
		}
	}
	t.Fatalf("no pending invitation to workload %s", id)
	return ""
}

// outcome is what a cell of the matrix should answer.
type outcome int

const (
	allowed         outcome = iota
	denied                  // 403 AccessDeniedException naming the user, action and resource
	notFound                // 404, exactly as for a workload that does not exist
	unauthenticated         // 403 with the column's error type
	invalid                 // 400 ValidationException, whoever asks
)

func (o outcome) String() string {
	return [...]string{"allowed", "AccessDeniedException", "ResourceNotFoundException", "authentication error", "ValidationException"}[o]
}

// expect is the outcome of row r for caller c.
func expect(r *matrixRow, c *matrixCaller) outcome {
	if o := expectKind(r, c); o != allowed || !r.ownerInvalid {
		return o
	}
	return invalid
}

// expectKind is the outcome the row's kind gives caller c.
func expectKind(r *matrixRow, c *matrixCaller) outcome {
	switch {
	case c.kind == callerUnauthenticated:
		return unauthenticated
	case r.kind == opInvalid:
		return invalid
	case c.kind == callerDenied:
		return denied
	case c.kind == callerOwner, r.kind == opAccount:
		return allowed
	case c.kind == callerOutsider, r.kind == opLens:
		return notFound
	case r.kind == opInvitation, r.kind == opRead, r.kind == opContribute && c.kind == callerContributor:
		return allowed
	}
	return denied
}

// ownerView is what the owner sees of a target, compared before and after
// every refused write.
type ownerView struct {
	Workloads  []string
	Workload   *types.Workload
	Answer     *types.Answer
	Review     *types.LensReview
	Milestones []types.MilestoneSummary
	Shares     []types.WorkloadShareSummary
	Tags       map[string]string
	Settings   types.DiscoveryIntegrationStatus // the owner account's
	Lens       lensView
	Agent      agentView
}

func (e *matrixEnv) view(t *testing.T, tg *matrixTarget) ownerView {
	t.Helper()
	ctx := context.Background()
	var v ownerView
	for id := range listedIDs(t, e.owner) {
		v.Workloads = append(v.Workloads, id)
	}
	sort.Strings(v.Workloads)
	must := func(what string, err error) {
		t.Helper()
		if err != nil {
			t.Fatalf("the owner's %s of %s: %v", what, tg.name, err)
		}
	}
	w, err := e.owner.GetWorkload(ctx, &wa.GetWorkloadInput{WorkloadId: &tg.id})
	must("GetWorkload", err)
	a, err := e.owner.GetAnswer(ctx, &wa.GetAnswerInput{WorkloadId: &tg.id, LensAlias: aws.String(lensAlias), QuestionId: aws.String("priorities")})
	must("GetAnswer", err)
	r, err := e.owner.GetLensReview(ctx, &wa.GetLensReviewInput{WorkloadId: &tg.id, LensAlias: aws.String(lensAlias)})
	must("GetLensReview", err)
	m, err := e.owner.ListMilestones(ctx, &wa.ListMilestonesInput{WorkloadId: &tg.id})
	must("ListMilestones", err)
	s, err := e.owner.ListWorkloadShares(ctx, &wa.ListWorkloadSharesInput{WorkloadId: &tg.id})
	must("ListWorkloadShares", err)
	tags, err := e.owner.ListTagsForResource(ctx, &wa.ListTagsForResourceInput{WorkloadArn: &tg.arn})
	must("ListTagsForResource", err)
	g, err := e.owner.GetGlobalSettings(ctx, &wa.GetGlobalSettingsInput{})
	must("GetGlobalSettings", err)
	v.Settings = g.DiscoveryIntegrationStatus
	v.Workload, v.Answer, v.Review, v.Milestones, v.Shares, v.Tags = w.Workload, a.Answer, r.LensReview, m.MilestoneSummaries, s.WorkloadShareSummaries, tags.Tags
	v.Lens = ownerLensView(t, e.owner, tg.lensARN)
	v.Agent = ownerAgentView(t, e.owner, tg.agentProfileARN)
	return v
}

// checkCell runs row r as caller c and checks the outcome.
func (e *matrixEnv) checkCell(t *testing.T, r *matrixRow, c *matrixCaller) {
	t.Helper()
	ctx := context.Background()
	tg := c.target
	want := expect(r, c)
	var before *ownerView
	if r.write && want != allowed {
		v := e.view(t, tg)
		before = &v
	}
	out, err := r.call(ctx, c.client, tg)
	switch want {
	case allowed:
		if err != nil {
			t.Errorf("got %v, want success", err)
			return
		}
		switch c.kind {
		case callerOutsider:
			e.noLeak(t, "response", out, e.secrets)
		case callerReader, callerContributor:
			e.noLeak(t, "response", out, e.lensSecrets)
		}
		if r.effect != nil {
			r.effect(t, e, c, tg, out)
		}
	case denied:
		resource := tg.arn
		if r.resource != nil {
			resource = r.resource(e, tg)
		}
		action := r.op
		if r.action != "" {
			action = r.action
		}
		wantDenied(t, err, c.user, action, resource)
	case notFound:
		if r.untypedNotFound {
			wantAPIError(t, err, "ResourceNotFoundException", 404)
		} else {
			wantNotFound(t, err)
		}
		_, errMissing := r.call(ctx, c.client, e.missing)
		if a, b := normalizeErr(err, tg), normalizeErr(errMissing, e.missing); a != b {
			t.Errorf("the owner's resource answers %q, a missing one %q", a, b)
		}
	case unauthenticated:
		wantAPIError(t, err, c.code, 403)
	case invalid:
		wantAPIError(t, err, "ValidationException", 400)
	}
	if err != nil {
		switch c.kind {
		case callerOutsider:
			e.noLeak(t, "error", err.Error(), e.names)
		case callerReader, callerContributor:
			e.noLeak(t, "error", err.Error(), e.lensNames)
		case callerUnauthenticated:
			e.noLeak(t, "error", err.Error(), e.secrets)
		}
	}
	if before != nil {
		if diff := cmp.Diff(*before, e.view(t, tg), sdkOpts); diff != "" {
			t.Errorf("a refused %s changed the owner's data (-before +after):\n%s", r.op, diff)
		}
	}
}

// noLeak fails if what (a response or an error text) contains any of secrets.
func (e *matrixEnv) noLeak(t *testing.T, kind string, what any, secrets []string) {
	t.Helper()
	text, ok := what.(string)
	if !ok {
		b, err := json.Marshal(what)
		if err != nil {
			t.Fatalf("marshal %T: %v", what, err)
		}
		text = string(b)
	}
	for _, s := range secrets {
		if strings.Contains(text, s) {
			t.Errorf("LEAK: the %s contains the owner's %q: %s", kind, s, text)
		}
	}
}

// normalizeErr is an error's type, status and message with the target's
// IDs replaced, so that errors about two resources can be compared.
func normalizeErr(err error, tg *matrixTarget) string {
	var ae smithy.APIError
	if !errors.As(err, &ae) {
		return fmt.Sprintf("not an API error: %v", err)
	}
	msg := ae.ErrorMessage()
	for _, r := range [][2]string{{tg.arn, "<arn>"}, {tg.lensARN, "<lens>"}, {tg.profileARN, "<profile>"}, {tg.templateARN, "<template>"}, {tg.agentProfileARN, "<agent profile>"}, {tg.id, "<id>"}, {tg.shareID, "<share>"},
		{tg.lensShareID, "<lens share>"}, {tg.invitationID, "<invitation>"}, {tg.webhookID, "<webhook>"}} {
		if r[0] != "" {
			msg = strings.ReplaceAll(msg, r[0], r[1])
		}
	}
	return fmt.Sprintf("%d %s: %s", httpStatus(err), ae.ErrorCode(), msg)
}

// startMatrixServer starts a server whose clock the returned function moves
// forward.
func startMatrixServer(t *testing.T, databaseURL string) (*testserver.Server, func(time.Duration)) {
	t.Helper()
	var offset atomic.Int64
	now := func() time.Time { return time.Now().Add(time.Duration(offset.Load())) }
	// Three of the callers fail authentication on every row, far beyond
	// the per-address bound that a real client would meet.
	srv := testserver.Start(t, testserver.Options{DatabaseURL: databaseURL, Now: now, AuthFailureBurst: 100000})
	return srv, func(d time.Duration) { offset.Add(int64(d)) }
}

// TestAccessMatrix runs every row as every caller, on SQLite and on
// PostgreSQL.
func TestAccessMatrix(t *testing.T) {
	t.Parallel()
	run := func(t *testing.T, databaseURL string) {
		start := time.Now()
		srv, advance := startMatrixServer(t, databaseURL)
		e := newMatrixEnv(t, srv, advance)
		rows := matrixRows()
		for _, c := range e.callers {
			t.Run(c.name, func(t *testing.T) {
				for _, r := range rows {
					t.Run(r.name(), func(t *testing.T) { e.checkCell(t, r, c) })
				}
			})
		}
		t.Logf("%d rows × %d callers in %v", len(rows), len(e.callers), time.Since(start).Round(time.Millisecond))
	}
	t.Run("sqlite", func(t *testing.T) {
		t.Parallel()
		run(t, "")
	})
	t.Run("postgres", func(t *testing.T) {
		t.Parallel()
		run(t, testserver.PostgresDatabase(t))
	})
}
