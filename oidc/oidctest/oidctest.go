// Package oidctest runs a real OpenID provider for tests: zitadel's
// (github.com/zitadel/oidc/v3) op package with its example storage and
// login page, on 127.0.0.1, with people, groups and clients the test
// chooses. Discovery, keys, PKCE, the code flow, userinfo and end_session
// are the library's; this package only adds a groups claim, the sign-outs
// it carried out, and ways to tamper with the ID tokens it issues and the
// discovery document.
package oidctest

import (
	"context"
	"fmt"
	"log"
	"log/slog"
	"net"
	"net/http"
	"net/url"
	"slices"
	"sync"

	"github.com/zitadel/oidc/v3/example/server/exampleop"
	"github.com/zitadel/oidc/v3/example/server/storage"
	"github.com/zitadel/oidc/v3/pkg/oidc"
	"github.com/zitadel/oidc/v3/pkg/op"
	"golang.org/x/text/language"
)

// GroupsClaim is the claim the provider lists a person's groups in.
const GroupsClaim = "groups"

// Person is someone who can sign in at the provider.
type Person struct {
	ID       string // the subject
	Username string // typed on the provider's login page
	Password string
	Email    string
	// EmailUnverified makes email_verified false.
	EmailUnverified bool
	Groups          []string
}

// Provider is a running OpenID provider.
type Provider struct {
	// Issuer is its issuer URL (http://127.0.0.1:port).
	Issuer string

	srv    *http.Server
	store  *provStorage
	tamper tamper
}

// Start runs a provider on ln (a listener on 127.0.0.1 when nil) until
// Close.
func Start(ln net.Listener) (*Provider, error) {
	if ln == nil {
		var err error
		if ln, err = net.Listen("tcp", "127.0.0.1:0"); err != nil {
			return nil, err
		}
	}
	issuer := "http://" + ln.Addr().String()
	people := &people{byID: map[string]*Person{}}
	st := &provStorage{
		Storage: storage.NewStorageWithClients(people, map[string]*storage.Client{}),
		people:  people, clients: map[string]*client{}, secrets: map[string]string{},
	}
	p := &Provider{Issuer: issuer, store: st}
	p.tamper.store = st
	p.srv = &http.Server{Handler: quiet(p.tamper.wrap(exampleop.SetupServer(issuer, st, nil, false)))}
	go p.srv.Serve(ln)
	return p, nil
}

// quiet keeps the example server's log of every request it answers (an
// info line through slog's default logger, which SetupServer offers no
// other way to silence) out of the tests' output: the provider's requests
// are marked, and the default logger, installed once, drops what is logged
// below warn under the mark. Everything else it writes where the log
// package wrote before.
func quiet(next http.Handler) http.Handler {
	quietOnce.Do(func() {
		// Not wrapping slog's own default handler: it writes through the
		// log package, which SetDefault routes back here.
		slog.SetDefault(slog.New(quietHandler{slog.NewTextHandler(log.Writer(), nil)}))
	})
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		next.ServeHTTP(w, r.WithContext(context.WithValue(r.Context(), providerRequest{}, true)))
	})
}

var quietOnce sync.Once

// providerRequest marks the context of a request to the provider.
type providerRequest struct{}

// quietHandler drops the records below warn logged for the provider's
// requests.
type quietHandler struct{ slog.Handler }

func (h quietHandler) Enabled(ctx context.Context, level slog.Level) bool {
	if level < slog.LevelWarn && ctx != nil && ctx.Value(providerRequest{}) != nil {
		return false
	}
	return h.Handler.Enabled(ctx, level)
}

func (h quietHandler) WithAttrs(attrs []slog.Attr) slog.Handler {
	return quietHandler{h.Handler.WithAttrs(attrs)}
}

func (h quietHandler) WithGroup(name string) slog.Handler {
	return quietHandler{h.Handler.WithGroup(name)}
}

// Close stops the provider.
func (p *Provider) Close() error { return p.srv.Close() }

// AddClient registers a confidential web client sending people back to
// redirectURL after a sign-in, and to the root of redirectURL's origin
// (where wat's console is) after a sign-out, as an operator registers
// wat at a provider.
func (p *Provider) AddClient(id, secret, redirectURL string) {
	after := ""
	if u, err := url.Parse(redirectURL); err == nil {
		after = (&url.URL{Scheme: u.Scheme, Host: u.Host, Path: "/"}).String()
	}
	p.store.mu.Lock()
	defer p.store.mu.Unlock()
	p.store.clients[id] = &client{Client: storage.WebClient(id, secret, redirectURL), postLogout: []string{after}}
	p.store.secrets[id] = secret
}

// client is the example storage's web client with the post-logout
// redirect URIs it lacks.
type client struct {
	*storage.Client
	postLogout []string
}

// PostLogoutRedirectURIs implements op.Client.
func (c *client) PostLogoutRedirectURIs() []string { return c.postLogout }

// SignOut is an RP-initiated logout the provider carried out: whose
// session (the subject of the id_token_hint it verified; "" without one)
// at which client.
type SignOut struct {
	Subject  string
	ClientID string
}

// SignOuts returns the sign-outs the provider carried out, oldest first.
func (p *Provider) SignOuts() []SignOut {
	p.store.mu.Lock()
	defer p.store.mu.Unlock()
	return slices.Clone(p.store.signOuts)
}

// HideEndSession makes the discovery document leave out the
// end_session_endpoint from now on (false: show it again), as a provider
// without RP-initiated logout does.
func (p *Provider) HideEndSession(hide bool) {
	p.tamper.mu.Lock()
	p.tamper.hideEndSession = hide
	p.tamper.mu.Unlock()
}

// AddPerson adds (or replaces) a person.
func (p *Provider) AddPerson(person Person) {
	p.store.people.put(person)
}

// SetGroups changes a person's groups.
func (p *Provider) SetGroups(id string, groups ...string) {
	p.store.people.update(id, func(x *Person) { x.Groups = groups })
}

// SetEmail changes a person's e-mail address.
func (p *Provider) SetEmail(id, email string) {
	p.store.people.update(id, func(x *Person) { x.Email = email })
}

// LoginPage reports whether u is the provider's login page, and the
// sign-in (auth request) it is for.
func (p *Provider) LoginPage(u *url.URL) (string, bool) {
	if u.Scheme+"://"+u.Host != p.Issuer || u.Path != "/login/username" {
		return "", false
	}
	id := u.Query().Get("authRequestID")
	return id, id != ""
}

// LoginURL is where a browser posts the login form of a sign-in.
func (p *Provider) LoginURL() string { return p.Issuer + "/login/username" }

// people is the example storage's user store over Persons.
type people struct {
	mu   sync.Mutex
	byID map[string]*Person
}

func (ps *people) put(p Person) {
	ps.mu.Lock()
	defer ps.mu.Unlock()
	ps.byID[p.ID] = &p
}

func (ps *people) update(id string, f func(*Person)) {
	ps.mu.Lock()
	defer ps.mu.Unlock()
	if p, ok := ps.byID[id]; ok {
		c := *p
		f(&c)
		ps.byID[id] = &c
	}
}

func (ps *people) get(id string) *Person {
	ps.mu.Lock()
	defer ps.mu.Unlock()
	return ps.byID[id]
}

func user(p *Person) *storage.User {
	return &storage.User{ID: p.ID, Username: p.Username, Password: p.Password, FirstName: p.Username, LastName: "Test",
		Email: p.Email, EmailVerified: !p.EmailUnverified, PreferredLanguage: language.English}
}

// GetUserByID implements storage.UserStore.
func (ps *people) GetUserByID(id string) *storage.User {
	if p := ps.get(id); p != nil {
		return user(p)
	}
	return nil
}

// GetUserByUsername implements storage.UserStore.
func (ps *people) GetUserByUsername(name string) *storage.User {
	ps.mu.Lock()
	defer ps.mu.Unlock()
	for _, p := range ps.byID {
		if p.Username == name {
			return user(p)
		}
	}
	return nil
}

// ExampleClientID implements storage.UserStore.
func (ps *people) ExampleClientID() string { return "service" }

// provStorage is the example storage with the test's clients, a groups
// claim and an audience override.
type provStorage struct {
	*storage.Storage
	people *people

	mu       sync.Mutex
	clients  map[string]*client
	secrets  map[string]string
	signOuts []SignOut
}

// TerminateSession records the sign-out, then ends the person's sessions
// at the client as the example storage does.
func (s *provStorage) TerminateSession(ctx context.Context, userID, clientID string) error {
	s.mu.Lock()
	s.signOuts = append(s.signOuts, SignOut{Subject: userID, ClientID: clientID})
	s.mu.Unlock()
	return s.Storage.TerminateSession(ctx, userID, clientID)
}

// GetClientByClientID serves the test's clients.
func (s *provStorage) GetClientByClientID(_ context.Context, id string) (op.Client, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if c, ok := s.clients[id]; ok {
		return c, nil
	}
	return nil, oidc.ErrInvalidClient().WithDescription("no client %q", id)
}

// AuthorizeClientIDSecret checks the test's clients' secrets.
func (s *provStorage) AuthorizeClientIDSecret(_ context.Context, id, secret string) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	if want, ok := s.secrets[id]; !ok || want != secret {
		return oidc.ErrInvalidClient().WithDescription("wrong client secret")
	}
	return nil
}

// SetUserinfoFromScopes adds the groups claim to ID tokens.
func (s *provStorage) SetUserinfoFromScopes(ctx context.Context, ui *oidc.UserInfo, userID, clientID string, scopes []string) error {
	if err := s.Storage.SetUserinfoFromScopes(ctx, ui, userID, clientID, scopes); err != nil {
		return err
	}
	s.addGroups(ui, userID)
	return nil
}

// SetUserinfoFromToken adds the groups claim to the userinfo endpoint's
// answer.
func (s *provStorage) SetUserinfoFromToken(ctx context.Context, ui *oidc.UserInfo, tokenID, subject, origin string) error {
	if err := s.Storage.SetUserinfoFromToken(ctx, ui, tokenID, subject, origin); err != nil {
		return err
	}
	s.addGroups(ui, subject)
	return nil
}

func (s *provStorage) addGroups(ui *oidc.UserInfo, userID string) {
	if p := s.people.get(userID); p != nil && p.Groups != nil {
		ui.AppendClaims(GroupsClaim, slices.Clone(p.Groups))
	}
}

// SignIn signs in as a browser would: client (with a cookie jar, following
// redirects) opens start (wat's sign-in URL), which leads to the
// provider's login page, where it posts username and password; the
// response is the last one of the redirects that follow (wat's console
// page, or its refusal).
func (p *Provider) SignIn(client *http.Client, start, username, password string) (*http.Response, error) {
	resp, err := client.Get(start)
	if err != nil {
		return nil, err
	}
	resp.Body.Close()
	id, ok := p.LoginPage(resp.Request.URL)
	if !ok {
		return nil, fmt.Errorf("oidctest: %s led to %s (%s), not the provider's login page", start, resp.Request.URL, resp.Status)
	}
	return client.PostForm(p.LoginURL(), url.Values{"id": {id}, "username": {username}, "password": {password}})
}
