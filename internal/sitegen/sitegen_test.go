package sitegen

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io/fs"
	"maps"
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

// splitPage splits a generated page's file into its front matter (a JSON
// object) and its body, which starts on the next line.
// splitPage cuts a unit page's file into its front matter and the view,
// JSON, at the start of its body; pageTables are the figure tables after.
func splitPage(t *testing.T, b []byte) (front, body []byte) {
	t.Helper()
	d := json.NewDecoder(bytes.NewReader(b))
	var fm json.RawMessage
	if err := d.Decode(&fm); err != nil {
		t.Fatalf("front matter: %v\n%s", err, b)
	}
	n := int(d.InputOffset())
	if n >= len(b) || b[n] != '\n' {
		t.Fatalf("no line break after the front matter:\n%s", b)
	}
	body = b[n+1:]
	if i := bytes.Index(body, []byte(blockSeparator)); i >= 0 {
		body = body[:i]
	}
	return b[:n], body
}

func pageTables(b []byte) []string {
	parts := strings.Split(string(b), blockSeparator)
	return parts[1:]
}

func TestWriteStagesTheSite(t *testing.T) {
	repo := repoWith(t, minimal)
	out := t.TempDir()
	site := &derive.Site{Units: []derive.Page{{Path: "don-vi/08-tuyen-quang-truoc-2025", Title: "Tỉnh Tuyên Quang", Weight: 1,
		View: derive.UnitView{Code: "08", FullName: "Tỉnh Tuyên Quang"}}}}
	if err := Write(site, repo, out); err != nil {
		t.Fatal(err)
	}
	// A unit page is one file: the front matter holds what lists read, the
	// body the whole view (layouts/unit.html), as JSON Hugo reads as text.
	b, err := os.ReadFile(filepath.Join(out, "content/don-vi/08-tuyen-quang-truoc-2025.md"))
	if err != nil {
		t.Fatal(err)
	}
	front, body := splitPage(t, b)
	for _, c := range []struct {
		part          string
		got           []byte
		want, notWant []string
	}{
		{"front matter", front,
			[]string{`"title":"Tỉnh Tuyên Quang"`, `"type":"don-vi"`, `"layout":"unit"`, `"code":"08"`, `"full_name":"Tỉnh Tuyên Quang"`},
			[]string{`"groups"`, `"checks"`, `"has_charts"`, `"build"`, `"view_sha256"`}},
		{"body", body,
			[]string{`"code":"08"`, `"full_name":"Tỉnh Tuyên Quang"`, `"groups":`, `"charts":`}, // checks: a block when any (viewjson.go)
			[]string{`"title"`, `"layout"`}},
	} {
		for _, want := range c.want {
			if !strings.Contains(string(c.got), want) {
				t.Errorf("%s lacks %s:\n%s", c.part, want, c.got)
			}
		}
		for _, no := range c.notWant {
			if strings.Contains(string(c.got), no) {
				t.Errorf("%s has %s:\n%s", c.part, no, c.got)
			}
		}
	}
	var view struct {
		FullName string `json:"full_name"`
	}
	if err := json.Unmarshal(body, &view); err != nil || view.FullName != "Tỉnh Tuyên Quang" {
		t.Errorf("body: %v, full_name %q", err, view.FullName)
	}
	if _, err := os.Stat(filepath.Join(out, "content/don-vi/08-tuyen-quang-truoc-2025")); err == nil {
		t.Errorf("unit page written as a bundle too")
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

// TestWriteCopiesContent: the hand-written content, copied by jobs beside
// the generated pages' (contentCopyJobs), is all there, byte for byte, in
// its folders, the generated sections' included.
func TestWriteCopiesContent(t *testing.T) {
	files := map[string]string{}
	for k, v := range minimal {
		files[k] = v
	}
	want := map[string]string{"content/_index.md": minimal["content/_index.md"]}
	for i := range 150 { // more than one job's worth
		want[fmt.Sprintf("content/chien-dich/%05d-xa.md", i)] = fmt.Sprintf("+++\ntitle = \"Xã %d\"\n+++\nNội dung %d\n", i, i)
	}
	want["content/gioi-thieu/nhom/sau/_index.md"] = "+++\n+++\n"
	want["content/"+derive.EmbedDir+"/ghi-chu.md"] = "+++\n+++\ntự viết\n"
	want["content/"+PartsDir+"/_index.md"] = "+++\n+++\n"
	for k, v := range want {
		files[k] = v
	}
	out := t.TempDir()
	if err := Write(&derive.Site{}, repoWith(t, files), out); err != nil {
		t.Fatal(err)
	}
	got := map[string]string{}
	err := filepath.WalkDir(filepath.Join(out, "content"), func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := os.ReadFile(p)
		rel, _ := filepath.Rel(out, p)
		got[filepath.ToSlash(rel)] = string(b)
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	if !maps.Equal(got, want) {
		for k, v := range want {
			if got[k] != v {
				t.Errorf("%s = %q, want %q", k, got[k], v)
			}
		}
		for k := range got {
			if _, ok := want[k]; !ok {
				t.Errorf("%s: not in the repository", k)
			}
		}
	}
}
