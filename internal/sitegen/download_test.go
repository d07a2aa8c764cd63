package sitegen

import (
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/pcmt/pcmt/internal/derive"
)

// A download is written whole; one whose path is a file of the
// repository's static/ is refused, and the file is left as it was.
func TestWriteDownload(t *testing.T) {
	dir := t.TempDir()
	body := strings.Repeat("Tuyên Quang, 986 người\r\n", 10000) // more than one buffer
	f := derive.File{Path: "tai-ve/don-vi/08.csv", Write: func(w io.Writer) error { _, err := io.WriteString(w, body); return err }}
	if err := writeDownload(dir, f); err != nil {
		t.Fatal(err)
	}
	if b, err := os.ReadFile(filepath.Join(dir, "static", "tai-ve", "don-vi", "08.csv")); err != nil || string(b) != body {
		t.Fatalf("written %d bytes of %d (%v)", len(b), len(body), err)
	}
	err := writeDownload(dir, f)
	if err == nil || !strings.Contains(err.Error(), "a file of the repository has the path of a generated download") {
		t.Errorf("a second file at the same path: %v", err)
	}
	if err := writeDownload(dir, derive.File{Path: "../x.csv", Write: f.Write}); err == nil {
		t.Error("a path leaving the site is written")
	}
}
