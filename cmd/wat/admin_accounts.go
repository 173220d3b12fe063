package main

import (
	"context"
	"flag"

	"github.com/wat-dev/wat/service"
)

type accountCreated struct {
	AccountId       string
	AccessKeyId     string
	SecretAccessKey string
}

func defineCreateAccount(fs *flag.FlagSet) adminFunc {
	name := fs.String("name", "", "the account's name")
	return func(ctx context.Context, svc *service.Service) (any, error) {
		if err := required("name", *name); err != nil {
			return nil, err
		}
		c, err := svc.CreateAccount(ctx, *name)
		if err != nil {
			return nil, err
		}
		return accountCreated{AccountId: c.AccountID, AccessKeyId: c.AccessKeyID, SecretAccessKey: c.SecretAccessKey}, nil
	}
}

type accountItem struct {
	AccountId string
	Name      string
	CreatedAt string
}

type accountList struct {
	Accounts []accountItem
}

func defineListAccounts(fs *flag.FlagSet) adminFunc {
	return func(ctx context.Context, svc *service.Service) (any, error) {
		as, err := svc.ListAccounts(ctx)
		if err != nil {
			return nil, err
		}
		out := accountList{Accounts: make([]accountItem, 0, len(as))}
		for _, a := range as {
			out.Accounts = append(out.Accounts, accountItem{AccountId: a.ID, Name: a.Name, CreatedAt: timeText(a.CreatedAt)})
		}
		return out, nil
	}
}

type accountDeleted struct {
	AccountId string
	Deleted   bool
}

func defineDeleteAccount(fs *flag.FlagSet) adminFunc {
	account := fs.String("account", "", "the account's ID")
	force := fs.Bool("force", false, "delete the account's workloads too")
	return func(ctx context.Context, svc *service.Service) (any, error) {
		if err := required("account", *account); err != nil {
			return nil, err
		}
		if err := svc.DeleteAccount(ctx, *account, *force); err != nil {
			return nil, err
		}
		return accountDeleted{AccountId: *account, Deleted: true}, nil
	}
}
