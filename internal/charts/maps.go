package charts

import (
	"encoding/json"
	"fmt"
	"math"
	"sort"
)

// Area is one region of a choropleth map, joined on Code (the GeoJSON
// feature's properties.code).
type Area struct {
	Code  string
	Name  string   // full name, for the tooltip
	Value *float64 // nil: no data (drawn in NoDataColor, never as the lowest class)
	Label string   // the value as the page prints it ("1.100 người", "chưa có số liệu")
}

// Choropleth describes a map coloured by one value per area.
type Choropleth struct {
	// Map is the name the GeoJSON is registered under (echarts.registerMap).
	Map   string
	Areas []Area
	// Format turns a class bound into legend text ("1.100", "80%").
	Format func(float64) string
}

// Colours of the map: five blues from light to dark for the classes, and
// a light grey, distinct from all of them, for no data.
var MapColors = []string{"#9ecae1", "#6baed6", "#4292c6", "#2171b5", "#08306b"}

const (
	NoDataColor  = "#e5e7eb"
	NoDataLabel  = "Chưa có số liệu"
	noDataMarker = -1e15 // legend entry only: no value is ever this
)

// Class is one legend entry: values in [Min, Max].
type Class struct {
	Min, Max float64
	Color    string
	Label    string
}

// Classes splits the areas' values into at most len(MapColors) classes of
// about equal counts; each distinct value lies in exactly one class.
func Classes(values []float64, format func(float64) string) []Class {
	vs := append([]float64(nil), values...)
	sort.Float64s(vs)
	var distinct []float64
	for i, v := range vs {
		if i == 0 || v != vs[i-1] {
			distinct = append(distinct, v)
		}
	}
	if len(distinct) == 0 {
		return nil
	}
	n := len(MapColors)
	if len(distinct) < n {
		n = len(distinct)
	}
	var out []Class
	for i := 0; i < n; i++ {
		lo := distinct[i*len(distinct)/n]
		hi := distinct[(i+1)*len(distinct)/n-1]
		c := Class{Min: lo, Max: hi, Color: MapColors[i*(len(MapColors)-1)/int(math.Max(1, float64(n-1)))]}
		if n == 1 {
			c.Color = MapColors[len(MapColors)/2]
		}
		if lo == hi {
			c.Label = format(lo)
		} else {
			c.Label = format(lo) + " – " + format(hi)
		}
		out = append(out, c)
	}
	return out
}

// MapOption returns the ECharts option for a choropleth of c as JSON. The
// page's script registers the GeoJSON under c.Map before setOption.
func MapOption(c Choropleth) (json.RawMessage, error) {
	if c.Map == "" {
		return nil, fmt.Errorf("charts: a map needs the name of its GeoJSON")
	}
	var values []float64
	for _, a := range c.Areas {
		if a.Value != nil {
			values = append(values, *a.Value)
		}
	}
	classes := Classes(values, c.Format)
	pieces := []map[string]any{}
	for _, cl := range classes {
		pieces = append(pieces, map[string]any{"min": cl.Min, "max": cl.Max, "label": cl.Label, "color": cl.Color})
	}
	// The "no data" entry of the legend: no area has this value; areas
	// without a value take the series' own NoDataColor.
	pieces = append(pieces, map[string]any{"value": noDataMarker, "label": NoDataLabel, "color": NoDataColor})
	data := make([]map[string]any, 0, len(c.Areas))
	for _, a := range c.Areas {
		item := map[string]any{"name": a.Code, "tooltip": map[string]any{"formatter": a.Name + ": " + a.Label}}
		if a.Value != nil {
			item["value"] = *a.Value
		} else {
			item["value"] = "-" // ECharts: empty, not zero
		}
		data = append(data, item)
	}
	opt := map[string]any{
		"animation": false,
		"tooltip":   map[string]any{"show": true, "trigger": "item"},
		"visualMap": map[string]any{
			"type": "piecewise", "pieces": pieces, "left": 8, "bottom": 8, "orient": "vertical",
			"selectedMode": false, "hoverLink": false, "seriesIndex": 0,
			"textStyle": map[string]any{"color": "#1f2937", "fontSize": 13},
		},
		"series": []any{map[string]any{
			"type": "map", "map": c.Map, "nameProperty": "code", "roam": false, "selectedMode": false,
			"layoutCenter": []string{"55%", "50%"}, "layoutSize": "95%",
			"label":     map[string]any{"show": false},
			"itemStyle": map[string]any{"areaColor": NoDataColor, "borderColor": "#6b7280", "borderWidth": 0.6},
			"emphasis":  map[string]any{"disabled": true},
			"data":      data,
		}},
	}
	return json.Marshal(opt)
}
