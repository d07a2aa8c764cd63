package build

import (
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/pcmt/pcmt/internal/render"
	"github.com/spf13/afero"
)

// TestSplicedSiteIsInline: pcmt build passes the blocks of unit pages
// around Hugo (internal/splice) and gives Hugo content/, data/ and assets/
// from memory (sitegen.Into). The site it publishes is byte for byte the
// site Hugo makes from the complete staging folder that Stage writes,
// which any Hugo can build (pcmt serve, bench/stage).
func TestSplicedSiteIsInline(t *testing.T) {
	spliced := treeHash(t, defaultSite(t))
	staging, err := Stage(repo)
	if err != nil {
		t.Fatal(err)
	}
	defer os.RemoveAll(staging)
	inline := filepath.Join(t.TempDir(), "public")
	if err := render.Hugo(staging, inline, io.Discard, nil, nil); err != nil {
		t.Fatal(err)
	}
	if d := diffTrees(spliced, treeHash(t, inline)); len(d) > 0 {
		t.Errorf("the spliced build and Hugo over the whole staging site differ:\n%s", strings.Join(d, "\n"))
	}

	// And pcmt build's own staging site did leave the blocks out: Sơn
	// Dương's page has markers where Stage's has its figure rows. Its
	// content/ is in memory, not in the staging folder.
	public := t.TempDir()
	dir, source, blocks, err := stage(repo, public, io.Discard, io.Discard, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer os.RemoveAll(dir)
	defer blocks.Close()
	page := func(fs afero.Fs, root string) string {
		t.Helper()
		matches, _ := afero.Glob(fs, filepath.Join(root, "content", "don-vi", "*son-duong*.md"))
		if len(matches) == 0 {
			t.Fatalf("no page of Sơn Dương in %s", root)
		}
		b, err := afero.ReadFile(fs, matches[0])
		if err != nil {
			t.Fatal(err)
		}
		return string(b)
	}
	whole, light := page(afero.NewOsFs(), staging), page(source, dir)
	if !strings.Contains(whole, "<tr") || strings.Contains(whole, "<!--pcmt:html-->\n<!--pcmt:") {
		t.Errorf("Stage's page of Sơn Dương lacks its rows, or holds markers:\n%.2000s", whole)
	}
	if strings.Contains(light, "<tr") || !strings.Contains(light, "<!--pcmt:html-->\n<!--pcmt:") {
		t.Errorf("pcmt build's staging page of Sơn Dương holds rows, or no markers:\n%.2000s", light)
	}
	if len(light) >= len(whole)/2 {
		t.Errorf("pcmt build's staging page of Sơn Dương is %d bytes, Stage's %d: the blocks should be out of it", len(light), len(whole))
	}
	if fi, err := os.Stat(filepath.Join(dir, blockStore)); err != nil || fi.Size() < int64(len(whole)-len(light)) {
		t.Errorf("block store: %v, %v", fi, err)
	}
	for _, folder := range []string{"content", "data", "assets"} {
		if _, err := os.Stat(filepath.Join(dir, folder)); err == nil {
			t.Errorf("pcmt build wrote %s/ into its staging folder, not into memory", folder)
		}
		if _, err := os.Stat(filepath.Join(staging, folder)); err != nil {
			t.Errorf("Stage's staging folder lacks %s/: %v", folder, err)
		}
	}
}
