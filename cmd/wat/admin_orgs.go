package main

import (
	"context"
	"flag"

	"github.com/wat-dev/wat"
	"github.com/wat-dev/wat/service"
)

// The organization commands: organizations group accounts (AWS
// Organizations' model) so that resources can be shared with all of them.

type organizationOut struct {
	OrganizationId      string
	Arn                 string
	Name                string
	ManagementAccountId string
	CreatedAt           string
}

func orgOut(o *wat.Organization) organizationOut {
	return organizationOut{OrganizationId: o.ID, Arn: o.ARN, Name: o.Name, ManagementAccountId: o.ManagementAccountID, CreatedAt: timeText(o.CreatedAt)}
}

type ouOut struct {
	OuId           string
	Arn            string
	Name           string
	OrganizationId string
	CreatedAt      string
}

func ouItem(ou *wat.OrganizationalUnit) ouOut {
	return ouOut{OuId: ou.ID, Arn: ou.ARN, Name: ou.Name, OrganizationId: ou.OrganizationID, CreatedAt: timeText(ou.CreatedAt)}
}

// orgAccountOut is an account of an organization; OuId is "" for an
// account outside any OU (at the organization's root).
type orgAccountOut struct {
	AccountId string
	Name      string
	OuId      string
}

type organizationItem struct {
	organizationOut
	OrganizationalUnits []ouOut
	Accounts            []orgAccountOut
}

type organizationList struct {
	Organizations []organizationItem
}

type organizationDeleted struct {
	OrganizationId string
	Deleted        bool
}

type ouList struct {
	OrganizationalUnits []ouOut
}

type ouDeleted struct {
	OuId    string
	Deleted bool
}

type accountPlaced struct {
	AccountId      string
	OrganizationId string
	OuId           string
}

type accountRemoved struct {
	AccountId      string
	OrganizationId string
	Removed        bool
}

func defineCreateOrganization(fs *flag.FlagSet) adminFunc {
	name := fs.String("name", "", "the organization's name")
	mgmt := fs.String("management-account", "", "the ID of the account that manages it (and joins it)")
	return func(ctx context.Context, svc *service.Service) (any, error) {
		if err := required("name", *name, "management-account", *mgmt); err != nil {
			return nil, err
		}
		o, err := svc.CreateOrganization(ctx, *name, *mgmt)
		if err != nil {
			return nil, err
		}
		return orgOut(o), nil
	}
}

func defineDeleteOrganization(fs *flag.FlagSet) adminFunc {
	org := fs.String("organization", "", "the organization's ID (o-…)")
	return func(ctx context.Context, svc *service.Service) (any, error) {
		if err := required("organization", *org); err != nil {
			return nil, err
		}
		if err := svc.DeleteOrganization(ctx, *org); err != nil {
			return nil, err
		}
		return organizationDeleted{OrganizationId: *org, Deleted: true}, nil
	}
}

func defineListOrganizations(fs *flag.FlagSet) adminFunc {
	return func(ctx context.Context, svc *service.Service) (any, error) {
		vs, err := svc.ListOrganizations(ctx)
		if err != nil {
			return nil, err
		}
		out := organizationList{Organizations: make([]organizationItem, 0, len(vs))}
		for _, v := range vs {
			item := organizationItem{organizationOut: orgOut(v.Organization),
				OrganizationalUnits: make([]ouOut, 0, len(v.OUs)), Accounts: make([]orgAccountOut, 0, len(v.Accounts))}
			for _, ou := range v.OUs {
				item.OrganizationalUnits = append(item.OrganizationalUnits, ouItem(ou))
			}
			for _, a := range v.Accounts {
				item.Accounts = append(item.Accounts, orgAccountOut{AccountId: a.ID, Name: a.Name, OuId: a.OUID})
			}
			out.Organizations = append(out.Organizations, item)
		}
		return out, nil
	}
}

func defineCreateOU(fs *flag.FlagSet) adminFunc {
	org := fs.String("organization", "", "the organization's ID (o-…)")
	name := fs.String("name", "", "the organizational unit's name, unique in the organization")
	return func(ctx context.Context, svc *service.Service) (any, error) {
		if err := required("organization", *org, "name", *name); err != nil {
			return nil, err
		}
		ou, err := svc.CreateOU(ctx, *org, *name)
		if err != nil {
			return nil, err
		}
		return ouItem(ou), nil
	}
}

func defineDeleteOU(fs *flag.FlagSet) adminFunc {
	ou := fs.String("ou", "", "the organizational unit's ID (ou-…)")
	return func(ctx context.Context, svc *service.Service) (any, error) {
		if err := required("ou", *ou); err != nil {
			return nil, err
		}
		if err := svc.DeleteOU(ctx, *ou); err != nil {
			return nil, err
		}
		return ouDeleted{OuId: *ou, Deleted: true}, nil
	}
}

func defineListOUs(fs *flag.FlagSet) adminFunc {
	org := fs.String("organization", "", "the organization's ID (o-…)")
	return func(ctx context.Context, svc *service.Service) (any, error) {
		if err := required("organization", *org); err != nil {
			return nil, err
		}
		ous, err := svc.ListOUs(ctx, *org)
		if err != nil {
			return nil, err
		}
		out := ouList{OrganizationalUnits: make([]ouOut, 0, len(ous))}
		for _, ou := range ous {
			out.OrganizationalUnits = append(out.OrganizationalUnits, ouItem(ou))
		}
		return out, nil
	}
}

func defineAddAccountToOrganization(fs *flag.FlagSet) adminFunc {
	account := fs.String("account", "", "the account's ID")
	org := fs.String("organization", "", "the organization's ID (o-…)")
	ou := fs.String("ou", "", "an organizational unit of the organization (default: none, the organization's root)")
	return func(ctx context.Context, svc *service.Service) (any, error) {
		if err := required("account", *account, "organization", *org); err != nil {
			return nil, err
		}
		if err := svc.AddAccountToOrganization(ctx, *account, *org, *ou); err != nil {
			return nil, err
		}
		return accountPlaced{AccountId: *account, OrganizationId: *org, OuId: *ou}, nil
	}
}

func defineRemoveAccountFromOrganization(fs *flag.FlagSet) adminFunc {
	account := fs.String("account", "", "the account's ID")
	return func(ctx context.Context, svc *service.Service) (any, error) {
		if err := required("account", *account); err != nil {
			return nil, err
		}
		left, err := svc.RemoveAccountFromOrganization(ctx, *account)
		if err != nil {
			return nil, err
		}
		return accountRemoved{AccountId: *account, OrganizationId: left, Removed: true}, nil
	}
}
