package derive

// The figures of a unit page by indicator, as HTML: one section per
// indicator (heading, definition, table) or, on a split province page, one
// table with a <tbody> per indicator. They were layouts/_partials/group.html
// and groups-table.html, called once per indicator: ~300,000 partial calls
// nationally, a fifth of Hugo's time (bench/README.md). The markup and its
// whitespace are what those templates wrote (TestGroupsHTML compares with
// html/template; FuzzGroupsHTML); the rows are GroupRows' (rowhtml.go).

// figuresHead is the head of a figures table (the former
// layouts/_partials/figures-head.html).
const figuresHead = `<thead>
    <tr>
      <th scope="col">Kỳ</th>
      <th scope="col">Loại</th>
      <th scope="col">Số liệu</th>
      <th scope="col">Tiến độ</th>
      <th scope="col">Nguồn và đoạn trích</th>
    </tr>
  </thead>`

// AppendGroupSections appends the groups as sections, each after indent
// (the whitespace before a partial call in the page's template), with
// headings of the given level (3 on a unit page, 4 for a place); where
// (the unit's or the place's name) ends each table's caption.
func AppendGroupSections(b []byte, groups []IndicatorGroup, level int, where, indent string) []byte {
	h := byte('0' + level)
	for _, g := range groups {
		b = append(b, indent...)
		b = append(b, "\n<section class=\"group\">\n<h"...)
		b = append(b, h)
		b = append(b, " class=\"group__title\">"...)
		b = appendLink(b, g.Indicator)
		b = append(b, "</h"...)
		b = append(b, h, '>')
		if g.Definition != "" {
			b = append(b, "\n<p class=\"group__definition\">"...)
			b = appendHTMLText(b, g.Definition)
			b = append(b, "</p>"...)
		}
		b = append(b, "\n<div class=\"table-wrap\">\n<table class=\"figures\">\n  <caption>"...)
		b = appendHTMLText(b, g.Indicator.Name)
		if where != "" {
			b = append(b, " — "...)
			b = appendHTMLText(b, where)
		}
		b = append(b, ": chỉ tiêu, kết quả và nguồn</caption>\n  "...)
		b = append(b, figuresHead...)
		b = append(b, "\n  <tbody>"...)
		b = g.Rows.appendHTML(b)
		b = append(b, "\n  </tbody>\n</table>\n</div>\n</section>\n"...)
	}
	return b
}

// AppendGroupsTable appends the groups as one table, a <tbody> per
// indicator headed by its name (a split province page: derive/subpages.go).
func AppendGroupsTable(b []byte, groups []IndicatorGroup, where string) []byte {
	b = append(b, "<div class=\"table-wrap\">\n<table class=\"figures figures--grouped\">\n  <caption>Số liệu của "...)
	b = appendHTMLText(b, where)
	b = append(b, " theo chỉ số: chỉ tiêu, kết quả và nguồn</caption>\n  "...)
	b = append(b, figuresHead...)
	for _, g := range groups {
		b = append(b, "\n  <tbody>\n<tr class=\"figures__group\"><th colspan=\"5\" scope=\"rowgroup\">"...)
		b = appendLink(b, g.Indicator)
		b = append(b, "</th></tr>"...)
		b = g.Rows.appendHTML(b)
		b = append(b, "\n  </tbody>"...)
	}
	return append(b, "\n</table>\n</div>\n"...)
}

// AppendGroupsHTML appends the unit page's figures as HTML blocks to
// b, in the order layouts/unit.html takes them from the page's body
// (internal/sitegen): the unit's own groups (sections, or one table where
// the page's figures section moved: "so-lieu" in Moved), then each
// place's groups; block i ends at ends[i]. One buffer for all, which the
// caller may reuse: a commune's blocks are ~70 KB.
func (v UnitView) AppendGroupsHTML(b []byte) (out []byte, ends []int) {
	ends = make([]int, 0, 1+len(v.Places))
	if _, moved := v.Moved["so-lieu"]; moved {
		b = AppendGroupsTable(b, v.Groups, v.FullName)
	} else {
		b = AppendGroupSections(b, v.Groups, 3, v.FullName, "\n    ")
	}
	ends = append(ends, len(b))
	for _, p := range v.Places {
		b = AppendGroupSections(b, p.Groups, 4, p.Name, "\n      ")
		ends = append(ends, len(b))
	}
	return b, ends
}

// AppendGroupsHTML appends the sub-page's groups as HTML, the one block
// layouts/unit-part.html takes from the page's body; an empty one
// without groups, so that the blocks the view names by number
// (internal/sitegen/viewjson.go) are never number 0, which a template
// takes for none.
func (v UnitPartView) AppendGroupsHTML(b []byte) (out []byte, ends []int) {
	if len(v.Groups) > 0 {
		b = AppendGroupSections(b, v.Groups, 3, v.FullName, "\n    ")
	}
	return b, []int{len(b)}
}
