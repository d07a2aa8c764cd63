package main

import (
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"time"

	"github.com/fsnotify/fsnotify"

	"github.com/pcmt/pcmt/internal/build"
	"github.com/pcmt/pcmt/internal/publish"
	"github.com/pcmt/pcmt/internal/render"
)

// serve stages the site once, runs Hugo's server over the staging
// directory, and re-stages on every change to the repository's input:
// Hugo sees the changed files and reloads the browser.
func serve(source string, port int, stdout, stderr io.Writer) error {
	src, err := filepath.Abs(source)
	if err != nil {
		return err
	}
	dir, err := build.Stage(src)
	if err != nil {
		return err
	}
	defer os.RemoveAll(dir)
	w, err := fsnotify.NewWatcher()
	if err != nil {
		return err
	}
	defer w.Close()
	for _, top := range []string{"data", "content", "layouts", "static", "assets", "i18n", "."} {
		filepath.WalkDir(filepath.Join(src, top), func(p string, d os.DirEntry, err error) error {
			if err != nil || !d.IsDir() {
				return nil
			}
			if top == "." && p != src {
				return filepath.SkipDir
			}
			w.Add(p)
			return nil
		})
	}
	// changed gathers the input files written since the last restage
	// (guarded by cmu); mu keeps one restage at a time, and none after
	// the server stopped (stopped).
	var mu, cmu sync.Mutex
	stopped := false
	changed := map[string]bool{}
	go func() {
		var timer *time.Timer
		for {
			select {
			case ev, ok := <-w.Events:
				if !ok {
					return
				}
				if ignored(src, ev.Name) {
					continue
				}
				if ev.Op&fsnotify.Create != 0 {
					if fi, err := os.Stat(ev.Name); err == nil && fi.IsDir() {
						w.Add(ev.Name)
					}
				}
				cmu.Lock()
				if rel, err := filepath.Rel(src, ev.Name); err == nil {
					changed[rel] = true
				}
				cmu.Unlock()
				// Editors write in bursts: restage once they settle. Hugo's
				// server batches again (every 500 ms), so this stays short.
				if timer != nil {
					timer.Stop()
				}
				timer = time.AfterFunc(20*time.Millisecond, func() {
					mu.Lock()
					defer mu.Unlock()
					if stopped {
						return
					}
					cmu.Lock()
					rels := make([]string, 0, len(changed))
					for rel := range changed {
						rels = append(rels, rel)
					}
					clear(changed)
					cmu.Unlock()
					// An edit to commune pages only is shown at once; the
					// full restage below then updates what derives from it.
					if quick, err := build.QuickCommunePages(src, dir, rels); quick && err != nil {
						fmt.Fprintf(stderr, "pcmt: the preview keeps the last good version:\n%v\n", err)
						return
					}
					if err := build.Restage(src, dir); err != nil {
						fmt.Fprintf(stderr, "pcmt: the preview keeps the last good version:\n%v\n", err)
						return
					}
					fmt.Fprintln(stdout, "pcmt: input changed, site updated")
				})
			case err, ok := <-w.Errors:
				if !ok {
					return
				}
				fmt.Fprintf(stderr, "pcmt: watch: %v\n", err)
			}
		}
	}()
	fmt.Fprintf(stdout, "pcmt: serving http://127.0.0.1:%d/ (Ctrl+C to stop)\n", port)
	err = render.Serve(dir, port)
	mu.Lock()
	stopped = true
	mu.Unlock()
	removeStaging(dir)
	return err
}

// removeStaging removes the staging site when the server has stopped. A
// rebuild Hugo's server was still finishing (an edit saved just before
// Ctrl+C) may write into it after the first removal, which would leave
// the folder in the temporary directory: it is removed again until it
// stays gone, for a second at most.
func removeStaging(dir string) {
	for range 5 {
		publish.RemoveTree(dir)
		time.Sleep(200 * time.Millisecond)
		if _, err := os.Lstat(dir); os.IsNotExist(err) {
			return
		}
	}
}

func ignored(root, name string) bool {
	rel, err := filepath.Rel(root, name)
	if err != nil {
		return true
	}
	rel = filepath.ToSlash(rel)
	for _, p := range []string{"public", "resources", "node_modules", ".git", ".hugo_build.lock"} {
		if rel == p || strings.HasPrefix(rel, p+"/") {
			return true
		}
	}
	return strings.HasSuffix(rel, "~") || strings.HasPrefix(filepath.Base(rel), ".")
}
