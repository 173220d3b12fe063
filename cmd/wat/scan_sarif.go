package main

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io"
	"net/url"
	"os"
	"path/filepath"
	"strings"

	"github.com/wat-dev/wat/scan"
)

// The SARIF 2.1.0 log of `wat scan --format sarif`, for code-scanning UIs:
// one rule per scan rule, whose properties carry the best practices it is
// evidence for; a FAIL result per failing resource, a "review" result per
// resource whose outcome is unknown (passes are not results); files that
// could not be read as tool execution notifications.
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
		WellArchitected []practiceRef `json:"wellArchitected"`
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

func printReportSARIF(w io.Writer, rules []*scan.Rule, rep *scan.Report) error {
	run := sarifRun{
		Tool:        sarifTool{Driver: sarifDriver{Name: "wat", Version: version, InformationURI: watURI, Rules: []sarifRule{}}},
		Invocations: []sarifInvocation{{ExecutionSuccessful: true, Notifications: []sarifNotification{}}},
		Results:     []sarifResult{},
	}
	index := map[*scan.Rule]int{}
	for i, r := range rules {
		index[r] = i
		run.Tool.Driver.Rules = append(run.Tool.Driver.Rules, sarifRuleOf(r))
	}
	if rep != nil {
		for _, res := range rep.Results {
			if res.Status == scan.Pass {
				continue
			}
			run.Results = append(run.Results, sarifResultOf(res, index[res.Rule]))
		}
		for _, p := range rep.Problems {
			run.Invocations[0].Notifications = append(run.Invocations[0].Notifications, sarifNotification{
				Level: "error", Message: sarifText{Text: "Not read: " + p.Message}, Locations: []sarifLocation{sarifLocationOf(p.File, p.Line, "")},
			})
		}
	}
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(sarifLog{Schema: sarifSchema, Version: sarifVersion, Runs: []sarifRun{run}})
}

func sarifRuleOf(r *scan.Rule) sarifRule {
	out := sarifRule{
		ID: r.ID, Name: pascalCase(r.ID),
		ShortDescription:     sarifText{Text: r.Title},
		FullDescription:      sarifText{Text: r.Description},
		DefaultConfiguration: sarifConfig{Level: sarifLevel(r.Severity)},
		Properties:           sarifRuleFields{Tags: []string{"well-architected"}, Severity: r.Severity, Kinds: r.Kinds, WellArchitected: []practiceRef{}},
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

func sarifResultOf(res scan.Result, ruleIndex int) sarifResult {
	r := res.Resource
	var ids []string
	for _, bp := range res.Rule.Practices {
		ids = append(ids, bp.ID)
	}
	out := sarifResult{RuleID: res.Rule.ID, RuleIndex: ruleIndex, Locations: []sarifLocation{sarifLocationOf(r.File, r.Line, r.Name)}}
	if res.Status == scan.Fail {
		out.Kind, out.Level = "fail", sarifLevel(res.Rule.Severity)
		out.Message.Text = fmt.Sprintf("%s (%s) fails %q: evidence against %s.", r.Name, r.Type, res.Rule.Title, strings.Join(ids, ", "))
	} else { // SARIF: a result that is not a failure has level "none"
		out.Kind, out.Level = "review", "none"
		out.Message.Text = fmt.Sprintf("%s (%s): whether it meets %q is not known before deployment (%s); review it for %s.",
			r.Name, r.Type, res.Rule.Title, res.Reason, strings.Join(ids, ", "))
	}
	sum := sha256.Sum256([]byte(res.Rule.ID + "\x00" + sarifURI(r.File) + "\x00" + r.Name))
	out.PartialFingerprints = map[string]string{"watResource/v1": hex.EncodeToString(sum[:16])}
	return out
}

func sarifLocationOf(file string, line int, resource string) sarifLocation {
	loc := sarifLocation{PhysicalLocation: sarifPhysical{ArtifactLocation: sarifArtifact{URI: sarifURI(file)}}}
	if !strings.HasPrefix(loc.PhysicalLocation.ArtifactLocation.URI, "file:") {
		loc.PhysicalLocation.ArtifactLocation.URIBaseID = srcRoot
	}
	if line > 0 {
		loc.PhysicalLocation.Region = &sarifRegion{StartLine: line}
	}
	if resource != "" {
		loc.LogicalLocations = []sarifLogicalLoc{{Name: resource, Kind: "resource"}}
	}
	return loc
}

// sarifURI is a file's path as a URI reference relative to the directory
// the scan ran in, or an absolute file: URI when it is outside it.
func sarifURI(file string) string {
	p := relPath(file)
	if filepath.IsAbs(p) {
		return (&url.URL{Scheme: "file", Path: filepath.ToSlash(p)}).String()
	}
	return (&url.URL{Path: filepath.ToSlash(p)}).EscapedPath()
}

// relPath is file relative to the working directory when it is absolute
// and under it; file, cleaned, otherwise.
func relPath(file string) string {
	if !filepath.IsAbs(file) {
		return filepath.Clean(file)
	}
	if wd, err := os.Getwd(); err == nil {
		if rel, err := filepath.Rel(wd, file); err == nil && rel != ".." && !strings.HasPrefix(rel, ".."+string(filepath.Separator)) {
			return rel
		}
	}
	return file
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

func appendNew(list []string, s string) []string {
	for _, x := range list {
		if x == s {
			return list
		}
	}
	return append(list, s)
}
