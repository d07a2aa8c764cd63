package publish

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func write(t *testing.T, path, body string) {
	t.Helper()
	os.MkdirAll(filepath.Dir(path), 0o755)
	if err := os.WriteFile(path, []byte(body), 0o644); err != nil {
		t.Fatal(err)
	}
}

func read(t *testing.T, path string) string {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

func TestReplaceFirstAndAgain(t *testing.T) {
	dest := filepath.Join(t.TempDir(), "public")
	for i, body := range []string{"first", "second"} {
		dir, err := NewDir(dest)
		if err != nil {
			t.Fatal(err)
		}
		if filepath.Dir(dir) != filepath.Dir(dest) || !strings.HasPrefix(filepath.Base(dir), ".public.new-") {
			t.Errorf("build dir %s is not beside %s", dir, dest)
		}
		write(t, filepath.Join(dir, "index.html"), body)
		if i == 0 {
			write(t, filepath.Join(dir, "old-only.html"), "gone next time")
		}
		if err := Replace(dir, dest); err != nil {
			t.Fatal(err)
		}
		if got := read(t, filepath.Join(dest, "index.html")); got != body {
			t.Errorf("after build %d: index.html = %q", i, got)
		}
		if _, err := os.Stat(dir); !os.IsNotExist(err) {
			t.Errorf("after build %d: %s still exists (the old site should be removed)", i, dir)
		}
	}
	if _, err := os.Stat(filepath.Join(dest, "old-only.html")); !os.IsNotExist(err) {
		t.Error("a file of the old site survived the new one")
	}
}

func TestReplaceRefusesAFile(t *testing.T) {
	dest := filepath.Join(t.TempDir(), "public")
	write(t, dest, "not a site")
	dir, _ := NewDir(dest)
	err := Replace(dir, dest)
	if err == nil || !strings.Contains(err.Error(), "exists and is not a directory") {
		t.Errorf("err = %v", err)
	}
	if read(t, dest) != "not a site" {
		t.Error("the file was changed")
	}
}

func TestExchangeByRename(t *testing.T) {
	base := t.TempDir()
	a, b := filepath.Join(base, "a"), filepath.Join(base, "b")
	write(t, filepath.Join(a, "x"), "A")
	write(t, filepath.Join(b, "x"), "B")
	if err := exchangeByRename(a, b); err != nil {
		t.Fatal(err)
	}
	if read(t, filepath.Join(a, "x")) != "B" || read(t, filepath.Join(b, "x")) != "A" {
		t.Error("not exchanged")
	}
}

// RemoveTree removes a tree of files and folders, and nothing beside it.
func TestRemoveTree(t *testing.T) {
	parent := t.TempDir()
	dir := filepath.Join(parent, "site")
	for _, name := range []string{"index.html", "a/b/c.html", "a/b/d.csv", "a/e/f.json", "g/h.html", "empty/"} {
		if strings.HasSuffix(name, "/") {
			if err := os.MkdirAll(filepath.Join(dir, name), 0o755); err != nil {
				t.Fatal(err)
			}
			continue
		}
		write(t, filepath.Join(dir, filepath.FromSlash(name)), name)
	}
	write(t, filepath.Join(parent, "site.keep"), "beside it")
	if err := RemoveTree(dir); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Lstat(dir); !os.IsNotExist(err) {
		t.Errorf("%s still exists: %v", dir, err)
	}
	if got := read(t, filepath.Join(parent, "site.keep")); got != "beside it" {
		t.Errorf("the file beside the tree became %q", got)
	}
	if err := RemoveTree(filepath.Join(parent, "missing")); err != nil {
		t.Errorf("a missing tree: %v", err)
	}
}
