package load

import (
	"bytes"
	"fmt"
	"net/url"
	"os"
	"path"
	"path/filepath"
	"strings"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/extension"
	"github.com/yuin/goldmark/text"

	"github.com/pcmt/pcmt/internal/privacy"
)

// MaxImageBytes is the largest image a commune page may show (1 MiB): a
// photo resized for the web; the editor refuses bigger uploads too.
const MaxImageBytes = 1 << 20

// imageTypes are the image files a commune page may show.
var imageTypes = map[string]bool{".jpg": true, ".jpeg": true, ".png": true, ".webp": true}

// refusedSchemes run code or carry content inline; a commune page may
// link only to pages (http, https, the site's own paths), mail and phone.
var refusedSchemes = map[string]bool{"javascript": true, "data": true, "vbscript": true, "file": true, "blob": true}

// bodyStart returns the body of a page (after the front matter) and the
// number of lines before it.
func bodyStart(text string, frontOffset int) (string, int) {
	front, _, ok := splitFrontMatter(text)
	if !ok {
		return text, 0
	}
	// front starts after the first +++ line and ends before the closing one.
	rest := text[strings.Index(text, "\n")+1+len(front):]
	nl := strings.Index(rest, "\n")
	if nl < 0 {
		return "", strings.Count(text, "\n") + 1
	}
	body := rest[nl+1:]
	return body, strings.Count(text[:len(text)-len(body)], "\n")
}

// checkPublishable checks what a commune may publish in a page body:
// Markdown only (no raw HTML), no javascript:/data: links, local images
// under the size limit, only the site's figure shortcodes, and nothing
// that looks like a person's data.
func (l *loader) checkPublishable(rel, page string, frontOffset int) {
	body, before := bodyStart(page, frontOffset)
	lineAt := func(off int) int { return before + 1 + strings.Count(body[:min(off, len(body))], "\n") }

	// Shortcode calls are Hugo's, not Markdown: blank them (keeping
	// offsets) before goldmark reads the text, and allow only ours.
	src := []byte(body)
	for _, c := range findShortcodes(body) {
		if !c.closing && !c.comment && !allowedShortcodes[c.name] {
			l.r.add(rel, lineAt(c.start), "", "shortcode %q is not allowed on a commune page: use %s", c.name, allowedList())
		}
		for i := c.start; i < c.end; i++ {
			if src[i] != '\n' {
				src[i] = ' '
			}
		}
	}

	md := goldmark.New(goldmark.WithExtensions(extension.Table, extension.Strikethrough))
	doc := md.Parser().Parse(text.NewReader(src))
	_ = ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		switch n := n.(type) {
		case *ast.HTMLBlock:
			off := 0
			if n.Lines().Len() > 0 {
				off = n.Lines().At(0).Start
			}
			l.r.add(rel, lineAt(off), "", "raw HTML is not allowed on a commune page (%s): write Markdown", firstTag(src, n.Lines()))
		case *ast.RawHTML:
			off := 0
			if n.Segments.Len() > 0 {
				off = n.Segments.At(0).Start
			}
			l.r.add(rel, lineAt(off), "", "raw HTML is not allowed on a commune page (%s): write Markdown", firstTag(src, n.Segments))
		case *ast.Link:
			l.checkLink(rel, lineAt(inlineOffset(n)), string(n.Destination))
		case *ast.AutoLink:
			l.checkLink(rel, lineAt(inlineOffset(n)), string(n.URL(src)))
		case *ast.Image:
			l.checkImage(rel, lineAt(inlineOffset(n)), string(n.Destination))
		}
		return ast.WalkContinue, nil
	})

	for _, f := range scanPersonalData(body) {
		l.r.addCol(rel, before+f.line, f.col, "", "%s", f.msg)
	}
}

type personalFinding struct {
	line, col int
	msg       string
}

func (f personalFinding) String() string { return f.msg }

func scanPersonalData(s string) []personalFinding {
	var out []personalFinding
	for _, f := range privacy.Scan(s) {
		out = append(out, personalFinding{f.Line, f.Col, f.Message()})
	}
	return out
}

func (l *loader) checkLink(rel string, line int, dest string) {
	if scheme := urlScheme(dest); refusedSchemes[scheme] {
		l.r.add(rel, line, "", "link to %q refused: %s: links are not allowed; link to a page (https://… or /…)", shorten(dest, 60), scheme)
	}
}

func (l *loader) checkImage(rel string, line int, dest string) {
	scheme := urlScheme(dest)
	switch {
	case refusedSchemes[scheme]:
		l.r.add(rel, line, "", "image %q refused: %s: images are not allowed; put the image in static/images/ and write its path (/images/…)", shorten(dest, 60), scheme)
		return
	case scheme != "" || strings.HasPrefix(dest, "//"):
		l.r.add(rel, line, "", "image %q is not on this site: the site loads nothing from elsewhere; put the image in static/images/ and write its path (/images/…)", shorten(dest, 60))
		return
	case !strings.HasPrefix(dest, "/"):
		l.r.add(rel, line, "", "image %q: write the image's path from the site root, like /images/xa/anh.jpg", dest)
		return
	}
	p, err := url.PathUnescape(strings.SplitN(dest, "?", 2)[0])
	if err != nil || strings.Contains(p, "..") {
		l.r.add(rel, line, "", "image %q: not a plain path under static/", dest)
		return
	}
	if !imageTypes[strings.ToLower(path.Ext(p))] {
		l.r.add(rel, line, "", "image %q: use a JPEG, PNG or WebP file", dest)
		return
	}
	fi, err := os.Stat(filepath.Join(l.root, "static", filepath.FromSlash(p)))
	switch {
	case err != nil:
		l.r.add(rel, line, "", "image %q: no file static%s", dest, p)
	case fi.Size() > MaxImageBytes:
		l.r.add(rel, line, "", "image %q is %s; the limit is %s: make it smaller (1600 px wide is plenty)", dest, byteSize(fi.Size()), byteSize(MaxImageBytes))
	}
}

// urlScheme returns the lower-case scheme of a link, reading it the way a
// browser does (spaces and control characters inside are ignored).
func urlScheme(dest string) string {
	var b strings.Builder
	for _, r := range dest {
		if r <= ' ' || r == 0x7f {
			continue
		}
		if r == ':' {
			return strings.ToLower(b.String())
		}
		if !(r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || r == '+' || r == '-' || r == '.') {
			return ""
		}
		b.WriteRune(r)
	}
	return ""
}

// inlineOffset is where an inline node starts: its first text, or its
// paragraph.
func inlineOffset(n ast.Node) int {
	var off = -1
	_ = ast.Walk(n, func(c ast.Node, entering bool) (ast.WalkStatus, error) {
		if t, ok := c.(*ast.Text); ok && entering {
			off = t.Segment.Start
			return ast.WalkStop, nil
		}
		return ast.WalkContinue, nil
	})
	if off >= 0 {
		return off
	}
	for p := n.Parent(); p != nil; p = p.Parent() {
		if p.Type() == ast.TypeBlock && p.Lines().Len() > 0 {
			return p.Lines().At(0).Start
		}
	}
	return 0
}

func firstTag(src []byte, segs *text.Segments) string {
	if segs == nil || segs.Len() == 0 {
		return "HTML"
	}
	seg := segs.At(0)
	s := seg.Value(src)
	s = bytes.TrimSpace(s)
	if i := bytes.IndexByte(s, '>'); i >= 0 {
		s = s[:i+1]
	}
	return shorten(string(s), 40)
}

func shorten(s string, n int) string {
	r := []rune(s)
	if len(r) <= n {
		return s
	}
	return string(r[:n]) + "…"
}

func byteSize(n int64) string {
	switch {
	case n >= 1<<20:
		return fmt.Sprintf("%.1f MiB", float64(n)/(1<<20))
	case n >= 1<<10:
		return fmt.Sprintf("%d KiB", n>>10)
	}
	return fmt.Sprintf("%d bytes", n)
}
