// Package charts builds ECharts options for the site's charts with
// go-echarts. It knows nothing of pages: it turns categories and series of
// numbers into an option object that the site's own script hands to
// echarts.setOption. The same numbers are always printed in a table beside
// the chart by the caller.
package charts

import (
	"encoding/json"
	"fmt"

	"github.com/go-echarts/go-echarts/v2/charts"
	"github.com/go-echarts/go-echarts/v2/opts"
)

// Series is one named row of values, one per category; nil is no value
// (drawn as no bar, never as zero).
type Series struct {
	Name   string
	Color  string
	Values []*float64
	// Labels, when set, are the values as the page prints them ("4.986",
	// "80,5%"), shown on the bars instead of ECharts' own formatting.
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
	bar := charts.NewBar()
	// A fixed id keeps builds reproducible (go-echarts draws a random one).
	bar.SetGlobalOptions(
		charts.WithInitializationOpts(opts.Initialization{ChartID: "pcmt"}),
		charts.WithAnimation(false),
		charts.WithTooltipOpts(opts.Tooltip{Show: opts.Bool(true), Trigger: "axis"}),
		charts.WithLegendOpts(opts.Legend{Show: opts.Bool(len(b.Series) > 1), Top: "0"}),
		charts.WithGridOpts(opts.Grid{Left: "3%", Right: "6%", Bottom: "3%", Top: "40", ContainLabel: opts.Bool(true)}),
	)
	valueAxis := opts.YAxis{Name: b.AxisName, Type: "value"}
	if b.Max > 0 {
		valueAxis.Max = b.Max
	}
	catAxis := opts.XAxis{Type: "category", AxisLabel: &opts.AxisLabel{Interval: "0", Width: 180, Overflow: "break", Color: "#1f2937"}}
	if b.Horizontal {
		bar.SetGlobalOptions(
			charts.WithXAxisOpts(opts.XAxis{Name: b.AxisName, Type: "value", Max: valueAxis.Max}),
			charts.WithYAxisOpts(opts.YAxis{Type: "category", Inverse: opts.Bool(true), AxisLabel: &opts.AxisLabel{Interval: "0", Width: 220, Overflow: "break", Color: "#1f2937"}}),
		)
		bar.XYReversal()
	} else {
		bar.SetGlobalOptions(charts.WithXAxisOpts(catAxis), charts.WithYAxisOpts(valueAxis))
	}
	bar.SetXAxis(b.Categories)
	label := "{c}"
	if b.Percent {
		label = "{c}%"
	}
	for _, s := range b.Series {
		data := make([]opts.BarData, len(s.Values))
		for i, v := range s.Values {
			if v == nil && i < len(s.Gaps) && s.Gaps[i] != "" {
				// A bar of length 0 carries the label; the number behind it
				// is not in the option at all.
				data[i] = opts.BarData{Value: 0, Label: &opts.Label{Show: opts.Bool(true), Formatter: s.Gaps[i]}}
			} else if v == nil {
				data[i] = opts.BarData{Value: "-"} // ECharts: no bar
			} else {
				data[i] = opts.BarData{Value: *v}
				if i < len(s.Labels) {
					data[i].Label = &opts.Label{Show: opts.Bool(true), Formatter: s.Labels[i]}
				}
			}
		}
		so := []charts.SeriesOpts{charts.WithLabelOpts(opts.Label{Show: opts.Bool(true), Position: labelPos(b.Horizontal), Formatter: label})}
		if s.Color != "" {
			so = append(so, charts.WithItemStyleOpts(opts.ItemStyle{Color: s.Color}))
		}
		bar.AddSeries(s.Name, data, so...)
	}
	bar.Validate()
	obj := bar.JSON()
	// Options the page does not use: drop them so the option is only what
	// setOption needs.
	delete(obj, "title")
	raw, err := json.Marshal(obj)
	if err != nil {
		return nil, err
	}
	raw, err = withGapLabels(raw, b.Series)
	if err != nil {
		return nil, err
	}
	return withLabelLineHeight(raw, 15)
}

// withGapLabels gives each series with a gap label its labels as
// "pcmtLabels", which static/js/charts.js shows in the tooltip in place of
// the value (a withheld figure's bar has the value 0, which is not its
// value).
func withGapLabels(b []byte, series []Series) (json.RawMessage, error) {
	gaps := false
	for _, s := range series {
		for _, g := range s.Gaps {
			gaps = gaps || g != ""
		}
	}
	if !gaps {
		return b, nil
	}
	var o map[string]any
	if err := json.Unmarshal(b, &o); err != nil {
		return nil, err
	}
	list, _ := o["series"].([]any)
	for i, x := range list {
		so, _ := x.(map[string]any)
		if so == nil || i >= len(series) {
			continue
		}
		labels := make([]string, len(series[i].Values))
		has := false
		for j := range labels {
			if j < len(series[i].Gaps) && series[i].Gaps[j] != "" {
				labels[j], has = series[i].Gaps[j], true
			} else if j < len(series[i].Labels) {
				labels[j] = series[i].Labels[j]
			}
		}
		if has {
			so["pcmtLabels"] = labels
		}
	}
	return json.Marshal(o)
}

// withLabelLineHeight sets a numeric line height on category labels, which
// wrap onto two lines; go-echarts types the field as a string, which
// ECharts would not add up as a number.
func withLabelLineHeight(b []byte, px int) (json.RawMessage, error) {
	var o map[string]any
	if err := json.Unmarshal(b, &o); err != nil {
		return nil, err
	}
	for _, key := range []string{"xAxis", "yAxis"} {
		axes, _ := o[key].([]any)
		for _, a := range axes {
			axis, _ := a.(map[string]any)
			if axis["type"] != "category" {
				continue
			}
			if label, ok := axis["axisLabel"].(map[string]any); ok {
				label["lineHeight"] = px
			}
		}
	}
	return json.Marshal(o)
}

func labelPos(horizontal bool) string {
	if horizontal {
		return "right"
	}
	return "top"
}
