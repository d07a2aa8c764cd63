// Package render is the only package that imports Hugo. It runs Hugo
// in-process over a staging site written by internal/sitegen.
package render

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	iofs "io/fs"
	"os"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"
	"time"

	"github.com/bep/logg"
	"github.com/gohugoio/hugo/commands"
	"github.com/gohugoio/hugo/common/loggers"
	"github.com/gohugoio/hugo/config"
	"github.com/gohugoio/hugo/config/allconfig"
	"github.com/gohugoio/hugo/deps"
	"github.com/gohugoio/hugo/hugofs"
	"github.com/gohugoio/hugo/hugolib"
	"github.com/pcmt/pcmt/internal/splice"
	"github.com/pcmt/pcmt/internal/stall"
	"github.com/spf13/afero"
)

// hugoCacheLimitGB is the memory, in GB, Hugo's caches may hold during a
// build (HUGO_MEMORYLIMIT).
const hugoCacheLimitGB = "1"

// Hugo renders the Hugo site in srcDir into dstDir (both absolute).
// Hugo's caches stay inside srcDir so a build writes nowhere else. Hugo
// reads the site through source (nil: the disk), which may hold parts of
// it elsewhere (sitegen.WriteInto). With a store, the site's pages hold
// markers of its blocks, and every file Hugo writes has them replaced by
// the blocks (splice.NewFs). An error names files relative to srcDir: the
// site's layouts/ and content/ as the repository has them, or a page pcmt
// wrote.
func Hugo(srcDir, dstDir string, log io.Writer, source afero.Fs, store *splice.Store) error {
	err := renderPages(srcDir, dstDir, log, source, store)
	if errors.Is(err, errStuck) && os.Getenv(workersEnv) == "" {
		// Once more with one render worker: the walk of the pages then
		// blocks only if that worker fails a page in the moment between
		// the tenth error and Hugo's stop (collatorWaiting): none of six
		// one-worker builds of a failing site hung. The pages fail again,
		// and this time Hugo says why.
		os.Setenv(workersEnv, "1")
		err = renderPages(srcDir, dstDir, log, source, store)
		os.Unsetenv(workersEnv)
	}
	if err != nil {
		return siteRelative(err, srcDir)
	}
	// hugolib renders pages; copying static/ is done by Hugo's command
	// line, so it is done here.
	return copyStatic(filepath.Join(srcDir, "static"), dstDir)
}

// workersEnv is Hugo's number of render workers (one per CPU when unset).
const workersEnv = "HUGO_NUMWORKERMULTIPLIER"

// errStuck is a build Hugo stopped after pages failed, and that did not
// return (collatorWaiting).
var errStuck = errors.New("stopped after pages failed to render, and did not return (hugolib's renderPages hangs so at times); build again with HUGO_NUMWORKERMULTIPLIER=1 to see why the pages failed")

// stuckWatch is how long Hugo's error collector may wait to hand over
// its errors before the build counts as stuck, and how often to look.
var stuckWatch = stall.Watch{After: 20 * time.Second, Poll: 2 * time.Second}

// collatorWaiting reports whether Hugo's error collector is waiting to
// hand its errors to renderPages. hugolib v0.165.0 stops rendering after
// ten pages fail (Site.errorCollator), and its render workers then return
// on their next error; the walk that hands them pages can be left blocked
// on a full channel with no worker to take from it (Site.renderPages: that
// send does not watch Done), so the collector waits for ever and Build
// never returns. It happened about one build in four with a layout that
// fails on every unit page. A build that is not stuck takes the errors as
// soon as the pages in hand are done. The goroutines' stacks are the one
// view of this that does not race with Hugo (its Done channel is replaced
// when Build starts).
func collatorWaiting() bool {
	buf := make([]byte, 64<<10)
	for {
		n := runtime.Stack(buf, true)
		if n < len(buf) {
			return bytes.Contains(buf[:n], []byte("hugolib.(*Site).errorCollator.func1("))
		}
		buf = make([]byte, 2*len(buf))
	}
}

// siteRelative returns err with the paths under srcDir, the staging site,
// made relative to it: a temporary folder's name means nothing to the
// reader, and it is gone when they read the error. Hugo's name of the
// site's language and version ("[vi v1.0.0 guest] ") goes too.
func siteRelative(err error, srcDir string) error {
	msg := strings.ReplaceAll(err.Error(), srcDir+string(filepath.Separator), "")
	if i := strings.Index(msg, "] failed to render pages: "); i >= 0 {
		if j := strings.LastIndex(msg[:i], "["); j >= 0 {
			msg = msg[:j] + msg[i+2:]
		}
	}
	if msg == err.Error() {
		return err
	}
	return errors.New(msg)
}

func renderPages(srcDir, dstDir string, log io.Writer, source afero.Fs, store *splice.Store) error {
	flags := config.New()
	flags.Set("workingDir", srcDir)
	flags.Set("publishDir", dstDir)
	flags.Set("cacheDir", filepath.Join(srcDir, ".cache"))
	flags.Set("environment", "production")
	logger := loggers.New(loggers.Options{StdOut: log, StdErr: log})
	afs := source
	if afs == nil {
		afs = afero.NewOsFs()
	}
	cfgs, err := allconfig.LoadConfig(allconfig.ConfigSourceDescriptor{
		Fs: afs, Flags: flags, Logger: logger, Filename: filepath.Join(srcDir, "config.toml"), Environment: "production",
	})
	if err != nil {
		return fmt.Errorf("config: %w", err)
	}
	fs := hugofs.NewFrom(afs, cfgs.LoadingInfo.BaseConfig)
	if store != nil {
		pub := splice.NewFs(fs.PublishDir, store)
		fs.PublishDir, fs.PublishDirStatic, fs.PublishDirServer = pub, pub, pub
	}
	// Hugo's in-memory caches (dynacache) keep up to a quarter of the
	// machine's memory by default, and a one-shot build rarely reads a
	// cached value twice: nationally plain hugo peaks at 4.8 GB with the
	// default and 2.3 GB with 1 GB, in less time (bench/README.md). The
	// caller's HUGO_MEMORYLIMIT still wins.
	if os.Getenv("HUGO_MEMORYLIMIT") == "" {
		os.Setenv("HUGO_MEMORYLIMIT", hugoCacheLimitGB)
		defer os.Unsetenv("HUGO_MEMORYLIMIT")
	}
	sites, err := hugolib.NewHugoSites(deps.DepsCfg{Configs: cfgs, Fs: fs, LogLevel: logger.Level(), StdErr: logger.StdErr(), StdOut: log})
	if err != nil {
		return err
	}
	// A stuck build is left behind: nothing can unblock it, and it
	// writes nothing more.
	err = stuckWatch.Run(func() error { return sites.Build(hugolib.BuildCfg{}) }, collatorWaiting)
	if errors.Is(err, stall.ErrStalled) {
		return errStuck // sites is in use by the stuck build: not closed
	}
	sites.Close()
	if err != nil {
		return err
	}
	if n := logger.LoggCount(logg.LevelError); n > 0 {
		return fmt.Errorf("%d error(s) in its log (pcmt build -v shows it)", n)
	}
	return nil
}

func copyStatic(src, dst string) error {
	return filepath.WalkDir(src, func(p string, d iofs.DirEntry, err error) error {
		if err != nil {
			if errors.Is(err, iofs.ErrNotExist) && p == src {
				return nil
			}
			return err
		}
		rel, _ := filepath.Rel(src, p)
		target := filepath.Join(dst, rel)
		if d.IsDir() {
			return os.MkdirAll(target, 0o755)
		}
		if _, err := os.Stat(target); err == nil {
			return fmt.Errorf("static/%s: a page of the site has the same path", filepath.ToSlash(rel))
		}
		// A hard link costs no copy (pcmt build writes the downloads,
		// gigabytes nationally, straight into dst; pcmt serve and the
		// benchmark's staging site keep them in static/). The staging site
		// is never written again after this, so sharing the file is safe;
		// across file systems, copy.
		if err := os.Link(p, target); err == nil {
			return nil
		}
		return copyStaticFile(p, target)
	})
}

func copyStaticFile(src, dst string) error {
	in, err := os.Open(src)
	if err != nil {
		return err
	}
	defer in.Close()
	out, err := os.OpenFile(dst, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
	if err != nil {
		return err
	}
	if _, err := io.Copy(out, in); err != nil {
		out.Close()
		return err
	}
	return out.Close()
}

// Serve runs Hugo's development server over srcDir on 127.0.0.1:port,
// rebuilding and reloading the browser when files in srcDir change. It
// returns when the server stops.
func Serve(srcDir string, port int) error {
	return commands.Execute([]string{"server", "--source", srcDir, "--bind", "127.0.0.1", "--port", strconv.Itoa(port),
		"--baseURL", "http://127.0.0.1:" + strconv.Itoa(port) + "/", "--disableFastRender", "--noHTTPCache"})
}
