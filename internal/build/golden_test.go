package build

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestGoldenPages compares a few whole rendered pages with their golden
// copies under testdata/golden/pages: a small unit page (a zero, "chưa có"),
// a news source with percentage targets, an indicator across units, and the
// reproduced plan. A change to layouts or derive that alters what a reader
// sees shows up here as a diff; rewrite with `go test ./internal/build -run
// TestGoldenPages -update` after checking the diff is intended.
func TestGoldenPages(t *testing.T) {
	site := defaultSite(t)
	for _, page := range []string{
		"don-vi/071-lam-binh-truoc-2025",
		"nguon/bdk-2021-03-12-ben-tre",
		"chi-so/tiep-can-dich-vu",
		"ke-hoach/thi-tran-thang-2024",
	} {
		got, err := os.ReadFile(filepath.Join(site, page, "index.html"))
		if err != nil {
			t.Fatal(err)
		}
		got = unhashBundle(got) // the bundle's name follows npm's bytes, not the layouts (light_test.go)
		golden := filepath.Join("testdata/golden/pages", strings.ReplaceAll(page, "/", "_")+".html")
		if *update {
			os.MkdirAll(filepath.Dir(golden), 0o755)
			if err := os.WriteFile(golden, got, 0o644); err != nil {
				t.Fatal(err)
			}
			continue
		}
		want, err := os.ReadFile(golden)
		if err != nil {
			t.Fatalf("%v (run with -update to create it)", err)
		}
		if string(got) != string(want) {
			t.Errorf("/%s/ differs from %s at line %d:\n got: %s\nwant: %s", page, golden, firstDiffLine(got, want), lineAt(got, firstDiffLine(got, want)), lineAt(want, firstDiffLine(got, want)))
		}
	}
}

func firstDiffLine(a, b []byte) int {
	la, lb := strings.Split(string(a), "\n"), strings.Split(string(b), "\n")
	for i := 0; i < len(la) && i < len(lb); i++ {
		if la[i] != lb[i] {
			return i + 1
		}
	}
	return min(len(la), len(lb)) + 1
}

func lineAt(b []byte, n int) string {
	ls := strings.Split(string(b), "\n")
	if n-1 < len(ls) {
		return strings.TrimSpace(ls[n-1])
	}
	return "(end of file)"
}
