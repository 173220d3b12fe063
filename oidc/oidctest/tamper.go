package oidctest

import (
	"bytes"
	"crypto/rand"
	"crypto/rsa"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"strconv"
	"sync"

	jose "github.com/go-jose/go-jose/v4"
)

// EditIDTokens makes the token endpoint change the claims of the ID tokens
// it issues from now on (nil: issue them as they are), signing them again
// with the provider's own key: a token as genuine as the others but for
// another audience, expired, or with another nonce.
func (p *Provider) EditIDTokens(edit func(claims map[string]any)) {
	p.tamper.set(edit, false)
}

// ForgeIDTokens makes the token endpoint sign the ID tokens it issues from
// now on with a key of its own, under the provider's key ID (false: stop).
func (p *Provider) ForgeIDTokens(forge bool) {
	p.tamper.set(nil, forge)
}

// tamper rewrites the token endpoint's answers and the discovery
// document.
type tamper struct {
	store *provStorage

	mu             sync.Mutex
	edit           func(map[string]any)
	forge          bool
	hideEndSession bool
}

func (t *tamper) set(edit func(map[string]any), forge bool) {
	t.mu.Lock()
	t.edit, t.forge = edit, forge
	t.mu.Unlock()
}

func (t *tamper) wrap(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		t.mu.Lock()
		edit, forge, hide := t.edit, t.forge, t.hideEndSession
		t.mu.Unlock()
		discovery := r.URL.Path == "/.well-known/openid-configuration" && hide
		if !discovery && (r.URL.Path != "/oauth/token" || (edit == nil && !forge)) {
			next.ServeHTTP(w, r)
			return
		}
		rec := httptest.NewRecorder()
		next.ServeHTTP(rec, r)
		body := rec.Body.Bytes()
		rewrite := func(r *http.Request, body []byte) ([]byte, error) { return t.rewrite(r, body, edit, forge) }
		if discovery {
			rewrite = withoutEndSession
		}
		if rec.Code == http.StatusOK {
			if b, err := rewrite(r, body); err == nil {
				body = b
			} else {
				http.Error(w, "oidctest: "+err.Error(), http.StatusInternalServerError)
				return
			}
		}
		for k, v := range rec.Header() {
			w.Header()[k] = v
		}
		w.Header().Set("Content-Length", strconv.Itoa(len(body)))
		w.WriteHeader(rec.Code)
		w.Write(body)
	})
}

// rewrite re-signs the id_token of a token response, its claims edited.
func (t *tamper) rewrite(r *http.Request, body []byte, edit func(map[string]any), forge bool) ([]byte, error) {
	var resp map[string]any
	if err := json.Unmarshal(body, &resp); err != nil {
		return nil, err
	}
	raw, _ := resp["id_token"].(string)
	jws, err := jose.ParseSignedCompact(raw, []jose.SignatureAlgorithm{jose.RS256})
	if err != nil {
		return nil, err
	}
	claims := map[string]any{}
	if err := json.Unmarshal(jws.UnsafePayloadWithoutVerification(), &claims); err != nil {
		return nil, err
	}
	if edit != nil {
		edit(claims)
	}
	sk, err := t.store.SigningKey(r.Context())
	if err != nil {
		return nil, err
	}
	key := sk.Key()
	if forge {
		if key, err = rsa.GenerateKey(rand.Reader, 2048); err != nil {
			return nil, err
		}
	}
	signer, err := jose.NewSigner(jose.SigningKey{Algorithm: jose.RS256, Key: jose.JSONWebKey{Key: key, KeyID: sk.ID()}},
		(&jose.SignerOptions{}).WithType("JWT"))
	if err != nil {
		return nil, err
	}
	payload, err := json.Marshal(claims)
	if err != nil {
		return nil, err
	}
	signed, err := signer.Sign(payload)
	if err != nil {
		return nil, err
	}
	if resp["id_token"], err = signed.CompactSerialize(); err != nil {
		return nil, err
	}
	var out bytes.Buffer
	err = json.NewEncoder(&out).Encode(resp)
	return out.Bytes(), err
}

// withoutEndSession is a discovery document without its
// end_session_endpoint.
func withoutEndSession(_ *http.Request, body []byte) ([]byte, error) {
	var doc map[string]any
	if err := json.Unmarshal(body, &doc); err != nil {
		return nil, err
	}
	delete(doc, "end_session_endpoint")
	return json.Marshal(doc)
}
