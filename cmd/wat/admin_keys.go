package main

import (
	"context"
	"flag"

	"github.com/wat-dev/wat/service"
)

func defineCreateAccessKey(fs *flag.FlagSet) adminFunc {
	account := fs.String("account", "", "the account's ID")
	user := fs.String("user", "", "the user's name")
	return func(ctx context.Context, svc *service.Service) (any, error) {
		if err := required("account", *account, "user", *user); err != nil {
			return nil, err
		}
		c, err := svc.CreateAccessKey(ctx, *account, *user)
		if err != nil {
			return nil, err
		}
		return credentialsOut(c), nil
	}
}

type accessKeyItem struct {
	AccessKeyId string
	Status      string
	CreatedAt   string
}

type accessKeyList struct {
	AccessKeys []accessKeyItem
}

func keyStatus(active bool) string {
	if active {
		return "Active"
	}
	return "Inactive"
}

func defineListAccessKeys(fs *flag.FlagSet) adminFunc {
	account := fs.String("account", "", "the account's ID")
	user := fs.String("user", "", "the user's name")
	return func(ctx context.Context, svc *service.Service) (any, error) {
		if err := required("account", *account, "user", *user); err != nil {
			return nil, err
		}
		ks, err := svc.ListAccessKeys(ctx, *account, *user)
		if err != nil {
			return nil, err
		}
		out := accessKeyList{AccessKeys: make([]accessKeyItem, 0, len(ks))}
		for _, k := range ks {
			out.AccessKeys = append(out.AccessKeys, accessKeyItem{AccessKeyId: k.ID, Status: keyStatus(k.Active), CreatedAt: timeText(k.CreatedAt)})
		}
		return out, nil
	}
}

type accessKeyUpdated struct {
	AccessKeyId string
	Status      string
}

func defineUpdateAccessKey(fs *flag.FlagSet) adminFunc {
	id := fs.String("access-key-id", "", "the access key's ID")
	status := fs.String("status", "", "Active or Inactive")
	return func(ctx context.Context, svc *service.Service) (any, error) {
		if err := required("access-key-id", *id, "status", *status); err != nil {
			return nil, err
		}
		if *status != "Active" && *status != "Inactive" {
			return nil, usagef("--status must be Active or Inactive, not %q", *status)
		}
		if err := svc.SetAccessKeyStatus(ctx, *id, *status == "Active"); err != nil {
			return nil, err
		}
		return accessKeyUpdated{AccessKeyId: *id, Status: *status}, nil
	}
}

type accessKeyDeleted struct {
	AccessKeyId string
	Deleted     bool
}

func defineDeleteAccessKey(fs *flag.FlagSet) adminFunc {
	id := fs.String("access-key-id", "", "the access key's ID")
	return func(ctx context.Context, svc *service.Service) (any, error) {
		if err := required("access-key-id", *id); err != nil {
			return nil, err
		}
		if err := svc.DeleteAccessKey(ctx, *id); err != nil {
			return nil, err
		}
		return accessKeyDeleted{AccessKeyId: *id, Deleted: true}, nil
	}
}
