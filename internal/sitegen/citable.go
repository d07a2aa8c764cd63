package sitegen

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"sync"

	"github.com/pcmt/pcmt/internal/derive"
)

// writeCitable writes what derive/citable.go decided: the changelog page,
// the date of the newest change (data/pcmt/updated.json,
// for pages without figures of their own); downloadJobs write the
// downloads, which go under static/ so that Hugo publishes them byte for
// byte.
func writeCitable(s *derive.Site, repo string, st *staging) error {
	if s.Changelog != nil {
		if err := writePage(repo, st, *s.Changelog, derive.ChangelogPath, "changelog"); err != nil {
			return err
		}
	}
	b, err := marshal(s.Updated)
	if err != nil {
		return err
	}
	if err := st.writeFile(filepath.Join(st.dir, "data", "pcmt", "updated.json"), b); err != nil {
		return err
	}
	return nil
}

// writeEmbedIndex writes the section of the embed pages, which come with
// their unit pages (writeUnitPage). The section is not a page, and its
// pages are in no list: they exist to be framed by other sites.
func writeEmbedIndex(st *staging) error {
	idx := []byte(`{"title": "Trang nhúng biểu đồ", "build": {"render": "never", "list": "never"}}` + "\n")
	return st.writeFile(filepath.Join(st.dir, "content", derive.EmbedDir, "_index.md"), idx)
}

// writeEmbed writes an embed page.
func writeEmbed(st *staging, p derive.Page) error {
	front := struct {
		Title  string         `json:"title"`
		Type   string         `json:"type"`
		Layout string         `json:"layout"`
		Build  map[string]any `json:"build"`
		View   any            `json:"view"`
	}{p.Title, derive.EmbedDir, "embed", map[string]any{"list": "never"}, p.View}
	bufs := getPageBuffers()
	defer bufs.put()
	b, err := bufs.front.encode(front)
	if err != nil {
		return fmt.Errorf("embed page %s: %w", p.Path, err)
	}
	return st.writeFile(filepath.Join(st.dir, "content", filepath.FromSlash(p.Path)+".md"), append(b, '\n'))
}

// downloadJobs write the downloads, one job each: a file's body is made
// as it is written (derive.File) and dropped after.
func downloadJobs(s *derive.Site, d *downloads) []func() error {
	jobs := make([]func() error, len(s.Files))
	for i, f := range s.Files {
		jobs[i] = func() error { return d.write(f) }
	}
	return jobs
}

// downloads is where the downloads go: the staging site's static/, which
// Hugo's output gets a link of (Write), or straight into the directory
// Hugo renders into (WriteInto). Nationally they are ~39,000 files, and
// on a slow file system every file and directory made counts.
type downloads struct {
	root string // the directory a download's Path is relative to
	// repo holds the repository's static files (slash paths) when root is
	// not the staging site's static/, where O_EXCL finds them instead.
	repo map[string]bool
	dirs sync.Map // directories known to exist under root
}

func newDownloads(dir, public, repo string) (*downloads, error) {
	if public == "" {
		return &downloads{root: filepath.Join(dir, "static")}, nil
	}
	d := &downloads{root: public, repo: map[string]bool{}}
	static := filepath.Join(repo, "static")
	err := filepath.WalkDir(static, func(p string, e fs.DirEntry, err error) error {
		if err != nil {
			if errors.Is(err, fs.ErrNotExist) && p == static {
				return nil
			}
			return err
		}
		if !e.IsDir() {
			rel, _ := filepath.Rel(static, p)
			d.repo[filepath.ToSlash(rel)] = true
		}
		return nil
	})
	return d, err
}

// writeAll writes files in their order; a file With the next one writes
// both in one pass (derive.File).
func (d *downloads) writeAll(files []derive.File) error {
	for i := 0; i < len(files); i++ {
		if files[i].With != nil && i+1 < len(files) {
			if err := d.writePair(files[i], files[i+1]); err != nil {
				return err
			}
			i++
			continue
		}
		if err := d.write(files[i]); err != nil {
			return err
		}
	}
	return nil
}

func (d *downloads) write(f derive.File) error {
	out, err := d.create(f.Path)
	if err != nil {
		return err
	}
	// Straight to the file: a download's writer buffers what it writes
	// (derive.File), and a second buffer here copied the 1.8 GB of
	// downloads of the whole country once more.
	if err := f.Write(out); err != nil {
		out.Close()
		return fmt.Errorf("static/%s: %w", f.Path, err)
	}
	return out.Close()
}

// writePair writes f and next with f.With.
func (d *downloads) writePair(f, next derive.File) error {
	a, err := d.create(f.Path)
	if err != nil {
		return err
	}
	b, err := d.create(next.Path)
	if err != nil {
		a.Close()
		return err
	}
	err = f.With(a, b)
	errA, errB := a.Close(), b.Close()
	if err != nil {
		return fmt.Errorf("static/%s, %s: %w", f.Path, next.Path, err)
	}
	if errA != nil {
		return errA
	}
	return errB
}

// create makes the file of a download, and its directory when needed.
func (d *downloads) create(path string) (*os.File, error) {
	if strings.Contains(path, "..") || filepath.IsAbs(path) {
		return nil, fmt.Errorf("download path %q leaves the site", path)
	}
	taken := func() error {
		return fmt.Errorf("static/%s: a file of the repository has the path of a generated download", path)
	}
	if d.repo[path] {
		return nil, taken()
	}
	target := filepath.Join(d.root, filepath.FromSlash(path))
	if parent := filepath.Dir(target); !d.known(parent) {
		if err := os.MkdirAll(parent, 0o755); err != nil {
			return nil, err
		}
		d.dirs.Store(parent, true)
	}
	// O_EXCL: a file already there (one of the repository's static/, or
	// another download) is an error, found by the same call that creates
	// the file.
	out, err := os.OpenFile(target, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o666)
	if errors.Is(err, fs.ErrExist) {
		return nil, taken()
	}
	return out, err
}

func (d *downloads) known(dir string) bool {
	_, ok := d.dirs.Load(dir)
	return ok
}
