package output

import (
	"fmt"
	"slices"
	"strings"

	"github.com/wat-dev/wat/scan"
)

// SARIF writes the SARIF 2.1.0 log of `wat scan --format sarif`, for
// code-scanning UIs: one rule per scan rule, whose properties carry the
// best practices it is evidence for; a FAIL result per failing resource, a
// "review" result per resource whose outcome is unknown (passes are not
// results); files that could not be read as tool execution notifications.
type SARIF struct {
	// ToolVersion is the version of wat the log names as its driver's.
	ToolVersion string
}

const (
	sarifSchema  = "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"
	sarifVersion = "2.1.0"
	watURI       = "https://github.com/wat-dev/wat"
	srcRoot      = "%SRCROOT%" // the directory wat scan ran in
)

type (
	sarifLog struct {
		Schema  string     `json:"$schema"`
		Version string     `json:"version"`
		Runs    []sarifRun `json:"runs"`
	}
	sarifRun struct {
		Tool        sarifTool         `json:"tool"`
		Invocations []sarifInvocation `json:"invocations"`
		Results     []sarifResult     `json:"results"`
	}
	sarifTool struct {
		Driver sarifDriver `json:"driver"`
	}
	sarifDriver struct {
		Name           string      `json:"name"`
		Version        string      `json:"version"`
		InformationURI string      `json:"informationUri"`
		Rules          []sarifRule `json:"rules"`
	}
	sarifRule struct {
		ID                   string          `json:"id"`
		Name                 string          `json:"name"`
		ShortDescription     sarifText       `json:"shortDescription"`
		FullDescription      sarifText       `json:"fullDescription"`
		Help                 sarifText       `json:"help"`
		HelpURI              string          `json:"helpUri,omitempty"`
		DefaultConfiguration sarifConfig     `json:"defaultConfiguration"`
		Properties           sarifRuleFields `json:"properties"`
	}
	sarifText struct {
		Text     string `json:"text"`
		Markdown string `json:"markdown,omitempty"`
	}
	sarifConfig struct {
		Level string `json:"level"`
	}
	sarifRuleFields struct {
		Tags     []string `json:"tags"`
		Severity string   `json:"severity"`
		Kinds    []string `json:"resourceKinds"`
		// WellArchitected are the best practices the rule is evidence for,
		// in the fields of `wat scan --list-rules --format json`.
		WellArchitected []PracticeRef `json:"wellArchitected"`
	}
	sarifInvocation struct {
		ExecutionSuccessful bool                `json:"executionSuccessful"`
		Notifications       []sarifNotification `json:"toolExecutionNotifications"`
	}
	sarifNotification struct {
		Level     string          `json:"level"`
		Message   sarifText       `json:"message"`
		Locations []sarifLocation `json:"locations"`
	}
	sarifResult struct {
		RuleID              string            `json:"ruleId"`
		RuleIndex           int               `json:"ruleIndex"`
		Kind                string            `json:"kind"`
		Level               string            `json:"level"`
		Message             sarifText         `json:"message"`
		Locations           []sarifLocation   `json:"locations"`
		PartialFingerprints map[string]string `json:"partialFingerprints"`
	}
	sarifLocation struct {
		PhysicalLocation sarifPhysical     `json:"physicalLocation"`
		LogicalLocations []sarifLogicalLoc `json:"logicalLocations,omitempty"`
	}
	sarifPhysical struct {
		ArtifactLocation sarifArtifact `json:"artifactLocation"`
		Region           *sarifRegion  `json:"region,omitempty"`
	}
	sarifArtifact struct {
		URI       string `json:"uri"`
		URIBaseID string `json:"uriBaseId,omitempty"`
	}
	sarifRegion struct {
		StartLine int `json:"startLine"`
	}
	sarifLogicalLoc struct {
		Name string `json:"name"`
		Kind string `json:"kind"`
	}
)

// sarifLevel is the level of a failing rule of a severity.
func sarifLevel(severity string) string {
	switch severity {
	case "high":
		return "error"
	case "medium":
		return "warning"
	}
	return "note"
}

// sarifRuleOf is a rule as SARIF describes it, with help in text and
// Markdown naming its best practices.
func sarifRuleOf(r *scan.Rule) sarifRule {
	out := sarifRule{
		ID: r.ID, Name: pascalCase(r.ID),
		ShortDescription:     sarifText{Text: r.Title},
		FullDescription:      sarifText{Text: r.Description},
		DefaultConfiguration: sarifConfig{Level: sarifLevel(r.Severity)},
		Properties:           sarifRuleFields{Tags: []string{"well-architected"}, Severity: r.Severity, Kinds: r.Kinds, WellArchitected: []PracticeRef{}},
	}
	text := []string{r.Description, "", "Evidence for these best practices of the AWS Well-Architected Framework:"}
	md := []string{r.Description, "", "Evidence for these best practices of the AWS Well-Architected Framework:", ""}
	for _, bp := range r.Practices {
		out.Properties.WellArchitected = append(out.Properties.WellArchitected, refOf(bp))
		out.Properties.Tags = appendNew(out.Properties.Tags, bp.PillarID)
		out.Properties.Tags = append(out.Properties.Tags, bp.ID)
		text = append(text, fmt.Sprintf("- %s %s (%s risk): %s", bp.ID, bp.Title, strings.ToLower(string(bp.Level)), bp.URL))
		md = append(md, fmt.Sprintf("- [%s %s](%s) (%s risk; choice `%s` of question `%s`)", bp.ID, mdEscape(bp.Title), bp.URL,
			strings.ToLower(string(bp.Level)), bp.ChoiceID, bp.QuestionID))
		if out.HelpURI == "" {
			out.HelpURI = bp.URL
		}
	}
	out.Help = sarifText{Text: strings.Join(text, "\n"), Markdown: strings.Join(md, "\n")}
	return out
}

// pascalCase turns a rule id (s3-public-access-blocked) into a SARIF rule
// name (S3PublicAccessBlocked).
func pascalCase(id string) string {
	var b strings.Builder
	for _, part := range strings.FieldsFunc(id, func(r rune) bool { return r == '-' || r == '_' || r == '.' }) {
		b.WriteString(strings.ToUpper(part[:1]) + part[1:])
	}
	return b.String()
}

// appendNew appends s to list unless list holds it.
func appendNew(list []string, s string) []string {
	if slices.Contains(list, s) {
		return list
	}
	return append(list, s)
}
