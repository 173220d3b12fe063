package main

import (
	"errors"
	"flag"
	"fmt"
	"net"
	"net/url"
	"os"
	"path/filepath"
	"strings"

	"github.com/wat-dev/wat/api"
	"github.com/wat-dev/wat/oidc"
	"github.com/wat-dev/wat/service"
)

// OIDCConfig is `wat serve`'s single sign-on for the console (package
// oidc) and whether passwords are still accepted.
type OIDCConfig struct {
	Issuer   string
	ClientID string
	// ClientSecretFile holds the client secret; WAT_OIDC_CLIENT_SECRET
	// gives it instead. The secret is never logged nor printed.
	ClientSecretFile string
	clientSecret     string
	// RedirectURL is wat's callback as registered at the provider; by
	// default the listen address's /console/api/oidc/callback.
	RedirectURL  string
	Name         string
	Scopes       string // comma-separated, besides openid
	UserClaims   string // comma-separated, the first present naming the user
	AccountClaim string
	Account      string
	GroupsClaim  string
	// GroupPolicies are GROUP=POLICY: a managed policy's name, or
	// GROUP=file:PATH for an inline policy named after the file.
	GroupPolicies []string
	Provision     string
	// Passwords is whether the console still accepts passwords.
	Passwords bool
}

// defaultOIDC is OIDCConfig's defaults: no single sign-on, passwords on.
func defaultOIDC() OIDCConfig {
	return OIDCConfig{Provision: service.ProvisionAuto, Passwords: true}
}

// addFlags reads the WAT_OIDC_* environment and defines the flags.
func (o *OIDCConfig) addFlags(fs *flag.FlagSet, getenv func(string) string) error {
	for name, dst := range map[string]*string{
		"WAT_OIDC_ISSUER": &o.Issuer, "WAT_OIDC_CLIENT_ID": &o.ClientID, "WAT_OIDC_CLIENT_SECRET_FILE": &o.ClientSecretFile,
		"WAT_OIDC_REDIRECT_URL": &o.RedirectURL, "WAT_OIDC_NAME": &o.Name, "WAT_OIDC_SCOPES": &o.Scopes,
		"WAT_OIDC_USER_CLAIM": &o.UserClaims, "WAT_OIDC_ACCOUNT_CLAIM": &o.AccountClaim, "WAT_OIDC_ACCOUNT": &o.Account,
		"WAT_OIDC_GROUPS_CLAIM": &o.GroupsClaim, "WAT_OIDC_PROVISION": &o.Provision,
	} {
		if v := getenv(name); v != "" {
			*dst = v
		}
	}
	o.clientSecret = getenv("WAT_OIDC_CLIENT_SECRET")
	if v := getenv("WAT_OIDC_GROUP_POLICY"); v != "" {
		o.GroupPolicies = strings.Split(v, ",")
	}
	if err := envBool(getenv, "WAT_CONSOLE_PASSWORDS", &o.Passwords); err != nil {
		return err
	}
	fs.StringVar(&o.Issuer, "oidc-issuer", o.Issuer, "issuer URL of an OpenID Connect provider the console signs in with (WAT_OIDC_ISSUER)")
	fs.StringVar(&o.ClientID, "oidc-client-id", o.ClientID, "wat's client ID at the provider (WAT_OIDC_CLIENT_ID)")
	fs.StringVar(&o.ClientSecretFile, "oidc-client-secret-file", o.ClientSecretFile, "file holding the client secret; or WAT_OIDC_CLIENT_SECRET (WAT_OIDC_CLIENT_SECRET_FILE)")
	fs.StringVar(&o.RedirectURL, "oidc-redirect-url", o.RedirectURL, "wat's callback URL as registered at the provider; default http(s)://LISTEN/console/api/oidc/callback (WAT_OIDC_REDIRECT_URL)")
	fs.StringVar(&o.Name, "oidc-name", o.Name, "the provider's name on the sign-in button; default the issuer's host (WAT_OIDC_NAME)")
	fs.StringVar(&o.Scopes, "oidc-scopes", o.Scopes, "comma-separated scopes besides openid; default email,profile (add groups if the provider needs it) (WAT_OIDC_SCOPES)")
	fs.StringVar(&o.UserClaims, "oidc-user-claim", o.UserClaims, "comma-separated claims naming the user, the first present wins; default email,preferred_username (WAT_OIDC_USER_CLAIM)")
	fs.StringVar(&o.Account, "oidc-account", o.Account, "the account ID people sign in to; default the default account (WAT_OIDC_ACCOUNT)")
	fs.StringVar(&o.AccountClaim, "oidc-account-claim", o.AccountClaim, "a claim holding the account ID a person signs in to, instead of --oidc-account (WAT_OIDC_ACCOUNT_CLAIM)")
	fs.StringVar(&o.GroupsClaim, "oidc-groups-claim", o.GroupsClaim, "the claim listing a person's groups, for --oidc-group-policy (WAT_OIDC_GROUPS_CLAIM)")
	fs.Var((*stringList)(&o.GroupPolicies), "oidc-group-policy", "GROUP=MANAGED-POLICY or GROUP=file:POLICY.json, applied at each sign-in; repeatable (WAT_OIDC_GROUP_POLICY, comma-separated)")
	fs.StringVar(&o.Provision, "oidc-provision", o.Provision, "auto: create users at their first sign-in; existing: only users an administrator created (WAT_OIDC_PROVISION)")
	fs.BoolVar(&o.Passwords, "console-passwords", o.Passwords, "accept console sign-ins with a password; false leaves single sign-on only (WAT_CONSOLE_PASSWORDS)")
	return nil
}

// enabled reports whether single sign-on is configured.
func (o OIDCConfig) enabled() bool { return o.Issuer != "" }

// validate reports the first setting that cannot work.
func (o OIDCConfig) validate() error {
	if !o.enabled() {
		if !o.Passwords {
			return errors.New("--console-passwords=false needs single sign-on (--oidc-issuer): nobody could sign in to the console")
		}
		return nil
	}
	if o.ClientSecretFile != "" && o.clientSecret != "" {
		return errors.New("give the client secret in --oidc-client-secret-file or WAT_OIDC_CLIENT_SECRET, not both")
	}
	_, err := o.rules()
	return err
}

// rules are the service's rules of the configuration.
func (o OIDCConfig) rules() (service.SSORules, error) {
	r := service.SSORules{AccountID: o.Account, Provision: o.Provision}
	for _, gp := range o.GroupPolicies {
		group, pol, ok := strings.Cut(strings.TrimSpace(gp), "=")
		if !ok || group == "" || pol == "" {
			return r, fmt.Errorf("--oidc-group-policy %q: use GROUP=MANAGED-POLICY or GROUP=file:POLICY.json", gp)
		}
		in := service.PolicyInput{Managed: pol}
		if path, ok := strings.CutPrefix(pol, "file:"); ok {
			doc, err := os.ReadFile(path)
			if err != nil {
				return r, fmt.Errorf("--oidc-group-policy %s: %w", gp, err)
			}
			in = service.PolicyInput{Name: strings.TrimSuffix(filepath.Base(path), filepath.Ext(path)), Document: doc}
		}
		r.GroupPolicies = append(r.GroupPolicies, service.GroupPolicy{Group: group, Policy: in})
	}
	if err := r.Validate(); err != nil {
		return r, fmt.Errorf("single sign-on: %w", err)
	}
	return r, nil
}

// redirectURL is RedirectURL or the callback at endpoint (the listen
// address), which must then name a host a browser can reach.
func (o OIDCConfig) redirectURL(endpoint string) (string, error) {
	if o.RedirectURL != "" {
		return o.RedirectURL, nil
	}
	u, err := url.Parse(endpoint)
	if err != nil {
		return "", err
	}
	if ip := net.ParseIP(u.Hostname()); ip != nil && ip.IsUnspecified() {
		return "", fmt.Errorf("--oidc-redirect-url is required when --listen %s names no host a browser can reach", u.Host)
	}
	return endpoint + "/console/api/oidc/callback", nil
}

// wire sets up the handler's single sign-on and password policy, for a
// server listening at endpoint; it returns the redirect URL ("" without
// single sign-on).
func (o OIDCConfig) wire(h *api.Server, endpoint string) (string, error) {
	h.NoPasswords = !o.Passwords
	if !o.enabled() {
		return "", nil
	}
	secret := o.clientSecret
	if o.ClientSecretFile != "" {
		b, err := os.ReadFile(o.ClientSecretFile)
		if err != nil {
			return "", fmt.Errorf("reading --oidc-client-secret-file: %w", err)
		}
		secret = strings.TrimSpace(string(b))
	}
	redirect, err := o.redirectURL(endpoint)
	if err != nil {
		return "", err
	}
	p, err := oidc.New(oidc.Config{Issuer: o.Issuer, ClientID: o.ClientID, ClientSecret: secret, RedirectURL: redirect,
		Name: o.Name, Scopes: commaList(o.Scopes), UserClaims: commaList(o.UserClaims), AccountClaim: o.AccountClaim,
		GroupsClaim: o.GroupsClaim})
	if err != nil {
		return "", err
	}
	rules, err := o.rules()
	if err != nil {
		return "", err
	}
	h.SSO, h.SSORules = p, rules
	return redirect, nil
}

// commaList splits a comma-separated list, dropping empty items.
func commaList(s string) []string {
	var out []string
	for _, f := range strings.Split(s, ",") {
		if f = strings.TrimSpace(f); f != "" {
			out = append(out, f)
		}
	}
	return out
}
