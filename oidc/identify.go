package oidc

import (
	"context"
	"crypto/subtle"
	"errors"
	"fmt"

	gooidc "github.com/coreos/go-oidc/v3/oidc"
	"golang.org/x/oauth2"

	"github.com/wat-dev/wat"
	"github.com/wat-dev/wat/service"
)

// ErrUnverified wraps every reason the provider's answer is not believed:
// an ID token of another issuer or audience, expired, badly signed, with
// another nonce, or no ID token at all.
var ErrUnverified = errors.New("oidc: the provider's answer could not be verified")

// Identify redeems an authorization code (with its PKCE verifier), verifies
// the ID token (issuer, audience, expiry, signature, nonce) and returns the
// person it names, with the ID token as issued. Claims the ID token lacks are taken from the userinfo
// endpoint, when the provider has one. A person the claims cannot name is
// refused with EForbidden.
func (p *Provider) Identify(ctx context.Context, code, verifier, nonce string) (*service.ExternalIdentity, error) {
	op, err := p.discover(ctx)
	if err != nil {
		return nil, err
	}
	ctx = p.client(ctx)
	tok, err := p.oauth(op).Exchange(ctx, code, oauth2.VerifierOption(verifier))
	if err != nil {
		return nil, fmt.Errorf("oidc: redeeming the code at %s: %w", p.cfg.Issuer, err)
	}
	raw, _ := tok.Extra("id_token").(string)
	if raw == "" {
		return nil, fmt.Errorf("%w: the token response has no id_token", ErrUnverified)
	}
	idt, err := op.Verifier(&gooidc.Config{ClientID: p.cfg.ClientID}).Verify(ctx, raw)
	if err != nil {
		return nil, fmt.Errorf("%w: %v", ErrUnverified, err)
	}
	if subtle.ConstantTimeCompare([]byte(idt.Nonce), []byte(nonce)) != 1 || nonce == "" {
		return nil, fmt.Errorf("%w: the ID token's nonce is not the sign-in's", ErrUnverified)
	}
	claims := map[string]any{}
	if err := idt.Claims(&claims); err != nil {
		return nil, fmt.Errorf("%w: reading the ID token's claims: %v", ErrUnverified, err)
	}
	if p.lacksClaims(claims) && op.UserInfoEndpoint() != "" {
		if err := p.addUserInfo(ctx, op, tok, idt.Subject, claims); err != nil {
			return nil, err
		}
	}
	id, err := p.identity(idt.Issuer, idt.Subject, claims)
	if err != nil {
		return nil, err
	}
	// Kept with the session for the provider's sign-out (id_token_hint).
	id.IDToken = raw
	return id, nil
}

// lacksClaims reports whether the claims miss one that wat reads.
func (p *Provider) lacksClaims(claims map[string]any) bool {
	if p.cfg.GroupsClaim != "" && claims[p.cfg.GroupsClaim] == nil {
		return true
	}
	if p.cfg.AccountClaim != "" && claims[p.cfg.AccountClaim] == nil {
		return true
	}
	for _, c := range p.cfg.UserClaims {
		if trimClaim(claims[c]) != "" {
			return false
		}
	}
	return true
}

// addUserInfo adds to claims those of the userinfo endpoint that it lacks,
// once the endpoint is known to speak of the same subject.
func (p *Provider) addUserInfo(ctx context.Context, op *gooidc.Provider, tok *oauth2.Token, subject string, claims map[string]any) error {
	ui, err := op.UserInfo(ctx, oauth2.StaticTokenSource(tok))
	if err != nil {
		return fmt.Errorf("oidc: reading the userinfo of %s: %w", p.cfg.Issuer, err)
	}
	if ui.Subject != subject {
		return fmt.Errorf("%w: the userinfo endpoint names subject %q, the ID token %q", ErrUnverified, ui.Subject, subject)
	}
	more := map[string]any{}
	if err := ui.Claims(&more); err != nil {
		return fmt.Errorf("oidc: reading the userinfo of %s: %w", p.cfg.Issuer, err)
	}
	for k, v := range more {
		if _, ok := claims[k]; !ok {
			claims[k] = v
		}
	}
	return nil
}

// identity reads the person out of verified claims.
func (p *Provider) identity(issuer, subject string, claims map[string]any) (*service.ExternalIdentity, error) {
	id := &service.ExternalIdentity{Issuer: issuer, Subject: subject}
	for _, c := range p.cfg.UserClaims {
		v := trimClaim(claims[c])
		if v == "" {
			continue
		}
		// An address the provider does not say it verified may be anyone's
		// (some providers let people type any address): it names no one.
		if c == "email" && claims["email_verified"] != true {
			return nil, wat.Errorf(wat.EForbidden, "%s has not verified your e-mail address %s: the sign-in was refused", p.cfg.Name, v)
		}
		id.UserName = v
		break
	}
	if id.UserName == "" {
		return nil, wat.Errorf(wat.EForbidden, "%s did not say who you are (none of the claims %v): the sign-in was refused", p.cfg.Name, p.cfg.UserClaims)
	}
	if p.cfg.AccountClaim != "" {
		id.AccountID = trimClaim(claims[p.cfg.AccountClaim])
		if id.AccountID == "" {
			return nil, wat.Errorf(wat.EForbidden, "%s did not say which account you belong to (claim %s): the sign-in was refused", p.cfg.Name, p.cfg.AccountClaim)
		}
	}
	if p.cfg.GroupsClaim != "" {
		switch g := claims[p.cfg.GroupsClaim].(type) {
		case string:
			id.Groups = []string{g}
		case []any:
			for _, v := range g {
				if s, ok := v.(string); ok {
					id.Groups = append(id.Groups, s)
				}
			}
		}
	}
	return id, nil
}
