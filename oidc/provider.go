// Package oidc signs people in to the web console with an OpenID Connect
// provider (Keycloak, Okta, Entra ID, Google, Dex, …): the authorization
// code flow with PKCE (S256), state and nonce, the ID token verified
// against the provider's discovery document and keys (issuer, audience,
// expiry, signature) by github.com/coreos/go-oidc, and the provider's
// claims read into a service.ExternalIdentity. Who that person is in wat
// is decided by the service; the HTTP side is in package api.
package oidc

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"sync"
	"time"

	gooidc "github.com/coreos/go-oidc/v3/oidc"
	"golang.org/x/oauth2"
)

// Config is a provider's registration and how its claims are read.
type Config struct {
	// Issuer is the provider's issuer URL, where
	// /.well-known/openid-configuration is found.
	Issuer       string
	ClientID     string
	ClientSecret string // may be empty for a public client: PKCE protects the code
	// RedirectURL is wat's callback (…/console/api/oidc/callback), as
	// registered at the provider.
	RedirectURL string
	// Name is shown on the sign-in button; the issuer's host by default.
	Name string
	// Scopes are asked for besides openid (email and profile by default).
	Scopes []string
	// UserClaims name the user, the first one present winning: email, then
	// preferred_username, by default.
	UserClaims []string
	// AccountClaim, when set, names the claim holding the account ID a
	// person lands in.
	AccountClaim string
	// GroupsClaim, when set, names the claim listing a person's groups.
	GroupsClaim string
	// HTTPClient talks to the provider; a client with a 10-second timeout
	// by default.
	HTTPClient *http.Client
}

// DefaultScopes are asked for besides openid when Config.Scopes is empty.
var DefaultScopes = []string{"email", "profile"}

// DefaultUserClaims are Config.UserClaims' default.
var DefaultUserClaims = []string{"email", "preferred_username"}

// Validate reports the first setting that cannot work, named as the
// command's flag.
func (c Config) Validate() error {
	u, err := url.Parse(c.Issuer)
	if err != nil || (u.Scheme != "https" && u.Scheme != "http") || u.Host == "" {
		return fmt.Errorf("--oidc-issuer %q is not an http(s) URL", c.Issuer)
	}
	if c.ClientID == "" {
		return errors.New("--oidc-client-id is required with --oidc-issuer")
	}
	r, err := url.Parse(c.RedirectURL)
	if err != nil || (r.Scheme != "https" && r.Scheme != "http") || r.Host == "" {
		return fmt.Errorf("--oidc-redirect-url %q is not an http(s) URL", c.RedirectURL)
	}
	return nil
}

// Provider is a configured OpenID provider. Its discovery document and keys
// are fetched at first use (and again after a failure), so a provider down
// when wat starts delays only sign-ins.
type Provider struct {
	cfg Config

	mu       sync.Mutex
	provider *gooidc.Provider
	endSess  string // the provider's end_session_endpoint, if any
}

// New returns the provider of cfg, without contacting it.
func New(cfg Config) (*Provider, error) {
	if err := cfg.Validate(); err != nil {
		return nil, err
	}
	if len(cfg.Scopes) == 0 {
		cfg.Scopes = DefaultScopes
	}
	if len(cfg.UserClaims) == 0 {
		cfg.UserClaims = DefaultUserClaims
	}
	if cfg.Name == "" {
		u, _ := url.Parse(cfg.Issuer)
		cfg.Name = u.Hostname()
	}
	if cfg.HTTPClient == nil {
		cfg.HTTPClient = &http.Client{Timeout: 10 * time.Second}
	}
	return &Provider{cfg: cfg}, nil
}

// Name is the provider's name as the sign-in button shows it.
func (p *Provider) Name() string { return p.cfg.Name }

// discover returns the provider's discovery, fetching it the first time.
func (p *Provider) discover(ctx context.Context) (*gooidc.Provider, error) {
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.provider != nil {
		return p.provider, nil
	}
	op, err := gooidc.NewProvider(p.client(ctx), p.cfg.Issuer)
	if err != nil {
		return nil, fmt.Errorf("oidc: discovering %s: %w", p.cfg.Issuer, err)
	}
	var extra struct {
		EndSession string `json:"end_session_endpoint"`
	}
	if err := op.Claims(&extra); err != nil {
		return nil, fmt.Errorf("oidc: reading %s's discovery document: %w", p.cfg.Issuer, err)
	}
	p.provider, p.endSess = op, extra.EndSession
	return op, nil
}

// client is ctx carrying the HTTP client the provider is talked to with.
func (p *Provider) client(ctx context.Context) context.Context {
	return gooidc.ClientContext(ctx, p.cfg.HTTPClient)
}

func (p *Provider) oauth(op *gooidc.Provider) *oauth2.Config {
	return &oauth2.Config{
		ClientID: p.cfg.ClientID, ClientSecret: p.cfg.ClientSecret, RedirectURL: p.cfg.RedirectURL,
		Endpoint: op.Endpoint(), Scopes: append([]string{gooidc.ScopeOpenID}, p.cfg.Scopes...),
	}
}

// AuthURL returns the provider's authorization URL for a new sign-in, with
// state, nonce and the S256 challenge of verifier.
func (p *Provider) AuthURL(ctx context.Context, state, nonce, verifier string) (string, error) {
	op, err := p.discover(ctx)
	if err != nil {
		return "", err
	}
	return p.oauth(op).AuthCodeURL(state, oauth2.S256ChallengeOption(verifier), gooidc.Nonce(nonce)), nil
}

// maxHintURL bounds the length of a sign-out URL carrying an ID token as
// id_token_hint. Browsers take far longer URLs, but many servers and
// proxies refuse a request line over 8 KB, and an ID token full of group
// claims can come near that: past the bound the hint is left out, and
// the provider asks the person to confirm the sign-out rather than
// failing it.
const maxHintURL = 8000

// EndSessionURL returns the provider's RP-initiated logout URL (OpenID
// Connect RP-Initiated Logout 1.0): client_id, post_logout_redirect_uri
// after, and idTokenHint, the ID token the provider issued at the
// session's sign-in, as id_token_hint, which some providers require and
// others use to sign out without asking. Without a hint (a session opened
// before wat kept it) the URL has the rest. "" when the provider has no
// end_session_endpoint (or cannot be reached): the console then signs out
// of wat alone.
func (p *Provider) EndSessionURL(ctx context.Context, after, idTokenHint string) string {
	if _, err := p.discover(ctx); err != nil || p.endSess == "" {
		return ""
	}
	u, err := url.Parse(p.endSess)
	if err != nil {
		return ""
	}
	q := u.Query()
	q.Set("client_id", p.cfg.ClientID)
	q.Set("post_logout_redirect_uri", after)
	u.RawQuery = q.Encode()
	without := u.String()
	if idTokenHint == "" {
		return without
	}
	q.Set("id_token_hint", idTokenHint)
	u.RawQuery = q.Encode()
	if with := u.String(); len(with) <= maxHintURL {
		return with
	}
	return without
}

// ConsoleURL is the console's address, where a sign-out at the provider
// sends the browser back: RedirectURL's origin.
func (p *Provider) ConsoleURL() string {
	u, _ := url.Parse(p.cfg.RedirectURL)
	return (&url.URL{Scheme: u.Scheme, Host: u.Host, Path: "/"}).String()
}

// trimClaim is a claim's string value without surrounding space.
func trimClaim(v any) string {
	s, _ := v.(string)
	return strings.TrimSpace(s)
}
