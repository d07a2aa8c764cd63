package render_test

import (
	"bytes"
	"encoding/json"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/pcmt/pcmt/internal/render"
)

// repoRoot is the module root, two levels up from this package.
func repoRoot(t *testing.T) string {
	t.Helper()
	root, err := filepath.Abs(filepath.Join("..", ".."))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(filepath.Join(root, "config.toml")); err != nil {
		t.Fatalf("repo root %s has no config.toml: %v", root, err)
	}
	return root
}

// copyTree copies the files under src into dst, skipping directories for
// which skip returns true.
func copyTree(t *testing.T, src, dst string, skip func(rel string) bool) {
	t.Helper()
	err := filepath.WalkDir(src, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(src, path)
		if skip != nil && rel != "." && skip(filepath.ToSlash(rel)) {
			if d.IsDir() {
				return filepath.SkipDir
			}
			return nil
		}
		target := filepath.Join(dst, rel)
		if d.IsDir() {
			return os.MkdirAll(target, 0o755)
		}
		return copyFile(path, target)
	})
	if err != nil {
		t.Fatal(err)
	}
}

func copyFile(src, dst string) error {
	in, err := os.Open(src)
	if err != nil {
		return err
	}
	defer in.Close()
	if err := os.MkdirAll(filepath.Dir(dst), 0o755); err != nil {
		return err
	}
	out, err := os.Create(dst)
	if err != nil {
		return err
	}
	if _, err := io.Copy(out, in); err != nil {
		out.Close()
		return err
	}
	return out.Close()
}

// stageSite builds a staging directory as internal/sitegen does: the real
// config.toml, layouts/ and static/ of the repository, the hand-written
// pages this package's templates own (home, section intros, about pages),
// and then the fixture generated pages and data in testdata/site.
func stageSite(t *testing.T) string {
	t.Helper()
	root := repoRoot(t)
	dir := t.TempDir()
	if err := copyFile(filepath.Join(root, "config.toml"), filepath.Join(dir, "config.toml")); err != nil {
		t.Fatal(err)
	}
	copyTree(t, filepath.Join(root, "layouts"), filepath.Join(dir, "layouts"), nil)
	copyTree(t, filepath.Join(root, "static"), filepath.Join(dir, "static"), func(rel string) bool {
		return rel == "js/vendor" // the ECharts bundle is copied by sitegen
	})
	// Hand-written content: the home intro, section intros and about pages,
	// but not the plan documents (the fixture has its own, matching its data).
	copyTree(t, filepath.Join(root, "content"), filepath.Join(dir, "content"), func(rel string) bool {
		if strings.HasPrefix(rel, "gioi-thieu") || !strings.Contains(rel, "/") {
			return false // content/_index.md, section dirs, content/gioi-thieu/**
		}
		return filepath.Base(rel) != "_index.md"
	})
	copyTree(t, filepath.Join("testdata", "site"), dir, nil)
	// A stand-in for the ECharts bundle sitegen puts in assets/: the
	// templates give it a hashed name.
	if err := os.MkdirAll(filepath.Join(dir, "assets", "js", "vendor"), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "assets", "js", "vendor", "echarts.min.js"), []byte("/* echarts */\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	return dir
}

type site struct {
	t   *testing.T
	dir string
}

func (s site) page(rel string) string {
	s.t.Helper()
	b, err := os.ReadFile(filepath.Join(s.dir, filepath.FromSlash(rel)))
	if err != nil {
		s.t.Fatalf("page %s: %v", rel, err)
	}
	return string(b)
}

func build(t *testing.T) site {
	t.Helper()
	src := stageSite(t)
	dst := filepath.Join(t.TempDir(), "public")
	var log bytes.Buffer
	if err := render.Hugo(src, dst, &log, nil, nil); err != nil {
		t.Fatalf("render.Hugo: %v\n%s", err, log.String())
	}
	// The fixture plan has raw HTML on purpose; any other warning is a fault.
	for _, line := range strings.Split(log.String(), "\n") {
		if (strings.Contains(line, "WARN") || strings.Contains(line, "ERROR")) && !strings.Contains(line, "Raw HTML omitted") {
			t.Errorf("hugo log: %s", line)
		}
	}
	// PCMT_RENDER_OUT=dir keeps a copy of the built fixture site to look at.
	if out := os.Getenv("PCMT_RENDER_OUT"); out != "" {
		copyTree(t, dst, out, nil)
		copyTree(t, filepath.Join(src, "static"), out, nil)
	}
	return site{t: t, dir: dst}
}

func htmlFiles(t *testing.T, dir string) map[string]string {
	t.Helper()
	out := map[string]string{}
	err := filepath.WalkDir(dir, func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(path, ".html") {
			return err
		}
		rel, _ := filepath.Rel(dir, path)
		// The web editor's page (static/admin/) is Decap CMS's, with its
		// own relaxed policy; internal/browsertest checks it end to end.
		if strings.HasPrefix(filepath.ToSlash(rel), "admin/") {
			return nil
		}
		b, err := os.ReadFile(path)
		out[filepath.ToSlash(rel)] = string(b)
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

func wantAll(t *testing.T, name, html string, wants ...string) {
	t.Helper()
	for _, w := range wants {
		if !strings.Contains(html, w) {
			t.Errorf("%s: missing %q", name, w)
		}
	}
}

func wantNone(t *testing.T, name, html string, bad ...string) {
	t.Helper()
	for _, w := range bad {
		if strings.Contains(html, w) {
			t.Errorf("%s: must not contain %q", name, w)
		}
	}
}

var (
	scriptTag     = regexp.MustCompile(`(?is)<script\b([^>]*)>(.*?)</script>`)
	styleAttr     = regexp.MustCompile(`(?i)<[^>]+\sstyle\s*=`)
	handlerAttr   = regexp.MustCompile(`(?i)<[^>]+\son[a-z]+\s*=`)
	idAttr        = regexp.MustCompile(`\sid="([^"]+)"`)
	heading       = regexp.MustCompile(`<h([1-6])\b`)
	tableTag      = regexp.MustCompile(`(?s)<table\b.*?</table>`)
	externalAsset = regexp.MustCompile(`(?i)<(script|link|img|iframe)\b[^>]*\s(src|href)="(https?:)?//[^"]*"`)
)

func TestSite(t *testing.T) {
	s := build(t)
	pages := htmlFiles(t, s.dir)
	for _, p := range []string{
		"index.html", "404.html",
		"don-vi/index.html", "don-vi/08-tuyen-quang-truoc-2025/index.html", "don-vi/07840-thi-tran-thang-truoc-2025/index.html",
		"chi-so/index.html", "chi-so/nguoi-nghien-co-ho-so/index.html",
		"nguon/index.html", "nguon/ldxh-2023-03-15-tuyen-quang/index.html",
		"ke-hoach/index.html", "ke-hoach/thi-tran-thang-2024/index.html",
		"gioi-thieu/so-lieu/index.html",
	} {
		if _, ok := pages[p]; !ok {
			t.Errorf("page %s not built", p)
		}
	}

	t.Run("every page", func(t *testing.T) {
		for name, html := range pages {
			wantAll(t, name, html, `<html lang="vi">`, `<a class="skip-link" href="#noi-dung">`, `<main id="noi-dung"`,
				`<nav class="site-nav" aria-label="Điều hướng chính">`, `<footer class="site-footer">`, `href="/css/site.css"`)
			wantNone(t, name, html, "<style", "localhost", "127.0.0.1")
			// No CDN: scripts and stylesheets come from the site itself.
			if m := externalAsset.FindString(html); m != "" {
				t.Errorf("%s: external asset %s", name, m)
			}
			if styleAttr.MatchString(html) {
				t.Errorf("%s: has a style attribute", name)
			}
			if handlerAttr.MatchString(html) {
				t.Errorf("%s: has an inline event handler", name)
			}
			for _, m := range scriptTag.FindAllStringSubmatch(html, -1) {
				attrs, body := m[1], m[2]
				switch {
				case strings.Contains(attrs, `src="`) && strings.TrimSpace(body) == "":
				case strings.Contains(attrs, `type="application/json"`):
					if !json.Valid([]byte(body)) {
						t.Errorf("%s: JSON block is not valid JSON: %.200s", name, body)
					}
				default:
					t.Errorf("%s: inline script <script%s>%.80s", name, attrs, body)
				}
			}
			seen := map[string]bool{}
			for _, m := range idAttr.FindAllStringSubmatch(html, -1) {
				if seen[m[1]] {
					t.Errorf("%s: duplicate id %q", name, m[1])
				}
				seen[m[1]] = true
			}
			// Headings start at h1 and never skip a level going down.
			prev := 0
			for _, m := range heading.FindAllStringSubmatch(html, -1) {
				lvl := int(m[1][0] - '0')
				if lvl > prev+1 {
					t.Errorf("%s: heading h%d after h%d", name, lvl, prev)
				}
				prev = lvl
			}
			if n := strings.Count(html, "<h1"); n != 1 {
				t.Errorf("%s: %d h1 elements", name, n)
			}
			for _, tb := range tableTag.FindAllString(html, -1) {
				if !strings.Contains(tb, "<caption>") {
					t.Errorf("%s: table without caption: %.120s", name, tb)
				}
				if strings.Contains(tb, "<th>") || strings.Contains(tb, "<th ") && !strings.Contains(tb, `scope="`) {
					t.Errorf("%s: th without scope: %.120s", name, tb)
				}
			}
		}
	})

	t.Run("unit page", func(t *testing.T) {
		name := "don-vi/08-tuyen-quang-truoc-2025/index.html"
		html := pages[name]
		wantAll(t, name, html,
			"<h1>Tỉnh Tuyên Quang</h1>",
			"Đơn vị hành chính trước 01/7/2025",
			`Từ 01/7/2025 thuộc Tỉnh Tuyên Quang (mã 08)`,
			`<a href="/don-vi/08-tuyen-quang/">Tỉnh Tuyên Quang (từ 01/7/2025)</a>`,
			// figure group table
			`<tr id="f-nguoi-nghien-co-ho-so-2022-12-31-baseline"`,
			`<a href="#f-nguoi-nghien-co-ho-so-2022-12-31-baseline">Tính đến 31/12/2022</a>`,
			"986 người", "241 người", "Số liệu nền", "Chỉ tiêu",
			"<blockquote class=\"evidence\">Theo số liệu thống kê tính đến 31/12/2022, tổng số người nghiện có hồ sơ quản lý trên địa bàn tỉnh Tuyên Quang là 986 người.</blockquote>",
			"Báo điện tử Lao động và Xã hội (LĐXH), 15/03/2023",
			// chart, its table and its sources
			`<div class="chart chart--h420" id="chart-08-1" data-chart="chart-08-1-option"`,
			`<script type="application/json" id="chart-08-1-option">`,
			"<caption>Người nghiện có hồ sơ quản lý theo huyện, tính đến 31/12/2022 (người)</caption>",
			`<th scope="row">Thành phố Tuyên Quang</th>`, "<td>333</td>",
			`<link rel="preload" href="/js/vendor/echarts.min.`, `.js" as="script" integrity="sha256-`, `<script src="/js/charts.js" defer></script>`,
			// place, check, children
			"Trại tạm", "77 người",
			"Khớp:</span> Tổng 7 huyện, thành phố và Trại tạm: 986 người",
			`<a href="/don-vi/071-lam-binh-truoc-2025/">Huyện Lâm Bình</a>`,
		)
		m := regexp.MustCompile(`(?s)<script type="application/json" id="chart-08-1-option">(.*?)</script>`).FindStringSubmatch(html)
		if m == nil {
			t.Fatal("no option block")
		}
		var opt map[string]any
		if err := json.Unmarshal([]byte(m[1]), &opt); err != nil {
			t.Fatalf("option: %v", err)
		}
		// ECharts keys are camelCase: the option must reach the page unchanged.
		for _, k := range []string{"xAxis", "yAxis", "series", "grid"} {
			if _, ok := opt[k]; !ok {
				t.Errorf("option lacks %q (keys: %v)", k, keys(opt))
			}
		}
		if opt["_note"] != "</script><script>alert(1)</script>" {
			t.Errorf("option string not kept: %v", opt["_note"])
		}
		wantNone(t, name, html, "<script>alert(1)")
	})

	t.Run("commune page: missing is not zero", func(t *testing.T) {
		name := "don-vi/07840-thi-tran-thang-truoc-2025/index.html"
		html := pages[name]
		wantAll(t, name, html, "chưa có số liệu", "Văn bản để trống số người",
			`<li>Tỉnh Bắc Giang</li>`, "Xã Hiệp Hòa",
			`<a href="/ke-hoach/thi-tran-thang-2024/">`)
		wantNone(t, name, html, "echarts.min.", "charts.js", `data-chart=`)
	})

	t.Run("indicator page", func(t *testing.T) {
		name := "chi-so/nguoi-nghien-co-ho-so/index.html"
		html := pages[name]
		wantAll(t, name, html, "<h1>Người nghiện có hồ sơ quản lý</h1>",
			`<p class="name-en" lang="en">People with drug addiction on the management register</p>`,
			`<a href="/don-vi/08-tuyen-quang-truoc-2025/">Tỉnh Tuyên Quang</a>`,
			`href="/don-vi/08-tuyen-quang-truoc-2025/#f-nguoi-nghien-co-ho-so-2022-12-31-baseline"`,
			"986 người", "Không phải đơn vị hành chính")
	})

	t.Run("source page", func(t *testing.T) {
		name := "nguon/ldxh-2023-03-15-tuyen-quang/index.html"
		html := pages[name]
		wantAll(t, name, html, "Bài báo", "Chí Tâm", "15/03/2023",
			`<p class="copyright">Bài báo thuộc bản quyền của Báo điện tử Lao động và Xã hội.`,
			"lập hồ sơ, tổ chức cai nghiện ma túy bắt buộc cho 241 người")
	})

	t.Run("plan page", func(t *testing.T) {
		name := "ke-hoach/thi-tran-thang-2024/index.html"
		html := pages[name]
		wantAll(t, name, html,
			"<h1>Kế hoạch triển khai công tác cai nghiện ma túy và quản lý sau cai năm 2024</h1>",
			"Số: /KH-UBND", "(bản gốc để trống số văn bản)",
			"<dd>02/2024 <span", "UBND thị trấn Thắng", "Ong Thế Dũng (KT. Chủ tịch – Phó Chủ tịch)",
			`<a href="/don-vi/07840-thi-tran-thang-truoc-2025/">Thị trấn Thắng</a>`,
			"<dd>Năm 2024</dd>",
			`<a href="/nguon/ubnd-thi-tran-thang-2024-02-ke-hoach/">`,
			"<caption>Chỉ tiêu của Thị trấn Thắng</caption>",
			"1 người", "100%", "chưa có số liệu", "Văn bản để trống số người",
			`<h3 id="i-mục-đích-yêu-cầu">I. MỤC ĐÍCH, YÊU CẦU</h3>`,
			"Cai nghiện ma túy bắt buộc tại Cơ sở cai nghiện ma túy tỉnh là 01 người.")
		wantNone(t, name, html, `alert("raw html must not pass")`)
	})

	t.Run("home and lists", func(t *testing.T) {
		wantAll(t, "index.html", pages["index.html"], "5 số liệu từ 2 văn bản, 2 đơn vị",
			"<caption>Số liệu mới nhất, theo ngày của văn bản nguồn</caption>", `aria-current="page"`)
		wantAll(t, "don-vi/index.html", pages["don-vi/index.html"], "Đơn vị hành chính trước 01/7/2025",
			`<a href="/don-vi/07840-thi-tran-thang-truoc-2025/">Thị trấn Thắng</a>`)
		// ByWeight: Thắng (weight 1) before Tuyên Quang (weight 2).
		l := pages["don-vi/index.html"]
		if strings.Index(l, "Thị trấn Thắng</a>") > strings.Index(l, "Tỉnh Tuyên Quang</a>") {
			t.Error("don-vi list not ordered by weight")
		}
		wantAll(t, "gioi-thieu/so-lieu/index.html", pages["gioi-thieu/so-lieu/index.html"], "chưa có số liệu", "01/7/2025",
			`<h2 id="nguon-du-lieu">`, `<a href="https://github.com/dvhcvn/20250701">`)
	})

	t.Run("robots, sitemap and no RSS", func(t *testing.T) {
		// The sitemap is Hugo's, absolute on baseURL; robots.txt points to it.
		// The only feed is the Atom feed of changes, written by sitegen.
		robots, err := os.ReadFile(filepath.Join(s.dir, "robots.txt"))
		if err != nil {
			t.Error(err)
		}
		sm, err := os.ReadFile(filepath.Join(s.dir, "sitemap.xml"))
		if err != nil {
			t.Error(err)
		}
		if !strings.Contains(string(robots), "Sitemap: https://") || !strings.Contains(string(sm), "<loc>https://") {
			t.Errorf("robots.txt or sitemap.xml has no absolute address:\n%s\n%.300s", robots, sm)
		}
		for _, f := range []string{"index.xml", "tags/index.html"} {
			if _, err := os.Stat(filepath.Join(s.dir, f)); err == nil {
				t.Errorf("%s should not be built", f)
			}
		}
	})

	t.Run("stylesheet size", func(t *testing.T) {
		fi, err := os.Stat(filepath.Join(repoRoot(t), "static", "css", "site.css"))
		if err != nil {
			t.Fatal(err)
		}
		if fi.Size() > 20000 {
			t.Errorf("site.css is %d bytes, want < 20 KB", fi.Size())
		}
	})

	t.Run("assets", func(t *testing.T) {
		if _, err := os.Stat(filepath.Join(s.dir, "css")); err != nil {
			// Hugo copies static/ in its commands package, not in hugolib.
			t.Skip("render.Hugo does not copy static/ into the publish dir yet")
		}
		for _, f := range []string{"css/site.css", "js/charts.js"} {
			if _, err := os.Stat(filepath.Join(s.dir, f)); err != nil {
				t.Error(err)
			}
		}
	})
}

// Two builds of the same staging site are byte for byte the same.
func TestReproducible(t *testing.T) {
	a, b := build(t), build(t)
	fa, fb := allFiles(t, a.dir), allFiles(t, b.dir)
	if len(fa) != len(fb) {
		t.Fatalf("%d files vs %d", len(fa), len(fb))
	}
	for name, ca := range fa {
		if cb, ok := fb[name]; !ok || !bytes.Equal(ca, cb) {
			t.Errorf("%s differs between builds", name)
		}
	}
}

func allFiles(t *testing.T, dir string) map[string][]byte {
	t.Helper()
	out := map[string][]byte{}
	err := filepath.WalkDir(dir, func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := os.ReadFile(path)
		rel, _ := filepath.Rel(dir, path)
		out[rel] = b
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

func keys(m map[string]any) []string {
	var ks []string
	for k := range m {
		ks = append(ks, k)
	}
	return ks
}
