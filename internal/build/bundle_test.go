package build

import (
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// Unit pages are leaf bundles whose view is the resource view.json
// (internal/sitegen): the page shows what is only in view.json, the
// <head> loads the chart scripts from the front matter's has_charts, and
// view.json itself is never published.
func TestUnitViewIsAResourceNotAFile(t *testing.T) {
	site := defaultSite(t)
	var published []string
	filepath.WalkDir(site, func(p string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() && d.Name() == "view.json" {
			published = append(published, p)
		}
		return nil
	})
	if len(published) > 0 {
		t.Errorf("view.json published: %v", published)
	}
	b, err := os.ReadFile(filepath.Join(site, "don-vi/08-tuyen-quang-truoc-2025/index.html"))
	if err != nil {
		t.Fatal(err)
	}
	page := string(b)
	for _, want := range []string{
		`<h2 id="bieu-do-h">Biểu đồ</h2>`,    // charts: view.json only
		`<script src="/js/charts.js" defer>`, // has_charts: front matter
		`<section id="trich-dan"`,            // cite: view.json only
		`<h1>Tỉnh Tuyên Quang</h1>`,
	} {
		if !strings.Contains(page, want) {
			t.Errorf("/don-vi/08-tuyen-quang-truoc-2025/ lacks %s", want)
		}
	}
}
