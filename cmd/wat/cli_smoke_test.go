package main

import (
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// awsCLI runs the installed AWS CLI against a running wat and decodes its
// JSON output into out (when not nil).
func awsCLI(t *testing.T, w *runningWat, dir string, out any, args ...string) {
	t.Helper()
	full := append([]string{"--endpoint-url", w.Endpoint, "--region", "us-east-1", "--output", "json", "wellarchitected"}, args...)
	cmd := exec.Command("aws", full...)
	cmd.Env = append(os.Environ(),
		"AWS_SHARED_CREDENTIALS_FILE="+filepath.Join(dir, "credentials"),
		"AWS_CONFIG_FILE=/dev/null",
		"AWS_PROFILE=default",
		"AWS_EC2_METADATA_DISABLED=true",
	)
	b, err := cmd.Output()
	if err != nil {
		stderr := ""
		if ee, ok := err.(*exec.ExitError); ok {
			stderr = string(ee.Stderr)
		}
		t.Fatalf("aws %s: %v\n%s", strings.Join(args, " "), err, stderr)
	}
	if out != nil {
		if err := json.Unmarshal(b, out); err != nil {
			t.Fatalf("aws %s: output is not JSON: %v\n%s", args[0], err, b)
		}
	}
}

// TestAWSCLISmoke drives wat with the real AWS CLI through the README's
// quick start: create, answer, read the risk, save a milestone, tag.
func TestAWSCLISmoke(t *testing.T) {
	if _, err := exec.LookPath("aws"); err != nil {
		if os.Getenv("CI") != "" {
			t.Fatal("the aws CLI is not installed; make test installs it")
		}
		t.Skip("aws CLI not installed")
	}
	dir := t.TempDir()
	w := MustRunMain(t, nil, "--listen", "127.0.0.1:0", "--data-dir", dir)

	var created struct{ WorkloadId, WorkloadArn string }
	awsCLI(t, w, dir, &created, "create-workload", "--workload-name", "Retail Website",
		"--description", "Storefront and checkout", "--environment", "PRODUCTION",
		"--aws-regions", "us-east-1", "--review-owner", "platform-team@example.com", "--lenses", "wellarchitected",
		"--tags", "team=retail")
	if len(created.WorkloadId) != 32 || !strings.HasSuffix(created.WorkloadArn, "workload/"+created.WorkloadId) {
		t.Fatalf("create-workload returned %+v", created)
	}

	var answered struct {
		Answer struct {
			Risk            string
			SelectedChoices []string
		}
	}
	awsCLI(t, w, dir, &answered, "update-answer", "--workload-id", created.WorkloadId, "--lens-alias", "wellarchitected",
		"--question-id", "priorities", "--selected-choices", "ops_priorities_ext_cust_needs", "ops_priorities_int_cust_needs")
	if answered.Answer.Risk != "HIGH" || len(answered.Answer.SelectedChoices) != 2 {
		t.Errorf("update-answer: %+v, want HIGH risk with 2 choices (governance and compliance practices, both HIGH, are missing)", answered.Answer)
	}

	var review struct {
		LensReview struct {
			RiskCounts map[string]int
		}
	}
	awsCLI(t, w, dir, &review, "get-lens-review", "--workload-id", created.WorkloadId, "--lens-alias", "wellarchitected")
	if review.LensReview.RiskCounts["HIGH"] != 1 || review.LensReview.RiskCounts["UNANSWERED"] != 56 {
		t.Errorf("get-lens-review risk counts %v, want HIGH 1 and UNANSWERED 56", review.LensReview.RiskCounts)
	}

	var plan struct {
		ImprovementSummaries []struct{ QuestionId, Risk string }
	}
	awsCLI(t, w, dir, &plan, "list-lens-review-improvements", "--workload-id", created.WorkloadId, "--lens-alias", "wellarchitected")
	if len(plan.ImprovementSummaries) != 1 || plan.ImprovementSummaries[0].QuestionId != "priorities" {
		t.Errorf("improvement plan %+v, want the priorities question", plan.ImprovementSummaries)
	}

	var ms struct{ MilestoneNumber int }
	awsCLI(t, w, dir, &ms, "create-milestone", "--workload-id", created.WorkloadId, "--milestone-name", "Before launch")
	if ms.MilestoneNumber != 1 {
		t.Errorf("create-milestone number %d, want 1", ms.MilestoneNumber)
	}

	var tags struct{ Tags map[string]string }
	awsCLI(t, w, dir, nil, "tag-resource", "--workload-arn", created.WorkloadArn, "--tags", "stage=prod")
	awsCLI(t, w, dir, &tags, "list-tags-for-resource", "--workload-arn", created.WorkloadArn)
	if tags.Tags["team"] != "retail" || tags.Tags["stage"] != "prod" {
		t.Errorf("tags %v, want team=retail and stage=prod", tags.Tags)
	}

	var list struct {
		WorkloadSummaries []struct {
			WorkloadName string
			RiskCounts   map[string]int
		}
	}
	awsCLI(t, w, dir, &list, "list-workloads")
	if len(list.WorkloadSummaries) != 1 || list.WorkloadSummaries[0].RiskCounts["HIGH"] != 1 {
		t.Errorf("list-workloads %+v", list.WorkloadSummaries)
	}
}
