package sitegen

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/pcmt/pcmt/internal/derive"
)

func repoWith(t *testing.T, files map[string]string) string {
	t.Helper()
	dir := t.TempDir()
	for name, body := range files {
		p := filepath.Join(dir, filepath.FromSlash(name))
		os.MkdirAll(filepath.Dir(p), 0o755)
		if err := os.WriteFile(p, []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

var minimal = map[string]string{
	"config.toml":         "title = \"x\"\n",
	"layouts/baseof.html": "{{ block \"main\" . }}{{ end }}",
	"content/_index.md":   "+++\ntitle = \"home\"\n+++\n",
	EChartsFile:           "/* echarts */",

	DecapDir + "/decap-cms.js": "/* decap */",
}

func TestWriteStagesTheSite(t *testing.T) {
	repo := repoWith(t, minimal)
	out := t.TempDir()
	site := &derive.Site{Units: []derive.Page{{Path: "don-vi/08-tuyen-quang-truoc-2025", Title: "Tỉnh Tuyên Quang", Weight: 1,
		View: derive.UnitView{Code: "08", FullName: "Tỉnh Tuyên Quang"}}}}
	if err := Write(site, repo, out); err != nil {
		t.Fatal(err)
	}
	// A unit page is a leaf bundle: the front matter holds what lists read,
	// the resource view.json the whole view (layouts/unit.html).
	for _, c := range []struct {
		file          string
		want, notWant []string
	}{
		{"content/don-vi/08-tuyen-quang-truoc-2025/index.md",
			[]string{`"title":"Tỉnh Tuyên Quang"`, `"type":"don-vi"`, `"layout":"unit"`, `"code":"08"`, `"full_name":"Tỉnh Tuyên Quang"`, `"publishResources":false`},
			[]string{`"groups"`, `"checks"`, `"has_charts"`}},
		{"content/don-vi/08-tuyen-quang-truoc-2025/view.json",
			[]string{`"code":"08"`, `"full_name":"Tỉnh Tuyên Quang"`, `"groups":`, `"checks":`},
			[]string{`"title"`, `"layout"`}},
	} {
		b, err := os.ReadFile(filepath.Join(out, c.file))
		if err != nil {
			t.Fatal(err)
		}
		for _, want := range c.want {
			if !strings.Contains(string(b), want) {
				t.Errorf("%s lacks %s:\n%s", c.file, want, b)
			}
		}
		for _, no := range c.notWant {
			if strings.Contains(string(b), no) {
				t.Errorf("%s has %s:\n%s", c.file, no, b)
			}
		}
	}
	if _, err := os.Stat(filepath.Join(out, "content/don-vi/08-tuyen-quang-truoc-2025.md")); err == nil {
		t.Errorf("unit page written outside its bundle")
	}
	if _, err := os.Stat(filepath.Join(out, "assets/js/vendor/echarts.min.js")); err != nil {
		t.Errorf("ECharts not copied into the site: %v", err)
	}
	for _, name := range []string{"data/pcmt/home.json", "data/pcmt/sources.json", "content/_index.md", "layouts/baseof.html"} {
		if _, err := os.Stat(filepath.Join(out, name)); err != nil {
			t.Errorf("%s: %v", name, err)
		}
	}
}

func TestWriteRefuses(t *testing.T) {
	page := derive.Page{Path: "don-vi/08-tuyen-quang-truoc-2025", Title: "x", View: derive.UnitView{}}
	t.Run("a hand-written page at a generated path", func(t *testing.T) {
		files := map[string]string{"content/don-vi/08-tuyen-quang-truoc-2025.md": "+++\n+++\n"}
		for k, v := range minimal {
			files[k] = v
		}
		err := Write(&derive.Site{Units: []derive.Page{page}}, repoWith(t, files), t.TempDir())
		if err == nil || err.Error() != "content/don-vi/08-tuyen-quang-truoc-2025.md: a hand-written page has the path of a generated page; rename or remove it" {
			t.Errorf("err = %v", err)
		}
	})
	t.Run("a hand-written bundle at a generated path", func(t *testing.T) {
		files := map[string]string{"content/don-vi/08-tuyen-quang-truoc-2025/index.md": "+++\n+++\n"}
		for k, v := range minimal {
			files[k] = v
		}
		err := Write(&derive.Site{Units: []derive.Page{page}}, repoWith(t, files), t.TempDir())
		if err == nil || err.Error() != "content/don-vi/08-tuyen-quang-truoc-2025/index.md: a hand-written page has the path of a generated page; rename or remove it" {
			t.Errorf("err = %v", err)
		}
	})
	t.Run("ECharts not installed", func(t *testing.T) {
		files := map[string]string{}
		for k, v := range minimal {
			if k != EChartsFile {
				files[k] = v
			}
		}
		err := Write(&derive.Site{}, repoWith(t, files), t.TempDir())
		if err == nil || !strings.Contains(err.Error(), "ECharts is not installed; run `make deps` (npm ci)") {
			t.Errorf("err = %v", err)
		}
	})
	t.Run("a path leaving content", func(t *testing.T) {
		bad := page
		bad.Path = "../../etc/x"
		err := Write(&derive.Site{Units: []derive.Page{bad}}, repoWith(t, minimal), t.TempDir())
		if err == nil || !strings.Contains(err.Error(), "leaves the content folder") {
			t.Errorf("err = %v", err)
		}
	})
}
