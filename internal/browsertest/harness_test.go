package browsertest

import (
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// fixtureSite copies testdata/fixture into a temporary directory and adds
// ECharts from node_modules, as the site build does.
func fixtureSite(t *testing.T) string {
	t.Helper()
	dst := t.TempDir()
	if err := os.CopyFS(dst, os.DirFS("testdata/fixture")); err != nil {
		t.Fatal(err)
	}
	copyFile(t, NodeModule(t, "echarts/dist/echarts.min.js"), filepath.Join(dst, "js", "echarts.min.js"))
	return dst
}

func copyFile(t *testing.T, src, dst string) {
	t.Helper()
	in, err := os.Open(src)
	if err != nil {
		t.Fatal(err)
	}
	defer in.Close()
	if err := os.MkdirAll(filepath.Dir(dst), 0o755); err != nil {
		t.Fatal(err)
	}
	out, err := os.Create(dst)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := io.Copy(out, in); err != nil {
		t.Fatal(err)
	}
	if err := out.Close(); err != nil {
		t.Fatal(err)
	}
}

func TestFixtureClean(t *testing.T) {
	b := NewBrowser(t)
	srv := Serve(t, fixtureSite(t))
	r := b.Check(t, srv.URL+"/", CheckOptions{MinCharts: 1})
	AssertClean(t, r)
	if len(r.Charts) != 1 || !r.Charts[0].Instance {
		t.Errorf("want one chart with an ECharts instance, got %+v", r.Charts)
	}
	for _, want := range []string{"/js/echarts.min.js", "/js/fixture.js"} {
		if !containsSuffix(r.Requests, want) {
			t.Errorf("requests %q lack %s", r.Requests, want)
		}
	}
	t.Logf("%s\nrequests: %q\ncharts: %v", r, r.Requests, r.Charts)
}

// TestHarnessReportsProblems proves that the harness fails pages it should
// fail: each fixture page has one defect, and the report must name it.
func TestHarnessReportsProblems(t *testing.T) {
	b := NewBrowser(t)
	srv := Serve(t, fixtureSite(t))

	cases := []struct {
		page string
		opts CheckOptions
		// found says whether the report shows the defect.
		found func(r *Report) bool
		want  string // a substring of the readable report
	}{
		{
			page:  "console-error.html",
			found: func(r *Report) bool { return containsSub(r.ConsoleErrors, "fixture: something broke") },
			want:  "console error: [error] fixture: something broke",
		},
		{
			page:  "exception.html",
			found: func(r *Report) bool { return containsSub(r.ConsoleErrors, "fixture: uncaught boom") },
			want:  "[exception]",
		},
		{
			page:  "offhost.html",
			found: func(r *Report) bool { return containsSub(r.OffHost, "http://example.invalid/x.js") },
			want:  "request off 127.0.0.1: http://example.invalid/x.js",
		},
		{
			page: "axe.html",
			found: func(r *Report) bool {
				for _, v := range r.Violations {
					if v.ID == "image-alt" && len(v.Nodes) == 1 && strings.Contains(v.Nodes[0].Target, "#no-alt") {
						return true
					}
				}
				return false
			},
			want: "axe image-alt (critical)",
		},
		{
			page: "blank-chart.html",
			opts: CheckOptions{ChartTimeout: 1},
			found: func(r *Report) bool {
				return len(r.Charts) == 2 && !r.Charts[0].Drawn() && !r.Charts[1].Drawn() &&
					r.Charts[1].Canvases == 1 && r.Charts[1].Width == 400 && r.Charts[1].Painted == 0
			},
			want: "chart not drawn: .chart #1 id=empty-canvas",
		},
		{
			page:  "index.html",
			opts:  CheckOptions{MinCharts: 2},
			found: func(r *Report) bool { return len(r.Charts) == 1 },
			want:  "1 .chart elements, want at least 2",
		},
		{
			page:  "missing.html",
			found: func(r *Report) bool { return containsSub(r.FailedRequests, "/js/missing.js: HTTP 404") },
			want:  "failed request: ",
		},
	}
	for _, c := range cases {
		t.Run(strings.TrimSuffix(c.page, ".html"), func(t *testing.T) {
			r := b.Check(t, srv.URL+"/"+c.page, c.opts)
			s := r.String()
			if !c.found(r) {
				t.Errorf("the defect of %s is not in the report:\n%s\n%+v", c.page, s, *r)
			}
			if len(r.Problems()) == 0 {
				t.Errorf("%s: Problems() is empty, so AssertClean would pass", c.page)
			}
			if !strings.Contains(s, c.want) {
				t.Errorf("the readable report lacks %q:\n%s", c.want, s)
			}
			t.Logf("as a failing test would show it:\n%s", s)
		})
	}
}

func TestScreenshot(t *testing.T) {
	dir := t.TempDir()
	t.Setenv(ScreenshotDirEnv, dir)
	b := NewBrowser(t)
	srv := Serve(t, fixtureSite(t))
	r := b.Check(t, srv.URL+"/", CheckOptions{})
	data, err := os.ReadFile(r.Screenshot)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(string(data), "\x89PNG\r\n\x1a\n") {
		t.Errorf("%s is not a PNG", r.Screenshot)
	}
	if filepath.Base(r.Screenshot) != "TestScreenshot__home.png" {
		t.Errorf("screenshot name %s", filepath.Base(r.Screenshot))
	}
}

func TestIsLocal(t *testing.T) {
	for u, want := range map[string]bool{
		"http://127.0.0.1:4242/x.js":     true,
		"https://127.0.0.1/":             true,
		"data:image/gif;base64,R0lGOD":   true,
		"blob:http://127.0.0.1:1/abc":    true,
		"about:blank":                    true,
		"http://localhost:4242/":         false,
		"http://example.invalid/x.js":    false,
		"https://cdn.jsdelivr.net/x.js":  false,
		"http://127.0.0.1.example.com/":  false,
		"ftp://127.0.0.1/x":              false,
		"chrome-extension://abc/x.js":    false,
		"ws://127.0.0.1:1/livereload":    true,
		"wss://fonts.example.com/socket": false,
	} {
		if got := IsLocal(u); got != want {
			t.Errorf("IsLocal(%q) = %v, want %v", u, got, want)
		}
	}
}

func TestScreenshotName(t *testing.T) {
	for _, c := range []struct{ test, url, want string }{
		{"TestX", "http://127.0.0.1:1/", "TestX__home.png"},
		{"TestX/sub", "http://127.0.0.1:1/don-vi/08-tuyen-quang-truoc-2025/", "TestX_sub__don-vi_08-tuyen-quang-truoc-2025.png"},
	} {
		if got := screenshotName(c.test, c.url); got != c.want {
			t.Errorf("screenshotName(%q, %q) = %q, want %q", c.test, c.url, got, c.want)
		}
	}
}

func TestFixtureHasNoEChartsCopy(t *testing.T) {
	// ECharts comes from node_modules at test time; a stale copy in testdata
	// would hide a missing `npm ci`.
	err := filepath.WalkDir("testdata", func(p string, d fs.DirEntry, err error) error {
		if err == nil && d.Name() == "echarts.min.js" {
			t.Errorf("%s: do not commit ECharts into testdata", p)
		}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
}

func containsSub(list []string, sub string) bool {
	for _, s := range list {
		if strings.Contains(s, sub) {
			return true
		}
	}
	return false
}

func containsSuffix(list []string, suf string) bool {
	for _, s := range list {
		if strings.HasSuffix(s, suf) {
			return true
		}
	}
	return false
}
