package lens

import (
	"bytes"
	"errors"
	"slices"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/wat-dev/wat"
)

// messyLens is a lens as people write them: accents, CJK and emoji in
// titles and descriptions, a URL with spaces. q2Title is the second
// question's title; rules2 its risk rules.
func messyLens(q2Title, rules2 string) string {
	return `{
  "schemaVersion": "2021-11-01",
  "name": "Revue d'architecture — équipe Données 🚀",
  "description": "Lignes directrices de l'équipe; 数据团队的架构评审; チームのレビュー.",
  "pillars": [{
    "id": "fiabilite", "name": "Fiabilité 🛡️",
    "questions": [
      {"id": "sauvegardes", "title": "Comment sauvegardez-vous les données ? 数据如何备份？",
       "description": "Décrivez la stratégie — ou « aucune ».",
       "helpfulResource": {"displayText": "Guide 📘", "url": "https://example.com/guide de sauvegarde "},
       "choices": [
         {"id": "sauv_auto", "title": "Sauvegardes automatiques ✅", "description": "每日自动备份",
          "improvementPlan": {"displayText": "Activer les sauvegardes — 启用备份", "url": "https://example.com/plan/étape 1"}},
         {"id": "sauv_no", "title": "Aucune de ces réponses"}],
       "riskRules": [{"condition": "sauv_auto", "risk": "NO_RISK"}, {"condition": "default", "risk": "HIGH_RISK"}]},
      {"id": "restaurations", "title": "` + q2Title + `",
       "choices": [{"id": "rest_test", "title": "Restaurations testées 🧪", "improvementPlan": {"displayText": "Tester"}}],
       "riskRules": [` + rules2 + `]}
    ]}]
}`
}

const goodRules = `{"condition": "rest_test", "risk": "NO_RISK"}, {"condition": "default", "risk": "MEDIUM_RISK"}`

// TestMessyLenses checks what people write is read as written, whatever
// the line endings and a byte order mark: the texts, the characters
// counted as characters, problems placed by the column an editor shows.
func TestMessyLenses(t *testing.T) {
	unix := messyLens("Les restaurations sont-elles testées ? 復元テスト", goodRules)
	windows := strings.ReplaceAll(unix, "\n", "\r\n")
	for name, text := range map[string]string{"LF": unix, "CRLF": windows, "BOM and CRLF": "\ufeff" + windows} {
		l, _, ps := Validate([]byte(text))
		if len(ps) > 0 {
			t.Fatalf("%s: %v", name, ps)
		}
		q := l.Questions()[0]
		if l.Name != "Revue d'architecture — équipe Données 🚀" || q.Title != "Comment sauvegardez-vous les données ? 数据如何备份？" ||
			q.Choices[0].Description != "每日自动备份" || l.Pillars[0].Name != "Fiabilité 🛡️" {
			t.Errorf("%s: texts read as %q, %q, %q, %q", name, l.Name, q.Title, q.Choices[0].Description, l.Pillars[0].Name)
		}
		if q.HelpfulResource.URL != "https://example.com/guide%20de%20sauvegarde" ||
			q.Choices[0].ImprovementPlan.URL != "https://example.com/plan/%C3%A9tape%201" {
			t.Errorf("%s: URLs stored as %q and %q", name, q.HelpfulResource.URL, q.Choices[0].ImprovementPlan.URL)
		}
	}

	// A title of 128 emoji is at the limit; of 129, over it, counted in
	// characters (code points, as the API counts), not bytes.
	if _, _, ps := Validate([]byte(messyLens(strings.Repeat("🧪", 128), goodRules))); len(ps) > 0 {
		t.Errorf("a title of 128 emoji: %v", ps)
	}
	tooLong := "\ufeff" + strings.ReplaceAll(messyLens(strings.Repeat("🧪", 129), goodRules), "\n", "\r\n")
	_, _, ps := Validate([]byte(tooLong))
	want := `pillars[0].questions[1].title: is 129 characters long; at most 128 are allowed (pillar "fiabilite", question "restaurations"; line 16, column 40)`
	if len(ps) != 1 || ps[0].String() != want {
		t.Errorf("%v\nwant %s", ps, want)
	}

	// A byte order mark takes no column, and lint warns of it.
	_, doc, ps := Validate([]byte("\ufeff{\"schemaVersion\": 7}"))
	if i := slices.IndexFunc(ps, func(p Problem) bool { return p.Path == "schemaVersion" }); i < 0 || ps[i].Line != 1 || ps[i].Col != 19 {
		t.Errorf("after a byte order mark, the problems are %v; want schemaVersion's at line 1, column 19", ps)
	}
	if ws := Warnings(doc); len(ws) == 0 || ws[0].Line != 1 || ws[0].Col != 1 || !strings.Contains(ws[0].Message, "byte order mark") {
		t.Errorf("warnings %v, want the byte order mark's at line 1, column 1", ws)
	}
	norm, err := mustParse(t, "\ufeff"+unix).Normalize()
	if err != nil || bytes.HasPrefix(norm, []byte("\ufeff")) || !bytes.Contains(norm, []byte(`"name": "Revue d'architecture — équipe Données 🚀"`)) {
		t.Errorf("normalized: %v\n%.200s", err, norm)
	}
}

// TestFirstProblemIsInDocumentOrder checks an invalid lens's error names
// its problems in the order they appear in the document, which is how an
// author fixes them, whatever kind each is.
func TestFirstProblemIsInDocumentOrder(t *testing.T) {
	noDefault := `{"condition": "rest_test", "risk": "NO_RISK"}`
	defaultProblem := `pillars[0].questions[1].riskRules: needs a default rule: {"condition": "default", "risk": ...} (pillar "fiabilite", question "restaurations"; line 18, column 21)`
	titleProblem := `pillars[0].questions[1].title: is 200 characters long; at most 128 are allowed (pillar "fiabilite", question "restaurations"; line 16, column 40)`
	tests := []struct {
		name, text, want string
	}{
		{"a missing default rule", messyLens("Restaurations ?", noDefault), "invalid lens: " + defaultProblem},
		{"a long title before a missing default rule", messyLens(strings.Repeat("é", 200), noDefault), "invalid lens (2 problems): " + titleProblem + "; " + defaultProblem},
		{"a long text, not a problem", strings.Replace(messyLens("Restaurations ?", noDefault), "Tester", strings.Repeat("Tester ", 150), 1), "invalid lens: " + defaultProblem},
		{"a bare NaN", strings.Replace(messyLens("Restaurations ?", noDefault), `"Restaurations ?"`, "NaN", 1),
			"the lens document is not valid JSON: invalid character 'N' looking for beginning of value; NaN is not a JSON value: put the text in quotes, or leave the member out (line 16, column 40)"},
	}
	for _, tt := range tests {
		err := importError([]byte(tt.text))
		var we *wat.Error
		if !errors.As(err, &we) || we.Code != wat.EInvalid {
			t.Fatalf("%s: %v, want a *wat.Error EInvalid", tt.name, err)
		}
		if diff := cmp.Diff(tt.want, we.Message); diff != "" {
			t.Errorf("%s: message (-want +got):\n%s", tt.name, diff)
		}
	}
}

func mustParse(t *testing.T, text string) *Document {
	t.Helper()
	doc, err := ParseDocument([]byte(text))
	if err != nil {
		t.Fatal(err)
	}
	return doc
}
