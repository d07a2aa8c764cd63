package derive

import (
	"slices"

	"github.com/pcmt/pcmt/internal/jsontext"
)

// The rows of the tables under charts and maps and of the reform table
// (layouts/_partials/chart-table.html, reform.html) encode as their HTML,
// as GroupRows do (rowhtml.go): a row laid out by Hugo's templates costs
// ~30 µs, and nationally there are ~35,000 chart tables and 3,355 reform
// tables of ~80 rows. The captions, heads and the markup around stay in
// the templates. The texts are escaped with rowhtml.go's functions, as
// html/template escaped them there, so the pages are the same bytes
// (TestTableHTML, TestReformHTML, FuzzTableRowsHTML, FuzzReformHTML).

// MarshalJSON writes the table as {"caption", "columns", "rows"}, rows
// being the HTML of the table's body (AppendRowsHTML), or null when it
// has none. The cells themselves are not in the view: no template reads
// them; the chart's downloads are made from its figures (citable.go).
func (t Table) MarshalJSON() ([]byte, error) {
	return t.AppendJSON(nil), nil
}

// AppendJSON appends what MarshalJSON writes to b. (On unit pages and
// their sub-pages the rows are not in the view but a block of the page's
// body: internal/sitegen/viewjson.go.)
func (t Table) AppendJSON(b []byte) []byte {
	var h []byte // the rows' HTML, made in a reused buffer (rowhtml.go)
	if len(t.Rows) > 0 {
		buf := rowsHTML.Get().(*[]byte)
		h = t.AppendRowsHTML((*buf)[:0])
		defer putRowsHTML(buf, h)
	}
	size := 64 + len(t.Caption) + len(h) + len(h)/8
	for _, c := range t.Columns {
		size += len(c) + 3
	}
	b = slices.Grow(b, size)
	b = append(b, `{"caption":`...)
	b = jsontext.AppendString(b, t.Caption) // unitjson.go
	b = append(b, `,"columns":`...)
	if t.Columns == nil {
		b = append(b, "null"...)
	} else {
		b = append(b, '[')
		for i, c := range t.Columns {
			if i > 0 {
				b = append(b, ',')
			}
			b = jsontext.AppendString(b, c)
		}
		b = append(b, ']')
	}
	b = append(b, `,"rows":`...)
	if len(t.Rows) == 0 {
		b = append(b, "null"...)
	} else {
		b = jsontext.AppendString(b, h)
	}
	return append(b, '}')
}

// jsonHTML is the JSON string of the HTML appendHTML makes, made in a
// reused buffer.
func jsonHTML(appendHTML func([]byte) []byte) []byte {
	buf := rowsHTML.Get().(*[]byte)
	h := appendHTML((*buf)[:0])
	b := jsontext.AppendString(make([]byte, 0, 2+len(h)+len(h)/8), h)
	putRowsHTML(buf, h)
	return b
}

// putRowsHTML gives back a buffer of rowsHTML, h its last contents.
func putRowsHTML(buf *[]byte, h []byte) {
	if cap(h) <= 4<<20 {
		*buf = h[:0]
		rowsHTML.Put(buf)
	}
}

// RowsHTML is the table's body, as chart-table.html writes it.
func (t Table) RowsHTML() string {
	return string(t.AppendRowsHTML(nil))
}

// AppendRowsHTML appends the rows of the table's body, each a line of
// its own, indented as chart-table.html was; the first cell is the row's
// header, and on a map's table (Codes) the row carries the unit code of
// its second cell:
//
//	<tr data-code="CODE">
//	  <th scope="row">CELL</th>
//	  <td>CELL</td>
//	</tr>
func (t Table) AppendRowsHTML(b []byte) []byte {
	for _, row := range t.Rows {
		b = append(b, "\n      <tr"...)
		if t.Codes {
			b = append(b, ` data-code="`...)
			if len(row) > 1 {
				b = appendHTMLText(b, row[1])
			}
			b = append(b, '"')
		}
		b = append(b, '>')
		for i, cell := range row {
			if i == 0 {
				b = append(b, "\n        <th scope=\"row\">"...)
				b = appendHTMLText(b, cell)
				b = append(b, "</th>"...)
				continue
			}
			b = append(b, "\n        <td>"...)
			b = appendHTMLText(b, cell)
			b = append(b, "</td>"...)
		}
		b = append(b, "\n      </tr>"...)
	}
	return b
}

// SumRows are the rows of a reform table (ReformView.Sums). They encode
// as the rows' HTML, ready for layouts/_partials/reform.html to write with
// safeHTML; no rows encode as null, so the template can test them. One
// row (the kinds, when the row stands for several, comma-separated; the
// parts, when it has no total, before the note):
//
//	<tr class="kind-KIND">
//	  <th scope="row"><a href="INDICATOR_URL">INDICATOR</a></th>
//	  <td>PERIOD_LABEL</td>
//	  <td><span class="kind kind--KIND">KIND_LABEL</span></td>
//	  <td><span class="value__text">VALUE_TEXT</span></td>
//	  <td>PART; PART. NOTE</td>
//	</tr>
type SumRows []SumRow

// MarshalJSON writes the rows' HTML as a JSON string.
func (rs SumRows) MarshalJSON() ([]byte, error) {
	if len(rs) == 0 {
		return []byte("null"), nil
	}
	return jsonHTML(rs.AppendHTML), nil
}

// HTML is the rows' markup, as reform.html writes it.
func (rs SumRows) HTML() string {
	return string(rs.AppendHTML(nil))
}

// AppendHTML appends the rows' markup to b: what internal/sitegen puts in
// a unit page's body as a block of its own, for reform.html to write.
func (rs SumRows) AppendHTML(b []byte) []byte {
	for _, r := range rs {
		b = append(b, "\n        <tr class=\"kind-"...)
		b = appendHTMLText(b, r.Kind)
		b = append(b, "\">\n          <th scope=\"row\">"...)
		b = appendLink(b, r.Indicator)
		b = append(b, "</th>\n          <td>"...)
		b = appendHTMLText(b, r.PeriodLabel)
		b = append(b, "</td>\n          <td>"...)
		if len(r.Kinds) == 0 {
			b = appendKind(b, r.Kind, r.KindLabel)
		}
		for i, k := range r.Kinds {
			if i > 0 {
				b = append(b, ", "...)
			}
			b = appendKind(b, k.Kind, k.Label)
		}
		b = append(b, "</td>\n          <td>"...)
		if r.Complete {
			b = append(b, `<span class="value__text">`...)
			b = appendHTMLText(b, r.ValueText)
			b = append(b, "</span>"...)
		} else {
			b = append(b, `<span class="value__text value__text--missing">chưa cộng được</span>`...)
		}
		b = append(b, "</td>\n          <td>"...)
		for i, p := range r.Parts {
			if i > 0 {
				b = append(b, "; "...)
			}
			b = appendHTMLText(b, p)
		}
		if len(r.Parts) > 0 {
			b = append(b, ". "...)
		}
		b = appendHTMLText(b, r.Note)
		b = append(b, "</td>\n        </tr>"...)
	}
	return b
}

// appendKind appends a kind's badge: <span class="kind kind--KIND">LABEL</span>.
func appendKind(b []byte, kind, label string) []byte {
	b = append(b, `<span class="kind kind--`...)
	b = appendHTMLText(b, kind)
	b = append(b, `">`...)
	b = appendHTMLText(b, label)
	return append(b, "</span>"...)
}

// AppendLinksInline appends links as layouts/_partials/links-inline.html
// writes them: each a link when it has a page, comma-separated. On unit
// pages and their sub-pages a chart's sources line is made with it, a
// block of the page's body (internal/sitegen/viewjson.go): a partial call
// and a loop per chart in the templates, ~35,000 charts nationally
// (TestLinksInlineHTML, FuzzLinksInlineHTML).
func AppendLinksInline(b []byte, links []Link) []byte {
	for i, l := range links {
		if i > 0 {
			b = append(b, ", "...)
		}
		b = appendLink(b, l)
	}
	return b
}

// appendLink appends l's name, linked to its page when it has one.
func appendLink(b []byte, l Link) []byte {
	if l.URL == "" {
		return appendHTMLText(b, l.Name)
	}
	b = append(b, `<a href="`...)
	b = appendURL(b, l.URL)
	b = append(b, `">`...)
	b = appendHTMLText(b, l.Name)
	return append(b, "</a>"...)
}

// PredecessorList is a current unit's former units (ReformView.Predecessors).
// It encodes as the list's items, ready for reform.html to write with
// safeHTML (null when empty). One item (the note only when it has one):
//
//	<li id="dv-CODE"><a href="URL">NAME</a> <span class="muted">(mã CODE, trước 01/7/2025)</span>: FIGURES_TEXT. NOTE</li>
type PredecessorList []PredecessorView

// MarshalJSON writes the items' HTML as a JSON string.
func (ps PredecessorList) MarshalJSON() ([]byte, error) {
	if len(ps) == 0 {
		return []byte("null"), nil
	}
	return jsonHTML(ps.AppendHTML), nil
}

// HTML is the items' markup, as reform.html writes it.
func (ps PredecessorList) HTML() string {
	return string(ps.AppendHTML(nil))
}

// AppendHTML appends the items' markup to b (a block of a unit page's
// body, as the sums are).
func (ps PredecessorList) AppendHTML(b []byte) []byte {
	for _, p := range ps {
		b = append(b, "\n      <li id=\"dv-"...)
		b = appendHTMLText(b, p.Code)
		b = append(b, `">`...)
		b = appendLink(b, p.Unit)
		b = append(b, ` <span class="muted">(mã `...)
		b = appendHTMLText(b, p.Code)
		b = append(b, ", trước 01/7/2025)</span>: "...)
		b = appendHTMLText(b, p.FiguresText)
		b = append(b, '.')
		if p.Note != "" {
			b = append(b, ' ')
			b = appendHTMLText(b, p.Note)
		}
		b = append(b, "</li>"...)
	}
	return b
}
