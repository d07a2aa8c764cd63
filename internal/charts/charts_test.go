package charts

import (
	"encoding/json"
	"fmt"
	"strings"
	"testing"

	"github.com/pcmt/pcmt/internal/vntext"
)

func f(v float64) *float64 { return &v }

// option is the part of a bar option the tests read.
type option struct {
	Animation  bool   `json:"animation"`
	PcmtFormat string `json:"pcmtFormat"`
	YAxis      struct {
		Type string   `json:"type"`
		Data []string `json:"data"`
		// Numbers, which ECharts adds up (go-echarts types them as
		// strings: "0"+1 is "01"); a string fails to unmarshal here.
		AxisLabel struct {
			Interval   int `json:"interval"`
			LineHeight int `json:"lineHeight"`
		} `json:"axisLabel"`
	} `json:"yAxis"`
	XAxis struct {
		Type string  `json:"type"`
		Name string  `json:"name"`
		Max  float64 `json:"max"`
	} `json:"xAxis"`
	Series []struct {
		Name  string `json:"name"`
		Data  []any  `json:"data"`
		Label struct {
			Show     bool   `json:"show"`
			Position string `json:"position"`
		} `json:"label"`
		Labels    []string `json:"pcmtLabels"`
		ItemStyle struct {
			Color string `json:"color"`
		} `json:"itemStyle"`
	} `json:"series"`
}

func readBarOption(t *testing.T, b Bars) (option, string) {
	t.Helper()
	raw, err := BarOption(b)
	if err != nil {
		t.Fatal(err)
	}
	var o option
	if err := json.Unmarshal(raw, &o); err != nil {
		t.Fatal(err)
	}
	return o, string(raw)
}

func TestBarOption(t *testing.T) {
	people := func() Bars {
		return Bars{
			Categories: []string{"Cai nghiện bắt buộc", "Methadone"},
			Series: []Series{
				{Name: "Chỉ tiêu", Color: ColorTarget, Values: []*float64{f(241), f(4986)}, Labels: []string{"241", "4.986"}},
				{Name: "Kết quả", Color: ColorResult, Values: []*float64{nil, f(218)}, Labels: []string{"", "218"}},
			},
			Horizontal: true,
			AxisName:   "người",
		}
	}
	o, raw := readBarOption(t, people())
	if o.YAxis.Type != "category" || strings.Join(o.YAxis.Data, "|") != "Cai nghiện bắt buộc|Methadone" || o.YAxis.AxisLabel.LineHeight != 15 {
		t.Errorf("category axis = %+v", o.YAxis)
	}
	if o.XAxis.Type != "value" || o.XAxis.Name != "người" {
		t.Errorf("value axis = %+v", o.XAxis)
	}
	if len(o.Series) != 2 || o.Series[0].ItemStyle.Color != ColorTarget {
		t.Fatalf("series = %+v", o.Series)
	}
	if v := o.Series[1].Data[0]; v != "-" {
		t.Errorf("missing value drawn as %v, want no bar (\"-\"), never zero", v)
	}
	// Plain values and one label config per series: charts.js writes
	// 4.986 from 4986.
	if v := o.Series[0].Data[1]; v != 4986.0 {
		t.Errorf("value = %v, want the plain number 4986", v)
	}
	if l := o.Series[0].Label; !l.Show || l.Position != "right" {
		t.Errorf("series label = %+v, want shown on the right of horizontal bars", l)
	}
	if o.Series[0].Labels != nil || strings.Contains(raw, "formatter") {
		t.Errorf("labels that are just the value in the option: %s", raw)
	}
	if o.PcmtFormat != "" {
		t.Errorf("pcmtFormat = %q for a count", o.PcmtFormat)
	}
	if o.Animation {
		t.Error("animation on: screenshots and tests would catch half-drawn bars")
	}
	if _, again := readBarOption(t, people()); again != raw {
		t.Error("the same chart gives two different options: builds would not be reproducible")
	}
}

// TestBarOptionLabels: the option carries a bar's label only when
// charts.js could not write it from the value, and never the number behind
// a withheld figure.
func TestBarOptionLabels(t *testing.T) {
	tests := []struct {
		name    string
		percent bool
		values  []*float64
		labels  []string
		gaps    []string
		want    []string // pcmtLabels; nil when none
		format  string
	}{
		{"counts", false, []*float64{f(0), f(1234)}, []string{"0", "1.234"}, nil, nil, ""},
		{"percent", true, []*float64{f(80.5), f(100)}, []string{"80,5%", "100%"}, nil, nil, "percent"},
		{"qualifier", true, []*float64{f(80), f(90)}, []string{"trên 80%", "90%"}, nil, []string{"trên 80%", ""}, "percent"},
		{"three decimals: Go's rounding", false, []*float64{f(1.005)}, []string{"1,01"}, nil, []string{"1,01"}, ""},
		{"withheld", false, []*float64{nil, f(12), nil}, []string{"dưới 5", "12", ""}, []string{"dưới 5", "", ""}, []string{"dưới 5", "", ""}, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			cats := make([]string, len(tt.values))
			for i := range cats {
				cats[i] = string(rune('a' + i))
			}
			o, raw := readBarOption(t, Bars{Categories: cats, Percent: tt.percent, Series: []Series{{Name: "x", Values: tt.values, Labels: tt.labels, Gaps: tt.gaps}}})
			if got := o.Series[0].Labels; strings.Join(got, "|") != strings.Join(tt.want, "|") || (got == nil) != (tt.want == nil) {
				t.Errorf("pcmtLabels = %q, want %q", got, tt.want)
			}
			if o.PcmtFormat != tt.format {
				t.Errorf("pcmtFormat = %q, want %q", o.PcmtFormat, tt.format)
			}
			for i, g := range tt.gaps {
				if g != "" && o.Series[0].Data[i] != 0.0 {
					t.Errorf("withheld bar %d = %v, want 0 carrying its label: %s", i, o.Series[0].Data[i], raw)
				}
			}
		})
	}
}

func TestBarOptionRejectsRaggedSeries(t *testing.T) {
	_, err := BarOption(Bars{Categories: []string{"a", "b"}, Series: []Series{{Name: "x", Values: []*float64{f(1)}}}})
	if err == nil || !strings.Contains(err.Error(), `series "x" has 1 values for 2 categories`) {
		t.Errorf("err = %v", err)
	}
}

// BenchmarkBarOption: a commune's chart of its own figures (48 indicator ×
// year rows, targets and results), as derive builds one per unit page.
func BenchmarkBarOption(b *testing.B) {
	bars := Bars{Horizontal: true, AxisName: "người"}
	target := Series{Name: "Chỉ tiêu", Color: ColorTarget}
	result := Series{Name: "Kết quả", Color: ColorResult}
	for i := range 48 {
		bars.Categories = append(bars.Categories, fmt.Sprintf("Người nghiện có hồ sơ quản lý — năm %d", 2021+i%4))
		t, r := float64(100+i), float64(90+i)
		target.Values, target.Labels = append(target.Values, &t), append(target.Labels, vntext.FormatNumber(t))
		result.Values, result.Labels = append(result.Values, &r), append(result.Labels, vntext.FormatNumber(r))
	}
	bars.Series = []Series{target, result}
	for b.Loop() {
		if _, err := BarOption(bars); err != nil {
			b.Fatal(err)
		}
	}
}

// TestOptionsAreCanonical: an option is what the page writes, as Hugo's
// jsonify wrote it from the option decoded (layouts/_partials/chart.html).
func TestOptionsAreCanonical(t *testing.T) {
	v := 12.5
	bar, err := BarOption(Bars{Categories: []string{"2024 <a>"}, Series: []Series{{Name: "Kết quả & chỉ tiêu", Values: []*float64{&v}}}, Percent: true, Max: 100})
	if err != nil {
		t.Fatal(err)
	}
	choropleth, err := MapOption(Choropleth{Map: "vn", Format: func(f float64) string { return fmt.Sprint(f) }, Areas: []Area{{Code: "01", Name: "Hà Nội", Value: &v, Label: "12,5"}}})
	if err != nil {
		t.Fatal(err)
	}
	for _, opt := range []json.RawMessage{bar, choropleth} {
		var decoded any
		if err := json.Unmarshal(opt, &decoded); err != nil {
			t.Fatal(err)
		}
		want, err := json.Marshal(decoded)
		if err != nil {
			t.Fatal(err)
		}
		if string(opt) != string(want) {
			t.Errorf("option:\n got %s\nwant %s", opt, want)
		}
	}
}
