package browsertest

import (
	"testing"
)

// TestDataPages checks the dataset page (long tables of columns) and an
// indicator page with its JSON-LD block and share tags in Chromium: no
// console error (a JSON-LD block is data, never run), no request off
// 127.0.0.1 (share images are named, not loaded), no axe-core violation.
func TestDataPages(t *testing.T) {
	b := NewBrowser(t)
	dest := defaultSite(t)
	srv := Serve(t, dest)
	for _, path := range []string{"/du-lieu/", "/chi-so/nguoi-nghien-co-ho-so/"} {
		t.Run(path, func(t *testing.T) {
			AssertClean(t, b.Check(t, srv.URL+path, CheckOptions{}))
		})
	}
}
