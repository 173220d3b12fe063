package main

import (
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"github.com/wat-dev/wat"
	"github.com/wat-dev/wat/service"
)

// policyFlags are --policy FILE [--policy-name NAME] | --managed NAME.
type policyFlags struct {
	file, name, managed *string
}

func definePolicyFlags(fs *flag.FlagSet) policyFlags {
	return policyFlags{
		file:    fs.String("policy", "", "a JSON policy document to attach inline"),
		name:    fs.String("policy-name", "", "the inline policy's name (default: the file's base name without extension)"),
		managed: fs.String("managed", "", "the name of a managed policy to attach"),
	}
}

func (f policyFlags) given() bool { return *f.file != "" || *f.managed != "" }

// input reads the policy the flags name.
func (f policyFlags) input() (service.PolicyInput, error) {
	switch {
	case *f.file != "" && *f.managed != "":
		return service.PolicyInput{}, usagef("give --policy or --managed, not both")
	case *f.managed != "":
		if *f.name != "" {
			return service.PolicyInput{}, usagef("--policy-name names an inline policy (--policy), not a managed one")
		}
		return service.PolicyInput{Managed: *f.managed}, nil
	case *f.file == "":
		return service.PolicyInput{}, usagef("--policy FILE or --managed NAME is required")
	}
	doc, err := os.ReadFile(*f.file)
	if err != nil {
		return service.PolicyInput{}, fmt.Errorf("reading the policy: %w", err)
	}
	name := *f.name
	if name == "" {
		base := filepath.Base(*f.file)
		name = strings.TrimSuffix(base, filepath.Ext(base))
	}
	return service.PolicyInput{Name: name, Document: doc}, nil
}

// explain names the policy file in an error about its document.
func (f policyFlags) explain(err error) error {
	var e *wat.Error
	if *f.file == "" || !errors.As(err, &e) || e.Code != wat.EInvalid {
		return err
	}
	for _, fe := range e.Fields {
		if fe.Name == "PolicyName" || fe.Name == "UserName" || fe.Name == "AccountId" {
			return err
		}
	}
	return fmt.Errorf("policy %s: %s", *f.file, e.Message)
}

type policyAttached struct {
	AccountId  string
	UserName   string
	PolicyName string
	Managed    bool
}

func defineAttachPolicy(fs *flag.FlagSet) adminFunc {
	account := fs.String("account", "", "the account's ID")
	user := fs.String("user", "", "the user's name")
	pf := definePolicyFlags(fs)
	return func(ctx context.Context, svc *service.Service) (any, error) {
		if err := required("account", *account, "user", *user); err != nil {
			return nil, err
		}
		in, err := pf.input()
		if err != nil {
			return nil, err
		}
		p, err := svc.AttachPolicy(ctx, *account, *user, in)
		if err != nil {
			return nil, pf.explain(err)
		}
		return policyAttached{AccountId: *account, UserName: *user, PolicyName: p.Name, Managed: p.Managed}, nil
	}
}

type policyDetached struct {
	AccountId  string
	UserName   string
	PolicyName string
	Managed    bool
	Detached   bool
}

func defineDetachPolicy(fs *flag.FlagSet) adminFunc {
	account := fs.String("account", "", "the account's ID")
	user := fs.String("user", "", "the user's name")
	name := fs.String("policy-name", "", "the inline policy's name")
	managed := fs.String("managed", "", "the managed policy's name")
	return func(ctx context.Context, svc *service.Service) (any, error) {
		if err := required("account", *account, "user", *user); err != nil {
			return nil, err
		}
		if (*name == "") == (*managed == "") {
			return nil, usagef("give one of --policy-name NAME and --managed NAME")
		}
		policy, isManaged := *name, *managed != ""
		if isManaged {
			policy = *managed
		}
		if err := svc.DetachPolicy(ctx, *account, *user, policy, isManaged); err != nil {
			return nil, err
		}
		return policyDetached{AccountId: *account, UserName: *user, PolicyName: policy, Managed: isManaged, Detached: true}, nil
	}
}

type policyItem struct {
	PolicyName string
	Managed    bool
	Document   json.RawMessage
}

type policyList struct {
	Policies []policyItem
}

func defineListPolicies(fs *flag.FlagSet) adminFunc {
	account := fs.String("account", "", "the account's ID")
	user := fs.String("user", "", "the user's name")
	return func(ctx context.Context, svc *service.Service) (any, error) {
		if err := required("account", *account, "user", *user); err != nil {
			return nil, err
		}
		ps, err := svc.ListPolicies(ctx, *account, *user)
		if err != nil {
			return nil, err
		}
		out := policyList{Policies: make([]policyItem, 0, len(ps))}
		for _, p := range ps {
			out.Policies = append(out.Policies, policyItem{PolicyName: p.Name, Managed: p.Managed, Document: json.RawMessage(p.Document)})
		}
		return out, nil
	}
}
