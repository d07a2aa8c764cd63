package derive

import (
	"encoding/json"
	"html/template"
	"os"
	"strings"
	"testing"
)

// chartPartial is layouts/_partials/chart.html as Hugo runs it, with the
// few of Hugo's functions it calls (dict, int, default, le, add, safeJS,
// absURL, and partial for chart-table.html and links-inline.html).
func chartPartial(t testing.TB) *template.Template {
	t.Helper()
	partials := map[string]*template.Template{}
	funcs := template.FuncMap{
		"safeHTML": hugoFuncs["safeHTML"],
		"safeJS":   func(s string) template.JS { return template.JS(s) },
		"dict": func(kv ...any) map[string]any {
			d := map[string]any{}
			for i := 0; i+1 < len(kv); i += 2 {
				d[kv[i].(string)] = kv[i+1]
			}
			return d
		},
		"int": func(v any) int {
			switch v := v.(type) {
			case float64:
				return int(v)
			case int:
				return v
			}
			return 0
		},
		"default": func(d, v any) any {
			if v == nil || v == 0.0 || v == "" {
				return d
			}
			return v
		},
		"le":     func(a, b int) bool { return a <= b },
		"add":    func(a, b int) int { return a + b },
		"absURL": func(s any) string { u, _ := s.(string); return "https://pcmt.invalid" + u },
		"partial": func(name string, ctx any) (template.HTML, error) {
			var out strings.Builder
			err := partials[name].Execute(&out, ctx)
			return template.HTML(out.String()), err
		},
	}
	read := func(name string) *template.Template {
		b, err := os.ReadFile("../../layouts/_partials/" + name)
		if err != nil {
			t.Fatal(err)
		}
		tpl, err := template.New(name).Funcs(funcs).Parse(string(b))
		if err != nil {
			t.Fatal(err)
		}
		return tpl
	}
	for _, n := range []string{"chart-table.html", "links-inline.html"} {
		partials[n] = read(n)
	}
	return read("chart.html")
}

// chartHTMLWas is what chart.html writes for c on a unit page: c as the
// view's JSON has it, its option, rows and sources as blocks (strings).
func chartHTMLWas(t testing.TB, tpl *template.Template, c Chart, viaJSON bool) string {
	t.Helper()
	var chart map[string]any
	if viaJSON {
		b, err := json.Marshal(c)
		if err != nil {
			t.Fatal(err)
		}
		if err := json.Unmarshal(b, &chart); err != nil {
			t.Fatal(err)
		}
	} else { // the texts as they are (a fuzzer's invalid UTF-8)
		cols := make([]any, len(c.Table.Columns))
		for i, s := range c.Table.Columns {
			cols[i] = s
		}
		chart = map[string]any{"id": c.ID, "title": c.Title, "subtitle": c.Subtitle, "height": float64(c.Height),
			"table": map[string]any{"caption": c.Table.Caption, "columns": cols}}
		if c.Table.Columns == nil {
			chart["table"].(map[string]any)["columns"] = nil
		}
		if d := c.Downloads; d != nil {
			m := map[string]any{"csv": d.CSV, "json": d.JSON}
			if d.PNG != "" {
				m["png"] = d.PNG
			}
			if d.Page {
				m["page"] = true
			}
			chart["downloads"] = m
		}
	}
	option := strings.ReplaceAll(string(c.Option), "{{", `{\u007b`) // as its block holds it
	var out strings.Builder
	err := tpl.Execute(&out, map[string]any{"chart": chart, "option": option,
		"rows": c.Table.RowsHTML(), "sources": string(AppendLinksInline(nil, c.Sources))})
	if err != nil {
		t.Fatal(err)
	}
	return out.String()
}

var figureCases = []Chart{
	{ID: "chart-277-2022-1", Title: "Số người: số liệu nền, chỉ tiêu và kết quả", Subtitle: "Đơn vị: người", Height: 560,
		Option: ChartOption(`{"animation":false,"series":[{"data":[1,2]}],"title":{"text":"{{< x >}} \u003c"}}`),
		Table: Table{Caption: "Số người — Huyện Chương Mỹ", Columns: []string{"Chỉ số và kỳ", "Số liệu nền"},
			Rows: [][]string{{"Cai nghiện, năm 2021", "127 người"}}},
		Sources:   []Link{{Name: "Báo cáo 2021 <x> & \"y\"", URL: "/nguon/a/"}, {Name: "Không trang"}},
		Downloads: &ChartDownloads{CSV: "/tai-ve/don-vi/277.csv", JSON: "/tai-ve/don-vi/277.json", PNG: "277-so-nguoi.png", Page: true}},
	{ID: "c2", Title: "Tỷ lệ", Height: 240, Table: Table{Caption: "x"}},
	{ID: "c3", Height: 300, Option: ChartOption(`{}`), Downloads: &ChartDownloads{CSV: "javascript:x", JSON: "/a b/?q=<1>&r=2"}, Sources: []Link{{}}},
	{ID: "c4", Height: 400, Table: Table{Columns: []string{}}},
	{ID: "c5", Height: 470},
	{ID: "c6", Height: 900, Sources: []Link{{Name: "", URL: "/x/"}}},
}

// TestFigureHTML holds the charts made in Go to what chart.html writes
// for them.
func TestFigureHTML(t *testing.T) {
	tpl := chartPartial(t)
	for _, c := range figureCases {
		if !c.HasFigureHTML() {
			t.Fatalf("%s: no figure HTML", c.ID)
		}
		got, was := string(c.AppendFigureHTML(nil)), chartHTMLWas(t, tpl, c, true)
		if got != was {
			t.Errorf("%s: chart.html writes\n%s\nGo\n%s", c.ID, was, got)
		}
	}
	if (Chart{Downloads: &ChartDownloads{Embed: "/nhung/x/"}}).HasFigureHTML() {
		t.Error("a chart with an embed page made in Go: its code needs absURL")
	}
}

func FuzzFigureHTML(f *testing.F) {
	f.Add("chart-1", "Tiêu đề <b> & \"c\"", "", "Chú thích", "/tai-ve/a.csv", "a.png", 360, true, false)
	f.Add("\xff", "{{", "\u2028", "", "javascript:x", "", 0, false, true)
	tpl := chartPartial(f)
	f.Fuzz(func(t *testing.T, id, title, subtitle, text, url, png string, height int, page, cols bool) {
		c := Chart{ID: id, Title: title, Subtitle: subtitle, Height: height % 1000,
			Option:  ChartOption(`{"t":` + string(jsonQuote(text)) + `}`),
			Table:   Table{Caption: text, Rows: [][]string{{title, text}}},
			Sources: []Link{{Name: title, URL: url}, {Name: text}}}
		if c.Height < 0 {
			c.Height = -c.Height
		}
		if cols {
			c.Table.Columns = []string{text, title}
		}
		if png != "" {
			c.Downloads = &ChartDownloads{CSV: url, JSON: text, PNG: png, Page: page}
		}
		if got, was := string(c.AppendFigureHTML(nil)), chartHTMLWas(t, tpl, c, false); got != was {
			t.Errorf("chart %+v:\nchart.html writes\n%q\nGo\n%q", c, was, got)
		}
	})
}

// jsonQuote is s as a JSON string, < > & escaped as derive's options have
// them.
func jsonQuote(s string) []byte {
	b, _ := json.Marshal(s)
	return b
}
