package charts

import (
	"encoding/json"
	"strings"
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

// TestMapClassBounds: the legend's classes keep their bounds exactly (a
// bound of 0, a large count) and the option holds no null settings.
func TestMapClassBounds(t *testing.T) {
	zero, big := 0.0, 1234567.891
	raw, err := MapOption(Choropleth{Map: "vn34", Format: vntext.FormatNumber, Areas: []Area{
		{Code: "01", Name: "A", Value: &zero, Label: "0"}, {Code: "04", Name: "B", Value: &big, Label: "1.234.567,89"},
	}})
	if err != nil {
		t.Fatal(err)
	}
	var opt struct {
		VisualMap struct {
			Pieces []map[string]any `json:"pieces"`
		} `json:"visualMap"`
	}
	if err := json.Unmarshal(raw, &opt); err != nil {
		t.Fatal(err)
	}
	p := opt.VisualMap.Pieces
	if len(p) != 3 || p[0]["min"] != 0.0 || p[0]["max"] != 0.0 || p[1]["min"] != big || p[1]["max"] != big {
		t.Errorf("pieces = %v, want [0, 0] and [%v, %v]", p, big, big)
	}
	if strings.Contains(string(raw), "null") {
		t.Errorf("option has a null setting: %s", raw)
	}
}
