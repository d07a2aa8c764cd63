package charts

import (
	"encoding/json"
	"fmt"
	"math"
	"sort"

	gocharts "github.com/go-echarts/go-echarts/v2/charts"
	"github.com/go-echarts/go-echarts/v2/opts"
	"github.com/go-echarts/go-echarts/v2/types"
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
	pieces := make([]piece, 0, len(classes)+1)
	for _, cl := range classes {
		pieces = append(pieces, piece{Piece: opts.Piece{Color: cl.Color}, Min: &cl.Min, Max: &cl.Max, Label: cl.Label})
	}
	// The "no data" entry of the legend: no area has this value; areas
	// without a value take the series' own NoDataColor.
	noData := noDataMarker
	pieces = append(pieces, piece{Piece: opts.Piece{Color: NoDataColor}, Value: &noData, Label: NoDataLabel})
	data := make([]mapData, 0, len(c.Areas))
	for _, a := range c.Areas {
		item := mapData{MapData: opts.MapData{Name: a.Code, Value: "-"}, // "-": ECharts draws it empty, not zero
			Tooltip: &opts.Tooltip{Formatter: types.FuncStr(a.Name + ": " + a.Label)}}
		if a.Value != nil {
			item.Value = *a.Value
		}
		data = append(data, item)
	}
	return marshal(mapOption{
		Tooltip: opts.Tooltip{Show: opts.Bool(true), Trigger: "item"},
		VisualMap: visualMap{
			VisualMap: opts.VisualMap{Type: "piecewise", Left: "8", Bottom: "8", Orient: "vertical",
				TextStyle: &opts.TextStyle{Color: "#1f2937", FontSize: 13}},
			Pieces: pieces,
		},
		Series: []mapSeries{{
			SingleSeries: gocharts.SingleSeries{Type: types.ChartMap, MapType: c.Map, Roam: opts.Bool(false), SelectedMode: opts.Bool(false),
				Label:     &opts.Label{Show: opts.Bool(false)},
				ItemStyle: &opts.ItemStyle{AreaColor: NoDataColor, BorderColor: "#6b7280", BorderWidth: 0.6},
				Data:      data},
			NameProperty: "code", LayoutCenter: []string{"55%", "50%"}, LayoutSize: "95%",
			Emphasis: emphasis{Disabled: true},
		}},
	})
}

// A map's option in go-echarts' types, with the few settings go-echarts
// has no field for.
type mapOption struct {
	Animation bool         `json:"animation"`
	Tooltip   opts.Tooltip `json:"tooltip"`
	VisualMap visualMap    `json:"visualMap"`
	Series    []mapSeries  `json:"series"`
}

// visualMap is the legend of classes. go-echarts' pieces hold float32
// bounds, which would round a value such as 1234567.891, and drop a bound
// of 0; and it writes calculable as null when unset. The legend is not a
// control: no selecting, no highlighting on hover.
type visualMap struct {
	opts.VisualMap
	Calculable   types.Bool `json:"calculable,omitempty"`
	Pieces       []piece    `json:"pieces"`
	SelectedMode bool       `json:"selectedMode"`
	HoverLink    bool       `json:"hoverLink"`
	SeriesIndex  int        `json:"seriesIndex"`
}

// piece is one legend entry: a class [Min, Max], or the no-data entry by
// its Value, with its text.
type piece struct {
	opts.Piece
	Min   *float64 `json:"min,omitempty"`
	Max   *float64 `json:"max,omitempty"`
	Value *float64 `json:"value,omitempty"`
	Label string   `json:"label"`
}

// mapData is a province: its value and its own tooltip (the value as the
// page prints it).
type mapData struct {
	opts.MapData
	Tooltip *opts.Tooltip `json:"tooltip,omitempty"`
}

// mapSeries joins areas on the GeoJSON's properties.code, places the map,
// and turns hover highlighting off: go-echarts has no fields for these.
type mapSeries struct {
	gocharts.SingleSeries
	NameProperty string   `json:"nameProperty"`
	LayoutCenter []string `json:"layoutCenter"`
	LayoutSize   string   `json:"layoutSize"`
	Emphasis     emphasis `json:"emphasis"`
}

type emphasis struct {
	opts.Emphasis
	Disabled bool `json:"disabled"`
}
