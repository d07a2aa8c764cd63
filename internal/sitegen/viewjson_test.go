package sitegen

import (
	"bytes"
	"testing"

	"github.com/pcmt/pcmt/internal/derive"
)

// TestMarshalUnitView: a unit view written by marshalUnitView is the same
// bytes as written by encoding/json (marshal), for views made to trip the
// splicing (texts holding the keys it looks for, no groups, no charts,
// rows and options missing) and every unit of the default site.
func TestMarshalUnitView(t *testing.T) {
	tricky := `"groups":null,"charts":null "charts": "rows":null "option":null "table":{"caption":"","columns":null,"rows":null} </tr> \ " ` + "\u2028 \x01"
	row := derive.FigureRow{Anchor: "f-" + tricky, PeriodLabel: tricky, Kind: "result", KindLabel: "Kết quả", ValueText: "986 người", Note: tricky}
	groups := []derive.IndicatorGroup{
		{Indicator: derive.Link{Name: tricky, URL: "/chi-so/x/"}, Definition: tricky, Measure: "count", Rows: derive.GroupRows{row, row}},
		{Indicator: derive.Link{Name: "y"}, Measure: "count"},
		{Indicator: derive.Link{Name: "z"}, Rows: derive.GroupRows{}},
	}
	charts := []derive.Chart{
		{ID: "chart-1", Title: tricky, Subtitle: tricky, Option: derive.ChartOption(`{"title":{"text":"\u003cb\u003e"},"series":[{"type":"bar","data":[1,2.5,null]}]}`),
			Height: 300, Table: derive.Table{Caption: tricky, Columns: []string{tricky}, Rows: [][]string{{tricky, "1"}}}, Key: "k"},
		{ID: "chart-2"},
	}
	views := []derive.UnitView{
		{},
		{Code: tricky, Name: tricky, Groups: groups},
		{Code: "01", Charts: charts},
		{Code: "01", Now: tricky, Groups: groups, Charts: charts},
		{Code: "01", Groups: []derive.IndicatorGroup{}, Charts: []derive.Chart{},
			Places: []derive.PlaceView{{ID: "p", Name: tricky, Groups: groups}}, Checks: []derive.Check{{Text: tricky}},
			Moved: map[string]derive.Moved{"groups": {}}},
	}
	if site, _, ok := defaultSite(t); ok {
		for i := range site.Units {
			views = append(views, site.UnitView(i))
		}
	}
	spliced := 0
	for _, v := range views {
		want, err := marshal(v)
		if err != nil {
			t.Fatal(err)
		}
		got, err := marshalUnitView(v, new(pageBuffers))
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(got, want) {
			t.Errorf("unit %q: marshalUnitView\n%s\nwant (encoding/json)\n%s", v.Code, got, want)
		}
		if _, ok := spliceUnitView(v, v.Charts, new(pageBuffers)); ok {
			spliced++
		}
	}
	if spliced != len(views) {
		t.Errorf("%d of %d views spliced, the others encoded by encoding/json", spliced, len(views))
	}
}
