package derive

import (
	"strings"
	"sync"

	"github.com/pcmt/pcmt/internal/jsontext"
	"github.com/pcmt/pcmt/internal/model"
)

// GroupRows are the figure rows of one IndicatorGroup on a unit page, as
// HTML: a province or commune page has hundreds of rows, and laying out
// each row from arrays in Hugo's templates took half of Hugo's time (~30 µs
// a row, bench/README.md). The table around them is grouphtml.go's; both
// were layouts/_partials/group.html. One row, on one line (" value--missing", the value cell's
// notes, the correction and the evidence only when the row has them):
//
//	<tr id="ANCHOR"><th scope="row"><a href="#ANCHOR">PERIOD_LABEL</a></th><td><span class="kind kind--KIND">KIND_LABEL</span></td><td class="value value--missing"><b>VALUE_TEXT</b><span class="value__note">NOTE</span><span class="value__note value__note--discrepancy">DISCREPANCY</span><a class="value__corrected" href="CORRECTED_URL">CORRECTED_TEXT</a></td><td>PROGRESS</td><td><a href="SOURCE_URL">SOURCE_CITE</a><blockquote class="evidence">EVIDENCE</blockquote></td></tr>
//
// Each row starts with a newline. Texts and attributes are escaped exactly
// as Hugo's html/template escapes them there (htmlEscaper, urlFilter +
// urlNormalizer, urlEscaper after '#'), so the pages are the same bytes as
// when the template wrote the rows (TestGroupRowsHTML, FuzzGroupRowsHTML).
//
// A row is its figure: its FigureRow is made when the row is written and
// dropped after, not kept in the view until the page is written (every
// row of every page, 900 MB of garbage nationally).
type GroupRows []GroupRow

// GroupRow is one row of a group: a figure, whose row is figureRow's, or
// a row given as it is (RowsOf).
type GroupRow struct {
	d     *deriver
	f     *model.Figure
	given *FigureRow
}

// groupRows are the rows of figs.
func (d *deriver) groupRows(figs []*model.Figure) GroupRows {
	rs := make(GroupRows, len(figs))
	for i, f := range figs {
		rs[i] = GroupRow{d: d, f: f}
	}
	return rs
}

// RowsOf are the rows given.
func RowsOf(rows ...FigureRow) GroupRows {
	rs := make(GroupRows, len(rows))
	for i := range rows {
		rs[i] = GroupRow{given: &rows[i]}
	}
	return rs
}

// Row is the row as the page shows it.
func (r GroupRow) Row() FigureRow {
	if r.f == nil {
		if r.given == nil {
			return FigureRow{}
		}
		return *r.given
	}
	return r.d.figureRow(r.f)
}

// Source is the row's source, as Row has it, without making the row.
func (r GroupRow) Source() Link {
	if r.f == nil {
		return r.Row().Source
	}
	src := r.d.ds.Sources[r.f.Source]
	return Link{Name: src.Title, URL: r.d.sourceText(src).url}
}

// Rows are the rows as the page shows them, made now.
func (rs GroupRows) Rows() Rows {
	out := make(Rows, len(rs))
	for i, r := range rs {
		out[i] = r.Row()
	}
	return out
}

// MarshalJSON writes the rows' HTML as a JSON string; no rows encode as
// null. A unit page's rows reach Hugo as HTML blocks in its body
// (internal/sitegen/viewbody.go), not in its JSON; this encodes rows for
// anything else that marshals a view. The HTML is made in a reused buffer
// and escaped into the result, not copied twice more.
func (rs GroupRows) MarshalJSON() ([]byte, error) {
	if len(rs) == 0 {
		return []byte("null"), nil
	}
	b := make([]byte, 0, 576*len(rs))
	buf := rowsHTML.Get().(*[]byte)
	h := rs.appendHTML((*buf)[:0])
	b = jsontext.AppendString(b, h) // unitjson.go
	putRowsHTML(buf, h)
	return b, nil
}

// rowsHTML are buffers for the rows' HTML, tens of KB a group.
var rowsHTML = sync.Pool{New: func() any { return new([]byte) }}

// HTML is the rows' markup, as a unit page shows it (grouphtml.go).
func (rs GroupRows) HTML() string {
	return string(rs.appendHTML(nil))
}

func (rs GroupRows) appendHTML(b []byte) []byte {
	for _, gr := range rs {
		if gr.f == nil {
			if gr.given != nil {
				b = appendRowHTML(b, gr.given)
			}
			continue
		}
		r := gr.d.figureRow(gr.f)
		b = appendRowHTML(b, &r)
	}
	return b
}

// appendRowHTML appends one row's markup.
func appendRowHTML(b []byte, r *FigureRow) []byte {
	b = append(b, "\n<tr id=\""...)
	b = appendHTMLText(b, r.Anchor)
	b = append(b, "\"><th scope=\"row\"><a href=\"#"...)
	b = appendURLPart(b, r.Anchor)
	b = append(b, "\">"...)
	b = appendHTMLText(b, r.PeriodLabel)
	b = append(b, "</a></th><td><span class=\"kind kind--"...)
	b = appendHTMLText(b, r.Kind)
	b = append(b, "\">"...)
	b = appendHTMLText(b, r.KindLabel)
	b = append(b, "</span></td><td class=\"value"...)
	if r.Missing {
		b = append(b, " value--missing"...)
	}
	b = append(b, "\"><b>"...)
	b = appendHTMLText(b, r.ValueText)
	b = append(b, "</b>"...)
	if r.Note != "" {
		b = append(b, "<span class=\"value__note\">"...)
		b = appendHTMLText(b, r.Note)
		b = append(b, "</span>"...)
	}
	if r.Discrepancy != "" {
		b = append(b, "<span class=\"value__note value__note--discrepancy\">"...)
		b = appendHTMLText(b, r.Discrepancy)
		b = append(b, "</span>"...)
	}
	if r.CorrectedText != "" {
		b = append(b, "<a class=\"value__corrected\" href=\""...)
		b = appendURL(b, r.CorrectedURL)
		b = append(b, "\">"...)
		b = appendHTMLText(b, r.CorrectedText)
		b = append(b, "</a>"...)
	}
	b = append(b, "</td><td>"...)
	b = appendHTMLText(b, r.Progress)
	b = append(b, "</td><td><a href=\""...)
	b = appendURL(b, r.Source.URL)
	b = append(b, "\">"...)
	b = appendHTMLText(b, r.SourceCite)
	b = append(b, "</a>"...)
	if r.Evidence != "" {
		b = append(b, "<blockquote class=\"evidence\">"...)
		b = appendHTMLText(b, r.Evidence)
		b = append(b, "</blockquote>"...)
	}
	return append(b, "</td></tr>"...)
}

// htmlEscapes is html/template's htmlReplacementTable: what it escapes in
// text and in quoted attribute values alike.
var htmlEscapes = [...]string{
	0:    "\uFFFD",
	'"':  "&#34;",
	'&':  "&amp;",
	'\'': "&#39;",
	'+':  "&#43;",
	'<':  "&lt;",
	'>':  "&gt;",
}

// appendHTMLText appends s escaped as html/template escapes a string in
// text or in a quoted attribute (not a URL). The bytes it replaces are
// ASCII, so it can go byte by byte through UTF-8.
func appendHTMLText(b []byte, s string) []byte {
	last := 0
	for i := 0; i < len(s); i++ {
		c := s[i]
		if int(c) < len(htmlEscapes) && htmlEscapes[c] != "" {
			b = append(b, s[last:i]...)
			b = append(b, htmlEscapes[c]...)
			last = i + 1
		}
	}
	return append(b, s[last:]...)
}

// appendURL appends s as html/template writes it as a whole URL attribute
// value (href="{{ . }}"): an unsafe scheme becomes "#ZgotmplZ", bytes that
// a URL cannot hold are percent-encoded (urlNormalizer), then & and + are
// escaped for the attribute.
func appendURL(b []byte, s string) []byte {
	if !isSafeURL(s) {
		return append(b, "#ZgotmplZ"...)
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c == '&':
			b = append(b, "&amp;"...)
		case c == '+':
			b = append(b, "&#43;"...)
		case c == '%' && i+2 < len(s) && isHexDigit(s[i+1]) && isHexDigit(s[i+2]):
			b = append(b, c) // a valid escape is kept
		case urlKeeps(c, true):
			b = append(b, c)
		default:
			b = appendPercent(b, c)
		}
	}
	return b
}

// appendURLPart appends s as html/template writes it in a URL's query or
// fragment (href="#{{ . }}", urlEscaper): everything but letters, digits
// and -._~ percent-encoded.
func appendURLPart(b []byte, s string) []byte {
	for i := 0; i < len(s); i++ {
		if c := s[i]; urlKeeps(c, false) {
			b = append(b, c)
		} else {
			b = appendPercent(b, c)
		}
	}
	return b
}

// urlKeeps reports whether html/template leaves c as is in a URL; norm:
// normalizing a whole URL, which keeps its delimiters (processURLOnto).
func urlKeeps(c byte, norm bool) bool {
	switch c {
	case '!', '#', '$', '&', '*', '+', ',', '/', ':', ';', '=', '?', '@', '[', ']':
		return norm
	case '-', '.', '_', '~':
		return true
	}
	return 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9'
}

func appendPercent(b []byte, c byte) []byte {
	const hex = "0123456789abcdef" // html/template writes %xx in lower case
	return append(b, '%', hex[c>>4], hex[c&15])
}

func isHexDigit(c byte) bool {
	return '0' <= c && c <= '9' || 'a' <= c && c <= 'f' || 'A' <= c && c <= 'F'
}

// isSafeURL is html/template's: a relative URL, or http, https or mailto.
func isSafeURL(s string) bool {
	if protocol, _, ok := strings.Cut(s, ":"); ok && !strings.Contains(protocol, "/") {
		return strings.EqualFold(protocol, "http") || strings.EqualFold(protocol, "https") || strings.EqualFold(protocol, "mailto")
	}
	return true
}
