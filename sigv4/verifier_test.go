package sigv4

import (
	"cmp"
	"context"
	"errors"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/wat-dev/wat"
)

// The base request of TestVerify: UpdateAnswer-like PATCH with an ARN label
// in the path, a query string and a JSON body.
const (
	baseURL = "http://wat.example.com/workloads/0123456789abcdef0123456789abcdef/lensReviews/" +
		"arn%3Aaws%3Awellarchitected%3Aus-east-1%3A123456789012%3Alens%2Fabc/answers/q1" +
		"?MaxResults=5&NextToken=a%2Bb%2Fc%3D%3D&tagKeys=b&tagKeys=a"
	baseBody = `{"SelectedChoices":["c1","c2"],"Notes":"hello  world"}`
)

func TestVerify(t *testing.T) {
	tests := []struct {
		name   string
		method string // PATCH if empty
		url    string // baseURL if empty
		body   string // baseBody if empty; "-" for none
		// before runs before signing, sign changes the signing parameters,
		// after tampers with the signed request, wire with the bytes sent.
		before  func(*http.Request)
		sign    func(*signParams)
		after   func(*http.Request)
		wire    func(string) string
		lookup  SecretLookup
		want    string // the error type; "" for success
		wantMsg string // a substring of the error message
	}{
		{name: "valid"},
		{name: "valid GET without body", method: http.MethodGet, body: "-"},
		{name: "valid DELETE with repeated query keys", method: http.MethodDelete, url: "http://wat.example.com" + workloadARNPath + "?tagKeys=k2&tagKeys=k1", body: "-"},
		{name: "valid at 14 minutes past", sign: func(p *signParams) { p.Time = testTime.Add(-14 * time.Minute) }},
		{name: "valid at 14 minutes ahead", sign: func(p *signParams) { p.Time = testTime.Add(14 * time.Minute) }},
		{name: "valid with correct x-amz-content-sha256", before: func(r *http.Request) {
			r.Header.Set("X-Amz-Content-Sha256", sha256Hex([]byte(baseBody)))
		}},
		{name: "valid with session token", sign: func(p *signParams) { p.SessionToken = "token" }},
		{name: "valid with signed user-agent", before: func(r *http.Request) {
			// Lower-case key: the SDK signer then signs it, as some clients do.
			r.Header["user-agent"] = []string{"custom/1.0"}
		}, after: func(r *http.Request) {
			r.Header["User-Agent"] = r.Header["user-agent"]
			delete(r.Header, "user-agent")
		}},
		{name: "valid with reordered query", after: func(r *http.Request) {
			r.URL.RawQuery = "tagKeys=a&NextToken=a%2Bb%2Fc%3D%3D&tagKeys=b&MaxResults=5"
		}},
		{name: "valid with unsigned header added", after: func(r *http.Request) { r.Header.Set("X-Forwarded-For", "10.0.0.1") }},
		{name: "valid with default port in Host", wire: func(s string) string {
			// The signers drop a default port from the host they sign.
			return strings.Replace(s, "Host: wat.example.com\r\n", "Host: wat.example.com:80\r\n", 1)
		}},
		{name: "valid with headers in other case on the wire", wire: func(s string) string {
			return strings.Replace(s, "Content-Type:", "content-TYPE:", 1)
		}},

		{name: "tampered body", after: func(r *http.Request) {
			b := strings.Replace(baseBody, "c2", "c3", 1)
			r.Body, r.ContentLength = bodyOf(b), int64(len(b))
		}, want: TypeInvalidSignature, wantMsg: msgSignatureMismatch},
		{name: "tampered body length", after: func(r *http.Request) {
			b := baseBody + " "
			r.Body, r.ContentLength = bodyOf(b), int64(len(b))
		}, want: TypeInvalidSignature},
		{name: "body dropped with signed content-length", after: func(r *http.Request) {
			r.Body, r.ContentLength = nil, 0
			// net/http still sends "Content-Length: 0" for a PATCH.
		}, want: TypeInvalidSignature, wantMsg: "content-length"},
		{name: "tampered path", after: func(r *http.Request) {
			r.URL.RawPath = strings.Replace(r.URL.RawPath, "/q1", "/q2", 1)
			r.URL.Path = strings.Replace(r.URL.Path, "/q1", "/q2", 1)
		}, want: TypeInvalidSignature, wantMsg: msgSignatureMismatch},
		{name: "path sent unescaped", after: func(r *http.Request) { r.URL.RawPath = "" }, want: TypeInvalidSignature},
		{name: "tampered query value", after: func(r *http.Request) {
			r.URL.RawQuery = strings.Replace(r.URL.RawQuery, "MaxResults=5", "MaxResults=6", 1)
		}, want: TypeInvalidSignature},
		{name: "query parameter added", after: func(r *http.Request) { r.URL.RawQuery += "&x=1" }, want: TypeInvalidSignature},
		{name: "query parameter removed", after: func(r *http.Request) {
			r.URL.RawQuery = strings.Replace(r.URL.RawQuery, "&tagKeys=a", "", 1)
		}, want: TypeInvalidSignature},
		{name: "tampered method", after: func(r *http.Request) { r.Method = http.MethodPut }, want: TypeInvalidSignature},
		{name: "tampered signed header", after: func(r *http.Request) { r.Header.Set("Content-Type", "text/plain") }, want: TypeInvalidSignature},
		{name: "tampered host", after: func(r *http.Request) { r.Host = "evil.example.com" }, want: TypeInvalidSignature},
		{name: "tampered port", after: func(r *http.Request) { r.Host = "wat.example.com:8080" }, want: TypeInvalidSignature},
		{name: "tampered x-amz-date", after: func(r *http.Request) {
			r.Header.Set("X-Amz-Date", testTime.Add(time.Second).Format(amzDateFormat))
		}, want: TypeInvalidSignature},
		{name: "signed header removed", after: func(r *http.Request) { r.Header.Del("Content-Type") }, want: TypeInvalidSignature, wantMsg: "content-type"},
		{name: "signed headers list edited", after: func(r *http.Request) {
			replaceAuth(r, ";content-type;", ";")
		}, want: TypeInvalidSignature},
		{name: "wrong secret", sign: func(p *signParams) { p.Secret = otherSecret }, want: TypeInvalidSignature, wantMsg: msgSignatureMismatch},
		{name: "other key's secret", sign: func(p *signParams) { p.AccessKeyID = otherAKID }, want: TypeInvalidSignature},
		{name: "unknown key", sign: func(p *signParams) { p.AccessKeyID = "AKIAUNKNOWN" }, want: TypeUnrecognizedClient, wantMsg: "security token"},
		{name: "expired", sign: func(p *signParams) { p.Time = testTime.Add(-16 * time.Minute) }, want: TypeInvalidSignature,
			wantMsg: "Signature expired: 20250314T145326Z is now earlier than 20250314T145426Z (20250314T150926Z - 15m0s)"},
		{name: "future", sign: func(p *signParams) { p.Time = testTime.Add(16 * time.Minute) }, want: TypeInvalidSignature,
			wantMsg: "Signature not yet current: 20250314T152526Z is still later than 20250314T152426Z (20250314T150926Z + 15m0s)"},
		{name: "wrong region", sign: func(p *signParams) { p.Region = "eu-west-1" }, want: TypeInvalidSignature,
			wantMsg: `Credential should be scoped to a valid region. Expected "us-east-1", got "eu-west-1"`},
		{name: "wrong service", sign: func(p *signParams) { p.Service = "s3" }, want: TypeInvalidSignature, wantMsg: `"wellarchitected"`},
		{name: "scope date differs from x-amz-date", after: func(r *http.Request) { replaceAuth(r, "/20250314/", "/20250313/") },
			want: TypeInvalidSignature, wantMsg: "Date in Credential scope"},
		{name: "wrong terminator", after: func(r *http.Request) { replaceAuth(r, "/aws4_request", "/aws4_requesT") },
			want: TypeInvalidSignature, wantMsg: "terminator"},
		{name: "x-amz-content-sha256 mismatch", before: func(r *http.Request) {
			r.Header.Set("X-Amz-Content-Sha256", sha256Hex([]byte("something else")))
		}, want: TypeInvalidSignature, wantMsg: "x-amz-content-sha256"},
		{name: "x-amz-content-sha256 unsigned payload", before: func(r *http.Request) {
			r.Header.Set("X-Amz-Content-Sha256", "UNSIGNED-PAYLOAD")
		}, want: TypeInvalidSignature},
		{name: "missing x-amz-date", after: func(r *http.Request) { r.Header.Del("X-Amz-Date") },
			want: TypeIncompleteSignature, wantMsg: "'X-Amz-Date' or a 'Date' header"},
		{name: "malformed x-amz-date", after: func(r *http.Request) { r.Header.Set("X-Amz-Date", "2025-03-14T15:09:26Z") },
			want: TypeIncompleteSignature, wantMsg: "basic format"},
		{name: "stale Date header used without x-amz-date", after: func(r *http.Request) {
			r.Header.Del("X-Amz-Date")
			r.Header.Set("Date", testTime.Add(-20*time.Minute).Format(http.TimeFormat))
		}, want: TypeInvalidSignature, wantMsg: "Signature expired"},
		{name: "stale Date header in botocore format", after: func(r *http.Request) {
			r.Header.Del("X-Amz-Date")
			r.Header.Set("Date", testTime.Add(-20*time.Minute).Format(time.RFC1123Z))
		}, want: TypeInvalidSignature, wantMsg: "Signature expired"},
		{name: "malformed Date header", after: func(r *http.Request) {
			r.Header.Del("X-Amz-Date")
			r.Header.Set("Date", "yesterday")
		}, want: TypeIncompleteSignature},
		{name: "no authorization", after: func(r *http.Request) { r.Header.Del("Authorization") },
			want: TypeMissingAuthenticationToken, wantMsg: "Missing Authentication Token"},
		{name: "other algorithm", after: func(r *http.Request) { replaceAuth(r, "AWS4-HMAC-SHA256 ", "AWS4-ECDSA-P256-SHA256 ") },
			want: TypeIncompleteSignature, wantMsg: "AWS4-ECDSA-P256-SHA256"},
		{name: "missing credential", after: func(r *http.Request) { cutAuthParam(r, "Credential") },
			want: TypeIncompleteSignature, wantMsg: "requires 'Credential' parameter"},
		{name: "missing signed headers", after: func(r *http.Request) { cutAuthParam(r, "SignedHeaders") },
			want: TypeIncompleteSignature, wantMsg: "requires 'SignedHeaders' parameter"},
		{name: "missing signature", after: func(r *http.Request) { cutAuthParam(r, "Signature") },
			want: TypeIncompleteSignature, wantMsg: "requires 'Signature' parameter"},
		{name: "short credential", after: func(r *http.Request) { replaceAuth(r, "/wellarchitected/aws4_request", "/wellarchitected") },
			want: TypeIncompleteSignature, wantMsg: "Credential must have the form"},
		{name: "truncated signature", after: func(r *http.Request) {
			h := r.Header.Get("Authorization")
			r.Header.Set("Authorization", h[:len(h)-1])
		}, want: TypeIncompleteSignature, wantMsg: "64 lower-case hexadecimal"},
		{name: "lookup fails", lookup: func(context.Context, string) (string, error) { return "", errBoom },
			want: "non-auth error: sigv4: look up access key \"AKIAWATTEST0000001\": boom"},
		{name: "lookup returns no secret", lookup: func(context.Context, string) (string, error) { return "", nil },
			want: "non-auth error: sigv4: look up access key \"AKIAWATTEST0000001\": empty secret"},
	}
	v := &Verifier{Service: testService, Region: testRegion, Now: func() time.Time { return testTime }}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			method, url, body := cmp.Or(tc.method, http.MethodPatch), cmp.Or(tc.url, baseURL), []byte(cmp.Or(tc.body, baseBody))
			if tc.body == "-" {
				body = nil
			}
			req := newClientRequest(t, method, url, body)
			if tc.before != nil {
				tc.before(req)
			}
			p := defaultSignParams()
			if tc.sign != nil {
				tc.sign(&p)
			}
			signWithSDK(t, req, body, p)
			if tc.after != nil {
				tc.after(req)
			}
			edit := tc.wire
			if edit == nil {
				edit = func(s string) string { return s }
			}
			sr, got := rewire(t, req, edit)
			lookup := testLookup
			if tc.lookup != nil {
				lookup = tc.lookup
			}

			id, err := v.Verify(context.Background(), sr, got, lookup)
			if gotType := errType(err); gotType != tc.want {
				t.Fatalf("Verify() error = %v (type %q), want type %q", err, gotType, tc.want)
			}
			if err == nil {
				if id != p.AccessKeyID {
					t.Errorf("Verify() = %q, want %q", id, p.AccessKeyID)
				}
				return
			}
			if id != "" {
				t.Errorf("Verify() = %q with an error, want \"\"", id)
			}
			if msg := err.Error(); !strings.Contains(msg, tc.wantMsg) || strings.Contains(msg, testSecret) || strings.Contains(msg, otherSecret) {
				t.Errorf("Verify() error message %q, want it to contain %q and no secret", msg, tc.wantMsg)
			}
		})
	}
}

var errBoom = errors.New("boom")

func TestVerifyLookupErrorIsWrapped(t *testing.T) {
	req := newClientRequest(t, http.MethodGet, baseURL, nil)
	signWithSDK(t, req, nil, defaultSignParams())
	sr, body := toServerRequest(t, req)
	v := &Verifier{Service: testService, Region: testRegion, Now: func() time.Time { return testTime }}
	forbidden := &wat.Error{Code: wat.EForbidden, Message: "suspended"}
	for _, lookupErr := range []error{errBoom, forbidden} {
		_, err := v.Verify(context.Background(), sr, body, func(context.Context, string) (string, error) { return "", lookupErr })
		if !errors.Is(err, lookupErr) {
			t.Errorf("Verify() error = %v, want it to wrap %v", err, lookupErr)
		}
		if wat.ErrorCodeOf(err) == wat.EUnauthenticated {
			t.Errorf("Verify() error = %v classified as unauthenticated", err)
		}
	}
}

// A raw path that net/http would re-escape ('{', '|') is canonicalised as
// the client signed it, from the request line.
func TestVerifyRawRequestLine(t *testing.T) {
	const host = "wat.example.com"
	for _, path := range []string{"/odd/{x}|y", "/a%2fb/%7e", "/", "//double//slash"} {
		t.Run(path, func(t *testing.T) {
			req := newClientRequest(t, http.MethodGet, "http://"+host+"/?q=1", nil)
			req.URL.Opaque = "//" + host + path // the signer's documented way to sign a raw path
			signWithSDK(t, req, nil, defaultSignParams())
			wire := "GET " + path + "?q=1 HTTP/1.1\r\nHost: " + host + "\r\n" +
				"X-Amz-Date: " + req.Header.Get("X-Amz-Date") + "\r\n" +
				"Authorization: " + req.Header.Get("Authorization") + "\r\n\r\n"
			sr, body := readServerRequest(t, wire)
			v := &Verifier{Service: testService, Region: testRegion, Now: func() time.Time { return testTime }}
			if _, err := v.Verify(context.Background(), sr, body, testLookup); err != nil {
				t.Fatalf("Verify(%s) = %v", path, err)
			}
		})
	}
}

// Signing keys are cached by access key id; a changed secret must
// take effect at once.
func TestVerifySecretChange(t *testing.T) {
	secret := testSecret
	lookup := func(context.Context, string) (string, error) { return secret, nil }
	v := NewVerifier(testService, testRegion)
	v.Now = func() time.Time { return testTime }
	verify := func(signedWith string) error {
		req := newClientRequest(t, http.MethodGet, baseURL, nil)
		p := defaultSignParams()
		p.Secret = signedWith
		signWithSDK(t, req, nil, p)
		sr, body := toServerRequest(t, req)
		_, err := v.Verify(context.Background(), sr, body, lookup)
		return err
	}
	if err := verify(testSecret); err != nil {
		t.Fatalf("before the change: %v", err)
	}
	secret = otherSecret
	if got := errType(verify(testSecret)); got != TypeInvalidSignature {
		t.Errorf("old secret after the change: error type %q, want %q", got, TypeInvalidSignature)
	}
	if err := verify(otherSecret); err != nil {
		t.Errorf("new secret after the change: %v", err)
	}
}

// Many keys, verified concurrently through one Verifier (run with -race).
func TestVerifyConcurrent(t *testing.T) {
	v := NewVerifier(testService, testRegion)
	v.Now = func() time.Time { return testTime }
	type signed struct {
		r    *http.Request
		body []byte
		id   string
		ok   bool
	}
	var reqs []signed
	for i, id := range []string{testAKID, otherAKID, testAKID, otherAKID} {
		req := newClientRequest(t, http.MethodPatch, baseURL, []byte(baseBody))
		p := defaultSignParams()
		p.AccessKeyID = id
		p.Secret = testKeys[id]
		ok := i < 2
		if !ok {
			p.Secret += "x"
		}
		signWithSDK(t, req, []byte(baseBody), p)
		sr, body := toServerRequest(t, req)
		reqs = append(reqs, signed{sr, body, id, ok})
	}
	errc := make(chan error, 8*len(reqs))
	for range 8 {
		for _, s := range reqs {
			go func() {
				for range 50 {
					id, err := v.Verify(context.Background(), s.r, s.body, testLookup)
					if (err == nil) != s.ok || (s.ok && id != s.id) {
						errc <- errors.New(s.id + ": " + errType(err))
						return
					}
				}
				errc <- nil
			}()
		}
	}
	for range 8 * len(reqs) {
		if err := <-errc; err != nil {
			t.Error(err)
		}
	}
}

func TestNewVerifierDefaults(t *testing.T) {
	v := NewVerifier(testService, testRegion)
	if v.Service != testService || v.Region != testRegion {
		t.Errorf("NewVerifier() = %+v", v)
	}
	// Zero MaxSkew and nil Now mean 15 minutes around the real clock.
	now := time.Now().UTC()
	for _, c := range []struct {
		at   time.Time
		want string
	}{{now.Add(-10 * time.Minute), ""}, {now.Add(-20 * time.Minute), TypeInvalidSignature}, {now.Add(20 * time.Minute), TypeInvalidSignature}} {
		req := newClientRequest(t, http.MethodGet, baseURL, nil)
		p := defaultSignParams()
		p.Time = c.at
		signWithSDK(t, req, nil, p)
		sr, body := toServerRequest(t, req)
		if _, err := v.Verify(context.Background(), sr, body, testLookup); errType(err) != c.want {
			t.Errorf("signed at now%+v: error %v, want type %q", c.at.Sub(now).Round(time.Minute), err, c.want)
		}
	}
}

func bodyOf(s string) *readCloser { return &readCloser{strings.NewReader(s)} }

type readCloser struct{ *strings.Reader }

func (readCloser) Close() error { return nil }

func replaceAuth(r *http.Request, old, new string) {
	r.Header.Set("Authorization", strings.Replace(r.Header.Get("Authorization"), old, new, 1))
}

// cutAuthParam removes one "Name=value" parameter from the Authorization header.
func cutAuthParam(r *http.Request, name string) {
	h := r.Header.Get("Authorization")
	i := strings.Index(h, name+"=")
	j := strings.Index(h[i:], ", ")
	if j < 0 {
		h = strings.TrimSuffix(h[:i], ", ")
	} else {
		h = h[:i] + h[i+j+2:]
	}
	r.Header.Set("Authorization", h)
}

// rewire serialises req, applies edit to the bytes and parses the result.
func rewire(tb testing.TB, req *http.Request, edit func(string) string) (*http.Request, []byte) {
	tb.Helper()
	var b strings.Builder
	if err := req.Write(&b); err != nil {
		tb.Fatal(err)
	}
	return readServerRequest(tb, edit(b.String()))
}

// FuzzVerify feeds arbitrary request lines and authentication headers
// through Verify: it must not panic, and nothing unsigned may pass.
func FuzzVerify(f *testing.F) {
	req := newClientRequest(f, http.MethodPatch, baseURL, []byte(baseBody))
	signWithSDK(f, req, []byte(baseBody), defaultSignParams())
	f.Add(req.URL.RequestURI(), req.Header.Get("Authorization"), req.Header.Get("X-Amz-Date"), "")
	f.Add("http://h/x?y", sdkAuth, "20150830T123600Z", "Sun, 30 Aug 2015 12:36:00 GMT")
	f.Add("*", "AWS4-HMAC-SHA256 Credential=a/b/c/d/e,SignedHeaders=content-length;host,Signature="+sigHex, "", "x")
	v := &Verifier{Service: testService, Region: testRegion, Now: func() time.Time { return testTime }}
	f.Fuzz(func(t *testing.T, uri, auth, amzDate, date string) {
		u, err := url.ParseRequestURI(uri)
		if err != nil {
			return
		}
		r := &http.Request{Method: http.MethodPatch, URL: u, RequestURI: uri, Host: "wat.example.com", Header: http.Header{
			"Authorization": {auth}, "X-Amz-Date": {amzDate}, "Date": {date}, "Content-Type": {"application/json"},
			"Content-Length": {"3"},
		}}
		id, err := v.Verify(context.Background(), r, []byte("abc"), testLookup)
		if err == nil {
			t.Fatalf("Verify accepted a request signed for another body: %q", id)
		}
		if typ := errType(err); !strings.HasSuffix(typ, "Exception") {
			t.Fatalf("Verify() error %v is not an authentication error", err)
		}
	})
}
