package sitegen

import (
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"sync"

	"github.com/pcmt/pcmt/internal/splice"
)

// A unit page and a unit's sub-page are one file each: JSON front matter
// with the few fields other pages read, then the whole view, as JSON, for
// the page's body, then the texts the view refers to by number (figure
// tables, chart options, rows: pageBlocks). The layouts split the body,
// read the view with `transform.Unmarshal` and never render it as
// Markdown.
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

// blockSeparator goes before each block of a page's body after its view;
// layouts/unit.html and unit-part.html split the body on it. The view
// holds no "<!--" (viewBody) and neither does a block (pageBlocks.seal).
const blockSeparator = "\n<!--pcmt:html-->\n"

// viewPage is a page's file: its front matter (a JSON object and a line
// break, as marshal writes it), then its view as the body, then its
// blocks, each after blockSeparator. The file is appended to dst (a
// reused buffer, pageBuffers). With a store, the blocks go there and
// each is its marker in the file (internal/splice; an empty block stays
// empty).
func viewPage(dst, front, view []byte, blocks *pageBlocks, store *splice.Store) ([]byte, error) {
	n := len(front) + len(view) + 64
	if blocks != nil {
		if blocks.err != nil {
			return nil, blocks.err
		}
		n += len(blocks.ends) * (len(blockSeparator) + 48)
		if store == nil {
			n += len(blocks.buf)
		}
	}
	if cap(dst)-len(dst) < n {
		dst = append(make([]byte, 0, len(dst)+n), dst...)
	}
	b := viewBody(append(dst, front...), view)
	if blocks == nil {
		return b, nil
	}
	var off int64
	if store != nil {
		var err error
		if off, err = store.Append(blocks.buf); err != nil {
			return nil, err
		}
	}
	start := 0
	for _, end := range blocks.ends {
		b = append(b, blockSeparator...)
		switch {
		case store == nil:
			b = append(b, blocks.buf[start:end]...)
		case end > start:
			b = store.AppendMarker(b, off+int64(start), end-start)
		}
		start = end
	}
	return b, nil
}

// pageBlocks are what a unit page's or sub-page's view leaves to its
// body's blocks, in the order the view names them by number: its figure
// tables (derive/grouphtml.go: the unit's own, then each place's), then
// each chart's option and its table's rows, then the reform's
// predecessors and sums (viewjson.go). They are most of the page's bytes,
// and as text after the JSON Hugo neither decodes them from JSON strings
// nor does pcmt escape them into JSON. Each block is made ready for
// Hugo's page lexer as it is added (seal). Kept in a pool: tens of KB a
// page, grown anew for every page they were a tenth of sitegen's garbage.
type pageBlocks struct {
	buf  []byte // the blocks, one after the other
	ends []int  // where each ends in buf
	err  error  // the first block that could not be made safe
}

var blockPool = sync.Pool{New: func() any { return new(pageBlocks) }}

// newPageBlocks starts a page's blocks with its figure tables, which
// appendTables appends (AppendGroupsHTML; nil: none).
func newPageBlocks(appendTables func([]byte) ([]byte, []int)) *pageBlocks {
	p := blockPool.Get().(*pageBlocks)
	p.buf, p.ends, p.err = p.buf[:0], p.ends[:0], nil
	if appendTables == nil {
		return p
	}
	all, ends := appendTables(p.buf)
	if !bytes.Contains(all, shortcodeOpen) && !bytes.Contains(all, commentOpen) {
		p.buf, p.ends = all, append(p.ends, ends...)
		return p
	}
	raw := bytes.Clone(all) // a figure's text holds {{: rare
	p.buf = all[:0]
	start := 0
	for _, end := range ends {
		from := len(p.buf)
		p.buf = append(p.buf, raw[start:end]...)
		p.seal(from, escapedBraceHTML)
		start = end
	}
	return p
}

// html adds the block of HTML appendHTML appends (a table's rows, derive
// escapes every < of a text), and returns its number.
func (p *pageBlocks) html(appendHTML func([]byte) []byte) int {
	start := len(p.buf)
	p.buf = appendHTML(p.buf)
	return p.seal(start, escapedBraceHTML)
}

// json adds a block of JSON text and returns its number: a chart's
// option, compact, with < > & escaped (derive.ChartOption), so that a {{
// can only be in one of its strings.
func (p *pageBlocks) json(text []byte) int {
	start := len(p.buf)
	p.buf = append(p.buf, text...)
	return p.seal(start, escapedBrace)
}

// seal ends the block that starts at start in p.buf, with the second { of
// every {{ as brace, which is that character where the block is read (a
// character reference in HTML text, \u007b in a JSON string), so that
// Hugo's page lexer finds no shortcode; a block holding <!-- (which the
// separator or the summary divider could be taken for) is an error.
func (p *pageBlocks) seal(start int, brace []byte) int {
	b := p.buf[start:]
	if bytes.Contains(b, commentOpen) && p.err == nil {
		p.err = fmt.Errorf("block %d of the page's body holds an HTML comment", len(p.ends)) // derive escapes every < of a text
	}
	if bytes.Contains(b, shortcodeOpen) {
		p.buf = appendEscaped(p.buf[:start], bytes.Clone(b), brace)
	}
	p.ends = append(p.ends, len(p.buf))
	return len(p.ends) - 1
}

// put gives p back for the next page; its blocks may not be used after.
func (p *pageBlocks) put() {
	if cap(p.buf) <= 8<<20 {
		blockPool.Put(p)
	}
}

// escapedBraceHTML is `{` as a character reference: what a browser reads
// as the same character.
var escapedBraceHTML = []byte("&#123;")

// appendEscaped appends text with the second `{` of every `{{` as brace
// (`{{%` in a figure's text; `{{<` in HTML text is `{{&lt;`, but a text
// ending in `{{` is followed by markup).
func appendEscaped(dst, text, brace []byte) []byte {
	for {
		i := bytes.Index(text, shortcodeOpen)
		if i < 0 {
			return append(dst, text...)
		}
		dst = append(append(dst, text[:i+1]...), brace...)
		text = text[i+2:]
	}
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
