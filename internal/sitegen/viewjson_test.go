package sitegen

import (
	"bytes"
	"encoding/json"
	"html/template"
	"reflect"
	"strings"
	"testing"

	"github.com/pcmt/pcmt/internal/derive"
)

// readView reads a page's file as layouts/unit.html and unit-part.html
// do: the body split on the separator, the view decoded from the first
// part, and each number that stands for a block (a chart's option and
// table rows, a reform's predecessors and sums) replaced by that block.
// The figure tables are returned apart.
func readView(t *testing.T, file []byte) (view map[string]any, tables []string) {
	t.Helper()
	front, _ := splitPage(t, file)
	body := string(file[len(front)+1:]) // the view and the blocks
	if m := hugoMarkup([]byte(strings.ReplaceAll(body, blockSeparator, ""))); m != "" {
		t.Errorf("the body holds %s, which Hugo's page lexer reads:\n%s", m, body)
	}
	parts := strings.Split(body, blockSeparator)
	if err := json.Unmarshal([]byte(parts[0]), &view); err != nil {
		t.Fatalf("view: %v\n%s", err, parts[0])
	}
	blocks := parts[1:]
	used := make([]bool, len(blocks))
	block := func(m map[string]any, key string) {
		n, ok := m[key].(float64)
		if !ok || n < 0 || int(n) >= len(blocks) || n != float64(int(n)) {
			t.Fatalf("%s: %v is not a block of the body (%d blocks)", key, m[key], len(blocks))
		}
		if used[int(n)] {
			t.Errorf("%s: block %v taken twice", key, n)
		}
		used[int(n)] = true
		m[key] = blocks[int(n)]
	}
	charts, _ := view["charts"].([]any)
	for _, c := range charts {
		c := c.(map[string]any)
		if _, ok := c["html"]; ok {
			block(c, "html")
			continue
		}
		block(c, "option")
		block(c["table"].(map[string]any), "rows")
		block(c, "sources")
	}
	if r, ok := view["reform"].(map[string]any); ok {
		block(r, "predecessors")
		block(r, "sums")
	}
	for _, k := range listKeys {
		if _, ok := view[k]; ok {
			if n, _ := view[k].(float64); n == 0 {
				t.Errorf("%s: block %v, which the layouts take for none", k, view[k])
			}
			block(view, k)
		}
	}
	// The figure tables are the first blocks, the others after.
	n := 0
	for n < len(used) && !used[n] {
		n++
	}
	for i := n; i < len(used); i++ {
		if !used[i] {
			t.Errorf("block %d is neither a figure table nor named by the view", i)
		}
	}
	return view, blocks[:n]
}

// wantView is what readView should find: the view as encoding/json
// writes it, with its groups and its places' left out (they are in the
// figure tables) but whether it has any, and without what the front
// matter holds (social, last_updated); a text the layouts paste that is
// missing (null) is an empty block, which they paste as nothing.
func wantView(t *testing.T, v any) map[string]any {
	t.Helper()
	b, err := marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	var m map[string]any
	if err := json.Unmarshal(b, &m); err != nil {
		t.Fatal(err)
	}
	if gs, ok := m["groups"]; ok {
		m["groups"] = len(asList(gs)) > 0
	}
	if _, part := v.(derive.UnitPartView); part && m["groups"] == false {
		delete(m, "groups")
	}
	for _, p := range asList(m["places"]) {
		delete(p.(map[string]any), "groups")
	}
	delete(m, "social")
	delete(m, "last_updated")
	// Lists of links and checks are their HTML, left out when empty.
	links := func(l any) (out []derive.Link) {
		for _, x := range asList(l) {
			x := x.(map[string]any)
			url, _ := x["url"].(string)
			out = append(out, derive.Link{Name: x["name"].(string), URL: url})
		}
		return out
	}
	if u, ok := v.(derive.UnitView); ok {
		if toc := formerTOCHTML(t, u); toc != "" {
			m["toc"] = []any{toc} // a list, as the others, replaced below
		}
	}
	for _, k := range listKeys {
		if len(asList(m[k])) == 0 {
			delete(m, k)
			continue
		}
		switch k {
		case "toc":
			m[k] = asList(m[k])[0]
		case "checks":
			var cs []derive.Check
			for _, x := range asList(m[k]) {
				x := x.(map[string]any)
				cs = append(cs, derive.Check{Text: x["text"].(string), OK: x["ok"].(bool)})
			}
			m[k] = string(derive.AppendChecksHTML(nil, cs))
		case "children", "predecessors":
			m[k] = string(derive.AppendLinksList(nil, links(m[k]), "link-list--columns"))
		default:
			m[k] = string(derive.AppendLinksList(nil, links(m[k]), ""))
		}
	}
	empty := func(m map[string]any, key string) {
		if m[key] == nil {
			m[key] = ""
		}
	}
	var charts []derive.Chart
	switch v := v.(type) {
	case derive.UnitView:
		charts = v.Charts
	case derive.UnitPartView:
		charts = v.Charts
	}
	for i, c := range asList(m["charts"]) {
		if charts[i].HasFigureHTML() { // all HTML (derive tests it against chart.html)
			m["charts"].([]any)[i] = map[string]any{"html": string(charts[i].AppendFigureHTML(nil))}
			continue
		}
		c := c.(map[string]any)
		empty(c, "option")
		empty(c["table"].(map[string]any), "rows")
		var sources []derive.Link
		for _, l := range asList(c["sources"]) {
			l := l.(map[string]any)
			url, _ := l["url"].(string)
			sources = append(sources, derive.Link{Name: l["name"].(string), URL: url})
		}
		c["sources"] = string(derive.AppendLinksInline(nil, sources))
	}
	if r, ok := m["reform"].(map[string]any); ok {
		empty(r, "predecessors")
		empty(r, "sums")
	}
	return m
}

// unescaped is a block as the reader gets it: &#123; and \u007b, which
// the blocks hold for the second { of a {{, are { in HTML and in a JSON
// string (derive escapes every & of a text, so &#123; is only ours).
func unescaped(m map[string]any) {
	for _, c := range asList(m["charts"]) {
		c := c.(map[string]any)
		if h, ok := c["html"].(string); ok {
			c["html"] = strings.ReplaceAll(h, "&#123;", "{")
			continue
		}
		if s := c["option"].(string); s != "" {
			var o any
			if err := json.Unmarshal([]byte(s), &o); err != nil {
				c["option"] = "not JSON: " + s
				continue
			}
			b, _ := marshal(o)
			c["option"] = string(bytes.TrimSuffix(b, []byte("\n")))
		}
		tb := c["table"].(map[string]any)
		tb["rows"] = strings.ReplaceAll(tb["rows"].(string), "&#123;", "{")
		c["sources"] = strings.ReplaceAll(c["sources"].(string), "&#123;", "{")
	}
	if r, ok := m["reform"].(map[string]any); ok {
		for _, k := range []string{"predecessors", "sums"} {
			r[k] = strings.ReplaceAll(r[k].(string), "&#123;", "{")
		}
	}
	for _, k := range listKeys {
		if s, ok := m[k].(string); ok {
			m[k] = strings.ReplaceAll(s, "&#123;", "{")
		}
	}
}

func asList(v any) []any { l, _ := v.([]any); return l }

// listKeys are the view's lists that are blocks of their HTML, and its
// table of contents.
var listKeys = []string{"children", "predecessors", "plans", "sources", "checks", "toc"}

// formerTOC is how layouts/unit.html made the table of contents from the
// view, before it was a block (derive.UnitView.AppendTOCHTML).
const formerTOC = `
  {{- $v := . }}
  {{- $moved := $v.moved | default dict }}
  {{- $toc := slice }}
  {{- if $v.charts }}{{ $toc = $toc | append (dict "id" "bieu-do" "name" "Biểu đồ") }}{{ end }}
  {{- $toc = $toc | append (dict "id" "so-lieu" "name" "Số liệu theo chỉ số") }}
  {{- if $v.places }}{{ $toc = $toc | append (dict "id" "dia-diem" "name" "Địa điểm khác") }}{{ end }}
  {{- if or $v.checks (index $moved "doi-chieu") }}{{ $toc = $toc | append (dict "id" "doi-chieu" "name" "Đối chiếu tổng số") }}{{ end }}
  {{- if or $v.children (index $moved "don-vi-truc-thuoc") }}{{ $toc = $toc | append (dict "id" "don-vi-truc-thuoc" "name" "Đơn vị trực thuộc") }}{{ end }}
  {{- if or $v.predecessors $v.reform }}{{ $toc = $toc | append (dict "id" "don-vi-truoc" "name" "Đơn vị trước 01/7/2025") }}{{ end }}
  {{- if $v.plans }}{{ $toc = $toc | append (dict "id" "ke-hoach" "name" "Kế hoạch") }}{{ end }}
  {{- if $v.pages }}{{ $toc = $toc | append (dict "id" "trang-cua-xa" "name" "Trang của xã") }}{{ end }}
  {{- if $v.cite }}{{ $toc = $toc | append (dict "id" "trich-dan" "name" "Trích dẫn") }}{{ end }}
  {{- if $v.sources }}{{ $toc = $toc | append (dict "id" "nguon" "name" "Nguồn") }}{{ end }}
  {{- if gt (len $toc) 2 }}
  <nav class="toc" aria-label="Trên trang này">
    <ul>
    {{- range $toc }}
      <li><a href="#{{ .id }}">{{ .name }}</a></li>
    {{- end }}
    </ul>
  </nav>
  {{- end }}`

// formerTOCHTML is what formerTOC wrote for the view (its JSON, as Hugo
// read it), with Hugo's dict, slice and append.
func formerTOCHTML(t *testing.T, v any) string {
	t.Helper()
	b, err := marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	var m map[string]any
	if err := json.Unmarshal(b, &m); err != nil {
		t.Fatal(err)
	}
	tpl, err := template.New("toc").Funcs(template.FuncMap{
		"dict": func(kv ...any) map[string]any {
			d := map[string]any{}
			for i := 0; i+1 < len(kv); i += 2 {
				d[kv[i].(string)] = kv[i+1]
			}
			return d
		},
		"slice":  func() []any { return nil },
		"append": func(x any, l []any) []any { return append(l, x) },
		"default": func(d, v any) any {
			if v == nil {
				return d
			}
			return v
		},
	}).Parse(formerTOC)
	if err != nil {
		t.Fatal(err)
	}
	var out strings.Builder
	if err := tpl.Execute(&out, m); err != nil {
		t.Fatal(err)
	}
	return out.String()
}

// tricky holds what could be taken for the separator, the summary divider
// or a shortcode, and JSON's and HTML's special characters.
const tricky = "\n<!--pcmt:html-->\n <!--more--> {{< x >}} {{% y %}} {{{ \"charts\":null \"option\":1 </tr> & \\ \" \u2028 \x01 {{"

// trickyOption is a chart option as derive makes it (jsontext.Canonical:
// compact, < > & escaped) holding tricky.
func trickyOption(t *testing.T) derive.ChartOption {
	t.Helper()
	b, err := json.Marshal(map[string]any{"title": map[string]string{"text": tricky}, "series": []any{map[string]any{"type": "bar", "data": []any{1, 2.5, nil}}}})
	if err != nil {
		t.Fatal(err)
	}
	if bytes.Contains(b, []byte("<")) || !bytes.Contains(b, []byte("{{")) {
		t.Fatalf("not the option wanted: %s", b)
	}
	return b
}

func trickyViews(t *testing.T) (units []derive.UnitView, parts []derive.UnitPartView) {
	row := derive.FigureRow{Anchor: "f-x", PeriodLabel: tricky, Kind: "result", KindLabel: "Kết quả", ValueText: "986 người", Note: tricky}
	groups := []derive.IndicatorGroup{
		{Indicator: derive.Link{Name: tricky, URL: "/chi-so/x/"}, Definition: tricky, Measure: "count", Rows: derive.RowsOf(row, row)},
		{Indicator: derive.Link{Name: "y"}, Measure: "count"},
	}
	charts := []derive.Chart{
		{ID: "chart-1", Title: tricky, Subtitle: tricky, Option: trickyOption(t),
			Height: 300, Table: derive.Table{Caption: tricky, Columns: []string{tricky}, Rows: [][]string{{tricky, "1"}, {"{{", "{{"}}}, Key: "k",
			Sources: []derive.Link{{Name: tricky, URL: "/nguon/{{x}}/"}, {Name: tricky}}},
		{ID: "chart-2"},
		{ID: "chart-3", Option: derive.ChartOption(`{"a":1}`), Table: derive.Table{Rows: [][]string{{"08", "08"}}, Codes: true}},
		{ID: "chart-4", Title: tricky, Option: trickyOption(t), Table: derive.Table{Caption: tricky, Rows: [][]string{{"{{", "1"}}},
			Sources: []derive.Link{{Name: tricky, URL: "/nguon/x/"}}, Downloads: &derive.ChartDownloads{CSV: "/a.csv", JSON: "/a.json", Embed: "/nhung/x/"}},
	}
	reform := &derive.ReformView{Intro: tricky, Notes: []string{tricky},
		Predecessors: derive.PredecessorList{{Unit: derive.Link{Name: tricky, URL: "/don-vi/x/"}, Code: "01", FiguresText: tricky, Note: tricky}},
		Sums:         derive.SumRows{{Indicator: derive.Link{Name: tricky}, PeriodLabel: tricky, Kind: "result", KindLabel: tricky, Note: tricky, Parts: []string{tricky}}}}
	units = []derive.UnitView{
		{},
		{Code: tricky, Name: tricky, Groups: groups},
		{Code: "01", Charts: charts},
		{Code: "01", Now: tricky, Groups: groups, Charts: charts, Reform: reform,
			Children: []derive.Link{{Name: tricky, URL: "/don-vi/x/"}, {Name: "{{"}}, Predecessors: []derive.Link{{Name: tricky}},
			Plans: []derive.Link{{Name: tricky, URL: "/ke-hoach/x/"}}, Sources: []derive.Link{{Name: "{{<", URL: "/nguon/x/"}},
			Checks: []derive.Check{{Text: tricky, OK: true}, {Text: "{{"}}},
		{Code: "01", Children: []derive.Link{}, Sources: []derive.Link{{Name: "a"}}},
		{Code: "01", Reform: &derive.ReformView{Intro: "no predecessors"}},
		{Code: "01", Groups: []derive.IndicatorGroup{}, Charts: []derive.Chart{},
			Places: []derive.PlaceView{{ID: "p", Name: tricky, Groups: groups}, {ID: "q", Groups: groups}}, Checks: []derive.Check{{Text: tricky}},
			Moved: map[string]derive.Moved{"so-lieu": {}}, Reform: reform},
	}
	parts = []derive.UnitPartView{
		{Part: "a", Groups: groups, Title: tricky},
		{Part: "b", Charts: charts, Reform: reform},
		{Part: "c", Children: []derive.Link{{Name: tricky}}},
		{Part: "d", Checks: []derive.Check{{Text: tricky}}, Sources: []derive.Link{{Name: tricky, URL: "/nguon/x/"}}},
	}
	return units, parts
}

// TestUnitViewBlocks: a unit page's and a sub-page's file, read as the
// layouts read it, gives the view, every text a block stands for intact
// (texts made to be taken for the separator or Hugo's markup, no charts,
// no rows, options missing) for made-up views and every unit of the
// default site.
func TestUnitViewBlocks(t *testing.T) {
	units, parts := trickyViews(t)
	if site, _, ok := defaultSite(t); ok {
		for i := range site.Units {
			units = append(units, site.UnitView(i))
		}
	}
	write := func(v any, tables func([]byte) ([]byte, []int), marshal func(*pageBlocks, *pageBuffers) ([]byte, error)) (file []byte, blocks int) {
		bufs := new(pageBuffers)
		b := newPageBlocks(tables)
		defer b.put()
		view, err := marshal(b, bufs)
		if err != nil {
			t.Fatal(err)
		}
		file, err = viewPage(nil, []byte(`{"title":"x"}`+"\n"), view, b, nil)
		if err != nil {
			t.Fatal(err)
		}
		return file, len(b.ends)
	}
	check := func(name string, v any, tablesWant int, file []byte) {
		got, tables := readView(t, file)
		if len(tables) != tablesWant {
			t.Errorf("%s: %d figure tables, want %d", name, len(tables), tablesWant)
		}
		want := wantView(t, v)
		unescaped(got)
		unescaped(want)
		for k := range want {
			if !reflect.DeepEqual(got[k], want[k]) {
				g, _ := json.MarshalIndent(got[k], "", " ")
				w, _ := json.MarshalIndent(want[k], "", " ")
				t.Errorf("%s: %s read back\n%s\nwant\n%s", name, k, g, w)
			}
		}
		if len(got) != len(want) {
			t.Errorf("%s: %d keys read back, want %d", name, len(got), len(want))
		}
	}
	for _, v := range units {
		file, _ := write(v, v.AppendGroupsHTML, func(b *pageBlocks, bufs *pageBuffers) ([]byte, error) { return marshalUnitView(v, b, bufs) })
		check("unit "+v.Code, v, 1+len(v.Places), file)
	}
	for _, v := range parts {
		file, _ := write(v, v.AppendGroupsHTML, func(b *pageBlocks, bufs *pageBuffers) ([]byte, error) { return marshalUnitPart(v, b, bufs) })
		check("part "+v.Part, v, 1, file) // an empty one without groups
	}
}

// TestUnitViewBlocksUnsafe: a text Hugo's lexer could misread even as a
// block (an HTML comment: the separator itself or the summary divider) is
// an error, not a page: an option that is not in canonical form.
func TestUnitViewBlocksUnsafe(t *testing.T) {
	for _, opt := range []string{`{"a":"` + blockSeparator + `"}`, `{"a":"<!--more-->"}`} {
		b := newPageBlocks(nil)
		v := derive.UnitView{Charts: []derive.Chart{{ID: "c", Option: derive.ChartOption(opt)}}}
		view, err := marshalUnitView(v, b, new(pageBuffers))
		if err != nil {
			t.Fatal(err)
		}
		if file, err := viewPage(nil, []byte("{}\n"), view, b, nil); err == nil {
			t.Errorf("option %q written:\n%s", opt, file)
		}
		b.put()
	}
}
