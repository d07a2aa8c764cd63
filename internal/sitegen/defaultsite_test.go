package sitegen

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/pcmt/pcmt/internal/derive"
	"github.com/pcmt/pcmt/internal/load"
	"github.com/pcmt/pcmt/internal/siteconfig"
)

// TestWriteDefaultSite stages the repository's own site twice. Unit pages
// are made while they are written, several at once (derive.Site.UnitPage;
// `go test -race` runs this test): each page must carry its own unit's
// view, and both stagings must be the same bytes.
func TestWriteDefaultSite(t *testing.T) {
	site, repo, ok := defaultSite(t)
	if !ok {
		t.Skip("ECharts not installed (make deps)")
	}
	a, b := filepath.Join(t.TempDir(), "a"), filepath.Join(t.TempDir(), "b")
	for _, dir := range []string{a, b} {
		if err := Write(site, repo, dir); err != nil {
			t.Fatal(err)
		}
	}
	for _, p := range site.Units {
		name := filepath.Join("content", filepath.FromSlash(p.Path)+".md")
		va, err := os.ReadFile(filepath.Join(a, name))
		if err != nil {
			t.Fatal(err)
		}
		vb, err := os.ReadFile(filepath.Join(b, name))
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(va, vb) {
			t.Errorf("%s: two stagings of the same site differ", name)
		}
		_, body := splitPage(t, va) // the whole view
		var v struct {
			FullName string `json:"full_name"`
			Groups   bool   `json:"groups"` // whether it has any: they are in the tables
		}
		if err := json.Unmarshal(body, &v); err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		if v.FullName != p.Title {
			t.Errorf("%s: the page of %q shows %q", name, p.Title, v.FullName)
		}
		// The figures are in the tables after the view, each table's
		// caption naming the unit; the view holds none of the rows.
		tables := pageTables(va)
		if v.Groups && (len(tables) == 0 || !strings.Contains(tables[0], " — "+p.Title+": chỉ tiêu, kết quả và nguồn</caption>") ||
			!strings.Contains(tables[0], "<tr id=")) {
			t.Errorf("%s: the page of %q has groups but its first table is not theirs:\n%.300s", name, p.Title, tables)
		}
		if bytes.Contains(body, []byte("<tr")) {
			t.Errorf("%s: rows in the view as well as in the tables", name)
		}
	}
	if len(site.Units) < 10 {
		t.Errorf("%d unit pages, want the default site's (more than 10)", len(site.Units))
	}
}

// defaultSite derives the repository's own site (data/, content/); ok is
// false when ECharts from npm, which staging copies, is not installed.
func defaultSite(t *testing.T) (site *derive.Site, repo string, ok bool) {
	t.Helper()
	repo, err := filepath.Abs("../..")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(filepath.Join(repo, EChartsFile)); err != nil {
		return nil, repo, false
	}
	cfg, err := siteconfig.Read(repo)
	if err != nil {
		t.Fatal(err)
	}
	ds, err := load.Load(repo)
	if err != nil {
		t.Fatal(err)
	}
	site, err = derive.Build(ds, cfg)
	if err != nil {
		t.Fatal(err)
	}
	return site, repo, true
}
