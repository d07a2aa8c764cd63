// Package build runs the whole pipeline: load and check the input, derive
// the pages, write the staging site, render it with Hugo and publish it.
package build

import (
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"time"

	"github.com/pcmt/pcmt/internal/derive"
	"github.com/pcmt/pcmt/internal/load"
	"github.com/pcmt/pcmt/internal/publish"
	"github.com/pcmt/pcmt/internal/render"
	"github.com/pcmt/pcmt/internal/siteconfig"
	"github.com/pcmt/pcmt/internal/sitegen"
	"github.com/pcmt/pcmt/internal/splice"
	"github.com/spf13/afero"
)

// Options says what to build and where.
type Options struct {
	Source      string    // the site's repository root
	Destination string    // the published site, replaced only by a complete build
	Log         io.Writer // Hugo's messages; nil discards them
	// Warn gets the data's warnings (parts that do not add up, sources
	// that disagree), one a line; nil discards them.
	Warn io.Writer
}

// Site builds the site. On any error the destination is left as it was.
// An input error is a load.Problems listing every problem.
func Site(o Options) error {
	if o.Log == nil {
		o.Log = io.Discard
	}
	src, err := filepath.Abs(o.Source)
	if err != nil {
		return err
	}
	dest, err := filepath.Abs(o.Destination)
	if err != nil {
		return err
	}
	if o.Warn == nil {
		o.Warn = io.Discard
	}
	// A build killed earlier left its directories; this one claims its
	// own before making any (leftovers.go).
	claim, err := newClaim(dest)
	if err != nil {
		return err
	}
	defer claim.release()
	// The new site's directory comes first: sitegen writes the downloads
	// straight into it (sitegen.WriteInto).
	out, err := publish.NewDir(dest)
	if err != nil {
		return err
	}
	if err := claim.own(out); err != nil {
		os.RemoveAll(out)
		return err
	}
	staging, source, blocks, err := stage(src, out, o.Warn, o.Log, claim)
	if err != nil {
		os.RemoveAll(out)
		return err
	}
	defer publish.RemoveTree(staging)
	defer blocks.Close()
	// The dataset and the derived views are garbage now: collect them
	// before Hugo reads the staging site, so that Hugo reuses their memory
	// and the peak is the larger of the two steps, not their sum. Not
	// returned to the system (debug.FreeOSMemory): Hugo would fault it
	// back in, nationally 320,000 page faults and ~1 s (bench/README.md).
	runtime.GC()
	step := stepTimer(o.Log)
	if err := render.Hugo(staging, out, o.Log, source, blocks); err != nil {
		os.RemoveAll(out)
		return fmt.Errorf("hugo: %w", err)
	}
	step("hugo")
	if err := publish.Replace(out, dest); err != nil {
		os.RemoveAll(out)
		return err
	}
	step("publish")
	return nil
}

// stepTimer returns a func that prints to log the time since the previous
// call (or since stepTimer), named: "pcmt: derive 5.91 s" (pcmt build -v,
// bench/README.md).
func stepTimer(log io.Writer) func(name string) {
	t := time.Now()
	return func(name string) {
		now := time.Now()
		fmt.Fprintf(log, "pcmt: %s %.2f s\n", name, now.Sub(t).Seconds())
		t = now
	}
}

// Stage checks the input at src and writes the Hugo site to build into a
// new temporary directory, which the caller removes. The site is complete:
// its downloads are in its static/.
func Stage(src string) (string, error) {
	dir, _, _, err := stage(src, "", io.Discard, io.Discard, nil)
	return dir, err
}

// stage writes the staging site, its downloads into public unless that is
// "" (sitegen.WriteInto); log gets how long each step took. It returns the
// site as Hugo is to read it. With public, it is not all in the staging
// folder: the blocks of unit pages are in a store there, returned for
// render.Hugo to put back (internal/splice), and content/, data/ and
// assets/ are in memory (sitegen.Into): nationally 1.8 GB that Hugo need
// not read, twice, and 20,000 files not made and deleted. Without public,
// the folder is the whole site, for any Hugo (pcmt serve, bench/stage).
func stage(src, public string, warn, log io.Writer, claim *claim) (string, afero.Fs, *splice.Store, error) {
	step := stepTimer(log)
	cfg, err := siteconfig.Read(src)
	if err != nil {
		return "", nil, nil, err
	}
	ds, err := load.Load(src)
	if err != nil {
		return "", nil, nil, err
	}
	step("load and check")
	site, err := derive.Build(ds, cfg)
	if err != nil {
		return "", nil, nil, err
	}
	step("derive")
	for _, w := range site.Warnings {
		fmt.Fprintf(warn, "warning: %s\n", w)
	}
	if u, err := sitegen.BaseURL(src); err == nil && strings.HasSuffix(u.Hostname(), ".invalid") {
		fmt.Fprintf(warn, "warning: config.toml: baseURL is still the placeholder %s: citations, the sitemap, the feed and share tags name that address until it is set to where the site is published\n", u)
	}
	dir, err := os.MkdirTemp("", "pcmt-site-")
	if err != nil {
		return "", nil, nil, err
	}
	if err := claim.own(dir); err != nil {
		os.RemoveAll(dir)
		return "", nil, nil, err
	}
	into := sitegen.Into{Public: public, Memory: public != ""}
	if public != "" {
		if into.Blocks, err = splice.Create(filepath.Join(dir, blockStore)); err != nil {
			os.RemoveAll(dir)
			return "", nil, nil, err
		}
	}
	source, err := sitegen.WriteInto(site, src, dir, into)
	if err != nil {
		into.Blocks.Close()
		os.RemoveAll(dir)
		return "", nil, nil, err
	}
	step("sitegen")
	return dir, source, into.Blocks, nil
}

// blockStore is the file of the staging site that holds its pages' blocks
// (stage); Hugo reads nothing at the site's root but config.toml.
const blockStore = ".pcmt-blocks"

// Check loads and checks the input at src without writing anything.
func Check(src string) error {
	_, err := load.Load(src)
	return err
}

// Restage rewrites the staging site in dir from src, touching only the
// files that changed (so a watching Hugo server rebuilds only what it must).
// On an input error dir is left as it was.
func Restage(src, dir string) error {
	fresh, err := Stage(src)
	if err != nil {
		return err
	}
	defer os.RemoveAll(fresh)
	return syncTree(fresh, dir)
}
