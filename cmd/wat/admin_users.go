package main

import (
	"bufio"
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"strings"

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

// passwordInput is where set-password reads a password from: the
// process's stdin (tests give it another reader).
var passwordInput io.Reader = os.Stdin

type passwordSet struct {
	AccountId     string
	UserName      string
	Password      string `json:",omitempty"` // only when generated
	SessionsEnded int
}

func defineSetPassword(fs *flag.FlagSet) adminFunc {
	account := fs.String("account", "", "the account's ID")
	user := fs.String("user", "", "the user's name")
	generate := fs.Bool("generate", false, "generate a 20-character password and print it, instead of reading one line from stdin")
	return func(ctx context.Context, svc *service.Service) (any, error) {
		if err := required("account", *account, "user", *user); err != nil {
			return nil, err
		}
		out := passwordSet{AccountId: *account, UserName: *user}
		password := service.GeneratePassword()
		if *generate {
			out.Password = password
		} else {
			var err error
			if password, err = readPasswordLine(passwordInput); err != nil {
				return nil, err
			}
		}
		n, err := svc.SetPassword(ctx, *account, *user, password)
		if err != nil {
			return nil, err
		}
		out.SessionsEnded = n
		return out, nil
	}
}

// readPasswordLine reads one line, without its line ending.
func readPasswordLine(r io.Reader) (string, error) {
	line, err := bufio.NewReader(io.LimitReader(r, 4096)).ReadString('\n')
	if err != nil && !errors.Is(err, io.EOF) {
		return "", fmt.Errorf("reading the password from stdin: %w", err)
	}
	line = strings.TrimSuffix(strings.TrimSuffix(line, "\n"), "\r")
	if line == "" {
		return "", usagef("give the new password as one line on stdin, or use --generate")
	}
	return line, nil
}
