// Package files finds and reads the files `wat scan` is given: it checks
// the paths, walks the directories for template-like files and reads them
// on every core into resources.
//
// Two kinds of trouble are kept apart: a file that cannot be read as a
// template is a problem of the report (the scan goes on, --fail-on
// decides); a path or file that cannot be read at all means the scan did
// not see what it was asked to, and makes it exit non-zero whatever the
// flags, lest a mistyped path in CI pass as a clean scan.
package files

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"sync"

	"github.com/wat-dev/wat/scan"
)

// Check returns an error, naming the path, for every path given that does
// not exist or cannot be opened. It runs before anything is scanned, so
// that a mistyped path neither prints a report nor stores evidence. Only
// files and directories are opened to see: opening a named pipe would wait
// for its writer (one from <(terraform show -json ...) is read later, as
// any file named is).
func Check(paths []string) []error {
	var errs []error
	for _, p := range paths {
		info, err := os.Stat(p)
		if err == nil && (info.Mode().IsRegular() || info.IsDir()) {
			var f *os.File
			if f, err = os.Open(p); err == nil {
				f.Close()
			}
		}
		if err != nil {
			errs = append(errs, fmt.Errorf("%s: %w", p, pathReason(err)))
		}
	}
	return errs
}

// pathReason is the reason of a file-system error without the operation
// and the path, which the caller names once itself.
func pathReason(err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	return err
}

// unreadable is the problem of a file that could not be read at all.
func unreadable(file string, err error) scan.Problem {
	return scan.Problem{File: file, Message: "cannot read: " + pathReason(err).Error()}
}

// skipDirs are never walked: they hold dependencies and tool state, not the
// project's templates.
var skipDirs = map[string]bool{".git": true, "node_modules": true, ".terraform": true}

// Collect expands directories into the template-like files under them
// (*.json, *.yaml, *.yml); files named explicitly are read whatever their
// name. It returns the files, and the files and directories that could not
// be read.
func Collect(paths []string) ([]string, []scan.Problem) {
	var names []string
	var failed []scan.Problem
	for _, p := range paths {
		info, err := os.Stat(p)
		if err != nil {
			failed = append(failed, unreadable(p, err))
			continue
		}
		if !info.IsDir() {
			names = append(names, p)
			continue
		}
		err = filepath.WalkDir(p, func(path string, d fs.DirEntry, err error) error {
			if err != nil {
				failed = append(failed, unreadable(path, err))
				return nil
			}
			if d.IsDir() {
				if path != p && skipDirs[d.Name()] {
					return filepath.SkipDir
				}
				return nil
			}
			switch strings.ToLower(filepath.Ext(path)) {
			case ".json", ".yaml", ".yml":
				if d.Type().IsRegular() {
					names = append(names, path)
				}
			}
			return nil
		})
		if err != nil {
			failed = append(failed, unreadable(p, err))
		}
	}
	return names, failed
}

// Read reads the files on every core. It returns their resources, in the
// order of the files; the files that were read but are not templates that
// parse (problems of the report); and the files that could not be read at
// all (failed).
func Read(names []string) (resources []*scan.Resource, problems, failed []scan.Problem) {
	type out struct {
		res        []*scan.Resource
		prob       *scan.Problem
		unreadable bool
	}
	outs := make([]out, len(names))
	next := make(chan int)
	var wg sync.WaitGroup
	for range min(runtime.GOMAXPROCS(0), len(names)) {
		wg.Go(func() {
			for i := range next {
				data, err := readFile(names[i])
				if err != nil {
					p := unreadable(names[i], err)
					outs[i] = out{prob: &p, unreadable: true}
					continue
				}
				// scan.Read reports a file that is not a template, or
				// on which it fails, as a problem of that file only.
				res, err := scan.Read(names[i], data)
				var p *scan.Problem
				switch {
				case errors.As(err, &p):
					outs[i].prob = p
				case errors.Is(err, scan.ErrNotTemplate):
				case err != nil:
					outs[i].prob = &scan.Problem{File: names[i], Message: err.Error()}
				}
				outs[i].res = res
			}
		})
	}
	for i := range names {
		next <- i
	}
	close(next)
	wg.Wait()
	for _, o := range outs {
		resources = append(resources, o.res...)
		switch {
		case o.unreadable:
			failed = append(failed, *o.prob)
		case o.prob != nil:
			problems = append(problems, *o.prob)
		}
	}
	return resources, problems, failed
}

// readFile reads one file, at most one byte over the size cap: scan.Read
// refuses larger files without the rest of them being read.
func readFile(file string) ([]byte, error) {
	f, err := os.Open(file)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	size := 0 // the file's size, when known, so that it is read into one allocation
	if info, err := f.Stat(); err == nil && info.Size() <= scan.MaxFileSize {
		size = int(info.Size())
	}
	buf := bytes.NewBuffer(make([]byte, 0, size+bytes.MinRead))
	if _, err := buf.ReadFrom(io.LimitReader(f, scan.MaxFileSize+1)); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

// Rel is file relative to the working directory when it is absolute and
// under it; file, cleaned, otherwise. Reports and uploads name files so,
// whatever directory the scan was started from.
func Rel(file string) string {
	if !filepath.IsAbs(file) {
		return filepath.Clean(file)
	}
	if wd, err := os.Getwd(); err == nil {
		if rel, err := filepath.Rel(wd, file); err == nil && rel != ".." && !strings.HasPrefix(rel, ".."+string(filepath.Separator)) {
			return rel
		}
	}
	return file
}
