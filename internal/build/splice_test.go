package build

import (
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/pcmt/pcmt/internal/render"
)

// TestSplicedSiteIsInline: pcmt build passes the blocks of unit pages
// around Hugo (internal/splice). The site it publishes is byte for byte
// the site Hugo makes from the complete staging site that Stage writes,
// which any Hugo can build (pcmt serve, bench/stage).
func TestSplicedSiteIsInline(t *testing.T) {
	spliced := treeHash(t, defaultSite(t))
	staging, err := Stage(repo)
	if err != nil {
		t.Fatal(err)
	}
	defer os.RemoveAll(staging)
	inline := filepath.Join(t.TempDir(), "public")
	if err := render.Hugo(staging, inline, io.Discard, nil); err != nil {
		t.Fatal(err)
	}
	if d := diffTrees(spliced, treeHash(t, inline)); len(d) > 0 {
		t.Errorf("the spliced build and Hugo over the whole staging site differ:\n%s", strings.Join(d, "\n"))
	}

	// And pcmt build's own staging site did leave the blocks out: Sơn
	// Dương's page has markers where Stage's has its figure rows.
	public := t.TempDir()
	dir, blocks, err := stage(repo, public, io.Discard, io.Discard, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer os.RemoveAll(dir)
	defer blocks.Close()
	page := func(root string) string {
		matches, _ := filepath.Glob(filepath.Join(root, "content", "don-vi", "*son-duong*.md"))
		if len(matches) == 0 {
			t.Fatalf("no page of Sơn Dương in %s", root)
		}
		b, err := os.ReadFile(matches[0])
		if err != nil {
			t.Fatal(err)
		}
		return string(b)
	}
	whole, light := page(staging), page(dir)
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
}
