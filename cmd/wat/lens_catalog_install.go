package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"

	"github.com/wat-dev/wat"
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

// lensCatalogInstall installs an entry through the service, on the
// database of wat serve, as the account's admin: the API has no operation
// for it yet, and going through the use case applies the same rules a
// request will (names, quotas, versions, notifications).
func lensCatalogInstall(ctx context.Context, args []string, getenv func(string) string, stdout, stderr io.Writer) int {
	cfg := DefaultConfig().StoreConfig
	cfg.readEnv(getenv)
	fs := flag.NewFlagSet("wat lens catalog install", flag.ContinueOnError)
	fs.SetOutput(stderr)
	cfg.addFlags(fs)
	account := fs.String("account", "", "the account to install into (default: the only account)")
	asJSON := fs.Bool("json", false, "print what was done as one JSON object")
	var dirs stringList
	fs.Var(&dirs, "lens-catalog", "a folder of lenses to add to the catalog; repeatable")
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
	if err := cfg.validate(); err != nil {
		fmt.Fprintf(stderr, "wat lens catalog install: %v\n", err)
		return 2
	}
	cat, ok := openCatalog(dirs, stderr, "install")
	if !ok {
		return 1
	}
	var done *service.CatalogInstall
	_, err = runAdminStore(ctx, cfg, getenv, stderr, func(ctx context.Context, store wat.Store, svc *service.Service) (any, error) {
		// The same store and region, with the catalog of the flags.
		log := slog.New(slog.NewTextHandler(stderr, &slog.HandlerOptions{Level: slog.LevelWarn}))
		svc = service.New(service.Config{Store: store, Region: svc.Region(), Logger: log, LensCatalog: cat})
		ctx, err := asAccountAdmin(ctx, svc, *account)
		if err != nil {
			return nil, err
		}
		done, err = svc.InstallCatalogLens(ctx, ids[0])
		return nil, err
	})
	if err != nil {
		fmt.Fprintf(stderr, "wat lens catalog install: %s\n", errorMessage(err))
		if errors.As(err, new(usageError)) {
			return 2
		}
		return 1
	}
	if *asJSON {
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
