package sitegen

import (
	"bytes"
	"errors"
	"io/fs"
	"os"
	"path/filepath"
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

// viewPage is a page's file: its front matter (a JSON object and a line
// break, as marshal writes it), then its view as the body.
func viewPage(front, view []byte) []byte {
	b := make([]byte, 0, len(front)+len(view)+64)
	return viewBody(append(b, front...), view)
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
