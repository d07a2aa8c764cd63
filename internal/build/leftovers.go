package build

import (
	"bufio"
	"os"
	"path/filepath"
	"strings"
)

// A build that is killed (power cut, SIGKILL, out of memory) cannot remove
// what it made: its staging site in the temporary folder and its
// half-written .public.new-* beside the destination. The published site is
// never touched (publish swaps it in one step), but the leftovers would
// pile up. So each build holds a lock file beside the destination,
// .<dest>.build-*, locked for as long as the process lives and listing
// every directory the build makes. The next build removes the directories
// of every lock file nobody holds any more: those builds are dead. A
// running build's files are never touched.

type claim struct {
	f *os.File // nil: nothing is recorded (Stage alone, or no locking here)
}

// newClaim removes dead builds' leftovers beside dest, then makes and locks
// this build's own lock file.
func newClaim(dest string) (*claim, error) {
	parent, base := filepath.Dir(dest), filepath.Base(dest)
	if err := os.MkdirAll(parent, 0o755); err != nil {
		return nil, err
	}
	cleanLeftovers(parent, base)
	f, err := os.CreateTemp(parent, "."+base+".build-")
	if err != nil {
		return nil, err
	}
	if !lockFile(f, true) {
		f.Close()
		os.Remove(f.Name())
		return &claim{}, nil
	}
	return &claim{f: f}, nil
}

// own records dir as this build's, before anything is written into it.
func (c *claim) own(dir string) error {
	if c == nil || c.f == nil {
		return nil
	}
	if _, err := c.f.WriteString(dir + "\n"); err != nil {
		return err
	}
	return c.f.Sync()
}

// release ends the build's claim: its directories are removed or
// published by then.
func (c *claim) release() {
	if c == nil || c.f == nil {
		return
	}
	os.Remove(c.f.Name())
	c.f.Close()
}

// cleanLeftovers removes what dead builds of dest left: the directories
// their lock files list (only where a build puts them), then the lock
// files.
func cleanLeftovers(parent, base string) {
	locks, _ := filepath.Glob(filepath.Join(parent, "."+base+".build-*"))
	for _, name := range locks {
		f, err := os.OpenFile(name, os.O_RDWR, 0)
		if err != nil {
			continue
		}
		if !lockFile(f, false) { // a running build holds it
			f.Close()
			continue
		}
		sc := bufio.NewScanner(f)
		for sc.Scan() {
			if dir := sc.Text(); ownedPath(dir, parent, base) {
				os.RemoveAll(dir)
			}
		}
		os.Remove(name)
		f.Close()
	}
}

// ownedPath reports whether dir is where a build of parent/base makes
// directories, so that a damaged lock file cannot make us remove anything
// else.
func ownedPath(dir, parent, base string) bool {
	if !filepath.IsAbs(dir) || filepath.Clean(dir) != dir {
		return false
	}
	name := filepath.Base(dir)
	switch filepath.Dir(dir) {
	case parent:
		return strings.HasPrefix(name, "."+base+".new-")
	case filepath.Clean(os.TempDir()):
		return strings.HasPrefix(name, "pcmt-site-")
	}
	return false
}
