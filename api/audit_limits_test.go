package api

import (
	"encoding/json"
	"fmt"
	"net/http"
	"net/netip"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/wat-dev/wat"
)

func TestLimitText(t *testing.T) {
	for _, tt := range []struct{ in, want string }{
		{"aws-cli/2", "aws-cli/2"},
		{"bad \xff byte and \x00 nul", "bad \uFFFD byte and \uFFFD nul"},
		{strings.Repeat("a", 256), strings.Repeat("a", 256)},
		{strings.Repeat("a", 257), strings.Repeat("a", 256-len(truncatedMark)) + truncatedMark},
	} {
		if got := limitText(tt.in, 256); got != tt.want {
			t.Errorf("limitText(%.30q) = %.40q, want %.40q", tt.in, got, tt.want)
		}
	}
	// A cut never splits a character.
	got := limitText(strings.Repeat("é", 200), 256)
	if len(got) > 256 || !utf8.ValidString(got) || !strings.HasSuffix(got, truncatedMark) {
		t.Errorf("limitText of two-byte characters: %d bytes, valid %v: %q", len(got), utf8.ValidString(got), got)
	}
}

func TestLimitJSON(t *testing.T) {
	small := `{"WorkloadId":"w1"}`
	if got := limitJSON(small); got != small {
		t.Errorf("a small object changed: %s", got)
	}
	long := `{"WorkloadId":"w1","Environment":"` + strings.Repeat("x", 20<<10) + `","Count":3}`
	var m map[string]any
	got := limitJSON(long)
	if err := json.Unmarshal([]byte(got), &m); err != nil || len(got) > maxAuditJSON {
		t.Fatalf("a long string: %d bytes, %v", len(got), err)
	}
	if env, _ := m["Environment"].(string); m["WorkloadId"] != "w1" || m["Count"] != 3.0 || len(env) != maxAuditText || !strings.HasSuffix(env, truncatedMark) {
		t.Errorf("a long string, cut: %.200s", got)
	}
	// Members short but too many: only the summary fits.
	var many strings.Builder
	many.WriteString(`{"Tags":{`)
	for i := range 5000 {
		if i > 0 {
			many.WriteByte(',')
		}
		fmt.Fprintf(&many, `"key%05d":"v"`, i)
	}
	many.WriteString(`}}`)
	got = limitJSON(many.String())
	if want := fmt.Sprintf(`{"truncated":true,"bytes":%d}`, many.Len()); got != want {
		t.Errorf("too many members: %.200s, want %s", got, want)
	}
}

func TestLimitEvent(t *testing.T) {
	e := &wat.AuditEvent{UserAgent: strings.Repeat("u", 1<<20), AccessKeyID: strings.Repeat("A", 5000),
		ErrorMessage: strings.Repeat("m", 5000), RequestParameters: `{"A":"` + strings.Repeat("p", 1<<20) + `"}`}
	limitEvent(e)
	if len(e.UserAgent) > maxAuditText || len(e.AccessKeyID) > maxAuditText || len(e.ErrorMessage) > maxAuditMessage ||
		len(e.RequestParameters) > maxAuditJSON || !json.Valid([]byte(e.RequestParameters)) {
		t.Errorf("limited event: user agent %d, key %d, message %d, parameters %d bytes",
			len(e.UserAgent), len(e.AccessKeyID), len(e.ErrorMessage), len(e.RequestParameters))
	}
}

func TestSourceAddress(t *testing.T) {
	proxies := []netip.Prefix{netip.MustParsePrefix("10.0.0.0/8"), netip.MustParsePrefix("::1/128")}
	for _, tt := range []struct {
		name    string
		trusted []netip.Prefix
		remote  string
		xff     []string
		want    string
	}{
		{"no proxies: the header is ignored", nil, "192.0.2.1:5000", []string{"203.0.113.9"}, "192.0.2.1"},
		{"an untrusted peer's header is ignored", proxies, "192.0.2.1:5000", []string{"203.0.113.9"}, "192.0.2.1"},
		{"a trusted proxy names the client", proxies, "10.1.2.3:5000", []string{"203.0.113.9"}, "203.0.113.9"},
		{"the client's own claims come first", proxies, "10.1.2.3:5000", []string{"198.51.100.1, 203.0.113.9"}, "203.0.113.9"},
		{"chained proxies are skipped", proxies, "10.1.2.3:5000", []string{"203.0.113.9", "10.9.9.9"}, "203.0.113.9"},
		{"IPv6 proxy", proxies, "[::1]:5000", []string{"2001:db8::7"}, "2001:db8::7"},
		{"an unreadable hop stops at the proxy", proxies, "10.1.2.3:5000", []string{"203.0.113.9, garbage"}, "10.1.2.3"},
		{"no header", proxies, "10.1.2.3:5000", nil, "10.1.2.3"},
	} {
		s := &Server{TrustedProxies: tt.trusted}
		r := &http.Request{RemoteAddr: tt.remote, Header: http.Header{}}
		for _, v := range tt.xff {
			r.Header.Add("X-Forwarded-For", v)
		}
		if got := s.sourceAddress(r); got != tt.want {
			t.Errorf("%s: %q, want %q", tt.name, got, tt.want)
		}
	}
	for in, want := range map[string]string{
		"192.0.2.1": "192.0.2.1", "::ffff:192.0.2.1": "192.0.2.1", "2001:db8:1:2:3:4:5:6": "2001:db8:1:2::/64", "not an address": "not an address",
	} {
		if got := addressKey(in); got != want {
			t.Errorf("addressKey(%q) = %q, want %q", in, got, want)
		}
	}
}
