package build

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"golang.org/x/net/html"

	"github.com/pcmt/pcmt/internal/load"
	"github.com/pcmt/pcmt/internal/sitegen"
)

// copyCommuneSite copies the repository's site into a temporary directory, plus
// extra files (path → content), for a build that adds pages.
func copyCommuneSite(t *testing.T, extra map[string]string) string {
	t.Helper()
	dir := t.TempDir()
	root, _ := filepath.Abs(repo)
	for _, name := range append([]string{"data"}, sitegen.Copied...) {
		src := filepath.Join(root, name)
		fi, err := os.Stat(src)
		switch {
		case err != nil:
			continue
		case fi.IsDir():
			err = os.CopyFS(filepath.Join(dir, name), os.DirFS(src))
		default:
			var b []byte
			if b, err = os.ReadFile(src); err == nil {
				err = os.WriteFile(filepath.Join(dir, name), b, 0o644)
			}
		}
		if err != nil {
			t.Fatal(err)
		}
	}
	if err := os.Symlink(filepath.Join(root, "node_modules"), filepath.Join(dir, "node_modules")); err != nil {
		t.Fatal(err)
	}
	for name, body := range extra {
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

func buildCopy(t *testing.T, extra map[string]string) string {
	t.Helper()
	dest := filepath.Join(t.TempDir(), "public")
	if err := Site(Options{Source: copyCommuneSite(t, extra), Destination: dest}); err != nil {
		t.Fatalf("build: %v", err)
	}
	return dest
}

func allByClass(n *html.Node, class string) []*html.Node {
	var out []*html.Node
	var walk func(*html.Node)
	walk = func(n *html.Node) {
		if n.Type == html.ElementNode {
			for _, a := range n.Attr {
				if a.Key == "class" && strings.Contains(" "+a.Val+" ", " "+class+" ") {
					out = append(out, n)
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

const newsPage = `+++
title = "Ra quân Tháng hành động phòng, chống ma túy năm 2025"
commune = "07840"
kind = "tin-chien-dich"
date = "2025-07-15"
office = "UBND xã Hiệp Hoà"
+++
Năm 2024, thị trấn Thắng (nay thuộc xã) đặt chỉ tiêu cai nghiện bắt buộc {{< so-lieu unit="07840" indicator="cai-nghien-bat-buoc" period="2024" kind="target" >}}.

{{< bieu-do unit="08" indicator="nguoi-nghien-co-ho-so" >}}
`

// TestCommunePageOnTheSite builds the site with one more commune page and
// checks what a reader sees: the page, its figure and chart from the
// dataset, and its place in the lists (commune, province, campaign
// section, commune pages), newest first.
func TestCommunePageOnTheSite(t *testing.T) {
	site := buildCopy(t, map[string]string{"content/xa/07840/ra-quan-2025.md": newsPage})
	page := parsePage(t, site, "/xa/07840/ra-quan-2025/")
	got := text(page)
	for _, want := range []string{
		"Tin chiến dịch · Xã Hiệp Hoà",
		"Xã, phường Xã Hiệp Hoà Ngày 15/07/2025 Cơ quan chịu trách nhiệm UBND xã Hiệp Hoà",
	} {
		if !strings.Contains(got, want) {
			t.Errorf("commune page lacks %q:\n%s", want, got)
		}
	}
	// The figure shows exactly what the unit page shows for it.
	unit := parsePage(t, site, "/don-vi/07840-thang-truoc-2025/")
	row := byID(unit, "f-cai-nghien-bat-buoc-2024-target")
	if row == nil {
		t.Fatal("no figure row f-cai-nghien-bat-buoc-2024-target on the Thắng page")
	}
	fig := allByClass(page, "so-lieu")
	if len(fig) != 1 {
		t.Fatalf("%d so-lieu spans, want 1", len(fig))
	}
	value := allByClass(fig[0], "so-lieu__value")[0]
	if v := text(value); v != "1 người" || !strings.Contains(text(row), v) {
		t.Errorf("figure %q; the unit page's row says %q", v, text(row))
	}
	if l := links(fig[0]); len(l) != 2 || l[0] != "/don-vi/07840-thang-truoc-2025/#f-cai-nghien-bat-buoc-2024-target" || l[1] != "/nguon/ubnd-thi-tran-thang-2024-02-ke-hoach/" {
		t.Errorf("figure links %q", l)
	}
	if want := "(chỉ tiêu năm 2024 của Thị trấn Thắng; nguồn: UBND thị trấn Thắng, 02/2024)"; strings.ReplaceAll(text(allByClass(fig[0], "so-lieu__meta")[0]), " )", ")") != want {
		t.Errorf("figure meta %q, want %q", text(allByClass(fig[0], "so-lieu__meta")[0]), want)
	}
	// The chart: a canvas box, its option, and the table with the numbers.
	charts := allByClass(page, "chart")
	if len(charts) != 1 {
		t.Fatalf("%d charts, want 1", len(charts))
	}
	raw, _ := os.ReadFile(filepath.Join(site, "xa/07840/ra-quan-2025/index.html"))
	for _, want := range []string{`<link rel="preload" href="/js/vendor/echarts.min.`, `type="application/json" id="bd-08-nguoi-nghien-co-ho-so-1-option"`, "986"} {
		if !strings.Contains(string(raw), want) {
			t.Errorf("chart page lacks %q", want)
		}
	}

	// Lists: newest first, so the new page comes before the Thắng 2024 plan.
	newURL, planURL := "/xa/07840/ra-quan-2025/", "/ke-hoach/thi-tran-thang-2024/"
	for _, p := range []struct{ path, section string }{
		{"/don-vi/07840-hiep-hoa/", "trang-cua-xa"},
		{"/don-vi/24-bac-ninh/", "trang-cua-xa"},
		{"/toan-dan/", "trang-cua-xa"},
		{"/xa/", ""},
	} {
		doc := parsePage(t, site, p.path)
		n := doc
		if p.section != "" {
			if n = byID(doc, p.section); n == nil {
				t.Errorf("%s: no #%s", p.path, p.section)
				continue
			}
		}
		ls := strings.Join(links(n), " ")
		if !strings.Contains(ls, newURL) {
			t.Errorf("%s does not list %s: %s", p.path, newURL, ls)
		}
		if strings.Contains(ls, planURL) && strings.Index(ls, planURL) < strings.Index(ls, newURL) {
			t.Errorf("%s lists the 2024 plan before the 2025 page", p.path)
		}
	}
	// The Thắng 2024 plan is a commune page of Thắng, Huyện Hiệp Hòa and Bắc Giang.
	for _, p := range []string{"/don-vi/07840-thang-truoc-2025/", "/don-vi/223-hiep-hoa-truoc-2025/", "/don-vi/24-bac-giang-truoc-2025/"} {
		if n := byID(parsePage(t, site, p), "trang-cua-xa"); n == nil || !strings.Contains(strings.Join(links(n), " "), planURL) {
			t.Errorf("%s does not list the Thắng 2024 plan as a commune page", p)
		}
	}
}

// TestUnknownFigureFailsTheBuild: a shortcode naming no figure stops the
// build with the page, the line and the nearest matches; the published
// site is left as it was.
func TestUnknownFigureFailsTheBuild(t *testing.T) {
	src := copyCommuneSite(t, map[string]string{"content/xa/07840/ra-quan-2025.md": strings.Replace(newsPage, `period="2024"`, `period="2023"`, 1)})
	dest := filepath.Join(t.TempDir(), "public")
	if err := os.MkdirAll(dest, 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dest, "index.html"), []byte("published"), 0o644); err != nil {
		t.Fatal(err)
	}
	err := Site(Options{Source: src, Destination: dest})
	var ps load.Problems
	if !errors.As(err, &ps) {
		t.Fatalf("build error %v, want load.Problems", err)
	}
	want := `content/xa/07840/ra-quan-2025.md:8: {{< so-lieu >}}: no figure unit="07840" indicator="cai-nghien-bat-buoc" period="2023" kind="target" in the dataset; did you mean unit="07840" indicator="cai-nghien-bat-buoc" period="2024" kind="target"`
	if !strings.HasPrefix(ps.Error(), want) {
		t.Errorf("got\n%s\nwant\n%s…", ps.Error(), want)
	}
	if b, _ := os.ReadFile(filepath.Join(dest, "index.html")); string(b) != "published" {
		t.Error("a failed build changed the published site")
	}
}

// TestRawHTMLIsEscaped: Markdown pages are rendered with goldmark's
// unsafe = false, so HTML typed into a page never reaches the reader (and
// commune pages refuse it before that, in internal/load).
func TestRawHTMLIsEscaped(t *testing.T) {
	site := buildCopy(t, map[string]string{"content/gioi-thieu/thu.md": "+++\ntitle = \"Thử\"\n+++\nĐoạn <script>alert(1)</script> và <b onclick=\"x()\">đậm</b>.\n\n<iframe src=\"https://example.com/\"></iframe>\n"})
	b, err := os.ReadFile(filepath.Join(site, "gioi-thieu/thu/index.html"))
	if err != nil {
		t.Fatal(err)
	}
	for _, bad := range []string{"<script>alert", "onclick", "<iframe"} {
		if strings.Contains(string(b), bad) {
			t.Errorf("the page carries %q", bad)
		}
	}
	if !strings.Contains(string(b), "<!-- raw HTML omitted -->") {
		t.Error("no '<!-- raw HTML omitted -->' where the HTML was")
	}
}

// TestCampaignMaterialsPrint: each material is a page of the campaign
// section with the print stylesheet, its format class and its text.
func TestCampaignMaterialsPrint(t *testing.T) {
	site := defaultSite(t)
	for _, m := range []struct{ path, class, text string }{
		{"/toan-dan/bai-phat-thanh/", "material--script", "Thưa toàn thể nhân dân [tên xã, phường]!"},
		{"/toan-dan/to-roi/", "material--leaflet", "Nghiện là bệnh, chữa được"},
		{"/toan-dan/ap-phich/", "material--poster", "Hãy nói KHÔNG với ma túy"},
		{"/toan-dan/ke-hoach-mau/", "material--plan", "VI. TỔ CHỨC THỰC HIỆN"},
	} {
		doc := parsePage(t, site, m.path)
		if len(allByClass(doc, m.class)) != 1 {
			t.Errorf("%s: no .%s", m.path, m.class)
		}
		if !strings.Contains(text(doc), m.text) {
			t.Errorf("%s lacks %q", m.path, m.text)
		}
		raw, _ := os.ReadFile(filepath.Join(site, filepath.FromSlash(m.path), "index.html"))
		if !strings.Contains(string(raw), `<link rel="stylesheet" href="/css/print.css" media="print">`) {
			t.Errorf("%s does not link the print stylesheet", m.path)
		}
	}
	css, err := os.ReadFile(filepath.Join(site, "css/print.css"))
	if err != nil || !strings.Contains(string(css), "size: A4;") {
		t.Errorf("print.css: %v, want @page size A4", err)
	}
	// The section lists the guides, the materials and the commune pages.
	got := strings.Join(links(parsePage(t, site, "/toan-dan/")), " ")
	for _, want := range []string{"/toan-dan/tim-ho-tro/", "/toan-dan/phap-luat/", "/toan-dan/thang-hanh-dong/", "/toan-dan/bai-phat-thanh/", "/toan-dan/ke-hoach-mau/", "/ke-hoach/thi-tran-thang-2024/"} {
		if !strings.Contains(got, want) {
			t.Errorf("/toan-dan/ does not link %s", want)
		}
	}
}
