package sitegen

import (
	"bytes"
	"encoding/json"
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
		block(c, "option")
		block(c["table"].(map[string]any), "rows")
	}
	if r, ok := view["reform"].(map[string]any); ok {
		block(r, "predecessors")
		block(r, "sums")
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
// writes it, with the groups' rows left out (they are in the figure
// tables); a text the layouts paste that is missing (null) is an empty
// block, which they paste as nothing.
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
	noRows := func(gs any) {
		for _, g := range asList(gs) {
			g.(map[string]any)["rows"] = nil
		}
	}
	noRows(m["groups"])
	for _, p := range asList(m["places"]) {
		noRows(p.(map[string]any)["groups"])
	}
	empty := func(m map[string]any, key string) {
		if m[key] == nil {
			m[key] = ""
		}
	}
	for _, c := range asList(m["charts"]) {
		c := c.(map[string]any)
		empty(c, "option")
		empty(c["table"].(map[string]any), "rows")
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
	}
	if r, ok := m["reform"].(map[string]any); ok {
		for _, k := range []string{"predecessors", "sums"} {
			r[k] = strings.ReplaceAll(r[k].(string), "&#123;", "{")
		}
	}
}

func asList(v any) []any { l, _ := v.([]any); return l }

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
			Height: 300, Table: derive.Table{Caption: tricky, Columns: []string{tricky}, Rows: [][]string{{tricky, "1"}, {"{{", "{{"}}}, Key: "k"},
		{ID: "chart-2"},
		{ID: "chart-3", Option: derive.ChartOption(`{"a":1}`), Table: derive.Table{Rows: [][]string{{"08", "08"}}, Codes: true}},
	}
	reform := &derive.ReformView{Intro: tricky, Notes: []string{tricky},
		Predecessors: derive.PredecessorList{{Unit: derive.Link{Name: tricky, URL: "/don-vi/x/"}, Code: "01", FiguresText: tricky, Note: tricky}},
		Sums:         derive.SumRows{{Indicator: derive.Link{Name: tricky}, PeriodLabel: tricky, Kind: "result", KindLabel: tricky, Note: tricky, Parts: []string{tricky}}}}
	units = []derive.UnitView{
		{},
		{Code: tricky, Name: tricky, Groups: groups},
		{Code: "01", Charts: charts},
		{Code: "01", Now: tricky, Groups: groups, Charts: charts, Reform: reform},
		{Code: "01", Reform: &derive.ReformView{Intro: "no predecessors"}},
		{Code: "01", Groups: []derive.IndicatorGroup{}, Charts: []derive.Chart{},
			Places: []derive.PlaceView{{ID: "p", Name: tricky, Groups: groups}, {ID: "q", Groups: groups}}, Checks: []derive.Check{{Text: tricky}},
			Moved: map[string]derive.Moved{"so-lieu": {}}, Reform: reform},
	}
	parts = []derive.UnitPartView{
		{Part: "a", Groups: groups, Title: tricky},
		{Part: "b", Charts: charts, Reform: reform},
		{Part: "c", Children: []derive.Link{{Name: tricky}}},
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
		file, err = viewPage(nil, []byte(`{"title":"x"}`+"\n"), view, b)
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
		n := 0
		if len(v.Groups) > 0 {
			n = 1
		}
		check("part "+v.Part, v, n, file)
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
		if file, err := viewPage(nil, []byte("{}\n"), view, b); err == nil {
			t.Errorf("option %q written:\n%s", opt, file)
		}
		b.put()
	}
}
