package charts

import (
	"encoding/json"
	"strings"
	"testing"
)

func f(v float64) *float64 { return &v }

func TestBarOption(t *testing.T) {
	raw, err := BarOption(Bars{
		Categories: []string{"Cai nghiện bắt buộc", "Methadone"},
		Series: []Series{
			{Name: "Chỉ tiêu", Color: ColorTarget, Values: []*float64{f(241), f(4986)}, Labels: []string{"241", "4.986"}},
			{Name: "Kết quả", Color: ColorResult, Values: []*float64{nil, f(218)}, Labels: []string{"", "218"}},
		},
		Horizontal: true,
		AxisName:   "người",
	})
	if err != nil {
		t.Fatal(err)
	}
	var o struct {
		Animation bool `json:"animation"`
		YAxis     []struct {
			Type      string   `json:"type"`
			Data      []string `json:"data"`
			AxisLabel struct {
				LineHeight int `json:"lineHeight"`
			} `json:"axisLabel"`
		} `json:"yAxis"`
		XAxis []struct {
			Type string `json:"type"`
			Name string `json:"name"`
		} `json:"xAxis"`
		Series []struct {
			Name string `json:"name"`
			Data []struct {
				Value any `json:"value"`
				Label *struct {
					Formatter string `json:"formatter"`
				} `json:"label"`
			} `json:"data"`
			ItemStyle struct {
				Color string `json:"color"`
			} `json:"itemStyle"`
		} `json:"series"`
	}
	if err := json.Unmarshal(raw, &o); err != nil {
		t.Fatal(err)
	}
	if o.YAxis[0].Type != "category" || strings.Join(o.YAxis[0].Data, "|") != "Cai nghiện bắt buộc|Methadone" || o.YAxis[0].AxisLabel.LineHeight != 15 {
		t.Errorf("category axis = %+v", o.YAxis[0])
	}
	if o.XAxis[0].Type != "value" || o.XAxis[0].Name != "người" {
		t.Errorf("value axis = %+v", o.XAxis[0])
	}
	if len(o.Series) != 2 || o.Series[0].ItemStyle.Color != ColorTarget {
		t.Fatalf("series = %+v", o.Series)
	}
	if v := o.Series[1].Data[0].Value; v != "-" {
		t.Errorf("missing value drawn as %v, want no bar (\"-\"), never zero", v)
	}
	if got := o.Series[0].Data[1].Label.Formatter; got != "4.986" {
		t.Errorf("label = %q, want the page's own format 4.986", got)
	}
	if o.Animation {
		t.Error("animation on: screenshots and tests would catch half-drawn bars")
	}
	again, _ := BarOption(Bars{Categories: []string{"Cai nghiện bắt buộc", "Methadone"}, Series: []Series{
		{Name: "Chỉ tiêu", Color: ColorTarget, Values: []*float64{f(241), f(4986)}, Labels: []string{"241", "4.986"}},
		{Name: "Kết quả", Color: ColorResult, Values: []*float64{nil, f(218)}, Labels: []string{"", "218"}},
	}, Horizontal: true, AxisName: "người"})
	if string(again) != string(raw) {
		t.Error("the same chart gives two different options: builds would not be reproducible")
	}
}

func TestBarOptionRejectsRaggedSeries(t *testing.T) {
	_, err := BarOption(Bars{Categories: []string{"a", "b"}, Series: []Series{{Name: "x", Values: []*float64{f(1)}}}})
	if err == nil || !strings.Contains(err.Error(), `series "x" has 1 values for 2 categories`) {
		t.Errorf("err = %v", err)
	}
}
