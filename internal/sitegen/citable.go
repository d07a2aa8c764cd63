package sitegen

import (
	"bufio"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"github.com/pcmt/pcmt/internal/derive"
)

// writeCitable writes what derive/citable.go decided: the changelog page,
// the embed pages, the date of the newest change (data/pcmt/updated.json,
// for pages without figures of their own); downloadJobs write the
// downloads, which go under static/ so that Hugo publishes them byte for
// byte.
func writeCitable(s *derive.Site, repo, dir string) error {
	if s.Changelog != nil {
		if err := writePage(repo, dir, *s.Changelog, derive.ChangelogPath, "changelog"); err != nil {
			return err
		}
	}
	if len(s.Embeds) > 0 {
		// The section of embed pages is not a page, and its pages are in
		// no list: they exist to be framed by other sites.
		idx := []byte(`{"title": "Trang nhúng biểu đồ", "build": {"render": "never", "list": "never"}}` + "\n")
		if err := writeFile(filepath.Join(dir, "content", derive.EmbedDir, "_index.md"), idx); err != nil {
			return err
		}
	}
	for _, p := range s.Embeds {
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
		if err := writeFile(filepath.Join(dir, "content", filepath.FromSlash(p.Path)+".md"), append(b, '\n')); err != nil {
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
	if _, err := os.Stat(target); err == nil {
		return fmt.Errorf("static/%s: a file of the repository has the path of a generated download", f.Path)
	}
	if err := os.MkdirAll(filepath.Dir(target), 0o755); err != nil {
		return err
	}
	out, err := os.Create(target)
	if err != nil {
		return err
	}
	w := bufio.NewWriterSize(out, 64<<10)
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
