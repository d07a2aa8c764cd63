// Package csvenc writes CSV exactly as encoding/csv's Writer does with
// Comma ',' and UseCRLF (RFC 4180, the dialect of every CSV the site
// publishes), appending to one reused buffer: encoding/csv makes one
// buffered call per field and separator, and its callers a []string per
// record, which was most of the cost of writing gigabytes of downloads.
package csvenc

import (
	"errors"
	"io"
	"sync"
	"unicode"
	"unicode/utf8"

	"github.com/pcmt/pcmt/internal/swar"
)

// AppendField appends s as one field, quoted only when encoding/csv
// quotes it: empty never; `\.`, a comma, a quote, CR or LF, or a leading
// space (unicode.IsSpace) always. Inside quotes a quote is doubled, LF is
// written CRLF and a CR is dropped (as encoding/csv does with UseCRLF).
func AppendField[T ~string | ~[]byte](b []byte, s T) []byte {
	if !needsQuotes(s) {
		return append(b, s...)
	}
	b = append(b, '"')
	start := 0
	for i := 0; i < len(s); i++ {
		switch s[i] {
		case '"':
			b = append(append(b, s[start:i]...), '"', '"')
		case '\r':
			b = append(b, s[start:i]...)
		case '\n':
			b = append(append(b, s[start:i]...), '\r', '\n')
		default:
			continue
		}
		start = i + 1
	}
	b = append(b, s[start:]...)
	return append(b, '"')
}

func needsQuotes[T ~string | ~[]byte](s T) bool {
	if len(s) == 0 {
		return false
	}
	if len(s) == 2 && s[0] == '\\' && s[1] == '.' {
		return true
	}
	i := 0
	for ; i+8 <= len(s); i += 8 { // eight bytes at a time: most cells are text
		x := swar.Load(s, i)
		if (swar.Has(x, '\n')|swar.Has(x, '\r')|swar.Has(x, '"')|swar.Has(x, ','))&swar.High != 0 {
			return true
		}
	}
	for ; i < len(s); i++ {
		if special[s[i]] {
			return true
		}
	}
	if c := s[0]; c < utf8.RuneSelf {
		return asciiSpace[c]
	}
	r, _ := utf8.DecodeRuneInString(string(s[:min(len(s), utf8.UTFMax)]))
	return unicode.IsSpace(r)
}

// special: the bytes that make a field quoted.
var special = [256]bool{'\n': true, '\r': true, '"': true, ',': true}

// asciiSpace: the ASCII characters unicode.IsSpace accepts.
var asciiSpace = [utf8.RuneSelf]bool{'\t': true, '\n': true, '\v': true, '\f': true, '\r': true, ' ': true}

// AppendRecord appends fields as one record, CRLF-terminated.
func AppendRecord(b []byte, fields []string) []byte {
	for i, f := range fields {
		if i > 0 {
			b = append(b, ',')
		}
		b = AppendField(b, f)
	}
	return append(b, '\r', '\n')
}

// Writer writes records to w through one buffer, in pieces of about
// 64 KB. Write the fields of a record with Field (or Encoded), end it with
// End, and Flush at the end; the first error is kept and returned by
// Flush.
type Writer struct {
	w     io.Writer
	b     []byte
	first bool // no field yet in this record
	err   error
}

const flushAt = 60 << 10

// buffers are the Writers' buffers, reused from file to file: a site
// writes tens of thousands of files.
var buffers = sync.Pool{New: func() any { b := make([]byte, 0, 64<<10); return &b }}

// NewWriter writes to w. Close it when done.
func NewWriter(w io.Writer) *Writer {
	return &Writer{w: w, b: (*buffers.Get().(*[]byte))[:0], first: true}
}

func (w *Writer) sep() {
	if !w.first {
		w.b = append(w.b, ',')
	}
	w.first = false
}

// Field writes one field.
func (w *Writer) Field(s string) {
	w.sep()
	w.b = AppendField(w.b, s)
}

// FieldBytes writes one field given as bytes (a number formatted into a
// scratch buffer).
func (w *Writer) FieldBytes(s []byte) {
	w.sep()
	w.b = AppendField(w.b, s)
}

// Encoded writes fields already encoded by AppendField and joined by
// commas: what many records repeat, encoded once.
func (w *Writer) Encoded(fields []byte) {
	w.sep()
	w.b = append(w.b, fields...)
}

// Raw writes p as it is, outside any field (a byte-order mark).
func (w *Writer) Raw(p []byte) {
	w.b = append(w.b, p...)
}

// Record writes fields as one record.
func (w *Writer) Record(fields []string) {
	w.b = AppendRecord(w.b, fields)
	w.first = true
	w.flushIfFull()
}

// End ends the record.
func (w *Writer) End() {
	w.b = append(w.b, '\r', '\n')
	w.first = true
	w.flushIfFull()
}

func (w *Writer) flushIfFull() {
	if len(w.b) >= flushAt {
		w.flush()
	}
}

func (w *Writer) flush() {
	if w.err == nil && len(w.b) > 0 {
		_, w.err = w.w.Write(w.b)
	}
	w.b = w.b[:0]
}

// Flush writes what is buffered and returns the first error writing.
func (w *Writer) Flush() error {
	w.flush()
	return w.err
}

// Close flushes w and gives its buffer back for the next Writer; w must
// not be used after.
func (w *Writer) Close() error {
	err := w.Flush()
	if cap(w.b) <= 256<<10 { // not one grown by a huge record
		b := w.b[:0]
		buffers.Put(&b)
	}
	w.b, w.err = nil, errClosed
	return err
}

var errClosed = errors.New("csvenc: write to a closed Writer")
