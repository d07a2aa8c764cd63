package sitegen

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"time"

	"github.com/pcmt/pcmt/internal/splice"
	"github.com/spf13/afero"
)

// Into says where WriteInto puts what does not go into the staging folder
// as files.
type Into struct {
	// Public is the empty folder Hugo will render the site into, where
	// the downloads go straight ("": into the staging site's static/).
	Public string
	// Blocks, when set, gets the blocks of unit pages and their sub-pages,
	// the pages only their markers (viewPage): the site is then complete
	// only when render puts them back (render.Hugo with the same store).
	Blocks *splice.Store
	// Memory keeps the folders Hugo reads as the site's source, content/,
	// data/ and assets/, in memory instead of the staging folder: with the
	// blocks in a store, nationally ~20,000 files of ~60 MB in all, which
	// would cost more to create, read and delete than to hold. Only Hugo
	// in this process can read them, through the file system WriteInto
	// returns.
	Memory bool
}

// memoryFolders are the staging site's folders kept in memory (Into.Memory).
var memoryFolders = []string{"content", "data", "assets"}

// staging is the staging site being written.
type staging struct {
	dir    string
	mem    afero.Fs      // memoryFolders, or nil: all on disk
	blocks *splice.Store // nil: blocks in the pages
}

// inMemory reports whether path (under st.dir) is kept in memory.
func (st *staging) inMemory(path string) bool {
	if st.mem == nil {
		return false
	}
	rel, ok := strings.CutPrefix(path, st.dir+string(filepath.Separator))
	if !ok {
		return false
	}
	top, _, _ := strings.Cut(rel, string(filepath.Separator))
	return slices.Contains(memoryFolders, top)
}

// source is the site as Hugo reads it: the staging folder, with
// memoryFolders from memory.
func (st *staging) source() afero.Fs {
	if st.mem == nil {
		return afero.NewOsFs()
	}
	return &routeFs{st: st, disk: afero.NewOsFs()}
}

func (st *staging) writeFile(path string, b []byte) error {
	if !st.inMemory(path) {
		return writeFile(path, b)
	}
	if err := st.mem.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		return err
	}
	return afero.WriteFile(st.mem, path, b, 0o644)
}

// writePageFile is writeFile for a generated page (writePageFile).
func (st *staging) writePageFile(path string, b []byte) error {
	if !st.inMemory(path) {
		return writePageFile(path, b)
	}
	return st.writeFile(path, b)
}

func (st *staging) mkdirAll(path string) error {
	if !st.inMemory(path) {
		return os.MkdirAll(path, 0o755)
	}
	return st.mem.MkdirAll(path, 0o755)
}

// copyInto copies the file src (on disk) to dst, whose folder exists.
func (st *staging) copyInto(src, dst string) error {
	if !st.inMemory(dst) {
		return copyInto(src, dst)
	}
	b, err := os.ReadFile(src)
	if err != nil {
		return err
	}
	return afero.WriteFile(st.mem, dst, b, 0o644)
}

func (st *staging) copyFile(src, dst string) error {
	if err := st.mkdirAll(filepath.Dir(dst)); err != nil {
		return err
	}
	return st.copyInto(src, dst)
}

// copyTree copies the folder or file src (on disk) to dst.
func (st *staging) copyTree(src, dst string) error {
	return filepath.WalkDir(src, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(src, path)
		target := filepath.Join(dst, rel)
		switch {
		case d.IsDir():
			return st.mkdirAll(target)
		case d.Type().IsRegular():
			return st.copyFile(path, target) // src may be a file (config.toml)
		default:
			return nil // links and devices are not part of a site
		}
	})
}

// routeFs is the staging site for Hugo: memoryFolders from st.mem, the
// rest from disk. A name is an absolute path, as Hugo gives them.
type routeFs struct {
	st   *staging
	disk afero.Fs
}

func (r *routeFs) pick(name string) afero.Fs {
	if r.st.inMemory(filepath.Clean(name)) {
		return r.st.mem
	}
	return r.disk
}

func (r *routeFs) Name() string { return "pcmt staging site" }

func (r *routeFs) Create(name string) (afero.File, error) { return r.pick(name).Create(name) }
func (r *routeFs) Mkdir(name string, perm os.FileMode) error {
	return r.pick(name).Mkdir(name, perm)
}
func (r *routeFs) MkdirAll(path string, perm os.FileMode) error {
	return r.pick(path).MkdirAll(path, perm)
}
func (r *routeFs) Open(name string) (afero.File, error) { return r.pick(name).Open(name) }
func (r *routeFs) OpenFile(name string, flag int, perm os.FileMode) (afero.File, error) {
	return r.pick(name).OpenFile(name, flag, perm)
}
func (r *routeFs) Remove(name string) error              { return r.pick(name).Remove(name) }
func (r *routeFs) RemoveAll(path string) error           { return r.pick(path).RemoveAll(path) }
func (r *routeFs) Stat(name string) (os.FileInfo, error) { return r.pick(name).Stat(name) }
func (r *routeFs) Chmod(name string, mode os.FileMode) error {
	return r.pick(name).Chmod(name, mode)
}
func (r *routeFs) Chown(name string, uid, gid int) error {
	return r.pick(name).Chown(name, uid, gid)
}
func (r *routeFs) Chtimes(name string, atime, mtime time.Time) error {
	return r.pick(name).Chtimes(name, atime, mtime)
}

func (r *routeFs) Rename(oldname, newname string) error {
	from, to := r.pick(oldname), r.pick(newname)
	if from != to {
		return &os.LinkError{Op: "rename", Old: oldname, New: newname, Err: errCrossRoute}
	}
	return from.Rename(oldname, newname)
}

// LstatIfPossible is afero.Lstater's: Hugo asks it of a source file system.
func (r *routeFs) LstatIfPossible(name string) (os.FileInfo, bool, error) {
	if l, ok := r.pick(name).(afero.Lstater); ok {
		return l.LstatIfPossible(name)
	}
	fi, err := r.pick(name).Stat(name)
	return fi, false, err
}

var errCrossRoute = errors.New("a rename between memory and disk")
