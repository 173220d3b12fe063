package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"

	"github.com/aws/aws-sdk-go-v2/aws"

	"github.com/wat-dev/wat"
	"github.com/wat-dev/wat/api/wire"
	"github.com/wat-dev/wat/lens/catalog"
	"github.com/wat-dev/wat/service"
)

// catalogInstallJSON is what `wat lens catalog install --json` prints.
type catalogInstallJSON struct {
	ID              string `json:"id"`
	LensArn         string `json:"lensArn"`
	LensVersion     string `json:"lensVersion"`
	Status          string `json:"status"`
	PreviousVersion string `json:"previousVersion,omitempty"`
}

// catalogInstallFlags are the flags of `wat lens catalog install`.
type catalogInstallFlags struct {
	store   StoreConfig
	account string
	asJSON  bool
	dirs    stringList
	// The server to install through (remote, installRemote).
	endpoint, region, profile string
}

// lensCatalogInstall installs an entry into an account, through a wat
// server's API when one is named (--endpoint-url, --profile or
// AWS_ENDPOINT_URL), so that the server authorises the caller and audits
// the install, or else offline, on the database of wat serve as its
// account's admin.
func lensCatalogInstall(ctx context.Context, args []string, getenv func(string) string, stdout, stderr io.Writer) int {
	f := catalogInstallFlags{store: DefaultConfig().StoreConfig}
	f.store.readEnv(getenv)
	fs := flag.NewFlagSet("wat lens catalog install", flag.ContinueOnError)
	fs.SetOutput(stderr)
	f.store.addFlags(fs)
	fs.StringVar(&f.account, "account", "", "offline: the account to install into (default: the only account)")
	fs.BoolVar(&f.asJSON, "json", false, "print what was done as one JSON object")
	fs.Var(&f.dirs, "lens-catalog", "offline: a folder of lenses to add to the catalog; repeatable")
	fs.StringVar(&f.endpoint, "endpoint-url", "", "install through this wat server's API (default AWS_ENDPOINT_URL)")
	fs.StringVar(&f.region, "region", "", "with the API: the region to sign for")
	fs.StringVar(&f.profile, "profile", "", "with the API: the profile of ~/.aws/credentials to sign with")
	ids, err := parseInterspersed(fs, args)
	if errors.Is(err, flag.ErrHelp) {
		return 0
	} else if err != nil {
		return 2
	}
	if len(ids) != 1 {
		fmt.Fprintf(stderr, "wat lens catalog install: give one entry's ID (wat lens catalog list lists them)\n")
		return 2
	}
	remote, err := f.remote(fs, getenv)
	if err != nil {
		fmt.Fprintf(stderr, "wat lens catalog install: %v\n", err)
		return 2
	}
	var done *service.CatalogInstall
	if remote {
		done, err = installRemote(ctx, f, getenv, ids[0])
	} else {
		if err := f.store.validate(); err != nil {
			fmt.Fprintf(stderr, "wat lens catalog install: %v\n", err)
			return 2
		}
		cat, ok := openCatalog(f.dirs, stderr, "install")
		if !ok {
			return 1
		}
		done, err = f.installOffline(ctx, cat, getenv, stderr, ids[0])
	}
	if err != nil {
		fmt.Fprintf(stderr, "wat lens catalog install: %s\n", errorMessage(err))
		if errors.As(err, new(usageError)) {
			return 2
		}
		return 1
	}
	if f.asJSON {
		return writeJSON(stdout, stderr, "install", catalogInstallJSON{ID: ids[0], LensArn: done.LensARN,
			LensVersion: done.LensVersion, Status: done.Status, PreviousVersion: done.PreviousVersion})
	}
	switch done.Status {
	case service.CatalogLensInstalled:
		fmt.Fprintf(stdout, "Installed %s as %s, version %s.\n", ids[0], done.LensARN, done.LensVersion)
	case service.CatalogLensUpgraded:
		fmt.Fprintf(stdout, "Upgraded %s from version %s to %s: workloads reviewing %s stay on %s until their review is upgraded.\n",
			done.LensARN, done.PreviousVersion, done.LensVersion, ids[0], done.PreviousVersion)
	default:
		fmt.Fprintf(stdout, "%s is installed already as %s, version %s.\n", ids[0], done.LensARN, done.LensVersion)
	}
	return 0
}

// installOffline installs entry id through the service, on the database
// of wat serve (also while it runs), as the admin of --account: the same
// rules a request applies (names, quotas, versions, notifications), but no
// request, so no audit record.
func (f catalogInstallFlags) installOffline(ctx context.Context, cat *catalog.Catalog, getenv func(string) string, stderr io.Writer, id string) (*service.CatalogInstall, error) {
	var done *service.CatalogInstall
	_, err := runAdminStore(ctx, f.store, getenv, stderr, func(ctx context.Context, store wat.Store, svc *service.Service) (any, error) {
		// The same store and region, with the catalog of the flags.
		log := slog.New(slog.NewTextHandler(stderr, &slog.HandlerOptions{Level: slog.LevelWarn}))
		svc = service.New(service.Config{Store: store, Region: svc.Region(), Logger: log, LensCatalog: cat})
		ctx, err := asAccountAdmin(ctx, svc, f.account)
		if err != nil {
			return nil, err
		}
		done, err = svc.InstallCatalogLens(ctx, id)
		return nil, err
	})
	return done, err
}

// remote tells whether `wat lens catalog install` goes through a server's
// API: when a flag names the server or the credentials to sign with, or
// else when the environment names an endpoint (AWS_ENDPOINT_URL, as for
// `wat scan --workload`) and no flag names a database. A server and a
// database named on the command line at once are a usage error: which one
// to install into is the user's to say, not a precedence rule's.
func (f catalogInstallFlags) remote(fs *flag.FlagSet, getenv func(string) string) (bool, error) {
	set := map[string]bool{}
	fs.Visit(func(fl *flag.Flag) { set[fl.Name] = true })
	server := set["endpoint-url"] || set["profile"] || set["region"]
	database := set["data-dir"] || set["database-url"]
	switch {
	case server && database:
		return false, errors.New("--endpoint-url, --profile and --region install through a server's API, --data-dir and --database-url offline: give one or the other")
	case database:
		return false, nil
	case !server && getenv("AWS_ENDPOINT_URL_WELLARCHITECTED") == "" && getenv("AWS_ENDPOINT_URL") == "":
		return false, nil
	}
	// The server has its own catalog and the credentials their account.
	if set["lens-catalog"] || set["account"] {
		return true, errors.New("--lens-catalog and --account go with an offline install (--data-dir): through the API, the server's catalog is used and the credentials' account installed into")
	}
	return true, nil
}

// installRemote installs entry id with InstallLensCatalogEntry, signed as
// `wat scan --workload` signs (the flags, then the AWS environment and
// shared files): the server authorises the caller
// (ImportLens and CreateLensVersion) and records the install in its audit
// log.
func installRemote(ctx context.Context, f catalogInstallFlags, getenv func(string) string, id string) (*service.CatalogInstall, error) {
	t, err := resolveAWS(getenv, f.endpoint, f.region, f.profile)
	if err != nil {
		return nil, err
	}
	out, err := newWatClient(t).InstallLensCatalogEntry(ctx, &wire.InstallLensCatalogEntryInput{EntryId: aws.String(id)})
	if err != nil {
		return nil, fmt.Errorf("installing through %s: %s", t.Endpoint, apiMessage(err))
	}
	return &service.CatalogInstall{LensARN: aws.ToString(out.LensArn), LensVersion: aws.ToString(out.LensVersion),
		Status: string(out.Status), PreviousVersion: aws.ToString(out.PreviousVersion)}, nil
}
