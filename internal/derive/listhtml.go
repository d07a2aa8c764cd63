package derive

// On unit pages and their sub-pages the lists of links (sub-units,
// former units, plans, the sources cited) and the checks are HTML made
// here, blocks of the page's body (internal/sitegen/viewjson.go), as the
// figure tables are: laid out by Hugo's templates they cost a partial call
// and a few template actions a link, on every one of ~20,000 pages
// nationally. The markup is layouts/_partials/links-list.html's (which
// other pages still use) and that of checks.html, which was a partial
// (now only the test's copy: formerChecks), escaped as html/template
// does there (TestListHTML, FuzzLinksListHTML, FuzzChecksHTML).

// AppendLinksList appends what links-list.html writes for
// dict "links" links "class" class: nothing but its final line break
// without links, else
//
//	<ul class="link-list CLASS">
//	  <li><a href="URL">NAME</a></li>
//	</ul>
func AppendLinksList(b []byte, links []Link, class string) []byte {
	if len(links) > 0 {
		b = append(b, "\n<ul class=\"link-list"...)
		if class != "" {
			b = append(b, ' ')
			b = appendHTMLText(b, class)
		}
		b = append(b, `">`...)
		for _, l := range links {
			b = append(b, "\n  <li>"...)
			b = appendLink(b, l)
			b = append(b, "</li>"...)
		}
		b = append(b, "\n</ul>"...)
	}
	return append(b, '\n')
}

// AppendChecksHTML appends the checks (parts against their total) as a
// list, on unit pages and their doi-chieu sub-page (layouts/unit.html,
// unit-part.html):
//
//	<ul class="checks">
//	      <li class="check check--ok"><span class="check__label">Khớp:</span> TEXT</li>
//	    </ul>
func AppendChecksHTML(b []byte, checks []Check) []byte {
	b = append(b, `<ul class="checks">`...)
	for _, c := range checks {
		if c.OK {
			b = append(b, "\n      <li class=\"check check--ok\"><span class=\"check__label\">Khớp:</span> "...)
		} else {
			b = append(b, "\n      <li class=\"check check--mismatch\"><span class=\"check__label\">Chưa khớp:</span> "...)
		}
		b = appendHTMLText(b, c.Text)
		b = append(b, "</li>"...)
	}
	return append(b, "\n    </ul>"...)
}

// tocEntry is a section of a unit page that its table of contents names.
type tocEntry struct{ id, name string }

// AppendTOCHTML appends the unit page's table of contents: a link to each
// of its sections, when it has more than two (layouts/unit.html built the
// list with a dict and an append a section on every unit page). A section
// that moved to a sub-page (Moved) keeps its heading, so its entry.
//
//	<nav class="toc" aria-label="Trên trang này">
//	  <ul>
//	    <li><a href="#ID">NAME</a></li>
//	  </ul>
//	</nav>
func (v UnitView) AppendTOCHTML(b []byte) []byte {
	var toc [10]tocEntry
	n := 0
	add := func(ok bool, id, name string) {
		if ok {
			toc[n] = tocEntry{id, name}
			n++
		}
	}
	moved := func(id string) bool { _, ok := v.Moved[id]; return ok }
	add(len(v.Charts) > 0, "bieu-do", "Biểu đồ")
	add(true, "so-lieu", "Số liệu theo chỉ số")
	add(len(v.Places) > 0, "dia-diem", "Địa điểm khác")
	add(len(v.Checks) > 0 || moved("doi-chieu"), "doi-chieu", "Đối chiếu tổng số")
	add(len(v.Children) > 0 || moved("don-vi-truc-thuoc"), "don-vi-truc-thuoc", "Đơn vị trực thuộc")
	add(len(v.Predecessors) > 0 || v.Reform != nil, "don-vi-truoc", "Đơn vị trước 01/7/2025")
	add(len(v.Plans) > 0, "ke-hoach", "Kế hoạch")
	add(len(v.Pages) > 0, "trang-cua-xa", "Trang của xã")
	add(v.Cite != nil, "trich-dan", "Trích dẫn")
	add(len(v.Sources) > 0, "nguon", "Nguồn")
	if n <= 2 {
		return b
	}
	b = append(b, "\n  <nav class=\"toc\" aria-label=\"Trên trang này\">\n    <ul>"...)
	for _, e := range toc[:n] {
		b = append(b, "\n      <li><a href=\"#"...)
		b = append(b, e.id...)
		b = append(b, `">`...)
		b = append(b, e.name...)
		b = append(b, "</a></li>"...)
	}
	return append(b, "\n    </ul>\n  </nav>"...)
}
