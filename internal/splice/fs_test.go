package splice

import (
	"fmt"
	"os"
	"strings"
	"sync"
	"testing"

	"github.com/spf13/afero"
)

// TestFsSplicesConcurrentWrites: files written at once by many goroutines,
// as Hugo publishes pages, in pieces, each land whole with their blocks in
// place of their markers. Run under -race by make test.
func TestFsSplicesConcurrentWrites(t *testing.T) {
	s := newStore(t)
	base := afero.NewMemMapFs()
	fs := NewFs(base, s)
	const writers, files = 8, 40
	var wg sync.WaitGroup
	want := make([][]string, writers)
	errs := make(chan error, writers)
	for w := range writers {
		want[w] = make([]string, files)
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range files {
				rows := fmt.Sprintf("<tr><td>đơn vị %d-%d</td></tr>", w, i)
				option := fmt.Sprintf(`{"v":%d}`, i)
				m := put(t, s, rows, option) // a page's blocks, appended together
				f, err := fs.Create(fmt.Sprintf("/public/%d/%d/index.html", w, i))
				if err != nil {
					errs <- err
					return
				}
				// Written in pieces that cut a marker in two.
				page := "<table>" + m[0] + "</table><script>" + m[1] + "</script>"
				cut := strings.Index(page, "<!--pcmt:") + 5
				f.WriteString(page[:cut])
				f.Write([]byte(page[cut:]))
				if err := f.Close(); err != nil {
					errs <- err
					return
				}
				want[w][i] = "<table>" + rows + "</table><script>" + option + "</script>"
			}
		}()
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Fatal(err)
	}
	for w := range writers {
		for i := range files {
			name := fmt.Sprintf("/public/%d/%d/index.html", w, i)
			got, err := afero.ReadFile(base, name)
			if err != nil || string(got) != want[w][i] {
				t.Fatalf("%s: %q, %v\nwant %q", name, got, err, want[w][i])
			}
		}
	}
}

// TestFsRefusesPartialWrites: a write into the middle of a published file
// cannot be spliced, and a bad marker fails the file's Close, naming it.
func TestFsRefusesPartialWrites(t *testing.T) {
	s := newStore(t)
	base := afero.NewMemMapFs()
	fs := NewFs(base, s)
	if err := afero.WriteFile(base, "/public/a.html", []byte("old"), 0o644); err != nil {
		t.Fatal(err)
	}
	if _, err := fs.OpenFile("/public/a.html", os.O_WRONLY|os.O_APPEND, 0o644); err == nil {
		t.Error("appending to a published file: no error")
	}
	f, err := fs.Create("/public/b.html")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := f.WriteAt([]byte("x"), 3); err == nil {
		t.Error("WriteAt: no error")
	}
	f.WriteString(string(s.prefix) + "0:99-->")
	if err := f.Close(); err == nil || !strings.Contains(err.Error(), "/public/b.html") || !strings.Contains(err.Error(), "names no block") {
		t.Errorf("closing a page with a bad marker: %v", err)
	}
}
