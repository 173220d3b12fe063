package lens

import (
	"net/url"
	"strings"
	"testing"
)

// TestNormalizeURL checks how URLs are stored: trimmed and percent-encoded
// as a browser requests them, escapes kept, and what no browser could make
// a link of refused with the offending character located.
func TestNormalizeURL(t *testing.T) {
	stored := []struct{ in, want string }{
		{"", ""},
		{" \t", ""},
		{"https://example.com", "https://example.com"},
		{"https://example.com/a b", "https://example.com/a%20b"},
		{"https://docs.aws.amazon.com/msk/latest/developerguide/monitoring.html ", "https://docs.aws.amazon.com/msk/latest/developerguide/monitoring.html"},
		{"\n https://example.com/x\r\n", "https://example.com/x"},
		{"https://example.com/a%20b", "https://example.com/a%20b"},
		{"https://example.com/100%", "https://example.com/100%25"},
		{"https://example.com/%zz", "https://example.com/%25zz"},
		{"https://de.wikipedia.org/wiki/Käse", "https://de.wikipedia.org/wiki/K%C3%A4se"},
		{"https://example.com/文档?q=日本", "https://example.com/%E6%96%87%E6%A1%A3?q=%E6%97%A5%E6%9C%AC"},
		{"https://example.com/🚀", "https://example.com/%F0%9F%9A%80"},
		{`https://example.com/a"b<c>d\e^f` + "`g{h|i}j", "https://example.com/a%22b%3Cc%3Ed%5Ce%5Ef%60g%7Bh%7Ci%7Dj"},
		{"https://example.com/p?a=1&b=[2]#frag ment", "https://example.com/p?a=1&b=[2]#frag%20ment"},
		{"http://user:pw@[::1]:8080/x y", "http://user:pw@[::1]:8080/x%20y"},
		{"https://bücher.example/", "https://bücher.example/"},
		{"https://example.com?x=a b", "https://example.com?x=a%20b"},
	}
	for _, tt := range stored {
		got, p := normalizeURL(tt.in)
		if p != nil || got != tt.want {
			t.Errorf("normalizeURL(%q) = %q, %+v; want %q", tt.in, got, p, tt.want)
		}
		if again, p := normalizeURL(got); p != nil || again != got {
			t.Errorf("normalizing %q again gives %q, %+v", got, again, p)
		}
	}
	refused := []struct {
		in   string
		at   int
		want string
	}{
		{"javascript:alert(1)", -1, `"javascript:alert(1)" is not an absolute http:// or https:// URL`},
		{"ftp://example.com/a b", -1, "is not an absolute http:// or https:// URL"},
		{"HTTPS://example.com", -1, "is not an absolute http:// or https:// URL"},
		{"example.com/docs", -1, "is not an absolute http:// or https:// URL"},
		{"https://", -1, "is not an absolute http:// or https:// URL"},
		{"https:///path", -1, "is not an absolute http:// or https:// URL"},
		{"  https://exa mple.com/", 13, "contains ' ' at offset 13, in the host part, where a URL cannot hold it"},
		{"https://example.com<script>/", 19, "contains '<' at offset 19, in the host part"},
		{`https://example.com\evil.com/`, 19, `contains '\\' at offset 19, in the host part`},
		{"https://example.com/a\nb", 21, "contains the control character U+000A at offset 21; a URL cannot hold one"},
		{"https://example.com/a\x00", 21, "control character U+0000"},
		{"https://example.com/\x7f", 20, "control character U+007F"},
		{"https://example.com:http/", -1, `"https://example.com:http/" is not a URL: invalid port ":http" after host`},
		{"https://@/", -1, "is not a URL: it has no host"},
		{"https://exa%zzmple.com/", -1, "is not a URL"},
	}
	for _, tt := range refused {
		got, p := normalizeURL(tt.in)
		if p == nil || p.at != tt.at || !strings.Contains(p.msg, tt.want) {
			t.Errorf("normalizeURL(%q) = %q, %+v; want a problem at %d saying %q", tt.in, got, p, tt.at, tt.want)
		}
	}
}

// TestCompiledURLs checks a compiled lens links where wat stores, and that
// the normalized document, which is what ImportLens stores, says the same.
func TestCompiledURLs(t *testing.T) {
	doc := testDoc()
	q := &doc.Pillars[0].Questions[0]
	q.HelpfulResource.URL = " https://example.com/how we work "
	q.Choices[1].ImprovementPlan.URL = "https://example.com/plan/étape 1"
	q.Choices[2].AdditionalResources[0].Content[0].URL = "https://example.com/more|less"
	l, err := Compile(doc)
	if err != nil {
		t.Fatal(err)
	}
	cq := l.Questions()[0]
	want := []string{"https://example.com/how%20we%20work", "https://example.com/plan/%C3%A9tape%201", "https://example.com/more%7Cless"}
	got := []string{cq.HelpfulResource.URL, cq.Choices[1].ImprovementPlan.URL, cq.Choices[2].AdditionalResources[0].Content[0].URL}
	for i := range want {
		if got[i] != want[i] {
			t.Errorf("compiled URL %d = %q, want %q", i, got[i], want[i])
		}
	}
	if doc.Pillars[0].Questions[0].HelpfulResource.URL != " https://example.com/how we work " {
		t.Error("Compile changed the document it was given")
	}
	norm, err := doc.Normalize()
	if err != nil {
		t.Fatal(err)
	}
	for _, u := range want {
		if !strings.Contains(string(norm), `"url": "`+u+`"`) {
			t.Errorf("the normalized document lacks %q", u)
		}
	}
	if strings.Contains(string(norm), "how we work") {
		t.Error("the normalized document keeps the URL as written")
	}
}

// FuzzNormalizeURL holds every stored URL to be an http(s) URL net/url
// parses, with a host, without space or control characters, and stable:
// normalizing it again changes nothing.
func FuzzNormalizeURL(f *testing.F) {
	for _, s := range []string{"https://example.com/a b", " http://x.y/é?q=1#f g ", "https://[::1]:80/%", "https://a.b/%4", "http://a@b:1"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, in string) {
		got, p := normalizeURL(in)
		if p != nil {
			if p.at >= len(in) {
				t.Fatalf("normalizeURL(%q) places its problem at %d, beyond the URL", in, p.at)
			}
			return
		}
		if got == "" {
			if strings.Trim(in, urlSpace) != "" {
				t.Fatalf("normalizeURL(%q) = \"\"", in)
			}
			return
		}
		if !strings.HasPrefix(got, "https://") && !strings.HasPrefix(got, "http://") {
			t.Fatalf("normalizeURL(%q) = %q, not http(s)", in, got)
		}
		if strings.IndexFunc(got, func(r rune) bool { return r <= ' ' || r == 0x7f }) >= 0 {
			t.Fatalf("normalizeURL(%q) = %q holds a space or control character", in, got)
		}
		if u, err := url.Parse(got); err != nil || u.Hostname() == "" {
			t.Fatalf("normalizeURL(%q) = %q, which net/url reads as %v, %v", in, got, u, err)
		}
		if again, p := normalizeURL(got); p != nil || again != got {
			t.Fatalf("normalizeURL(%q) = %q, then %q, %+v", in, got, again, p)
		}
	})
}
