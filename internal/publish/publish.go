// Package publish puts a finished build in place of the published site
// without a moment where readers see half of either.
package publish

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
)

// NewDir makes an empty directory beside dest (same file system, so the
// final swap is a rename) for a build to write into.
func NewDir(dest string) (string, error) {
	parent := filepath.Dir(dest)
	if err := os.MkdirAll(parent, 0o755); err != nil {
		return "", err
	}
	return os.MkdirTemp(parent, "."+filepath.Base(dest)+".new-")
}

// Replace makes built the content of dest. Where dest exists the two are
// exchanged in one atomic step (renameat2 RENAME_EXCHANGE) and the old
// site is then removed; a process killed at any point leaves dest either
// the old site or the new one, whole.
func Replace(built, dest string) error {
	info, err := os.Lstat(dest)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return os.Rename(built, dest)
	case err != nil:
		return err
	case !info.IsDir():
		return fmt.Errorf("%s: exists and is not a directory; not replacing it", dest)
	}
	if err := exchange(built, dest); err != nil {
		return fmt.Errorf("publish %s: %w", dest, err)
	}
	// built now holds the old site.
	return RemoveTree(built)
}
