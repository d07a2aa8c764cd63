package load

import (
	"bytes"
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"strings"

	"github.com/pcmt/pcmt/internal/vntext"
)

var utf8BOM = []byte{0xEF, 0xBB, 0xBF}

// readText reads a text input file: it must be UTF-8; a byte-order mark
// (as Excel writes) is dropped, and the text is normalised to NFC so that
// names compare equal however they were typed.
func (l *loader) readText(rel string) (string, bool) {
	b, err := os.ReadFile(filepath.Join(l.root, filepath.FromSlash(rel)))
	if err != nil {
		if errors.Is(err, fs.ErrNotExist) {
			l.r.add(rel, 0, "", "file is missing")
		} else {
			l.r.add(rel, 0, "", "cannot read: %v", err)
		}
		return "", false
	}
	b = bytes.TrimPrefix(b, utf8BOM)
	if line, col, ok := vntext.ValidUTF8Text(b); !ok {
		l.r.addCol(rel, line, col, "", "not UTF-8 text: save the file as UTF-8")
		return "", false
	}
	if bytes.IndexByte(b, 0) >= 0 {
		l.r.add(rel, 0, "", "contains a NUL byte: not a text file")
		return "", false
	}
	return vntext.NFC(string(b)), true
}

var tableHeader = regexp.MustCompile(`^\s*\[\[\s*([A-Za-z0-9_.-]+)\s*\]\]`)

// tomlLines finds line numbers in TOML text for error messages, since the
// decoder does not keep key positions. lineOffset is added to every line
// (front matter starts below the file's first line).
type tomlLines struct {
	lines      []string
	lineOffset int
}

func newTOMLLines(text string, lineOffset int) tomlLines {
	return tomlLines{lines: strings.Split(text, "\n"), lineOffset: lineOffset}
}

// table returns the line of the i-th (0-based) [[name]] header, or 0.
func (t tomlLines) table(name string, i int) int {
	n := 0
	for ln, s := range t.lines {
		if m := tableHeader.FindStringSubmatch(s); m != nil && m[1] == name {
			if n == i {
				return ln + 1 + t.lineOffset
			}
			n++
		}
	}
	return 0
}

// key returns the line of `key =` inside the i-th [[name]] table (or at
// the top level when name is ""), falling back to the table's own line.
func (t tomlLines) key(name string, i int, key string) int {
	from := 0 // index of the first line to search
	if name != "" {
		h := t.table(name, i) - t.lineOffset
		if h <= 0 {
			return 0
		}
		from = h
	}
	re := regexp.MustCompile(`^\s*"?` + regexp.QuoteMeta(key) + `"?\s*=`)
	for ln := from; ln < len(t.lines); ln++ {
		if strings.HasPrefix(strings.TrimSpace(t.lines[ln]), "[") {
			break
		}
		if re.MatchString(t.lines[ln]) {
			return ln + 1 + t.lineOffset
		}
	}
	if name != "" {
		return from + t.lineOffset
	}
	return 0
}
