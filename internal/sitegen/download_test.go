package sitegen

import (
	"errors"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/pcmt/pcmt/internal/derive"
)

// A download is written whole, into the staging site's static/ (Write) or
// straight into the published site (WriteInto); one whose path is a file
// of the repository's static/, or of another download, is refused, and
// the file is left as it was.
func TestWriteDownload(t *testing.T) {
	body := strings.Repeat("Tuyên Quang, 986 người\r\n", 10000) // more than one buffer
	write := func(w io.Writer) error { _, err := io.WriteString(w, body); return err }
	const theirs = "tai-ve/don-vi/09.csv" // a file of the repository's static/
	for _, into := range []bool{false, true} {
		repo, dir := t.TempDir(), t.TempDir()
		public, root := "", filepath.Join(dir, "static")
		if into {
			public = t.TempDir()
			root = public
		}
		mine := filepath.Join(repo, "static", filepath.FromSlash(theirs))
		if err := os.MkdirAll(filepath.Dir(mine), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(mine, []byte("hand-written"), 0o644); err != nil {
			t.Fatal(err)
		}
		if !into { // Write copies the repository's static/ first
			if err := (&staging{}).copyTree(filepath.Join(repo, "static"), root); err != nil {
				t.Fatal(err)
			}
		}
		d, err := newDownloads(dir, public, repo)
		if err != nil {
			t.Fatal(err)
		}
		f := derive.File{Path: "tai-ve/don-vi/08.csv", Write: write}
		if err := d.write(f); err != nil {
			t.Fatal(err)
		}
		if b, err := os.ReadFile(filepath.Join(root, "tai-ve", "don-vi", "08.csv")); err != nil || string(b) != body {
			t.Fatalf("into=%v: written %d bytes of %d (%v)", into, len(b), len(body), err)
		}
		const refused = "a file of the repository has the path of a generated download"
		if err := d.write(f); err == nil || !strings.Contains(err.Error(), "static/tai-ve/don-vi/08.csv: "+refused) {
			t.Errorf("into=%v: a second file at the same path: %v", into, err)
		}
		if err := d.write(derive.File{Path: theirs, Write: write}); err == nil || !strings.Contains(err.Error(), "static/"+theirs+": "+refused) {
			t.Errorf("into=%v: a download at the path of a repository file: %v", into, err)
		}
		if b, _ := os.ReadFile(filepath.Join(root, filepath.FromSlash(theirs))); into && b != nil || !into && string(b) != "hand-written" {
			t.Errorf("into=%v: the repository's file became %q", into, b)
		}
		if err := d.write(derive.File{Path: "../x.csv", Write: write}); err == nil {
			t.Errorf("into=%v: a path leaving the site is written", into)
		}
	}
}

// A file With the next one writes both in one go, each file whole; a pair
// whose second file is taken is refused like a single file.
func TestWriteDownloadPair(t *testing.T) {
	csv, json := strings.Repeat("a,b\r\n", 30000), strings.Repeat(`{"a":1}`, 30000) // more than one buffer each
	files := []derive.File{
		{Path: "tai-ve/don-vi/08.csv", Write: func(w io.Writer) error { return errors.New("written alone") },
			With: func(w, next io.Writer) error {
				if _, err := io.WriteString(w, csv); err != nil {
					return err
				}
				_, err := io.WriteString(next, json)
				return err
			}},
		{Path: "tai-ve/don-vi/08.json", Write: func(w io.Writer) error { return errors.New("written alone") }},
		{Path: "tai-ve/bieu-do/08/a.csv", Write: func(w io.Writer) error { _, err := io.WriteString(w, "x"); return err }},
	}
	public := t.TempDir()
	d, err := newDownloads(t.TempDir(), public, t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	if err := d.writeAll(files); err != nil {
		t.Fatal(err)
	}
	for path, want := range map[string]string{"tai-ve/don-vi/08.csv": csv, "tai-ve/don-vi/08.json": json, "tai-ve/bieu-do/08/a.csv": "x"} {
		if b, err := os.ReadFile(filepath.Join(public, filepath.FromSlash(path))); err != nil || string(b) != want {
			t.Errorf("%s: written %d bytes of %d (%v)", path, len(b), len(want), err)
		}
	}
	files[0].Path = "tai-ve/don-vi/09.csv" // its JSON is there already
	if err := d.writeAll(files[:2]); err == nil || !strings.Contains(err.Error(), "static/tai-ve/don-vi/08.json: a file of the repository has the path") {
		t.Errorf("a pair whose second file is taken: %v", err)
	}
}
