package browsertest

import (
	"bytes"
	"testing"

	"github.com/pcmt/pcmt/internal/build"
)

// TestDataPages checks the dataset page (long tables of columns) and an
// indicator page with its JSON-LD block and share tags in Chromium: no
// console error (a JSON-LD block is data, never run), no request off
// 127.0.0.1 (share images are named, not loaded), no axe-core violation.
func TestDataPages(t *testing.T) {
	b := NewBrowser(t)
	dest := t.TempDir()
	var log bytes.Buffer
	if err := build.Site(build.Options{Source: RepoRoot(t), Destination: dest, Log: &log}); err != nil {
		t.Fatalf("build.Site: %v\n%s", err, log.String())
	}
	srv := Serve(t, dest)
	for _, path := range []string{"/du-lieu/", "/chi-so/nguoi-nghien-co-ho-so/"} {
		t.Run(path, func(t *testing.T) {
			AssertClean(t, b.Check(t, srv.URL+path, CheckOptions{}))
		})
	}
}
