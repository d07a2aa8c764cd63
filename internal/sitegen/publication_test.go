package sitegen

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/pcmt/pcmt/internal/derive"
	"github.com/pcmt/pcmt/internal/load"
)

func TestBaseURL(t *testing.T) {
	tests := []struct {
		config, want, err string
	}{
		{`baseURL = "https://pcmt.invalid/"`, "https://pcmt.invalid/", ""},
		{`baseURL = "http://127.0.0.1:1313/"`, "http://127.0.0.1:1313/", ""},
		{`baseURL = "/"`, "", `config.toml: baseURL: "/" is not an absolute address`},
		{``, "", `config.toml: baseURL: "" is not an absolute address`},
		{`baseURL = "ftp://host/"`, "", "is not an absolute address"},
		{`baseURL = "https://host/pcmt/"`, "", "must be a host and \"/\" only"},
		{`baseURL = "https://host"`, "", "must be a host and \"/\" only"},
		{`baseURL = `, "", "config.toml: "},
	}
	for _, tt := range tests {
		dir := t.TempDir()
		if err := os.WriteFile(filepath.Join(dir, "config.toml"), []byte(tt.config+"\n"), 0o644); err != nil {
			t.Fatal(err)
		}
		u, err := BaseURL(dir)
		switch {
		case tt.err == "" && err != nil:
			t.Errorf("%s: %v", tt.config, err)
		case tt.err == "" && u.String() != tt.want:
			t.Errorf("%s: %s, want %s", tt.config, u, tt.want)
		case tt.err != "" && (err == nil || !strings.Contains(err.Error(), tt.err)):
			t.Errorf("%s: error %v, want %q", tt.config, err, tt.err)
		}
	}
}

// BenchmarkWritePublication measures the part of staging this file adds:
// the data package, the JSON-LD, the feed and the preview images of the
// repository's own site.
func BenchmarkWritePublication(b *testing.B) {
	ds, err := load.Load("../..")
	if err != nil {
		b.Fatal(err)
	}
	s, err := derive.Build(ds)
	if err != nil {
		b.Fatal(err)
	}
	b.ReportMetric(float64(len(s.Publication.Previews)), "images")
	for b.Loop() {
		if err := writePublication(s, "../..", &staging{dir: b.TempDir()}); err != nil {
			b.Fatal(err)
		}
	}
}

// TestWritePublication stages the publication of the repository's own
// data: every preview image (drawn in parallel), the package and the
// JSON-LD of every indicator page.
func TestWritePublication(t *testing.T) {
	ds, err := load.Load("../..")
	if err != nil {
		t.Fatal(err)
	}
	s, err := derive.Build(ds)
	if err != nil {
		t.Fatal(err)
	}
	// Enough images to keep every drawing goroutine busy (and -race
	// watching them), few enough to stay quick under -race.
	if len(s.Publication.Previews) > 12 {
		s.Publication.Previews = s.Publication.Previews[:12]
	}
	dir := t.TempDir()
	if err := writePublication(s, "../..", &staging{dir: dir}); err != nil {
		t.Fatal(err)
	}
	for _, pv := range s.Publication.Previews {
		b, err := os.ReadFile(filepath.Join(dir, "static", filepath.FromSlash(pv.Image)))
		if err != nil || len(b) < 1000 || string(b[1:4]) != "PNG" {
			t.Errorf("%s: %d bytes, %v", pv.Image, len(b), err)
		}
	}
	for _, f := range []string{"static/du-lieu/datapackage.json", "static/du-lieu/so-lieu/nguoi-nghien-co-ho-so.csv", "static/du-lieu/pcmt-du-lieu.zip",
		"static/cap-nhat/atom.xml", "content/du-lieu.md", "data/pcmt/publication.json"} {
		if _, err := os.Stat(filepath.Join(dir, f)); err != nil {
			t.Error(err)
		}
	}
	b, err := os.ReadFile(filepath.Join(dir, "data/pcmt/jsonld.json"))
	if err != nil {
		t.Fatal(err)
	}
	var ld map[string]map[string]any
	if err := json.Unmarshal(b, &ld); err != nil {
		t.Fatal(err)
	}
	for _, p := range s.Indicators {
		if _, ok := s.Publication.Indicators[strings.TrimPrefix(p.Path, "chi-so/")]; !ok {
			continue // an indicator with no figures has no dataset
		}
		if l := ld["/"+p.Path+"/"]; l == nil || l["@type"] != "Dataset" {
			t.Errorf("jsonld.json has no Dataset for /%s/", p.Path)
		}
	}
	if ld["/du-lieu/"] == nil {
		t.Error("jsonld.json has no Dataset for /du-lieu/")
	}
}
