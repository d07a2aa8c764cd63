package charts

import (
	"encoding/json"
	"testing"

	"github.com/pcmt/pcmt/internal/vntext"
)

func TestMapNoDataIsNotTheLowestClass(t *testing.T) {
	v1, v2 := 10.0, 900.0
	raw, err := MapOption(Choropleth{Map: "vn34", Format: vntext.FormatNumber, Areas: []Area{
		{Code: "01", Name: "A", Value: &v2, Label: "900"}, {Code: "04", Name: "B", Value: &v1, Label: "10"}, {Code: "08", Name: "C", Label: "chưa có số liệu"},
	}})
	if err != nil {
		t.Fatal(err)
	}
	var opt struct {
		VisualMap struct {
			Pieces []map[string]any `json:"pieces"`
		} `json:"visualMap"`
		Series []struct {
			NameProperty string           `json:"nameProperty"`
			ItemStyle    map[string]any   `json:"itemStyle"`
			Data         []map[string]any `json:"data"`
		} `json:"series"`
	}
	if err := json.Unmarshal(raw, &opt); err != nil {
		t.Fatal(err)
	}
	s := opt.Series[0]
	if s.NameProperty != "code" || s.ItemStyle["areaColor"] != NoDataColor {
		t.Errorf("series: %+v", s)
	}
	if s.Data[2]["value"] != "-" {
		t.Errorf("no data drawn as %v, want empty", s.Data[2]["value"])
	}
	last := opt.VisualMap.Pieces[len(opt.VisualMap.Pieces)-1]
	if last["label"] != NoDataLabel || last["color"] != NoDataColor {
		t.Errorf("legend lacks the no-data entry: %v", opt.VisualMap.Pieces)
	}
	for _, p := range opt.VisualMap.Pieces[:len(opt.VisualMap.Pieces)-1] {
		if p["color"] == NoDataColor {
			t.Errorf("class %v has the no-data colour", p)
		}
	}
	if len(opt.VisualMap.Pieces) != 3 {
		t.Errorf("%d legend entries, want 2 classes and no data", len(opt.VisualMap.Pieces))
	}
}
