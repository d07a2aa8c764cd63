package browsertest

import (
	"bytes"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/pcmt/pcmt/internal/build"
)

// payload is what an attacker (or a careless paste) puts in a field: if any
// of it ran, the page would log a console error or request another host,
// and the check fails.
const payload = `<script>console.error("pwned-script")</script><img src="//evil.example/p.png" onerror="console.error('pwned-img')"><a href="javascript:console.error('pwned-href')">x</a>`

// copyInput copies the site input the build reads into dst.
func copyInput(t *testing.T, repo, dst string) {
	t.Helper()
	// node_modules is shared, not copied: the build only reads it.
	if err := os.Symlink(filepath.Join(repo, "node_modules"), filepath.Join(dst, "node_modules")); err != nil {
		t.Fatal(err)
	}
	for _, name := range []string{"config.toml", "layouts", "static", "content", "data"} {
		src := filepath.Join(repo, name)
		err := filepath.WalkDir(src, func(p string, d fs.DirEntry, err error) error {
			if err != nil {
				return err
			}
			rel, _ := filepath.Rel(repo, p)
			target := filepath.Join(dst, rel)
			if d.IsDir() {
				return os.MkdirAll(target, 0o755)
			}
			if err := os.MkdirAll(filepath.Dir(target), 0o755); err != nil {
				return err
			}
			b, err := os.ReadFile(p)
			if err != nil {
				return err
			}
			return os.WriteFile(target, b, 0o644)
		})
		if err != nil {
			t.Fatal(err)
		}
	}
}

// plant replaces old with new in the file rel of the site at dir, and
// fails when old is not there (the test would plant nothing).
func plant(t *testing.T, dir, rel, old, new string) {
	t.Helper()
	p := filepath.Join(dir, filepath.FromSlash(rel))
	b, err := os.ReadFile(p)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Contains(b, []byte(old)) {
		t.Fatalf("%s: %q not found; nothing planted", rel, old)
	}
	if err := os.WriteFile(p, bytes.Replace(b, []byte(old), []byte(new), 1), 0o644); err != nil {
		t.Fatal(err)
	}
}

// TestPlantedScriptsNeverRun puts a script into every kind of input field a
// page shows — unit name, indicator name, source title, evidence, note,
// place name, plan title and body — builds the site and loads the pages in
// Chromium: nothing may run (no console error, no request elsewhere), and
// the payload must be on the page as text.
func TestPlantedScriptsNeverRun(t *testing.T) {
	b := NewBrowser(t)
	src := t.TempDir()
	copyInput(t, RepoRoot(t), src)
	toml := strings.ReplaceAll(payload, `"`, `\"`)
	csv := strings.ReplaceAll(payload, `"`, `""`)
	plant(t, src, "data/units/units-vn-2022.csv", "province,08,Tuyên Quang,tinh,Tỉnh Tuyên Quang,", `province,08,Tuyên Quang,tinh,"Tỉnh Tuyên Quang `+csv+`",`)
	plant(t, src, "data/indicators.toml", `name = "Người nghiện có hồ sơ quản lý"`, `name = "Người nghiện có hồ sơ quản lý `+toml+`"`)
	plant(t, src, "data/sources.toml", `title = "Tuyên Quang hỗ trợ người sau cai nghiện ma túy tái hòa nhập cộng đồng"`,
		`title = "Tuyên Quang hỗ trợ người sau cai nghiện ma túy tái hòa nhập cộng đồng `+toml+`"`)
	plant(t, src, "data/places.toml", `name = "Trại tạm"`, `name = "Trại tạm `+toml+`"`)
	plant(t, src, "data/figures/ldxh-2023-03-15-tuyen-quang.csv", "tổng số người nghiện có hồ sơ quản lý trên địa bàn tỉnh Tuyên Quang là 986 người,",
		`"tổng số người nghiện có hồ sơ quản lý trên địa bàn tỉnh Tuyên Quang là 986 người `+csv+`","`+csv+`"`)
	plant(t, src, "content/ke-hoach/thi-tran-thang-2024.md", `title = "Kế hoạch triển khai công tác cai nghiện ma túy và quản lý sau cai năm 2024"`,
		`title = "Kế hoạch triển khai công tác cai nghiện ma túy và quản lý sau cai năm 2024 `+toml+`"`)
	dest := filepath.Join(t.TempDir(), "public")
	var log bytes.Buffer
	if err := build.Site(build.Options{Source: src, Destination: dest, Log: &log}); err != nil {
		t.Fatalf("build: %v\n%s", err, log.String())
	}
	srv := Serve(t, dest)
	for _, page := range []string{"/", "/don-vi/08-tuyen-quang-truoc-2025/", "/chi-so/nguoi-nghien-co-ho-so/",
		"/nguon/ldxh-2023-03-15-tuyen-quang/", "/ke-hoach/thi-tran-thang-2024/", "/don-vi/"} {
		t.Run(strings.Trim(page, "/"), func(t *testing.T) {
			html, err := os.ReadFile(filepath.Join(dest, filepath.FromSlash(page), "index.html"))
			if err != nil {
				t.Fatal(err)
			}
			if !bytes.Contains(html, []byte("&lt;script&gt;console.error(")) {
				t.Errorf("%s: the payload is not on the page as text", page)
			}
			r := b.Check(t, srv.URL+page, CheckOptions{})
			AssertClean(t, r)
		})
	}
}

// TestPlantedScriptIsCaught is the control: with a template that does not
// escape the title, the same check reports the payload (CSP blocks it and
// Chromium logs that, or it runs and logs itself).
func TestPlantedScriptIsCaught(t *testing.T) {
	b := NewBrowser(t)
	src := t.TempDir()
	copyInput(t, RepoRoot(t), src)
	plant(t, src, "data/sources.toml", `title = "Tuyên Quang hỗ trợ người sau cai nghiện ma túy tái hòa nhập cộng đồng"`,
		`title = "Tuyên Quang `+strings.ReplaceAll(payload, `"`, `\"`)+`"`)
	plant(t, src, "layouts/baseof.html", "<main", "{{ .Title | safeHTML }}<main")
	dest := filepath.Join(t.TempDir(), "public")
	if err := build.Site(build.Options{Source: src, Destination: dest}); err != nil {
		t.Fatal(err)
	}
	srv := Serve(t, dest)
	r := b.Check(t, srv.URL+"/nguon/ldxh-2023-03-15-tuyen-quang/", CheckOptions{})
	if len(r.ConsoleErrors) == 0 {
		t.Errorf("an unescaped script went unnoticed:\n%s", r)
	}
	t.Logf("%s", r)
}
