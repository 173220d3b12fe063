package api

import (
	"encoding/json"
	"net/url"

	"github.com/wat-dev/wat/api/wire"
)

// A webhook's URL often carries its receiver's token in its path or query
// (a chat service's incoming hook, ?token=). The model marks such members
// maskUrlPath (spec/wat.json); the audit log, and so the events made of its
// records (events.go), keep their scheme and host only: enough to tell
// which service a subscription posts to, not enough to post to it. The API
// answers their owner with the whole URL.

// isMaskedURL reports whether a member holds a URL whose path and query the
// audit log hides (the model's maskUrlPath, by member name).
func isMaskedURL(member string) bool { return wire.IsMaskedURLMember(member) }

// maskURL is a URL as the audit log shows it: its scheme and host, and
// "/****" for whatever else it had (user info, path, query, fragment). What
// is not an absolute URL with a host is masked whole.
func maskURL(raw string) string {
	u, err := url.Parse(raw)
	if err != nil || u.Scheme == "" || u.Host == "" {
		return masked
	}
	kept := u.Scheme + "://" + u.Host
	if raw == kept || raw == kept+"/" {
		return raw
	}
	return kept + "/" + masked
}

// maskURLText is maskURL for a JSON string's text (quotes included),
// appended to out as JSON; ok is false when text is not a JSON string.
func maskURLText(out, text []byte) ([]byte, bool) {
	var s string
	if json.Unmarshal(text, &s) != nil {
		return out, false
	}
	b, err := json.Marshal(maskURL(s))
	if err != nil {
		return out, false
	}
	return append(out, b...), true
}
