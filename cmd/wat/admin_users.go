package main

import (
	"context"
	"flag"

	"github.com/wat-dev/wat/service"
)

type userCredentials struct {
	UserArn         string
	AccessKeyId     string
	SecretAccessKey string
}

func credentialsOut(c *service.UserCredentials) userCredentials {
	return userCredentials{UserArn: c.UserARN, AccessKeyId: c.AccessKeyID, SecretAccessKey: c.SecretAccessKey}
}

func defineCreateUser(fs *flag.FlagSet) adminFunc {
	account := fs.String("account", "", "the account's ID")
	name := fs.String("name", "", "the user's name: 1 to 64 letters, digits and +=,.@_-")
	pf := definePolicyFlags(fs)
	return func(ctx context.Context, svc *service.Service) (any, error) {
		if err := required("account", *account, "name", *name); err != nil {
			return nil, err
		}
		var in *service.PolicyInput
		if pf.given() {
			p, err := pf.input()
			if err != nil {
				return nil, err
			}
			in = &p
		}
		c, err := svc.CreateUser(ctx, *account, *name, in)
		if err != nil {
			return nil, pf.explain(err)
		}
		return credentialsOut(c), nil
	}
}

type userItem struct {
	UserName  string
	UserArn   string
	IsAdmin   bool
	CreatedAt string
	Policies  []string
}

type userList struct {
	Users []userItem
}

func defineListUsers(fs *flag.FlagSet) adminFunc {
	account := fs.String("account", "", "the account's ID")
	return func(ctx context.Context, svc *service.Service) (any, error) {
		if err := required("account", *account); err != nil {
			return nil, err
		}
		us, err := svc.ListUsers(ctx, *account)
		if err != nil {
			return nil, err
		}
		out := userList{Users: make([]userItem, 0, len(us))}
		for _, u := range us {
			out.Users = append(out.Users, userItem{
				UserName: u.User.Name, UserArn: u.User.ARN, IsAdmin: u.User.IsAdmin,
				CreatedAt: timeText(u.User.CreatedAt), Policies: u.Policies,
			})
		}
		return out, nil
	}
}

type userDeleted struct {
	AccountId string
	UserName  string
	Deleted   bool
}

func defineDeleteUser(fs *flag.FlagSet) adminFunc {
	account := fs.String("account", "", "the account's ID")
	name := fs.String("name", "", "the user's name")
	return func(ctx context.Context, svc *service.Service) (any, error) {
		if err := required("account", *account, "name", *name); err != nil {
			return nil, err
		}
		if err := svc.DeleteUser(ctx, *account, *name); err != nil {
			return nil, err
		}
		return userDeleted{AccountId: *account, UserName: *name, Deleted: true}, nil
	}
}
