package build

import (
	"bytes"
	"io/fs"
	"os"
	"path/filepath"
)

// syncTree makes dst hold the files of src: changed and new files are
// written, files gone from src are removed. Hugo's own files in dst
// (caches, lock) are kept.
func syncTree(src, dst string) error {
	want := map[string]bool{}
	err := filepath.WalkDir(src, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		rel, _ := filepath.Rel(src, p)
		want[rel] = true
		b, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		target := filepath.Join(dst, rel)
		if old, err := os.ReadFile(target); err == nil && bytes.Equal(old, b) {
			return nil
		}
		if err := os.MkdirAll(filepath.Dir(target), 0o755); err != nil {
			return err
		}
		return os.WriteFile(target, b, 0o644)
	})
	if err != nil {
		return err
	}
	return filepath.WalkDir(dst, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(dst, p)
		if rel == ".cache" || rel == "resources" || rel == "public" || rel == ".hugo_build.lock" {
			if d.IsDir() {
				return filepath.SkipDir
			}
			return nil
		}
		if !d.IsDir() && !want[rel] {
			return os.Remove(p)
		}
		return nil
	})
}
