package build

import (
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// viewKeys are marks of a unit view's JSON (the body of a unit page or a
// sub-page in the staging site, internal/sitegen/viewbody.go) as it is, as
// Hugo would render it in Markdown, and as html/template would escape it:
// no published file may carry any.
var viewKeys = []string{`"level_label":"`, `&quot;level_label&quot;`, `&#34;level_label&#34;`}

// noViewPublished checks that no page view reached the published site.
func noViewPublished(t *testing.T, site string) {
	t.Helper()
	err := filepath.WalkDir(site, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		if strings.HasSuffix(p, ".md") || d.Name() == "view.json" {
			t.Errorf("%s published", p)
		}
		b, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		for _, k := range viewKeys {
			if strings.Contains(string(b), k) {
				t.Errorf("%s carries a page's view (%s)", p, k)
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}

// A unit page is one file whose body is the view, JSON
// (internal/sitegen/viewbody.go): the page shows what is only in the body,
// the <head> loads the chart scripts from the front matter's has_charts,
// and the body itself is never published.
func TestUnitViewIsThePageBody(t *testing.T) {
	site := defaultSite(t)
	noViewPublished(t, site)
	b, err := os.ReadFile(filepath.Join(site, "don-vi/08-tuyen-quang-truoc-2025/index.html"))
	if err != nil {
		t.Fatal(err)
	}
	page := string(b)
	for _, want := range []string{
		`<h2 id="bieu-do-h">Biểu đồ</h2>`,    // charts: body only
		`<script src="/js/charts.js" defer>`, // has_charts: front matter
		`<section id="trich-dan"`,            // cite: body only
		`<h1>Tỉnh Tuyên Quang</h1>`,
	} {
		if !strings.Contains(page, want) {
			t.Errorf("/don-vi/08-tuyen-quang-truoc-2025/ lacks %s", want)
		}
	}
}

// TestHugoMarkupInNames: names are the reader's text, even where they
// hold what Hugo would take for a shortcode or the summary divider in a
// page's body (the unit views hold source titles and indicator names).
func TestHugoMarkupInNames(t *testing.T) {
	src := inputCopy(t)
	replaceIn(t, src, "data/sources.toml", `title = "Tuyên Quang hỗ trợ người sau cai nghiện ma túy tái hòa nhập cộng đồng"`,
		`title = "Tuyên Quang {{< x >}} hỗ trợ <!--more--> người {{% y %}} sau cai nghiện"`)
	replaceIn(t, src, "data/indicators.toml", `name = "Người nghiện có hồ sơ quản lý"`,
		`name = "Người nghiện {{< bieu-do >}} có <!--more--> hồ sơ {{{ quản lý"`)
	site := filepath.Join(t.TempDir(), "public")
	if err := Site(Options{Source: src, Destination: site}); err != nil {
		t.Fatal(err)
	}
	noViewPublished(t, site)
	b, err := os.ReadFile(filepath.Join(site, "don-vi/08-tuyen-quang-truoc-2025/index.html"))
	if err != nil {
		t.Fatal(err)
	}
	// Text made in Go (figure tables, lists, charts: blocks of the page's
	// body) has the second { of a {{ as &#123;, the same character to a
	// reader (internal/sitegen/viewbody.go).
	page := strings.ReplaceAll(string(b), "&#123;", "{")
	for _, want := range []string{
		`>Tuyên Quang {{&lt; x &gt;}} hỗ trợ &lt;!--more--&gt; người {{% y %}} sau cai nghiện (`,       // cited source
		`<caption>Người nghiện {{&lt; bieu-do &gt;}} có &lt;!--more--&gt; hồ sơ {{{ quản lý, tính đến`, // figures table
	} {
		if !strings.Contains(page, want) {
			t.Errorf("/don-vi/08-tuyen-quang-truoc-2025/ lacks %s", want)
		}
	}
}
