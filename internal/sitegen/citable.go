package sitegen

import (
	"bufio"
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
func writeCitable(s *derive.Site, repo, dir string) error {
	if s.Changelog != nil {
		if err := writePage(repo, dir, *s.Changelog, derive.ChangelogPath, "changelog"); err != nil {
			return err
		}
	}
	b, err := marshal(s.Updated)
	if err != nil {
		return err
	}
	if err := writeFile(filepath.Join(dir, "data", "pcmt", "updated.json"), b); err != nil {
		return err
	}
	return nil
}

// writeEmbedIndex writes the section of the embed pages, which come with
// their unit pages (writeUnitPage). The section is not a page, and its
// pages are in no list: they exist to be framed by other sites.
func writeEmbedIndex(dir string) error {
	idx := []byte(`{"title": "Trang nhúng biểu đồ", "build": {"render": "never", "list": "never"}}` + "\n")
	return writeFile(filepath.Join(dir, "content", derive.EmbedDir, "_index.md"), idx)
}

// writeEmbed writes an embed page.
func writeEmbed(dir string, p derive.Page) error {
	front := struct {
		Title  string         `json:"title"`
		Type   string         `json:"type"`
		Layout string         `json:"layout"`
		Build  map[string]any `json:"build"`
		View   any            `json:"view"`
	}{p.Title, derive.EmbedDir, "embed", map[string]any{"list": "never"}, p.View}
	b, err := marshal(front)
	if err != nil {
		return fmt.Errorf("embed page %s: %w", p.Path, err)
	}
	return writeFile(filepath.Join(dir, "content", filepath.FromSlash(p.Path)+".md"), append(b, '\n'))
}

// downloadJobs write the downloads, one job each: a file's body is made
// as it is written (derive.File) and dropped after.
func downloadJobs(s *derive.Site, dir string) []func() error {
	jobs := make([]func() error, len(s.Files))
	for i, f := range s.Files {
		jobs[i] = func() error { return writeDownload(dir, f) }
	}
	return jobs
}

func writeDownload(dir string, f derive.File) error {
	if strings.Contains(f.Path, "..") || filepath.IsAbs(f.Path) {
		return fmt.Errorf("download path %q leaves the site", f.Path)
	}
	target := filepath.Join(dir, "static", filepath.FromSlash(f.Path))
	if err := os.MkdirAll(filepath.Dir(target), 0o755); err != nil {
		return err
	}
	// O_EXCL: a file already there (one of the repository's static/) is an
	// error, found by the same call that creates the file.
	out, err := os.OpenFile(target, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o666)
	if errors.Is(err, fs.ErrExist) {
		return fmt.Errorf("static/%s: a file of the repository has the path of a generated download", f.Path)
	}
	if err != nil {
		return err
	}
	w := downloadBuffers.Get().(*bufio.Writer) // tens of thousands of files nationally
	w.Reset(out)
	defer func() { w.Reset(nil); downloadBuffers.Put(w) }()
	if err := f.Write(w); err != nil {
		out.Close()
		return fmt.Errorf("static/%s: %w", f.Path, err)
	}
	if err := w.Flush(); err != nil {
		out.Close()
		return err
	}
	return out.Close()
}

var downloadBuffers = sync.Pool{New: func() any { return bufio.NewWriterSize(nil, 64<<10) }}
