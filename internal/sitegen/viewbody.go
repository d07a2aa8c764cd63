package sitegen

import (
	"bytes"
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"sync"

	"github.com/pcmt/pcmt/internal/derive"
)

// A unit page and a unit's sub-page are one file each: JSON front matter
// with the few fields other pages read, then the whole view, as JSON, for
// the page's body. The layouts read the body with
// `.RawContent | transform.Unmarshal` and never render it as Markdown.
// One file instead of a leaf bundle (a directory, index.md, view.json):
// creating files and directories is most of sitegen's cost nationally
// (bench/README.md).

var (
	shortcodeOpen = []byte("{{")   // Hugo's shortcode delimiters {{< and {{%
	commentOpen   = []byte("<!--") // the summary divider <!--more-->
	escapedBrace  = []byte(`\u007b`)
	escapedLess   = []byte(`\u003c`)
)

// viewBody appends view, compact JSON, to dst in a form Hugo's page lexer
// reads as plain text (hugo parser/pageparser: it looks for `{{` and
// `<!--more-->` in every page's body when it loads the page): the second
// `{` of a `{{` becomes \u007b and the `<` of a `<!--` \u003c. Both can
// only be inside JSON strings (in JSON's structure `{` is followed by `"`
// or `}`, and `<` is not a token), where the escapes are the same
// characters, so the body decodes to the same value.
func viewBody(dst, view []byte) []byte {
	// i and j: the next {{ and <!-- in view, -1 when there is none; each
	// is searched for again only once passed, so a body is read once.
	i, j := bytes.Index(view, shortcodeOpen), bytes.Index(view, commentOpen)
	for i >= 0 || j >= 0 {
		var n int // bytes of view done
		if i >= 0 && (j < 0 || i < j) {
			dst = append(append(dst, view[:i+1]...), escapedBrace...)
			n = i + 2
		} else {
			dst = append(append(dst, view[:j]...), escapedLess...)
			n = j + 1
		}
		view = view[n:]
		i, j = next(view, shortcodeOpen, i, n), next(view, commentOpen, j, n)
	}
	return append(dst, view...)
}

// next is where sep is in view after n bytes were cut from its front,
// given at was where it was before (-1: nowhere).
func next(view, sep []byte, at, n int) int {
	switch {
	case at < 0:
		return -1
	case at >= n:
		return at - n
	}
	return bytes.Index(view, sep)
}

// tableSeparator goes before each of a page's figure tables in its body;
// layouts/unit.html and unit-part.html split the body on it. The view
// holds no "<!--" (viewBody) and neither does a table (appendTable).
const tableSeparator = "\n<!--pcmt:html-->\n"

// viewPage is a page's file: its front matter (a JSON object and a line
// break, as marshal writes it), then its view as the body, then its figure
// tables (derive/grouphtml.go), each after tableSeparator. The tables are
// most of a unit page's bytes: as HTML after the JSON, Hugo neither
// decodes them from JSON strings nor lays them out in templates. The file
// is appended to dst (a reused buffer, pageBuffers).
func viewPage(dst, front, view []byte, tables ...[]byte) ([]byte, error) {
	n := len(front) + len(view) + 64
	for _, t := range tables {
		n += len(tableSeparator) + len(t) + 64
	}
	if cap(dst)-len(dst) < n {
		dst = append(make([]byte, 0, len(dst)+n), dst...)
	}
	b := viewBody(append(dst, front...), view)
	for _, t := range tables {
		if bytes.Contains(t, commentOpen) {
			return nil, errors.New("a figure table holds an HTML comment") // derive escapes every < of a text
		}
		b = appendTable(append(b, tableSeparator...), t)
	}
	return b, nil
}

// escapedBraceHTML is `{` as a character reference: what a browser reads
// as the same character.
var escapedBraceHTML = []byte("&#123;")

// appendTable appends a table's HTML with the second `{` of every `{{` as
// &#123;, so that Hugo's page lexer finds no shortcode (`{{%` in a figure's
// text; `{{<` cannot be there, a text's < is &lt;).
func appendTable(dst, table []byte) []byte {
	for {
		i := bytes.Index(table, shortcodeOpen)
		if i < 0 {
			return append(dst, table...)
		}
		dst = append(append(dst, table[:i+1]...), escapedBraceHTML...)
		table = table[i+2:]
	}
}

// tableBuffers hold the figure tables of the page being written (tens of
// KB; grown anew for every page, they were a tenth of sitegen's garbage).
var tableBuffers = sync.Pool{New: func() any { return new([]byte) }}

// groupsHTML makes a page's figure tables in a buffer of tableBuffers
// and returns them, and a func to call when they are written.
func groupsHTML(appendTables func([]byte) ([]byte, []int)) (tables [][]byte, done func()) {
	buf := tableBuffers.Get().(*[]byte)
	all, ends := appendTables((*buf)[:0])
	start := 0
	for _, end := range ends {
		tables = append(tables, all[start:end])
		start = end
	}
	return tables, func() {
		if cap(all) <= 8<<20 {
			*buf = all[:0]
			tableBuffers.Put(buf)
		}
	}
}

// withoutRows are the groups with their rows left out: a page's rows are
// in its figure tables.
func withoutRows(groups []derive.IndicatorGroup) []derive.IndicatorGroup {
	if groups == nil {
		return nil
	}
	out := make([]derive.IndicatorGroup, len(groups))
	for i, g := range groups {
		g.Rows = nil
		out[i] = g
	}
	return out
}

// writePageFile writes a generated page's file, making its folder only
// when it is missing: a stat less per page than writeFile (nationally
// there are 20,000 pages, and every file-system call is dear).
func writePageFile(path string, b []byte) error {
	err := os.WriteFile(path, b, 0o644)
	if !errors.Is(err, fs.ErrNotExist) {
		return err
	}
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		return err
	}
	return os.WriteFile(path, b, 0o644)
}
