// Package render is the only package that imports Hugo. It runs Hugo
// in-process over a staging site written by internal/sitegen.
package render

import (
	"fmt"
	"io"
	"path/filepath"
	"strconv"

	"github.com/bep/logg"
	"github.com/gohugoio/hugo/commands"
	"github.com/gohugoio/hugo/common/loggers"
	"github.com/gohugoio/hugo/config"
	"github.com/gohugoio/hugo/config/allconfig"
	"github.com/gohugoio/hugo/deps"
	"github.com/gohugoio/hugo/hugofs"
	"github.com/gohugoio/hugo/hugolib"
	"github.com/spf13/afero"
)

// Hugo renders the Hugo site in srcDir into dstDir (both absolute).
// Hugo's caches stay inside srcDir so a build writes nowhere else.
func Hugo(srcDir, dstDir string, log io.Writer) error {
	flags := config.New()
	flags.Set("workingDir", srcDir)
	flags.Set("publishDir", dstDir)
	flags.Set("cacheDir", filepath.Join(srcDir, ".cache"))
	flags.Set("environment", "production")
	logger := loggers.New(loggers.Options{StdOut: log, StdErr: log})
	afs := afero.NewOsFs()
	cfgs, err := allconfig.LoadConfig(allconfig.ConfigSourceDescriptor{
		Fs: afs, Flags: flags, Logger: logger, Filename: filepath.Join(srcDir, "config.toml"), Environment: "production",
	})
	if err != nil {
		return fmt.Errorf("hugo config: %w", err)
	}
	fs := hugofs.NewFrom(afs, cfgs.LoadingInfo.BaseConfig)
	sites, err := hugolib.NewHugoSites(deps.DepsCfg{Configs: cfgs, Fs: fs, LogLevel: logger.Level(), StdErr: logger.StdErr(), StdOut: log})
	if err != nil {
		return fmt.Errorf("hugo: %w", err)
	}
	defer sites.Close()
	if err := sites.Build(hugolib.BuildCfg{}); err != nil {
		return err
	}
	if n := logger.LoggCount(logg.LevelError); n > 0 {
		return fmt.Errorf("hugo reported %d error(s)", n)
	}
	return nil
}

// Serve runs Hugo's development server over srcDir on 127.0.0.1:port,
// rebuilding and reloading the browser when files in srcDir change. It
// returns when the server stops.
func Serve(srcDir string, port int) error {
	return commands.Execute([]string{"server", "--source", srcDir, "--bind", "127.0.0.1", "--port", strconv.Itoa(port),
		"--baseURL", "http://127.0.0.1:" + strconv.Itoa(port) + "/", "--disableFastRender", "--noHTTPCache"})
}
