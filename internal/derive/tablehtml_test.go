package derive

import (
	"encoding/json"
	"html/template"
	"os"
	"strings"
	"testing"
)

// formerChartTable is layouts/_partials/chart-table.html as it was when it
// laid out the rows from the cells; formerReform is reform.html's sums
// table and predecessors list then. Go's html/template escapes as Hugo's
// copy of it does (the same html.go and url.go).
const formerChartTable = `
{{- with .table }}
  <div class="table-wrap">
  <table class="{{ $.class }}">
    <caption>{{ .caption }}</caption>
    {{- with .columns }}
    <thead>
      <tr>
      {{- range . }}
        <th scope="col">{{ . }}</th>
      {{- end }}
      </tr>
    </thead>
    {{- end }}
    <tbody>
    {{- range .rows }}
      <tr{{ if $.codes }} data-code="{{ index . 1 }}"{{ end }}>
      {{- range $i, $cell := . }}
        {{- if $i }}
        <td>{{ $cell }}</td>
        {{- else }}
        <th scope="row">{{ $cell }}</th>
        {{- end }}
      {{- end }}
      </tr>
    {{- end }}
    </tbody>
  </table>
  </div>
{{- end -}}`

const formerReform = `
{{- $r := .reform }}
<section id="don-vi-truoc" aria-labelledby="don-vi-truoc-h">
  <h2 id="don-vi-truoc-h">Đơn vị trước 01/7/2025</h2>
  <p>{{ $r.intro }}</p>
  {{- with $r.notes }}
  <ul class="checks">
  {{- range . }}
    <li class="check check--mismatch">{{ . }}</li>
  {{- end }}
  </ul>
  {{- end }}
  {{- with $r.sums }}
  <section class="group" aria-labelledby="cong-don-h">
    <h3 id="cong-don-h" class="group__title">Cộng dồn từ các đơn vị cũ</h3>
    <p class="hint">Số liệu của đơn vị cũ vẫn thuộc về đơn vị đã công bố chúng. Chỉ cộng khi mọi đơn vị cũ cùng công bố một chỉ số, cho cùng một kỳ, cùng loại; nếu không, bảng ghi rõ đơn vị nào còn thiếu thay vì đưa ra một tổng chưa đủ.</p>
    <div class="table-wrap">
    <table class="figures">
      <caption>Số liệu của {{ $.name }} cộng từ các đơn vị trước 01/7/2025</caption>
      <thead>
        <tr>
          <th scope="col">Chỉ số</th>
          <th scope="col">Kỳ</th>
          <th scope="col">Loại</th>
          <th scope="col">Tổng</th>
          <th scope="col">Từ các đơn vị cũ</th>
        </tr>
      </thead>
      <tbody>
      {{- range . }}
        <tr class="kind-{{ .kind }}">
          <th scope="row">{{ $l := .indicator }}{{ with $l.url }}<a href="{{ . }}">{{ $l.name }}</a>{{ else }}{{ $l.name }}{{ end }}</th>
          <td>{{ .period_label }}</td>
          <td>{{ range $i, $k := .kinds }}{{ if $i }}, {{ end }}<span class="kind kind--{{ $k.kind }}">{{ $k.label }}</span>{{ else }}<span class="kind kind--{{ .kind }}">{{ .kind_label }}</span>{{ end }}</td>
          <td>{{ if .complete }}<span class="value__text">{{ .value_text }}</span>{{ else }}<span class="value__text value__text--missing">chưa cộng được</span>{{ end }}</td>
          <td>{{ with .parts }}{{ delimit . "; " }}. {{ end }}{{ .note }}</td>
        </tr>
      {{- end }}
      </tbody>
    </table>
    </div>
  </section>
  {{- end }}
  {{- with $r.predecessors }}
  <section class="group" aria-labelledby="dv-cu-h">
    <h3 id="dv-cu-h" class="group__title">Số liệu của từng đơn vị cũ</h3>
    <p class="hint">Mỗi đơn vị cũ có trang riêng với số liệu nó đã công bố, dưới tên nó có trước 01/7/2025.</p>
    <ul class="predecessors">
    {{- range . }}
      <li id="dv-{{ .code }}">{{ $l := .unit }}{{ with $l.url }}<a href="{{ . }}">{{ $l.name }}</a>{{ else }}{{ $l.name }}{{ end }} <span class="muted">(mã {{ .code }}, trước 01/7/2025)</span>: {{ .figures_text }}.{{ with .note }} {{ . }}{{ end }}</li>
    {{- end }}
    </ul>
  </section>
  {{- end }}
</section>
`

// hugoFuncs are the few of Hugo's template functions these partials use.
var hugoFuncs = template.FuncMap{
	"safeHTML": func(s any) template.HTML {
		if s == nil {
			return ""
		}
		return template.HTML(s.(string))
	},
	"delimit": func(l []any, sep string) string { // Hugo's returns a string: escaped
		s := make([]string, len(l))
		for i, x := range l {
			s[i] = x.(string)
		}
		return strings.Join(s, sep)
	},
}

func parse(t testing.TB, name, text string) *template.Template {
	t.Helper()
	tpl, err := template.New(name).Funcs(hugoFuncs).Parse(text)
	if err != nil {
		t.Fatal(err)
	}
	return tpl
}

// partial is the template of layouts/_partials/<name>, as the site has it.
func partial(t testing.TB, name string) *template.Template {
	t.Helper()
	b, err := os.ReadFile("../../layouts/_partials/" + name)
	if err != nil {
		t.Fatal(err)
	}
	return parse(t, name, string(b))
}

// execJSON executes tpl over v as Hugo gets it: encoded, then decoded
// from the view's JSON.
func execJSON(t testing.TB, tpl *template.Template, v any) string {
	t.Helper()
	b, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	var data any
	if err := json.Unmarshal(b, &data); err != nil {
		t.Fatalf("%v in %s", err, b)
	}
	var out strings.Builder
	if err := tpl.Execute(&out, data); err != nil {
		t.Fatal(err)
	}
	return out.String()
}

// formerTable is a Table as its JSON was, the cells in arrays.
type formerTable struct {
	Caption string     `json:"caption"`
	Columns []string   `json:"columns"`
	Rows    [][]string `json:"rows"`
}

type partialArgs struct {
	Table any    `json:"table"`
	Class string `json:"class"`
	Codes bool   `json:"codes"`
}

var tableCases = []struct {
	name  string
	table Table
	want  string // the rows' HTML
}{
	{"unit chart",
		Table{Caption: "Cai nghiện — Tỉnh Tuyên Quang", Columns: []string{"Chỉ số và kỳ", "Số liệu nền", "Chỉ tiêu", "Kết quả"},
			Rows: [][]string{{"Cai nghiện, năm 2024", "—", "120 người", "dưới 5 người (năm 2023)"}, {"Tỷ lệ <có hồ sơ>", "80%", "—", "\"85%\" & 'hơn' + 1"}}},
		`
      <tr>
        <th scope="row">Cai nghiện, năm 2024</th>
        <td>—</td>
        <td>120 người</td>
        <td>dưới 5 người (năm 2023)</td>
      </tr>
      <tr>
        <th scope="row">Tỷ lệ &lt;có hồ sơ&gt;</th>
        <td>80%</td>
        <td>—</td>
        <td>&#34;85%&#34; &amp; &#39;hơn&#39; &#43; 1</td>
      </tr>`},
	{"map with codes",
		Table{Caption: "Bản đồ", Columns: []string{"Tỉnh, thành phố", "Mã", "Giá trị", "Ghi chú"}, Codes: true,
			Rows: [][]string{{"Thành phố Hà Nội", "01", "986 người", ""}, {"Tỉnh <X>", `0"8&`, "chưa có số liệu", "Chỉ có số của Tỉnh Y 5 người (trước 01/7/2025). "}}},
		`
      <tr data-code="01">
        <th scope="row">Thành phố Hà Nội</th>
        <td>01</td>
        <td>986 người</td>
        <td></td>
      </tr>
      <tr data-code="0&#34;8&amp;">
        <th scope="row">Tỉnh &lt;X&gt;</th>
        <td>0&#34;8&amp;</td>
        <td>chưa có số liệu</td>
        <td>Chỉ có số của Tỉnh Y 5 người (trước 01/7/2025). </td>
      </tr>`},
	{"distribution, empty cells and no columns",
		Table{Caption: "", Rows: [][]string{{"Tổng các phần trên", "", "1.234"}, {""}}},
		`
      <tr>
        <th scope="row">Tổng các phần trên</th>
        <td></td>
        <td>1.234</td>
      </tr>
      <tr>
        <th scope="row"></th>
      </tr>`},
}

// TestTableHTML holds a chart table's rows to what a reader's browser
// gets, and the whole table chart-table.html now writes to what it wrote
// from the cells.
func TestTableHTML(t *testing.T) {
	now, former := partial(t, "chart-table.html"), parse(t, "former", formerChartTable)
	for _, c := range tableCases {
		t.Run(c.name, func(t *testing.T) {
			if got := c.table.RowsHTML(); got != c.want {
				t.Errorf("RowsHTML:\n got %s\nwant %s", got, c.want)
			}
			tb := c.table
			was := execJSON(t, former, partialArgs{Table: formerTable{tb.Caption, tb.Columns, tb.Rows}, Class: "chart-table", Codes: tb.Codes})
			if !strings.Contains(was, "<tbody>"+c.want+"\n    </tbody>") {
				t.Errorf("the former template wrote\n%s\nnot these rows\n%s", was, c.want)
			}
			if got := execJSON(t, now, partialArgs{Table: tb, Class: "chart-table"}); got != was {
				t.Errorf("chart-table.html writes\n%s\nnot\n%s", got, was)
			}
		})
	}
}

// TestTableJSON: the view carries the caption, the columns and the rows'
// HTML; a table with no rows has rows null, and the cells are not there.
func TestTableJSON(t *testing.T) {
	for _, c := range append(tableCases, struct {
		name  string
		table Table
		want  string
	}{"no rows", Table{Caption: "x"}, ""}) {
		b, err := json.Marshal(Chart{Table: c.table})
		if err != nil {
			t.Fatal(err)
		}
		var got struct {
			Table struct {
				Caption string   `json:"caption"`
				Columns []string `json:"columns"`
				Rows    *string  `json:"rows"`
			} `json:"table"`
		}
		if err := json.Unmarshal(b, &got); err != nil {
			t.Fatalf("%s: %v in %s", c.name, err, b)
		}
		tb := got.Table
		if tb.Caption != c.table.Caption || strings.Join(tb.Columns, "|") != strings.Join(c.table.Columns, "|") || (tb.Columns == nil) != (c.table.Columns == nil) {
			t.Errorf("%s: caption %q, columns %q; want %q, %q", c.name, tb.Caption, tb.Columns, c.table.Caption, c.table.Columns)
		}
		switch {
		case c.want == "" && tb.Rows != nil:
			t.Errorf("%s: rows %q, want null", c.name, *tb.Rows)
		case c.want != "" && (tb.Rows == nil || *tb.Rows != c.want):
			t.Errorf("%s: rows decode as %v, want\n%s", c.name, tb.Rows, c.want)
		}
		if strings.Contains(string(b), "codes") {
			t.Errorf("%s: the view has codes: %s", c.name, b)
		}
	}
}

// FuzzTableRowsHTML compares a table's rows with the former template's
// on any cells.
func FuzzTableRowsHTML(f *testing.F) {
	f.Add("Thành phố Hà Nội", "01", "a < b & \"c\" 'd' + e\x00", "", uint8(4), true)
	f.Add("", "\xff\xfe", "\u2028é", "<td>", uint8(1), false)
	f.Add("<", ">", "&amp;", "%41", uint8(2), true)
	tpl := parse(f, "former", formerChartTable)
	f.Fuzz(func(t *testing.T, a, b, c, d string, n uint8, codes bool) {
		cells := []string{a, b, c, d, a + b}[:int(n)%5+1]
		if codes && len(cells) < 2 {
			cells = append(cells, b)
		}
		tb := Table{Caption: c, Columns: []string{d}, Rows: [][]string{cells, {d, c, b, a}}, Codes: codes}
		var out strings.Builder
		if err := tpl.Execute(&out, map[string]any{"table": map[string]any{"caption": tb.Caption, "columns": tb.Columns, "rows": tb.Rows}, "class": "c", "codes": codes}); err != nil {
			t.Fatal(err)
		}
		was := out.String()
		was = was[strings.Index(was, "<tbody>")+len("<tbody>") : strings.LastIndex(was, "\n    </tbody>")]
		if got := tb.RowsHTML(); got != was {
			t.Errorf("RowsHTML:\n got %q\nwant %q", got, was)
		}
	})
}

// formerReformView is a ReformView as its JSON was, the rows as objects.
type formerReformView struct {
	Intro        string            `json:"intro"`
	Notes        []string          `json:"notes"`
	Predecessors []PredecessorView `json:"predecessors"`
	Sums         []SumRow          `json:"sums"`
}

var one = 1.0

var reformCases = []struct {
	name  string
	view  ReformView
	sums  string // the rows' HTML
	preds string // the items' HTML
}{
	{"a total, a row of several kinds and a split predecessor",
		ReformView{Intro: "Từ 01/7/2025, Tỉnh Tuyên Quang gồm 2 đơn vị trước đây: Tỉnh Hà Giang, Tỉnh Tuyên Quang.", Notes: []string{"Bảng chuyển đổi còn nêu <X> & 'Y'"},
			Sums: SumRows{
				{Indicator: Link{Name: "Người nghiện có hồ sơ", URL: "/chi-so/nguoi-nghien-co-ho-so/"}, Period: "2024", PeriodLabel: "Năm 2024", Kind: "result", KindLabel: "Kết quả",
					Complete: true, ValueText: "1.986 người", Value: &one, Note: "Tổng số của cả 2 đơn vị cũ."},
				{Indicator: Link{Name: "Cai nghiện \"bắt buộc\""}, Period: "2025", PeriodLabel: "Năm 2025", Kind: "target", KindLabel: "Chỉ tiêu, kết quả",
					Kinds: []KindLabel{{Kind: "target", Label: "Chỉ tiêu"}, {Kind: "result", Label: "Kết quả"}},
					Parts: []string{"Chỉ tiêu — Tỉnh Hà Giang: 5 người", "Kết quả — Tỉnh Hà Giang: <5 & +"}, Missing: []Link{{Name: "Tỉnh Tuyên Quang", URL: "/don-vi/08/"}},
					Note: "Không cộng: mới có số của 1/2 đơn vị cũ; thiếu số liệu của Tỉnh Tuyên Quang."},
			},
			Predecessors: PredecessorList{
				{Unit: Link{Name: "Tỉnh Hà Giang", URL: "/don-vi/02-2022/"}, Code: "02", Figures: 160, FiguresText: "160 số liệu"},
				{Unit: Link{Name: "Xã <Nam>"}, Code: `0"1`, FiguresText: "chưa có số liệu", Note: "Được chia vào 2 đơn vị: Xã A, Xã B; số liệu của đơn vị này không được cộng vào đơn vị nào."},
			}},
		`
        <tr class="kind-result">
          <th scope="row"><a href="/chi-so/nguoi-nghien-co-ho-so/">Người nghiện có hồ sơ</a></th>
          <td>Năm 2024</td>
          <td><span class="kind kind--result">Kết quả</span></td>
          <td><span class="value__text">1.986 người</span></td>
          <td>Tổng số của cả 2 đơn vị cũ.</td>
        </tr>
        <tr class="kind-target">
          <th scope="row">Cai nghiện &#34;bắt buộc&#34;</th>
          <td>Năm 2025</td>
          <td><span class="kind kind--target">Chỉ tiêu</span>, <span class="kind kind--result">Kết quả</span></td>
          <td><span class="value__text value__text--missing">chưa cộng được</span></td>
          <td>Chỉ tiêu — Tỉnh Hà Giang: 5 người; Kết quả — Tỉnh Hà Giang: &lt;5 &amp; &#43;. Không cộng: mới có số của 1/2 đơn vị cũ; thiếu số liệu của Tỉnh Tuyên Quang.</td>
        </tr>`,
		`
      <li id="dv-02"><a href="/don-vi/02-2022/">Tỉnh Hà Giang</a> <span class="muted">(mã 02, trước 01/7/2025)</span>: 160 số liệu.</li>
      <li id="dv-0&#34;1">Xã &lt;Nam&gt; <span class="muted">(mã 0&#34;1, trước 01/7/2025)</span>: chưa có số liệu. Được chia vào 2 đơn vị: Xã A, Xã B; số liệu của đơn vị này không được cộng vào đơn vị nào.</li>`},
	{"no sums, an unsafe link",
		ReformView{Intro: "x", Predecessors: PredecessorList{{Unit: Link{Name: "A", URL: "javascript:x"}, Code: "", FiguresText: ""}}},
		"",
		`
      <li id="dv-"><a href="#ZgotmplZ">A</a> <span class="muted">(mã , trước 01/7/2025)</span>: .</li>`},
	{"nothing", ReformView{Intro: "Bảng chuyển đổi ngày 01/7/2025 không nêu đơn vị cũ nào của Xã A."}, "", ""},
}

// TestReformHTML holds the reform table's rows and the predecessors'
// items to what a reader's browser gets, and what reform.html now writes
// to what it wrote from the rows' fields.
func TestReformHTML(t *testing.T) {
	now, former := partial(t, "reform.html"), parse(t, "former", formerReform)
	for _, c := range reformCases {
		t.Run(c.name, func(t *testing.T) {
			v := c.view
			if got := v.Sums.HTML(); got != c.sums {
				t.Errorf("sums:\n got %s\nwant %s", got, c.sums)
			}
			if got := v.Predecessors.HTML(); got != c.preds {
				t.Errorf("predecessors:\n got %s\nwant %s", got, c.preds)
			}
			was := execJSON(t, former, map[string]any{"name": "Tỉnh <Q>", "reform": formerReformView{v.Intro, v.Notes, v.Predecessors, v.Sums}})
			if c.sums != "" && !strings.Contains(was, "<tbody>"+c.sums+"\n      </tbody>") {
				t.Errorf("the former template wrote\n%s\nnot these rows\n%s", was, c.sums)
			}
			if c.preds != "" && !strings.Contains(was, `<ul class="predecessors">`+c.preds+"\n    </ul>") {
				t.Errorf("the former template wrote\n%s\nnot these items\n%s", was, c.preds)
			}
			// As unit.html gives them: the rows and the items are blocks of
			// the page's body (internal/sitegen/viewjson.go), "" when none.
			if got := execJSON(t, now, map[string]any{"name": "Tỉnh <Q>", "reform": v, "sums": v.Sums.HTML(), "predecessors": v.Predecessors.HTML()}); got != was {
				t.Errorf("reform.html writes\n%s\nnot\n%s", got, was)
			}
		})
	}
}

// TestReformJSON: the view carries the rows and the items as HTML, null
// when there are none.
func TestReformJSON(t *testing.T) {
	for _, c := range reformCases {
		b, err := json.Marshal(c.view)
		if err != nil {
			t.Fatal(err)
		}
		var got struct {
			Sums         *string `json:"sums"`
			Predecessors *string `json:"predecessors"`
		}
		if err := json.Unmarshal(b, &got); err != nil {
			t.Fatalf("%s: %v in %s", c.name, err, b)
		}
		for _, x := range []struct {
			what      string
			got       *string
			want      string
			forbidden string
		}{{"sums", got.Sums, c.sums, `"value_text"`}, {"predecessors", got.Predecessors, c.preds, `"figures_text"`}} {
			if x.want == "" && x.got != nil || x.want != "" && (x.got == nil || *x.got != x.want) {
				t.Errorf("%s: %s decode as %v, want %q", c.name, x.what, x.got, x.want)
			}
			if strings.Contains(string(b), x.forbidden) {
				t.Errorf("%s: the view still has the %s' fields: %s", c.name, x.what, b)
			}
		}
	}
}

// FuzzReformHTML compares the sums' rows and the predecessors' items
// with the former template's on any texts and links.
func FuzzReformHTML(f *testing.F) {
	f.Add("Người nghiện", "/chi-so/x/", "Năm 2024", "result", "a < b & \"c\" 'd' + e\x00", "", uint8(0), true)
	f.Add("", "", "\xff\xfe", "<", "\u2028", "vbscript:x", uint8(3), false)
	f.Add("%zz%41", "HTTPS://x.vn/a b?q=é&r=+", "", "", "", "mailto:a@b", uint8(2), false)
	tpl := parse(f, "former", formerReform)
	f.Fuzz(func(t *testing.T, name, url, label, kind, text, url2 string, n uint8, complete bool) {
		row := SumRow{Indicator: Link{Name: name, URL: url}, PeriodLabel: label, Kind: kind, KindLabel: text, Complete: complete, ValueText: text, Note: text}
		for i := 0; i < int(n)%4; i++ {
			row.Kinds = append(row.Kinds, KindLabel{Kind: kind + label, Label: text + name})
			row.Parts = append(row.Parts, text+label)
		}
		v := ReformView{Sums: SumRows{row, {Indicator: Link{Name: text, URL: url2}, Kind: label, Note: name}},
			Predecessors: PredecessorList{{Unit: Link{Name: name, URL: url2}, Code: kind, FiguresText: label, Note: text}, {Unit: Link{Name: text}, Code: label}}}
		var out strings.Builder
		if err := tpl.Execute(&out, map[string]any{"name": "", "reform": formerReformViewMap(v)}); err != nil {
			t.Fatal(err)
		}
		was := out.String()
		sums := was[strings.Index(was, "<tbody>")+len("<tbody>") : strings.LastIndex(was, "\n      </tbody>")]
		preds := was[strings.Index(was, `<ul class="predecessors">`)+len(`<ul class="predecessors">`) : strings.LastIndex(was, "\n    </ul>")]
		if got := v.Sums.HTML(); got != sums {
			t.Errorf("sums:\n got %q\nwant %q", got, sums)
		}
		if got := v.Predecessors.HTML(); got != preds {
			t.Errorf("predecessors:\n got %q\nwant %q", got, preds)
		}
	})
}

// formerReformViewMap is v as the former template got it from the view's
// JSON, but with the texts as they are (the fuzzer's invalid UTF-8
// included; JSON would have replaced it).
func formerReformViewMap(v ReformView) map[string]any {
	link := func(l Link) map[string]any {
		m := map[string]any{"name": l.Name}
		if l.URL != "" {
			m["url"] = l.URL
		}
		return m
	}
	var sums, preds []any
	for _, r := range v.Sums {
		var kinds, parts []any
		for _, k := range r.Kinds {
			kinds = append(kinds, map[string]any{"kind": k.Kind, "label": k.Label})
		}
		for _, p := range r.Parts {
			parts = append(parts, p)
		}
		sums = append(sums, map[string]any{"indicator": link(r.Indicator), "period_label": r.PeriodLabel, "kind": r.Kind, "kind_label": r.KindLabel,
			"kinds": kinds, "complete": r.Complete, "value_text": r.ValueText, "parts": parts, "note": r.Note})
	}
	for _, p := range v.Predecessors {
		m := map[string]any{"unit": link(p.Unit), "code": p.Code, "figures_text": p.FiguresText}
		if p.Note != "" {
			m["note"] = p.Note
		}
		preds = append(preds, m)
	}
	return map[string]any{"intro": v.Intro, "sums": sums, "predecessors": preds}
}

var linksCases = []struct {
	name  string
	links []Link
	want  string
}{
	{"none", nil, ""},
	{"one", []Link{{Name: "Báo LĐXH, 15/03/2023", URL: "/nguon/a/"}}, `<a href="/nguon/a/">Báo LĐXH, 15/03/2023</a>`},
	{"with and without a page, escaped",
		[]Link{{Name: "<Kế hoạch> & \"số\" 'x'", URL: "/nguon/a b/?q=1&r=<2>"}, {Name: "Không có trang"}, {Name: "js", URL: "javascript:alert(1)"}},
		`<a href="/nguon/a%20b/?q=1&amp;r=%3c2%3e">&lt;Kế hoạch&gt; &amp; &#34;số&#34; &#39;x&#39;</a>, Không có trang, <a href="#ZgotmplZ">js</a>`},
}

// TestLinksInlineHTML holds a chart's sources line, made in Go, to what
// links-inline.html writes for the same links.
func TestLinksInlineHTML(t *testing.T) {
	tpl := partial(t, "links-inline.html")
	for _, c := range linksCases {
		t.Run(c.name, func(t *testing.T) {
			got := string(AppendLinksInline(nil, c.links))
			if got != c.want {
				t.Errorf("AppendLinksInline:\n got %s\nwant %s", got, c.want)
			}
			if was := execJSON(t, tpl, c.links); got != was {
				t.Errorf("links-inline.html writes\n%s\nGo\n%s", was, got)
			}
		})
	}
}

func FuzzLinksInlineHTML(f *testing.F) {
	f.Add("Báo LĐXH", "/nguon/a/", "<b> & \"c\"", "", "x", "javascript:x")
	f.Add("", "\xff\xfe", "\u2028é", "/a b/?x=<1>&y=%41", "", "#f-1")
	tpl := partial(f, "links-inline.html")
	f.Fuzz(func(t *testing.T, n1, u1, n2, u2, n3, u3 string) {
		links := []Link{{n1, u1}, {n2, u2}, {n3, u3}}
		// The links as the template gets them from JSON (url left out
		// when empty), but with the texts as they are: JSON would have
		// replaced the fuzzer's invalid UTF-8.
		data := make([]any, len(links))
		for i, l := range links {
			m := map[string]any{"name": l.Name}
			if l.URL != "" {
				m["url"] = l.URL
			}
			data[i] = m
		}
		var out strings.Builder
		if err := tpl.Execute(&out, data); err != nil {
			t.Fatal(err)
		}
		if got, was := string(AppendLinksInline(nil, links)), out.String(); got != was {
			t.Errorf("links %q:\nlinks-inline.html writes\n%q\nGo\n%q", links, was, got)
		}
	})
}
