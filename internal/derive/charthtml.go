package derive

import "bytes"

// A chart of a unit page or of its sub-pages is HTML made here, a block of
// the page's body (internal/sitegen/viewjson.go): laid out by
// layouts/_partials/chart.html it cost ~70 µs, two partial calls and two
// dicts a chart, ~35,000 charts nationally. The markup is chart.html's
// and chart-table.html's (which shortcodes, embed pages and the charts
// with an embed page still use), escaped as html/template does there
// (TestFigureHTML, FuzzFigureHTML).

// HasFigureHTML says whether AppendFigureHTML can write the chart: not
// when it has an embed page, whose code holds absolute addresses (Hugo's
// absURL; only a province's charts have one).
func (c Chart) HasFigureHTML() bool {
	return c.Downloads == nil || c.Downloads.Embed == ""
}

var (
	jsonBraces    = []byte("{{")
	jsonBraceSafe = []byte(`{\u007b`)
)

// AppendFigureHTML appends what chart.html writes for the chart (dict
// "chart" c with its option, rows and sources), beginning with a line
// break:
//
//	<figure class="chart-figure" aria-labelledby="ID-title">
//	  <figcaption> title, subtitle </figcaption>
//	  <div class="chart chart--hHEIGHT" id="ID" …> fallback text </div>
//	  <script type="application/json" id="ID-option">OPTION</script>
//	  <div class="table-wrap"> the table (chart-table.html) </div>
//	  <p class="chart-figure__sources">Nguồn: LINKS.</p>
//	<div class="chart-tools" …> downloads </div>
//
//	</figure>
//
// The second { of a {{ in the option is \u007b, the same character in a
// JSON string, as it is in the option's own block (a page's body may hold
// no {{, internal/sitegen/viewbody.go).
func (c Chart) AppendFigureHTML(b []byte) []byte {
	h := c.Height
	if h == 0 {
		h = 360
	}
	cls := "chart--h560"
	switch {
	case h <= 240:
		cls = "chart--h240"
	case h <= 320:
		cls = "chart--h320"
	case h <= 360:
		cls = "chart--h360"
	case h <= 420:
		cls = "chart--h420"
	case h <= 480:
		cls = "chart--h480"
	}
	b = append(b, "\n<figure class=\"chart-figure\" aria-labelledby=\""...)
	b = appendHTMLText(b, c.ID)
	b = append(b, "-title\">\n  <figcaption>\n    <h3 id=\""...)
	b = appendHTMLText(b, c.ID)
	b = append(b, "-title\" class=\"chart-figure__title\">"...)
	b = appendHTMLText(b, c.Title)
	b = append(b, "</h3>"...)
	if c.Subtitle != "" {
		b = append(b, "\n    <p class=\"chart-figure__subtitle\">"...)
		b = appendHTMLText(b, c.Subtitle)
		b = append(b, "</p>"...)
	}
	b = append(b, "\n  </figcaption>\n  <div class=\"chart "...)
	b = append(b, cls...)
	b = append(b, "\" id=\""...)
	b = appendHTMLText(b, c.ID)
	b = append(b, "\" data-chart=\""...)
	b = appendHTMLText(b, c.ID)
	b = append(b, "-option\" role=\"img\" aria-label=\"Biểu đồ cột: "...)
	b = appendHTMLText(b, c.Title)
	b = append(b, ". Các số liệu có trong bảng ngay dưới biểu đồ.\">\n    <p class=\"chart__fallback\">Biểu đồ cần JavaScript. Các số liệu có đầy đủ trong bảng dưới đây.</p>\n  </div>"...)
	if len(c.Option) > 0 {
		b = append(b, "\n  <script type=\"application/json\" id=\""...)
		b = appendHTMLText(b, c.ID)
		b = append(b, "-option\">"...)
		b = appendReplaced(b, c.Option, jsonBraces, jsonBraceSafe)
		b = append(b, "</script>"...)
	}
	b = append(b, "\n  <div class=\"table-wrap\">\n  <table class=\"chart-table\">\n    <caption>"...)
	b = appendHTMLText(b, c.Table.Caption)
	b = append(b, "</caption>"...)
	if len(c.Table.Columns) > 0 {
		b = append(b, "\n    <thead>\n      <tr>"...)
		for _, col := range c.Table.Columns {
			b = append(b, "\n        <th scope=\"col\">"...)
			b = appendHTMLText(b, col)
			b = append(b, "</th>"...)
		}
		b = append(b, "\n      </tr>\n    </thead>"...)
	}
	b = append(b, "\n    <tbody>"...)
	b = c.Table.AppendRowsHTML(b)
	b = append(b, "\n    </tbody>\n  </table>\n  </div>"...)
	start := len(b)
	b = append(b, "\n  <p class=\"chart-figure__sources\">Nguồn: "...)
	if n := len(b); len(AppendLinksInline(b, c.Sources)) == n {
		b = b[:start] // no text: no line
	} else {
		b = append(AppendLinksInline(b, c.Sources), ".</p>"...)
	}
	if d := c.Downloads; d != nil {
		b = append(b, "\n<div class=\"chart-tools\" data-chart-tools=\""...)
		b = appendHTMLText(b, c.ID)
		b = append(b, "\" data-png=\""...)
		b = appendHTMLText(b, d.PNG)
		b = append(b, "\">\n  <p class=\"chart-tools__links\">"...)
		if d.Page {
			b = append(b, "Tải số liệu của trang (gồm số liệu của biểu đồ)"...)
		} else {
			b = append(b, "Tải dữ liệu của biểu đồ"...)
		}
		b = append(b, ": <a href=\""...)
		b = appendURL(b, d.CSV)
		b = append(b, "\" download>CSV</a> · <a href=\""...)
		b = appendURL(b, d.JSON)
		b = append(b, "\" download>JSON</a></p>\n</div>"...)
	}
	return append(b, "\n\n</figure>\n"...)
}

// appendReplaced appends text with every old as new.
func appendReplaced(b, text, old, new []byte) []byte {
	for {
		i := bytes.Index(text, old)
		if i < 0 {
			return append(b, text...)
		}
		b = append(append(b, text[:i]...), new...)
		text = text[i+len(old):]
	}
}
