package build

import (
	"bytes"
	"crypto/sha256"
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"sync"
	"testing"

	"golang.org/x/net/html"

	"github.com/pcmt/pcmt/internal/derive"
	"github.com/pcmt/pcmt/internal/load"
	"github.com/pcmt/pcmt/internal/model"
	"github.com/pcmt/pcmt/internal/sitegen"
)

const repo = "../.."

var (
	siteOnce sync.Once
	siteDir  string
	siteErr  error
)

// defaultSite builds the repository's site once for all tests of the package.
func defaultSite(t *testing.T) string {
	t.Helper()
	siteOnce.Do(func() {
		dir, err := os.MkdirTemp("", "pcmt-test-site-")
		if err != nil {
			siteErr = err
			return
		}
		siteDir = filepath.Join(dir, "public")
		siteErr = Site(Options{Source: repo, Destination: siteDir})
	})
	if siteErr != nil {
		t.Fatalf("building the default site: %v", siteErr)
	}
	return siteDir
}

func TestMain(m *testing.M) {
	code := m.Run()
	if siteDir != "" {
		os.RemoveAll(filepath.Dir(siteDir))
	}
	os.Exit(code)
}

func parsePage(t *testing.T, site, urlPath string) *html.Node {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(site, filepath.FromSlash(urlPath), "index.html"))
	if err != nil {
		t.Fatalf("page %s: %v", urlPath, err)
	}
	doc, err := html.Parse(bytes.NewReader(b))
	if err != nil {
		t.Fatalf("page %s: %v", urlPath, err)
	}
	return doc
}

func byID(n *html.Node, id string) *html.Node {
	if n.Type == html.ElementNode {
		for _, a := range n.Attr {
			if a.Key == "id" && a.Val == id {
				return n
			}
		}
	}
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		if f := byID(c, id); f != nil {
			return f
		}
	}
	return nil
}

// text is what a reader sees in n, white space folded.
func text(n *html.Node) string {
	var b strings.Builder
	var walk func(*html.Node)
	walk = func(n *html.Node) {
		if n.Type == html.TextNode {
			b.WriteString(n.Data)
			b.WriteByte(' ')
		}
		if n.Type == html.ElementNode && (n.Data == "script" || n.Data == "style") {
			return
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(n)
	return strings.Join(strings.Fields(b.String()), " ")
}

func links(n *html.Node) []string {
	var out []string
	var walk func(*html.Node)
	walk = func(n *html.Node) {
		if n.Type == html.ElementNode && n.Data == "a" {
			for _, a := range n.Attr {
				if a.Key == "href" {
					out = append(out, a.Val)
				}
			}
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(n)
	return out
}

// TestEverySeedFigureIsOnItsUnitPage walks the dataset: each figure must be
// on the page of its unit, in an element with its permalink id, showing its
// period, its kind, its value (or "chưa có số liệu") and a link to its source.
func TestEverySeedFigureIsOnItsUnitPage(t *testing.T) {
	site := defaultSite(t)
	ds, err := load.Load(repo)
	if err != nil {
		t.Fatal(err)
	}
	views, err := derive.Build(ds)
	if err != nil {
		t.Fatal(err)
	}
	// The dataset holds every figure of the five documents: a count per
	// source guards against rows silently dropped.
	perSource := map[string]int{}
	for _, f := range ds.Figures {
		perSource[f.Source]++
	}
	for id, min := range map[string]int{"ldxh-2023-03-15-tuyen-quang": 25, "bdk-2021-03-12-ben-tre": 3, "tin-2021-02-18-ha-noi": 17,
		"tin-2024-11-19-ba-vi": 14, "ubnd-thi-tran-thang-2024-02-ke-hoach": 4} {
		if perSource[id] < min {
			t.Errorf("source %s has %d figures, want at least %d", id, perSource[id], min)
		}
	}
	pages := map[string]*html.Node{}
	for i, p := range views.Units {
		v := views.UnitView(i)
		var rows []derive.FigureRow
		for _, g := range v.Groups {
			rows = append(rows, g.Rows.Rows()...)
		}
		for _, pl := range v.Places {
			for _, g := range pl.Groups {
				rows = append(rows, g.Rows.Rows()...)
			}
		}
		url := "/" + p.Path + "/"
		for _, r := range rows {
			if pages[url] == nil {
				pages[url] = parsePage(t, site, url)
			}
			el := byID(pages[url], r.Anchor)
			if el == nil {
				t.Errorf("%s: no element with id %q", url, r.Anchor)
				continue
			}
			got := text(el)
			for _, want := range []string{r.PeriodLabel, r.KindLabel, r.ValueText} {
				if !strings.Contains(got, want) {
					t.Errorf("%s#%s: %q not shown; the row reads %q", url, r.Anchor, want, got)
				}
			}
			found := false
			for _, l := range links(el) {
				found = found || l == r.Source.URL
			}
			if !found {
				t.Errorf("%s#%s: no link to its source %s", url, r.Anchor, r.Source.URL)
			}
		}
	}
	n := 0
	for i := range views.Units {
		v := views.UnitView(i)
		for _, g := range v.Groups {
			n += len(g.Rows)
		}
		for _, pl := range v.Places {
			for _, g := range pl.Groups {
				n += len(g.Rows)
			}
		}
	}
	if n != len(ds.Figures) {
		t.Errorf("unit pages show %d figures, the dataset has %d", n, len(ds.Figures))
	}
}

// TestWhatReadersSee checks figures a journalist would quote, as printed.
func TestWhatReadersSee(t *testing.T) {
	site := defaultSite(t)
	tests := []struct {
		page string
		want []string
	}{
		{"/don-vi/08-tuyen-quang-truoc-2025/", []string{"986 người", "Tính đến 31/12/2022", "trên 80%", "241 người",
			"khớp với tổng 986 người", "Trại tạm", "77 người", "15/03/2023"}},
		{"/don-vi/071-lam-binh-truoc-2025/", []string{"0 người"}},
		{"/don-vi/01-ha-noi-truoc-2025/", []string{"1.100 người", "4.986 người", "2.100 người", "6.500 người"}},
		{"/don-vi/271-ba-vi-truoc-2025/", []string{"31/31 xã (100%)", "5.236 lượt", "3.249 người", "9 tháng đầu năm 2024"}},
		{"/don-vi/07840-thang-truoc-2025/", []string{"chưa có số liệu", "Xã Hiệp Hoà (mã 07840)"}},
		{"/ke-hoach/thi-tran-thang-2024/", []string{"MỤC ĐÍCH, YÊU CẦU", "Ong Thế Dũng", "chưa có số liệu", "... người"}},
		{"/gioi-thieu/so-lieu/", []string{"Chỉ tiêu", "Kết quả", "Số liệu nền"}},
		{"/", []string{"Tỉnh Tuyên Quang", "Thị trấn Thắng"}},
	}
	for _, tt := range tests {
		got := text(parsePage(t, site, tt.page))
		for _, w := range tt.want {
			if !strings.Contains(got, w) {
				t.Errorf("%s: %q not on the page", tt.page, w)
			}
		}
	}
}

func TestPagesAreVietnameseAndSelfContained(t *testing.T) {
	site := defaultSite(t)
	err := filepath.WalkDir(site, func(p string, d fs.DirEntry, err error) error {
		if err != nil || !strings.HasSuffix(p, ".html") {
			return err
		}
		b, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		s := string(b)
		rel, _ := filepath.Rel(site, p)
		if !strings.Contains(s, `<html lang="vi"`) {
			t.Errorf("%s: no <html lang=\"vi\">", rel)
		}
		// Nothing the page loads may come from elsewhere; links a reader
		// follows (a cited document, a licence) may.
		// Markup shown as text (an embed code: &lt;iframe src="https://…"&gt;)
		// loads nothing, and its address is absolute on purpose.
		scan := regexp.MustCompile(`(?s)&lt;.*?&gt;`).ReplaceAllString(s, "")
		for _, bad := range []string{`src="http`, `src="//`, `url(http`, `url(//`, "@import", "<script>", " onclick=", " onload=", " style="} {
			if i := strings.Index(scan, bad); i >= 0 {
				t.Errorf("%s: %q at %d: %s", rel, bad, i, scan[max(0, i-60):min(len(scan), i+60)])
			}
		}
		for _, tag := range regexp.MustCompile(`<link[^>]+>`).FindAllString(s, -1) {
			if strings.Contains(tag, `href="http`) || strings.Contains(tag, `href="//`) {
				t.Errorf("%s: loads from elsewhere: %s", rel, tag)
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}

func treeHash(t *testing.T, dir string) map[string][32]byte {
	t.Helper()
	out := map[string][32]byte{}
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(dir, p)
		out[rel] = sha256.Sum256(b)
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

func diffTrees(a, b map[string][32]byte) []string {
	var d []string
	for k, v := range a {
		if w, ok := b[k]; !ok {
			d = append(d, "only in first: "+k)
		} else if v != w {
			d = append(d, "differs: "+k)
		}
	}
	for k := range b {
		if _, ok := a[k]; !ok {
			d = append(d, "only in second: "+k)
		}
	}
	sort.Strings(d)
	return d
}

func TestBuildIsReproducible(t *testing.T) {
	first := treeHash(t, defaultSite(t))
	dir := filepath.Join(t.TempDir(), "public")
	if err := Site(Options{Source: repo, Destination: dir}); err != nil {
		t.Fatal(err)
	}
	if d := diffTrees(first, treeHash(t, dir)); len(d) > 0 {
		t.Errorf("two builds of the same input differ:\n%s", strings.Join(d, "\n"))
	}
}

// copySite copies the repository's site input into a temporary directory
// the test may break.
func copySite(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	// The web editor's bundle: its main script is enough to stage /admin/.
	for _, name := range []string{"config.toml", "layouts", "static", "content", "data", sitegen.EChartsFile, sitegen.DecapDir + "/decap-cms.js"} {
		src := filepath.Join(repo, name)
		err := filepath.WalkDir(src, func(p string, d fs.DirEntry, err error) error {
			if err != nil {
				return err
			}
			rel, _ := filepath.Rel(repo, p)
			target := filepath.Join(dir, rel)
			if d.IsDir() {
				return os.MkdirAll(target, 0o755)
			}
			b, err := os.ReadFile(p)
			if err != nil {
				return err
			}
			os.MkdirAll(filepath.Dir(target), 0o755)
			return os.WriteFile(target, b, 0o644)
		})
		if err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

// TestFailedBuildLeavesSiteAsItWas breaks the input in three ways — a bad
// figure, a broken template, a file of static/ at the path of a generated
// download — and checks that the published site is untouched each time,
// and the repository's file too.
func TestFailedBuildLeavesSiteAsItWas(t *testing.T) {
	src := copySite(t)
	dest := filepath.Join(t.TempDir(), "public")
	if err := Site(Options{Source: src, Destination: dest}); err != nil {
		t.Fatal(err)
	}
	before := treeHash(t, dest)

	figs := filepath.Join(src, "data/figures/ldxh-2023-03-15-tuyen-quang.csv")
	good, _ := os.ReadFile(figs)
	os.WriteFile(figs, append(append([]byte{}, good...), []byte("08,khong-co-chi-so,2023,target,1,,,,ldxh-2023-03-15-tuyen-quang,x,\n")...), 0o644)
	err := Site(Options{Source: src, Destination: dest})
	var ps load.Problems
	if !errors.As(err, &ps) || !strings.Contains(err.Error(), `unknown indicator "khong-co-chi-so"`) {
		t.Errorf("bad figure: error = %v, want a problem naming the indicator", err)
	}
	os.WriteFile(figs, good, 0o644)

	base := filepath.Join(src, "layouts/baseof.html")
	tpl, err := os.ReadFile(base)
	if err != nil {
		t.Fatal(err)
	}
	os.WriteFile(base, append(tpl, []byte("{{ .NoSuchField.Oops }")...), 0o644)
	if err := Site(Options{Source: src, Destination: dest}); err == nil {
		t.Errorf("broken template: build succeeded")
	}
	os.WriteFile(base, tpl, 0o644)

	const taken = "tai-ve/don-vi/071-lam-binh-truoc-2025.csv"
	hand := filepath.Join(src, "static", filepath.FromSlash(taken))
	if err := os.MkdirAll(filepath.Dir(hand), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(hand, []byte("hand-written"), 0o644); err != nil {
		t.Fatal(err)
	}
	err = Site(Options{Source: src, Destination: dest})
	if want := "static/" + taken + ": a file of the repository has the path of a generated download"; err == nil || !strings.Contains(err.Error(), want) {
		t.Errorf("static file at a download's path: error = %v, want %q", err, want)
	}
	if b, _ := os.ReadFile(hand); string(b) != "hand-written" {
		t.Errorf("the repository's static file became %q", b)
	}
	os.Remove(hand)

	if d := diffTrees(before, treeHash(t, dest)); len(d) > 0 {
		t.Errorf("a failed build changed the published site:\n%s", strings.Join(d, "\n"))
	}
	leftovers, _ := filepath.Glob(filepath.Join(filepath.Dir(dest), ".public.new-*"))
	if len(leftovers) > 0 {
		t.Errorf("failed builds left temporary output: %v", leftovers)
	}
}

// A layout that fails on every unit page fails the build with Hugo's
// error, naming the layout and line as the repository has them, every
// time: hugolib can hang when more than ten pages fail, which render
// turns into a second try (render.Hugo).
func TestLayoutErrorOnEveryUnitPage(t *testing.T) {
	src := copySite(t)
	dest := filepath.Join(t.TempDir(), "public")
	unit := filepath.Join(src, "layouts", "unit.html")
	tpl, err := os.ReadFile(unit)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(unit, append([]byte("{{ div 1 0 }}"), tpl...), 0o644); err != nil {
		t.Fatal(err)
	}
	for range 4 {
		err := Site(Options{Source: src, Destination: dest})
		if err == nil {
			t.Fatal("the build succeeded")
		}
		msg := err.Error()
		for _, want := range []string{`hugo: render: failed to render pages: render of "content/don-vi/`, `"layouts/unit.html:1:3": execute of template failed`, "can't divide the value by 0"} {
			if !strings.Contains(msg, want) {
				t.Errorf("error %q\nlacks %q", msg, want)
			}
		}
		if strings.Contains(msg, os.TempDir()) {
			t.Errorf("error names the staging folder: %q", msg)
		}
		if _, err := os.Stat(dest); !errors.Is(err, fs.ErrNotExist) {
			t.Errorf("a failed first build left %s: %v", dest, err)
		}
	}
}

func TestGeneratedPathsAreTheUnitsOfTheirEra(t *testing.T) {
	ds, err := load.Load(repo)
	if err != nil {
		t.Fatal(err)
	}
	// 24 was Bắc Giang until 30/6/2025 and is Bắc Ninh after: two pages.
	old := ds.Unit(model.UnitKey{Code: "24", Era: model.Era2022})
	nu := ds.Unit(model.UnitKey{Code: "24", Era: model.Era2025})
	if old == nil || nu == nil || old.Name != "Bắc Giang" || nu.Name != "Bắc Ninh" {
		t.Fatalf("units 24: %v / %v", old, nu)
	}
	site := defaultSite(t)
	for _, p := range []string{"don-vi/24-bac-giang-truoc-2025", "don-vi/24-bac-ninh"} {
		if _, err := os.Stat(filepath.Join(site, p, "index.html")); err != nil {
			t.Errorf("%s: %v", p, err)
		}
	}
}

func TestPlaceholderBaseURLWarns(t *testing.T) {
	var warn strings.Builder
	if err := Site(Options{Source: repo, Destination: filepath.Join(t.TempDir(), "public"), Warn: &warn}); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(warn.String(), "warning: config.toml: baseURL is still the placeholder https://pcmt.invalid/") {
		t.Errorf("no warning about the placeholder baseURL; warnings: %q", warn.String())
	}
}
