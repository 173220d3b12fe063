package lens

import (
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// TestWarnings checks what lint warns of without refusing the lens: texts
// longer than the response shapes that return them, URLs stored otherwise
// than written; and that a tidy lens, or a value invalid anyway, gets none.
func TestWarnings(t *testing.T) {
	if ws := Warnings(testDoc()); ws != nil {
		t.Errorf("a tidy lens has warnings: %v", ws)
	}
	if ws := Warnings(nil); ws != nil {
		t.Errorf("Warnings(nil) = %v", ws)
	}
	doc := testDoc()
	doc.Description = strings.Repeat("d", 1025)
	q := &doc.Pillars[0].Questions[0]
	q.HelpfulResource.DisplayText = strings.Repeat("文", 65)
	q.HelpfulResource.URL = "https://example.com/guide "
	c := &q.Choices[1]
	c.Description = strings.Repeat("x", 2049) // invalid: its problem says enough
	c.ImprovementPlan.DisplayText = strings.Repeat("p", 1400)
	c.ImprovementPlan.URL = "https://example.com/a b"
	c.HelpfulResource.URL = "https://example.com/one, https://example.com/two"
	q.Choices[2].AdditionalResources[0].Content[0].URL = " "
	q.Choices[2].AdditionalResources[0].Content[0].DisplayText = strings.Repeat("m", 1024) // at the limit

	var got []field
	for _, w := range Warnings(doc) {
		got = append(got, field{w.Path, w.Message})
	}
	const tail = "; wat returns it in full, but a client that checks response lengths may refuse it"
	want := []field{
		{"description", "is 1025 characters long, more than the 1024 of the API's LensDescription" + tail},
		{q0 + ".helpfulResource.displayText", "is 65 characters long, more than the 64 of the API's HelpfulResourceDisplayText (a DisplayText)" + tail},
		{q0 + ".helpfulResource.url", "has spaces around it; wat stores it without them, as a browser would request it"},
		{q0 + ".choices[1].helpfulResource.url", "seems to hold more than one URL; a link opens only one: give the others as additional resources"},
		{q0 + ".choices[1].helpfulResource.url", `holds characters a URL cannot (a space, quotes, accented letters); wat stores it percent-encoded, as a browser would request it: "https://example.com/one,%20https://example.com/two"`},
		{q0 + ".choices[1].improvementPlan.displayText", "is 1400 characters long, more than the 1024 of the API's ChoiceContentDisplayText" + tail},
		{q0 + ".choices[1].improvementPlan.url", `holds characters a URL cannot (a space, quotes, accented letters); wat stores it percent-encoded, as a browser would request it: "https://example.com/a%20b"`},
		{q0 + ".choices[2].additionalResources[0].content[0].url", "is blank; wat stores no URL"},
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("warnings (-want +got):\n%s", diff)
	}
	if _, err := Compile(doc); err == nil || !strings.Contains(err.Error(), "choices[1].description: is 2049 characters long") {
		t.Errorf("Compile = %v, want only the over-long description refused", err)
	}
}

// TestWarningsPlaced checks warnings are placed in the text, as problems
// are, with a URL whose encoding makes it longer than ChoiceContentUrl.
func TestWarningsPlaced(t *testing.T) {
	long := "https://example.com/" + strings.Repeat("é", 400) // 2,420 characters once encoded: over 2048
	ok := "https://example.com/" + strings.Repeat("é", 300)   // 1,820: over ChoiceContentUrl's 1024 only
	in := "{\"schemaVersion\": \"2021-11-01\", \"name\": \"L\", \"pillars\": [\n" +
		"  {\"id\": \"pil\", \"name\": \"P\", \"questions\": [\n" +
		"    {\"id\": \"que\", \"title\": \"Q\", \"choices\": [\n" +
		"      {\"id\": \"aaa\", \"title\": \"A\", \"improvementPlan\": {\"displayText\": \"x\", \"url\": \"" + long + "\"}},\n" +
		"      {\"id\": \"bbb\", \"title\": \"B\", \"improvementPlan\": {\"displayText\": \"x\", \"url\": \"" + ok + "\"}}],\n" +
		"     \"riskRules\": [{\"condition\": \"default\", \"risk\": \"HIGH_RISK\"}]}]}]}"
	_, doc, ps := Validate([]byte(in))
	want := q0 + `.choices[0].improvementPlan.url: is 2420 characters long; at most 2048 are allowed (pillar "pil", question "que", choice "aaa"; line 4, column 82)`
	if len(ps) != 1 || ps[0].String() != want {
		t.Errorf("problems %v\nwant %s", ps, want)
	}
	var got []string
	for _, w := range Warnings(doc) {
		got = append(got, w.String())
	}
	const at = ` (pillar "pil", question "que", choice "bbb"; line 5, column 82)`
	wantWarnings := []string{
		q0 + `.choices[1].improvementPlan.url: holds characters a URL cannot (a space, quotes, accented letters); wat stores it percent-encoded, as a browser would request it: "https://example.com/` + strings.Repeat("%C3%A9", 300) + `"` + at,
		q0 + `.choices[1].improvementPlan.url: is 1820 characters long, more than the 1024 of the API's ChoiceContentUrl; wat returns it in full, but a client that checks response lengths may refuse it` + at,
	}
	if diff := cmp.Diff(wantWarnings, got); diff != "" {
		t.Errorf("warnings (-want +got):\n%s", diff)
	}
}
