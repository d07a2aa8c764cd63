package derive

import (
	"html/template"
	"strings"
	"testing"
)

// groupsTemplate is the markup of layouts/_partials/group.html,
// groups-table.html and figures-head.html before the groups came as HTML,
// called as unit.html called them, over IndicatorGroup's fields.
var groupsTemplate = template.Must(template.New("groups").Funcs(template.FuncMap{
	"safeHTML": func(s string) template.HTML { return template.HTML(s) },
	"rowsHTML": func(rs GroupRows) string { return rs.HTML() },
}).Parse(`
{{- define "figures-head" -}}
<thead>
    <tr>
      <th scope="col">Kỳ</th>
      <th scope="col">Loại</th>
      <th scope="col">Số liệu</th>
      <th scope="col">Tiến độ</th>
      <th scope="col">Nguồn và đoạn trích</th>
    </tr>
  </thead>
{{- end }}
{{- define "group" }}
{{- $g := .Group }}
{{- $h := .Level }}
<section class="group">
<h{{ $h }} class="group__title">{{ with $g.Indicator.URL }}<a href="{{ . }}">{{ $g.Indicator.Name }}</a>{{ else }}{{ $g.Indicator.Name }}{{ end }}</h{{ $h }}>
{{- with $g.Definition }}
<p class="group__definition">{{ . }}</p>
{{- end }}
<div class="table-wrap">
<table class="figures">
  <caption>{{ $g.Indicator.Name }}{{ with $.Where }} — {{ . }}{{ end }}: chỉ tiêu, kết quả và nguồn</caption>
  {{ template "figures-head" . }}
  <tbody>{{ rowsHTML $g.Rows | safeHTML }}
  </tbody>
</table>
</div>
</section>
{{ end }}
{{- define "groups-table" -}}
<div class="table-wrap">
<table class="figures figures--grouped">
  <caption>Số liệu của {{ .Where }} theo chỉ số: chỉ tiêu, kết quả và nguồn</caption>
  {{ template "figures-head" . }}
  {{- range .Groups }}
  <tbody>
<tr class="figures__group"><th colspan="5" scope="rowgroup">{{ $l := .Indicator }}{{ with $l.URL }}<a href="{{ . }}">{{ $l.Name }}</a>{{ else }}{{ $l.Name }}{{ end }}</th></tr>{{ rowsHTML .Rows | safeHTML }}
  </tbody>
  {{- end }}
</table>
</div>
{{ end }}
{{- define "sections" }}{{ $c := . }}
    {{- range .Groups }}
    {{ template "group" ($c.With .) }}
    {{- end }}
{{- end }}`))

type groupsContext struct {
	Groups []IndicatorGroup
	Group  IndicatorGroup
	Level  int
	Where  string
}

func (c groupsContext) With(g IndicatorGroup) groupsContext { c.Group = g; return c }

func templateGroups(t testing.TB, name string, c groupsContext) string {
	var b strings.Builder
	if err := groupsTemplate.ExecuteTemplate(&b, name, c); err != nil {
		t.Fatal(err)
	}
	return b.String()
}

var groupsCases = []struct {
	name   string
	groups []IndicatorGroup
	where  string
}{
	{"none", nil, "Xã Đại Áng"},
	{"two indicators", []IndicatorGroup{
		{Indicator: Link{Name: "Tỷ lệ người nghiện được lập hồ sơ quản lý", URL: "/chi-so/ty-le/"}, Definition: "Tỷ lệ người nghiện ma túy trên địa bàn được lập hồ sơ quản lý.",
			Rows: RowsOf(FigureRow{Anchor: "f-ty-le-2021-target", PeriodLabel: "Năm 2021", Kind: "target", KindLabel: "Chỉ tiêu", ValueText: "96%", Source: Link{URL: "/nguon/a/"}, SourceCite: "A"})},
		{Indicator: Link{Name: "Số xã không có ma túy"},
			Rows: RowsOf(FigureRow{Anchor: "b", Kind: "result", KindLabel: "Kết quả"}, FigureRow{Anchor: "c", Kind: "result", KindLabel: "Kết quả", Missing: true})},
	}, "Xã Đại Áng"},
	{"escaping", []IndicatorGroup{
		{Indicator: Link{Name: `A "b" <c> & 'd' + e`, URL: `/chi-so/a b"c<é>?x=1&y=2`}, Definition: `<script>alert("x")</script> & +`},
		{Indicator: Link{Name: "x", URL: "javascript:alert(1)"}},
	}, `Trại "tạm" <giữ> & 'người' +`},
	{"no where", []IndicatorGroup{{Indicator: Link{Name: "x"}}}, ""},
}

// TestGroupsHTML holds the groups' markup to what group.html and
// groups-table.html wrote, as unit.html called them.
func TestGroupsHTML(t *testing.T) {
	for _, c := range groupsCases {
		for _, level := range []int{3, 4} {
			want := templateGroups(t, "sections", groupsContext{Groups: c.groups, Level: level, Where: c.where})
			if got := string(AppendGroupSections(nil, c.groups, level, c.where, "\n    ")); got != want {
				t.Errorf("%s, level %d: sections\n%s\nthe template wrote\n%s", c.name, level, got, want)
			}
		}
		want := templateGroups(t, "groups-table", groupsContext{Groups: c.groups, Where: c.where})
		if got := string(AppendGroupsTable(nil, c.groups, c.where)); got != want {
			t.Errorf("%s: table\n%s\nthe template wrote\n%s", c.name, got, want)
		}
	}
}

// FuzzGroupsHTML compares the groups' HTML with the templates' on any text.
func FuzzGroupsHTML(f *testing.F) {
	f.Add("Tỷ lệ", "/chi-so/ty-le/", "Định nghĩa", "Xã Đại Áng", "f-a", "Năm 2021")
	f.Add(`<a href="x">&'+`, "javascript:x", "", "", "", "")
	f.Fuzz(func(t *testing.T, name, url, definition, where, anchor, period string) {
		groups := []IndicatorGroup{
			{Indicator: Link{Name: name, URL: url}, Definition: definition, Rows: RowsOf(FigureRow{Anchor: anchor, PeriodLabel: period})},
			{Indicator: Link{Name: definition, URL: name}},
		}
		want := templateGroups(t, "sections", groupsContext{Groups: groups, Level: 3, Where: where})
		if got := string(AppendGroupSections(nil, groups, 3, where, "\n    ")); got != want {
			t.Errorf("sections\n%q\nthe template wrote\n%q", got, want)
		}
		want = templateGroups(t, "groups-table", groupsContext{Groups: groups, Where: where})
		if got := string(AppendGroupsTable(nil, groups, where)); got != want {
			t.Errorf("table\n%q\nthe template wrote\n%q", got, want)
		}
	})
}
