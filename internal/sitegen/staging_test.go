package sitegen

import (
	"path/filepath"
	"testing"

	"github.com/spf13/afero"
)

// TestStagingRoutes: with Into.Memory, exactly content/, data/ and assets/
// of the staging folder are in memory, for sitegen's writes and for
// Hugo's reads alike.
func TestStagingRoutes(t *testing.T) {
	dir := t.TempDir()
	st := &staging{dir: dir, mem: afero.NewMemMapFs()}
	tests := []struct {
		rel      string
		inMemory bool
	}{
		{"content", true},
		{"content/don-vi/08-tuyen-quang.md", true},
		{"data/pcmt/home.json", true},
		{"assets/js/vendor/echarts.min.js", true},
		{"contents/x.md", false},
		{"layouts/unit.html", false},
		{"static/content/x.md", false},
		{"config.toml", false},
		{"", false},
	}
	for _, tt := range tests {
		if got := st.inMemory(filepath.Join(dir, filepath.FromSlash(tt.rel))); got != tt.inMemory {
			t.Errorf("%q: in memory %v, want %v", tt.rel, got, tt.inMemory)
		}
	}
	if st.inMemory(dir + "content/x.md") { // a sibling folder named like it
		t.Errorf("%scontent/x.md is not under %s", dir, dir)
	}
	if (&staging{dir: dir}).inMemory(filepath.Join(dir, "content", "x.md")) {
		t.Error("without Memory, content/ is in memory")
	}

	// Written through st, read through the file system Hugo gets.
	page := filepath.Join(dir, "content", "don-vi", "x.md")
	if err := st.writePageFile(page, []byte("{}\n")); err != nil {
		t.Fatal(err)
	}
	layout := filepath.Join(dir, "layouts", "unit.html")
	if err := st.writeFile(layout, []byte("<main>")); err != nil {
		t.Fatal(err)
	}
	src := st.source()
	for path, want := range map[string]string{page: "{}\n", layout: "<main>"} {
		b, err := afero.ReadFile(src, path)
		if err != nil || string(b) != want {
			t.Errorf("%s through the site's file system: %q, %v; want %q", path, b, err, want)
		}
	}
	if _, err := afero.ReadFile(afero.NewOsFs(), page); err == nil {
		t.Errorf("%s is on disk", page)
	}
	if b, err := afero.ReadFile(afero.NewOsFs(), layout); err != nil || string(b) != "<main>" {
		t.Errorf("%s on disk: %q, %v", layout, b, err)
	}
}
