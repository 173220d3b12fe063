package main

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	wa "github.com/aws/aws-sdk-go-v2/service/wellarchitected"
	"github.com/aws/aws-sdk-go-v2/service/wellarchitected/types"
	"github.com/google/go-cmp/cmp"

	"github.com/wat-dev/wat"
	"github.com/wat-dev/wat/internal/testserver"
)

// TestImportFromWat moves a seeded account from one wat server to a fresh
// one (on SQLite and on PostgreSQL) with `wat import`, signed with two profiles of a shared credentials
// file, and compares every read of the two; runs it again, which changes
// and duplicates nothing; then imports a workload on a lens shared from
// another account, which the summary reports as not copied, and why,
// with exit status 1.
func TestImportFromWat(t *testing.T) {
	t.Run("into sqlite", func(t *testing.T) {
		t.Parallel()
		testImport(t, testserver.Options{})
	})
	t.Run("into postgres", func(t *testing.T) {
		t.Parallel()
		testImport(t, testserver.Options{DatabaseURL: testserver.PostgresDatabase(t)})
	})
}

// testImport is TestImportFromWat from a server on SQLite into one started
// with target.
func testImport(t *testing.T, target testserver.Options) {
	ctx := context.Background()
	src := testserver.Start(t, testserver.Options{})
	dst := testserver.Start(t, target)
	seedSource(t, src.Client)

	home := t.TempDir()
	creds := filepath.Join(home, "credentials")
	if err := os.WriteFile(creds, []byte(fmt.Sprintf("[source]\naws_access_key_id = %s\naws_secret_access_key = %s\n\n[target]\naws_access_key_id = %s\naws_secret_access_key = %s\n",
		src.Admin.AccessKeyID, src.Admin.SecretAccessKey, dst.Admin.AccessKeyID, dst.Admin.SecretAccessKey)), 0o600); err != nil {
		t.Fatal(err)
	}
	env := map[string]string{"HOME": home, "AWS_SHARED_CREDENTIALS_FILE": creds}
	runImport := func(args ...string) (string, int) {
		var stdout, stderr bytes.Buffer
		args = append([]string{"import", "--from-endpoint", src.URL, "--from-profile", "source", "--endpoint-url", dst.URL, "--profile", "target"}, args...)
		start := time.Now()
		code := run(ctx, args, func(k string) string { return env[k] }, &stdout, &stderr)
		t.Logf("wat import ran in %v", time.Since(start).Round(time.Millisecond))
		return stderr.String(), code
	}
	compare := func(when string) {
		t.Helper()
		want := accountState(t, src.Client, src.Admin.AccountID)
		got := accountState(t, dst.Client, dst.Admin.AccountID)
		if diff := cmp.Diff(want, got, ignoreTimes); diff != "" {
			t.Errorf("%s, the target's reads differ from the source's (-source +target):\n%s", when, diff)
		}
	}

	started := time.Now()
	out, code := runImport()
	if code != 0 {
		t.Fatalf("wat import: exit %d\n%s", code, out)
	}
	// The source is only read: its audit log, which records every
	// mutating call, has nothing from the import.
	var events []*wat.AuditEvent
	if err := src.Store.View(ctx, func(tx wat.Tx) (err error) {
		events, err = tx.ListAuditEvents(ctx, wat.AuditFilter{}, 0, 100000)
		return err
	}); err != nil {
		t.Fatal(err)
	}
	if len(events) < 20 {
		t.Fatalf("the source's audit log has %d events; the seeding alone made more", len(events))
	}
	for _, e := range events {
		if !e.EventTime.Before(started) {
			t.Errorf("the import called %s on the source", e.EventName)
		}
	}
	for _, want := range []string{`created   lens "Sécurité interne 安全": 2 versions published`, `created   profile "Profil 優先": 2 versions`,
		`created   review template "Team template (v1)"`, `created   workload "  Paiement  été – 支付 系统 "`, `created   milestone "  Paiement  été – 支付 系统  #3 avant 2.0"`,
		"workloads:       2 created", "milestones:      3 created"} {
		if !strings.Contains(squeeze(out), squeeze(want)) {
			t.Errorf("the first import's output lacks %q:\n%s", want, out)
		}
	}
	compare("after the first import")

	out, code = runImport()
	if code != 0 {
		t.Fatalf("wat import again: exit %d\n%s", code, out)
	}
	if regexp.MustCompile(`(?m)^(created|updated|failed)`).MatchString(out) {
		t.Errorf("the second import changed something:\n%s", out)
	}
	for _, want := range []string{"lenses:          1 unchanged", "workloads:       2 unchanged", "lens reviews:    3 unchanged", "milestones:      3 unchanged"} {
		if !strings.Contains(squeeze(out), squeeze(want)) {
			t.Errorf("the second import's summary lacks %q:\n%s", want, out)
		}
	}
	compare("after the second import")

	// A change in the source is carried over by the next run.
	ws, err := src.Client.ListWorkloads(ctx, &wa.ListWorkloadsInput{WorkloadNamePrefix: aws.String("plain")})
	if err != nil || len(ws.WorkloadSummaries) != 1 {
		t.Fatalf("ListWorkloads(plain) = %+v, %v", ws, err)
	}
	if _, err := src.Client.UpdateAnswer(ctx, &wa.UpdateAnswerInput{WorkloadId: ws.WorkloadSummaries[0].WorkloadId, LensAlias: aws.String("wellarchitected"),
		QuestionId: aws.String("priorities"), SelectedChoices: []string{"ops_priorities_ext_cust_needs"}, Notes: aws.String("changed")}); err != nil {
		t.Fatal(err)
	}

	// A new lens version is copied, and the milestone the source's upgrade
	// to it recorded; the target's review is put on the new version with
	// wat's PinLensReviewVersion, which records no milestone of its own.
	lenses, err := src.Client.ListLenses(ctx, &wa.ListLensesInput{LensType: types.LensTypeCustomSelf})
	if err != nil || len(lenses.LensSummaries) != 1 {
		t.Fatalf("the source's lenses: %+v, %v", lenses, err)
	}
	lensARN := lenses.LensSummaries[0].LensArn
	paiement, err := src.Client.ListWorkloads(ctx, &wa.ListWorkloadsInput{WorkloadNamePrefix: aws.String("  Paiement")})
	if err != nil || len(paiement.WorkloadSummaries) != 1 {
		t.Fatalf("ListWorkloads(Paiement) = %+v, %v", paiement, err)
	}
	// A workload created now reviews the lens's version 2.0, which stays
	// its version after 3.0 is published; the target's copy starts on 3.0
	// and is put on 2.0 before its answers are copied.
	still, err := src.Client.CreateWorkload(ctx, &wa.CreateWorkloadInput{WorkloadName: aws.String("Still on 2.0"), Description: aws.String("not upgraded"),
		Environment: types.WorkloadEnvironmentProduction, AwsRegions: []string{"us-east-1"}, ReviewOwner: aws.String("ops"),
		Lenses: []string{"wellarchitected", aws.ToString(lensARN)}})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := src.Client.UpdateAnswer(ctx, &wa.UpdateAnswerInput{WorkloadId: still.WorkloadId, LensAlias: lensARN,
		QuestionId: aws.String("sec_identity"), SelectedChoices: []string{"sec_mfa", "sec_keys"}, Notes: aws.String("on 2.0")}); err != nil {
		t.Fatal(err)
	}
	if _, err := src.Client.ImportLens(ctx, &wa.ImportLensInput{LensAlias: lensARN, JSONString: aws.String(importLensDoc(`
       {"id": "sec_sso", "title": "Single sign-on", "improvementPlan": {"displayText": "Use SSO", "url": "https://example.com/sso"}},
       {"id": "sec_hw", "title": "Hardware keys", "improvementPlan": {"displayText": "Use hardware keys", "url": "https://example.com/hw"}},`))}); err != nil {
		t.Fatal(err)
	}
	if _, err := src.Client.CreateLensVersion(ctx, &wa.CreateLensVersionInput{LensAlias: lensARN, LensVersion: aws.String("3.0"), IsMajorVersion: aws.Bool(true)}); err != nil {
		t.Fatal(err)
	}
	if _, err := src.Client.UpgradeLensReview(ctx, &wa.UpgradeLensReviewInput{WorkloadId: paiement.WorkloadSummaries[0].WorkloadId, LensAlias: lensARN,
		MilestoneName: aws.String("avant 3.0")}); err != nil {
		t.Fatal(err)
	}
	if _, err := src.Client.UpdateAnswer(ctx, &wa.UpdateAnswerInput{WorkloadId: paiement.WorkloadSummaries[0].WorkloadId, LensAlias: lensARN,
		QuestionId: aws.String("sec_identity"), SelectedChoices: []string{"sec_mfa", "sec_hw"}}); err != nil {
		t.Fatal(err)
	}

	// A lens shared with the source's account by another cannot be
	// exported: its workload is copied without it, and the import fails.
	creds2, err := src.Service.CreateAccount(ctx, "lens-owner")
	if err != nil {
		t.Fatal(err)
	}
	other := src.NewClient(creds2.AccessKeyID, creds2.SecretAccessKey)
	shared, err := other.ImportLens(ctx, &wa.ImportLensInput{JSONString: aws.String(strings.Replace(importLensDoc(""), "Sécurité interne 安全", "Their lens", 1))})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := other.CreateLensVersion(ctx, &wa.CreateLensVersionInput{LensAlias: shared.LensArn, LensVersion: aws.String("1"), IsMajorVersion: aws.Bool(true)}); err != nil {
		t.Fatal(err)
	}
	if _, err := other.CreateLensShare(ctx, &wa.CreateLensShareInput{LensAlias: shared.LensArn, SharedWith: aws.String(src.Admin.AccountID)}); err != nil {
		t.Fatal(err)
	}
	invs, err := src.Client.ListShareInvitations(ctx, &wa.ListShareInvitationsInput{ShareResourceType: types.ShareResourceTypeLens})
	if err != nil || len(invs.ShareInvitationSummaries) != 1 {
		t.Fatalf("ListShareInvitations = %+v, %v", invs, err)
	}
	if _, err := src.Client.UpdateShareInvitation(ctx, &wa.UpdateShareInvitationInput{ShareInvitationId: invs.ShareInvitationSummaries[0].ShareInvitationId,
		ShareInvitationAction: types.ShareInvitationActionAccept}); err != nil {
		t.Fatal(err)
	}
	if _, err := src.Client.CreateWorkload(ctx, &wa.CreateWorkloadInput{WorkloadName: aws.String("On a shared lens"), Description: aws.String("uses their lens"),
		Environment: types.WorkloadEnvironmentProduction, AwsRegions: []string{"us-east-1"}, ReviewOwner: aws.String("ops"),
		Lenses: []string{"wellarchitected", aws.ToString(shared.LensArn)}}); err != nil {
		t.Fatal(err)
	}
	out, code = runImport()
	if code != 1 {
		t.Errorf("wat import with a lens it cannot copy: exit %d, want 1\n%s", code, out)
	}
	for _, want := range []string{`FAILED lens "Their lens": lens "Their lens" is shared with the source account by account ` + creds2.AccountID,
		`FAILED workload "On a shared lens": lens "Their lens" is shared`, `SKIPPED lens review "On a shared lens / Their lens"`,
		`updated   lens review "plain one / AWS Well-Architected Framework": 1 answers`, "workloads:       1 created, 2 unchanged, 1 failed",
		`updated   lens "Sécurité interne 安全": 1 versions published`,
		`updated   lens review "  Paiement  été – 支付 系统  / Sécurité interne 安全": put on lens version "3.0", 1 answers`,
		`created   workload "Still on 2.0"`, `updated   lens review "Still on 2.0 / Sécurité interne 安全": put on lens version "2.0", 1 answers`,
		`created   milestone "  Paiement  été – 支付 系统  #4 avant 3.0"`, "milestones:       1 created, 3 unchanged"} {
		if !strings.Contains(squeeze(out), squeeze(want)) {
			t.Errorf("the import with a shared lens lacks %q:\n%s", want, out)
		}
	}
	// The reviews on another version than the target's are copied as they
	// are (version, notes, answers), with the source's milestones and no
	// other, and an import again changes none of them.
	samePinned := func(when string) {
		t.Helper()
		for _, prefix := range []string{"Still on 2.0", "  Paiement"} {
			want := workloadState(t, src.Client, src.Admin.AccountID, prefix)
			got := workloadState(t, dst.Client, dst.Admin.AccountID, prefix)
			if diff := cmp.Diff(want, got, ignoreTimes); diff != "" {
				t.Errorf("%s, the target's %q differs from the source's (-source +target):\n%s", when, prefix, diff)
			}
		}
	}
	samePinned("after the import of reviews on older versions")
	out, code = runImport()
	if code != 1 || regexp.MustCompile(`(?m)^(created|updated)`).MatchString(out) {
		t.Errorf("the fourth import (exit %d) changed something:\n%s", code, out)
	}
	samePinned("after the fourth import")
	a, err := dst.Client.ListWorkloads(ctx, &wa.ListWorkloadsInput{WorkloadNamePrefix: aws.String("On a shared")})
	if err != nil || len(a.WorkloadSummaries) != 1 || !slices.Equal(a.WorkloadSummaries[0].Lenses, []string{"wellarchitected"}) {
		t.Errorf("the target's copy of the workload on a shared lens: %+v, %v", a, err)
	}
	p, err := dst.Client.ListWorkloads(ctx, &wa.ListWorkloadsInput{WorkloadNamePrefix: aws.String("  Paiement")})
	if err != nil || len(p.WorkloadSummaries) != 1 {
		t.Fatalf("the target's Paiement: %+v, %v", p, err)
	}
	tl, err := dst.Client.ListLenses(ctx, &wa.ListLensesInput{LensType: types.LensTypeCustomSelf})
	if err != nil || len(tl.LensSummaries) != 1 {
		t.Fatalf("the target's lenses: %+v, %v", tl, err)
	}
	m, err := dst.Client.GetLensReview(ctx, &wa.GetLensReviewInput{WorkloadId: p.WorkloadSummaries[0].WorkloadId, LensAlias: tl.LensSummaries[0].LensArn,
		MilestoneNumber: aws.Int32(4)})
	if err != nil || aws.ToString(m.LensReview.LensVersion) != "2.0" || aws.ToString(tl.LensSummaries[0].LensVersion) != "3.0" {
		t.Errorf("the target's lens and milestone 4 after the source's upgrade to 3.0: %+v, %+v, %v", tl.LensSummaries[0], m, err)
	}
}

// squeeze collapses runs of spaces, so that a check of the output does not
// depend on its column widths.
func squeeze(s string) string { return strings.Join(strings.Fields(s), " ") }
