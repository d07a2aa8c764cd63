// Package splice carries the ready-made blocks of a page around Hugo.
//
// Most of a unit page's bytes are blocks of HTML and chart options made in
// Go (derive, sitegen) that the layouts only paste. Passed through Hugo as
// page content, nationally 1.8 GB of it, Hugo reads them from disk twice
// (its content cache holds 1 GB), splits and copies them in templates, and
// holds them in memory. Instead, `pcmt build` writes each block once into a
// Store and puts a short marker in its place in the page's source; Hugo
// renders the page with the markers, and as each rendered file is written
// (internal/render) Splice puts the blocks back. The published bytes are
// the same as when the blocks go through Hugo (TestSplicedSiteIsInline).
//
// A marker is an HTML comment naming the store (a random key, so that no
// other text of a page can be taken for one), and the block's offset and
// length in it: <!--pcmt:3f9c0a1b2d4e5f60:1234:567-->. NewFs is the file
// system that splices what is written through it.
package splice

import (
	"bytes"
	"crypto/rand"
	"encoding/hex"
	"fmt"
	"os"
	"slices"
	"strconv"
	"sync"
)

// A Store is a file of blocks, written while the staging site is made and
// read while Hugo publishes it. Append and Splice are safe for concurrent
// use; Splice sees the blocks appended before it began.
type Store struct {
	f      *os.File
	prefix []byte // "<!--pcmt:" key ":"

	mu   sync.Mutex
	size int64 // bytes reserved by Append
}

var markerEnd = []byte("-->")

// Create makes an empty store in the file path, which must not exist.
func Create(path string) (*Store, error) {
	f, err := os.OpenFile(path, os.O_RDWR|os.O_CREATE|os.O_EXCL, 0o600)
	if err != nil {
		return nil, err
	}
	var key [8]byte
	if _, err := rand.Read(key[:]); err != nil {
		f.Close()
		return nil, err
	}
	return &Store{f: f, prefix: []byte("<!--pcmt:" + hex.EncodeToString(key[:]) + ":")}, nil
}

// Close closes the store's file; the file itself is the caller's.
func (s *Store) Close() error {
	if s == nil {
		return nil
	}
	return s.f.Close()
}

// Append writes blocks, one after the other, to the store and returns
// where they start there: the block at blocks[i:j] is at off+i.
func (s *Store) Append(blocks []byte) (off int64, err error) {
	s.mu.Lock()
	off = s.size
	s.size += int64(len(blocks))
	s.mu.Unlock()
	if _, err := s.f.WriteAt(blocks, off); err != nil {
		return 0, fmt.Errorf("block store: %w", err)
	}
	return off, nil
}

// AppendMarker appends to dst the marker of the n bytes at off in the
// store. A marker is never needed for an empty block: the layouts test a
// block for being empty ("" is no block), so "" must stay "".
func (s *Store) AppendMarker(dst []byte, off int64, n int) []byte {
	dst = append(dst, s.prefix...)
	dst = strconv.AppendInt(dst, off, 10)
	dst = append(dst, ':')
	dst = strconv.AppendInt(dst, int64(n), 10)
	return append(dst, markerEnd...)
}

// A marker found in a page: where it is in the page and the block it
// names.
type marker struct {
	from, to int // page[from:to] is the marker
	off      int64
	n        int
}

// maxSpan is the most Splice reads in one go: a page's blocks are
// appended together, so they are read together, in one call instead of
// one a block (a unit page has dozens).
var maxSpan int64 = 64 << 20 // a var for the tests

// Splice appends page to dst with every marker of this store replaced by
// its block. A marker that names no block of the store is an error: the
// page would be published without part of itself.
func (s *Store) Splice(dst, page []byte) ([]byte, error) {
	s.mu.Lock()
	size := s.size
	s.mu.Unlock()
	var found []marker
	lo, hi := int64(-1), int64(0)
	for at := 0; ; {
		i := bytes.Index(page[at:], s.prefix)
		if i < 0 {
			break
		}
		from := at + i
		rest := page[from+len(s.prefix):]
		j := bytes.Index(rest, markerEnd)
		if j < 0 {
			return dst, fmt.Errorf("block marker at byte %d has no end", from)
		}
		m, ok := parseMarker(rest[:j])
		if !ok || m.off+int64(m.n) > size {
			return dst, fmt.Errorf("block marker at byte %d names no block of the store: %q", from, page[from:from+len(s.prefix)+j+len(markerEnd)])
		}
		m.from, m.to = from, from+len(s.prefix)+j+len(markerEnd)
		found = append(found, m)
		if lo < 0 || m.off < lo {
			lo = m.off
		}
		hi = max(hi, m.off+int64(m.n))
		at = m.to
	}
	if len(found) == 0 {
		return append(dst, page...), nil
	}
	var span []byte // the store from lo to hi, when that is not too much
	if hi-lo <= maxSpan {
		buf := spanPool.Get().(*[]byte)
		span = grow((*buf)[:0], int(hi-lo))
		defer func() {
			if cap(span) <= 8<<20 { // a rare huge page's span is not kept
				*buf = span
				spanPool.Put(buf)
			}
		}()
		if _, err := s.f.ReadAt(span, lo); err != nil {
			return dst, fmt.Errorf("block store: %w", err)
		}
	}
	at := 0
	for _, m := range found {
		dst = append(dst, page[at:m.from]...)
		if span != nil {
			dst = append(dst, span[m.off-lo:m.off-lo+int64(m.n)]...)
		} else {
			start := len(dst)
			dst = grow(dst, m.n)
			if _, err := s.f.ReadAt(dst[start:], m.off); err != nil {
				return dst, fmt.Errorf("block store: %w", err)
			}
		}
		at = m.to
	}
	return append(dst, page[at:]...), nil
}

var spanPool = sync.Pool{New: func() any { return new([]byte) }}

// grow returns b extended by n bytes (their values unset).
func grow(b []byte, n int) []byte { return slices.Grow(b, n)[:len(b)+n] }

// parseMarker reads "off:n", two decimal numbers.
func parseMarker(b []byte) (marker, bool) {
	i := bytes.IndexByte(b, ':')
	if i < 0 {
		return marker{}, false
	}
	off, err1 := strconv.ParseInt(string(b[:i]), 10, 64)
	n, err2 := strconv.ParseInt(string(b[i+1:]), 10, 32)
	if err1 != nil || err2 != nil || off < 0 || n < 0 {
		return marker{}, false
	}
	return marker{off: off, n: int(n)}, true
}
