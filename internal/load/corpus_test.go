package load

import (
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"golang.org/x/text/unicode/norm"
)

var update = flag.Bool("update", false, "rewrite testdata/bad/*/want.txt from what Load reports")

// TestBadInputCorpus loads each case of testdata/bad: the small base site of
// load_test.go with the case's files/ laid over it. want.txt is exactly what
// the user sees (every problem, one a line, as pcmt check prints them);
// an empty want.txt means the input is accepted (a BOM, NFD text).
func TestBadInputCorpus(t *testing.T) {
	dirs, err := filepath.Glob("testdata/bad/*")
	if err != nil {
		t.Fatal(err)
	}
	if len(dirs) < 40 {
		t.Fatalf("the corpus has %d cases, want at least 40", len(dirs))
	}
	for _, dir := range dirs {
		t.Run(filepath.Base(dir), func(t *testing.T) {
			files := map[string]string{}
			for k, v := range baseSite {
				files[k] = v
			}
			over := filepath.Join(dir, "files")
			err := filepath.WalkDir(over, func(p string, d os.DirEntry, err error) error {
				if err != nil || d.IsDir() {
					return err
				}
				b, err := os.ReadFile(p)
				rel, _ := filepath.Rel(over, p)
				files[filepath.ToSlash(rel)] = string(b)
				return err
			})
			if err != nil {
				t.Fatal(err)
			}
			ds, err := Load(writeSite(t, files))
			got := ""
			if err != nil {
				got = err.Error() + "\n"
			}
			wantFile := filepath.Join(dir, "want.txt")
			if *update {
				if err := os.WriteFile(wantFile, []byte(got), 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			want, err := os.ReadFile(wantFile)
			if err != nil {
				t.Fatal(err)
			}
			if got != string(want) {
				t.Errorf("Load reports\n%s\nwant (%s)\n%s", got, wantFile, want)
			}
			if got == "" {
				// Accepted input is stored as NFC, without the BOM.
				for _, f := range ds.Figures {
					if !norm.NFC.IsNormalString(f.Evidence) || strings.HasPrefix(f.Evidence, "\ufeff") {
						t.Errorf("figure at %s: evidence %q is not NFC", f.Pos, f.Evidence)
					}
				}
			}
		})
	}
}

// TestTenMegabyteLine: a 10 MB line (a paste gone wrong) is refused with
// its size, not read into a page. Generated here, not kept in testdata.
func TestTenMegabyteLine(t *testing.T) {
	files := map[string]string{}
	for k, v := range baseSite {
		files[k] = v
	}
	long := strings.Repeat("x", 10<<20)
	files["data/figures/bao-2023.csv"] = "unit,indicator,period,kind,value,qualifier,numerator,denominator,source,evidence,note\n" +
		"08,nguoi-nghien-co-ho-so,2022-12-31,baseline,986,,,,bao-2023," + long + ",\n"
	files["data/places.toml"] = baseSite["data/places.toml"] + "# " + long + "\n"
	_, err := Load(writeSite(t, files))
	want := "data/figures/bao-2023.csv:2:62: evidence: the quote is 10485760 characters; keep it to at most 300 (a snippet, not the article)"
	if err == nil || err.Error() != want {
		t.Errorf("Load error =\n%v\nwant\n%s", err, want)
	}
}
