package splice

import (
	"errors"
	"os"
	"sync"

	"github.com/spf13/afero"
)

// NewFs returns base with every file written through it spliced by s: a
// file's bytes are kept until it is closed, then written with its blocks
// in place of their markers, in one write. It is Hugo's publish folder
// (internal/render), and Hugo writes each rendered file whole, with
// Create (helpers.OpenFileForWriting).
func NewFs(base afero.Fs, s *Store) afero.Fs { return splicingFs{Fs: base, store: s} }

type splicingFs struct {
	afero.Fs
	store *Store
}

func (s splicingFs) Create(name string) (afero.File, error) {
	f, err := s.Fs.Create(name)
	if err != nil {
		return nil, err
	}
	return &splicingFile{File: f, store: s.store, buf: getBuf()}, nil
}

func (s splicingFs) OpenFile(name string, flag int, perm os.FileMode) (afero.File, error) {
	f, err := s.Fs.OpenFile(name, flag, perm)
	if err != nil || flag&(os.O_WRONLY|os.O_RDWR) == 0 {
		return f, err
	}
	if flag&os.O_APPEND != 0 || flag&os.O_TRUNC == 0 && flag&os.O_EXCL == 0 {
		// Writing into a file that has bytes already: nothing Hugo's
		// publishing does, and what was there is not spliced.
		f.Close()
		return nil, errSplicedWrite
	}
	return &splicingFile{File: f, store: s.store, buf: getBuf()}, nil
}

var errSplicedWrite = errors.New("a spliced file can only be written whole")

// A splicingFile is written whole: Write and WriteString append to buf,
// Close splices and writes it.
type splicingFile struct {
	afero.File
	store *Store
	buf   *[]byte
}

func (f *splicingFile) Write(p []byte) (int, error) {
	*f.buf = append(*f.buf, p...)
	return len(p), nil
}

func (f *splicingFile) WriteString(s string) (int, error) {
	*f.buf = append(*f.buf, s...)
	return len(s), nil
}

func (f *splicingFile) WriteAt([]byte, int64) (int, error) { return 0, errSplicedWrite }
func (f *splicingFile) Seek(int64, int) (int64, error)     { return 0, errSplicedWrite }
func (f *splicingFile) Truncate(int64) error               { return errSplicedWrite }

func (f *splicingFile) Close() error {
	if f.buf == nil {
		return os.ErrClosed
	}
	out := getBuf()
	defer putBuf(out)
	var err error
	*out, err = f.store.Splice((*out)[:0], *f.buf)
	putBuf(f.buf)
	f.buf = nil
	if err == nil {
		_, err = f.File.Write(*out)
	}
	if cerr := f.File.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return &os.PathError{Op: "publish", Path: f.Name(), Err: err}
	}
	return nil
}

var bufPool = sync.Pool{New: func() any { return new([]byte) }}

func getBuf() *[]byte { b := bufPool.Get().(*[]byte); *b = (*b)[:0]; return b }

// putBuf keeps b for the next file unless it grew past what most pages
// need.
func putBuf(b *[]byte) {
	if cap(*b) <= 4<<20 {
		bufPool.Put(b)
	}
}
