// Package charts builds ECharts options for the site's charts. It knows
// nothing of pages: it turns categories and series of numbers into an
// option object that the site's own script (static/js/charts.js) hands to
// echarts.setOption. The same numbers are always printed in a table beside
// the chart by the caller.
//
// The option is made of go-echarts' option types (package opts, and its
// series type) written in one json.Marshal: at national scale every
// commune page carries its charts, so the option holds plain values and
// one label config per series, and charts.js formats labels and tooltips
// in Vietnamese (1.234, 80,5%); only a label it could not work out from
// the value (a qualifier, a withheld figure) is in the option.
package charts

import (
	"encoding/json"
	"fmt"
	"strconv"
	"strings"

	gocharts "github.com/go-echarts/go-echarts/v2/charts"
	"github.com/go-echarts/go-echarts/v2/opts"
	"github.com/go-echarts/go-echarts/v2/types"

	"github.com/pcmt/pcmt/internal/jsontext"
	"github.com/pcmt/pcmt/internal/vntext"
)

// Series is one named row of values, one per category; nil is no value
// (drawn as no bar, never as zero).
type Series struct {
	Name   string
	Color  string
	Values []*float64
	// Labels, when set, are the values as the page prints them ("4.986",
	// "trên 80,5%"), shown on the bars; a label that is just the value in
	// Vietnamese format is left to charts.js.
	Labels []string
	// Gaps, when set, is for a nil value the text shown where its bar
	// would be ("dưới 5" for a figure withheld by disclosure control): no
	// bar is drawn, and the tooltip shows the text too, never a number.
	Gaps []string
}

// Bars describes a bar chart.
type Bars struct {
	Categories []string
	Series     []Series
	// Horizontal draws bars left to right, for long category names.
	Horizontal bool
	// AxisName labels the value axis ("người", "%").
	AxisName string
	// Max fixes the value axis maximum (100 for percentages); 0 = automatic.
	Max float64
	// Percent formats value labels with a % sign.
	Percent bool
}

// Palette of series colours, with enough contrast on white for WCAG AA
// on the legend text (legend text itself stays dark).
const (
	ColorBaseline = "#6b7280" // số liệu nền: grey
	ColorTarget   = "#1d4ed8" // chỉ tiêu: blue
	ColorResult   = "#b45309" // kết quả: amber
)

// BarOption returns the ECharts option for b as JSON.
func BarOption(b Bars) (json.RawMessage, error) {
	for _, s := range b.Series {
		if len(s.Values) != len(b.Categories) {
			return nil, fmt.Errorf("charts: series %q has %d values for %d categories", s.Name, len(s.Values), len(b.Categories))
		}
	}
	// go-echarts types positions as strings: ECharts reads "40" as 40.
	o := barOption{
		Grid:    opts.Grid{Left: "3%", Right: "6%", Bottom: "3%", Top: "40", ContainLabel: opts.Bool(true)},
		Legend:  opts.Legend{Show: opts.Bool(len(b.Series) > 1), Top: "0"},
		Tooltip: opts.Tooltip{Show: opts.Bool(true), Trigger: "axis"},
	}
	if b.Percent {
		o.Format = "percent"
	}
	var valueMax any // automatic unless set
	if b.Max != 0 {
		valueMax = b.Max
	}
	var cats any // go-echarts' Data is an interface: a nil slice would be null
	if len(b.Categories) > 0 {
		cats = b.Categories
	}
	label := &axisLabel{AxisLabel: opts.AxisLabel{Width: 180, Overflow: "break", Color: "#1f2937"}, Interval: 0, LineHeight: 15}
	pos := "top"
	if b.Horizontal {
		label.Width, pos = 220, "right"
		o.XAxis = xAxis{XAxis: opts.XAxis{Type: "value", Name: b.AxisName, Max: valueMax}}
		o.YAxis = yAxis{YAxis: opts.YAxis{Type: "category", Inverse: opts.Bool(true), Data: cats}, AxisLabel: label}
	} else {
		o.XAxis = xAxis{XAxis: opts.XAxis{Type: "category", Data: cats}, AxisLabel: label}
		o.YAxis = yAxis{YAxis: opts.YAxis{Type: "value", Name: b.AxisName, Max: valueMax}}
	}
	suffix := ""
	if b.Percent {
		suffix = "%"
	}
	o.Series = make([]*barSeries, 0, len(b.Series))
	for _, s := range b.Series {
		data := make([]any, len(s.Values))
		so := &barSeries{SingleSeries: gocharts.SingleSeries{Type: types.ChartBar, Name: s.Name,
			Label: &opts.Label{Show: opts.Bool(true), Position: pos}, Data: data}}
		if s.Color != "" {
			so.ItemStyle = &opts.ItemStyle{Color: s.Color}
		}
		labels := make([]string, len(s.Values))
		has := false
		for i, v := range s.Values {
			switch {
			case v == nil && i < len(s.Gaps) && s.Gaps[i] != "":
				// A bar of length 0 carries the label; the number behind
				// it is not in the option at all.
				data[i], labels[i], has = 0, s.Gaps[i], true
			case v == nil:
				data[i] = "-" // ECharts: no bar
			default:
				data[i] = *v
				if i < len(s.Labels) && s.Labels[i] != "" && s.Labels[i] != jsLabel(*v, suffix) {
					labels[i], has = s.Labels[i], true
				}
			}
		}
		if has {
			so.Labels = labels
		}
		o.Series = append(o.Series, so)
	}
	return marshal(o)
}

// marshal writes an option as the page carries it (Canonical): sorted
// keys, as the templates' jsonify wrote it when Hugo re-encoded options.
func marshal(o any) (json.RawMessage, error) {
	b, err := json.Marshal(o)
	if err != nil {
		return nil, err
	}
	return jsontext.Canonical(b)
}

// jsLabel is the label static/js/charts.js writes for v (its vnNumber and
// the percent suffix), or "" when charts.js might write it otherwise: it
// rounds to two decimals, and only a value with at most two decimals is
// sure to round the same in Go and in JavaScript.
func jsLabel(v float64, suffix string) string {
	s := strconv.FormatFloat(v, 'f', -1, 64)
	if i := strings.IndexByte(s, '.'); i >= 0 && len(s)-i-1 > 2 || strings.ContainsAny(s, "eE") {
		return ""
	}
	return vntext.FormatNumber(v) + suffix
}

// The option in go-echarts' types, marshalled by encoding/json in one go:
// go-echarts' charts.NewBar fills in defaults by reflection (17 µs, half
// of what BarOption takes) and its JSON() walks every option again (with
// it, 15 times BarOption), so only the parts a bar chart sets are put
// together here. Keys starting with pcmt are read (and removed) by
// charts.js, not ECharts.
type barOption struct {
	Animation bool         `json:"animation"`
	Grid      opts.Grid    `json:"grid"`
	Legend    opts.Legend  `json:"legend"`
	Tooltip   opts.Tooltip `json:"tooltip"`
	XAxis     xAxis        `json:"xAxis"`
	YAxis     yAxis        `json:"yAxis"`
	Series    []*barSeries `json:"series"`
	// Format "percent": charts.js writes labels and tooltips with "%".
	Format string `json:"pcmtFormat,omitempty"`
}

// xAxis and yAxis carry a category axis' labels as axisLabel below.
type xAxis struct {
	opts.XAxis
	AxisLabel *axisLabel `json:"axisLabel,omitempty"`
}

type yAxis struct {
	opts.YAxis
	AxisLabel *axisLabel `json:"axisLabel,omitempty"`
}

// axisLabel of a category axis: every name shown, wrapping onto two lines.
// go-echarts types interval and lineHeight as strings, which ECharts adds
// up as text ("0"+1 is "01"), so they are numbers here; and it writes
// showMinLabel/showMaxLabel as null when unset, so they are left out.
type axisLabel struct {
	opts.AxisLabel
	Interval     int        `json:"interval"`
	LineHeight   int        `json:"lineHeight"`
	ShowMinLabel types.Bool `json:"showMinLabel,omitempty"`
	ShowMaxLabel types.Bool `json:"showMaxLabel,omitempty"`
}

// barSeries is a go-echarts series whose data are plain numbers, "-" for
// no bar, with the labels charts.js shows where a bar's label is not its
// value in Vietnamese format: the text for that bar ("" for the others),
// on the bar and in the tooltip in place of the value (a withheld figure's
// bar has the value 0, which is not its value). go-echarts has no field
// for them.
type barSeries struct {
	gocharts.SingleSeries
	Labels []string `json:"pcmtLabels,omitempty"`
}
