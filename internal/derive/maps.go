package derive

import (
	"fmt"
	"sort"
	"strings"

	"github.com/pcmt/pcmt/internal/charts"
	"github.com/pcmt/pcmt/internal/model"
	"github.com/pcmt/pcmt/internal/period"
	"github.com/pcmt/pcmt/internal/vntext"
)

// GeoURL is where the site serves the outlines of the 34 provinces
// (static/geo/), and GeoName the name the page registers them under.
const (
	GeoURL  = "/geo/vn34-provinces.geojson"
	GeoName = "vn34"
)

// MapView is a page with the map of the 34 provinces coloured by one
// indicator, period and kind, the same values in a table, and notes on
// values taken from the provinces before 1/7/2025.
type MapView struct {
	ID          string   `json:"id"`
	Indicator   Link     `json:"indicator"`
	Period      string   `json:"period"`
	PeriodLabel string   `json:"period_label"`
	Kind        string   `json:"kind"`
	KindLabel   string   `json:"kind_label"`
	Intro       string   `json:"intro"`
	Charts      []Chart  `json:"charts"`   // the map (its option and table); named charts so the page loads the chart scripts
	Geo         string   `json:"geo"`      // URL of the GeoJSON
	GeoName     string   `json:"geo_name"` // name it is registered under
	Rows        []MapRow `json:"rows"`     // the 34 provinces, Vietnamese order
	Notes       []string `json:"notes"`    // where a value comes from predecessors
	Legend      []string `json:"legend"`   // the classes as text, and the no-data entry
	Others      []Link   `json:"others"`   // the other maps
}

// MapRow is one province on a map page.
type MapRow struct {
	Code      string   `json:"code"`
	Province  Link     `json:"province"`
	Value     *float64 `json:"value"`      // nil: no value
	ValueText string   `json:"value_text"` // "900 người" or "chưa có số liệu"
	Note      string   `json:"note"`
}

type mapKey struct {
	ind  string
	per  string
	kind model.Kind
}

// mapPages builds one map per indicator, period and kind that at least one
// current province has a complete value for.
func (d *deriver) mapPages() []Page {
	var provs []*model.Unit
	for k, u := range d.ds.Units {
		if k.Era == model.Era2025 && u.Level == model.Province {
			provs = append(provs, u)
		}
	}
	vntext.SortFunc(provs, func(u *model.Unit) string { return u.Name })
	byProv := map[string]map[mapKey]reform{}
	periods := map[mapKey]period.Period{}
	var keys []mapKey
	made := make(map[model.UnitKey][]reform, len(provs))
	for _, u := range provs {
		byProv[u.Key.Code] = map[mapKey]reform{}
		rs := d.reforms(u)
		made[u.Key] = rs
		for _, r := range rs {
			k := mapKey{r.indicator, r.period.String(), r.kind}
			byProv[u.Key.Code][k] = r
			if _, seen := periods[k]; !seen && r.complete {
				periods[k] = r.period
				keys = append(keys, k)
			}
		}
	}
	d.provinceReforms = made // for the province pages (reformsOf)
	sort.SliceStable(keys, func(i, j int) bool {
		if keys[i].ind != keys[j].ind {
			return d.indOrder[keys[i].ind] < d.indOrder[keys[j].ind]
		}
		if c := period.Compare(periods[keys[i]], periods[keys[j]]); c != 0 {
			return c < 0
		}
		return kindOrder[keys[i].kind] < kindOrder[keys[j].kind]
	})
	var links []Link
	for _, k := range keys {
		links = append(links, Link{Name: mapTitle(d.ds.Indicators[k.ind], periods[k], k.kind), URL: "/ban-do/" + mapID(k) + "/"})
	}
	var out []Page
	for i, k := range keys {
		v := d.mapView(k, periods[k], provs, byProv)
		for j, l := range links {
			if j != i {
				v.Others = append(v.Others, l)
			}
		}
		out = append(out, Page{Path: "ban-do/" + v.ID, Title: links[i].Name, Weight: i + 1, View: v})
	}
	return out
}

// reformsOf is reforms(u), which for a province the maps made already
// (mapPages): a province page's reform section adds up the same figures.
// After Build it only reads the deriver.
func (d *deriver) reformsOf(u *model.Unit) []reform {
	if rs, ok := d.provinceReforms[u.Key]; ok {
		return rs
	}
	return d.reforms(u)
}

func mapID(k mapKey) string {
	return k.ind + "-" + strings.ReplaceAll(k.per, "/", "-") + "-" + string(k.kind)
}

func mapTitle(ind *model.Indicator, p period.Period, kind model.Kind) string {
	return fmt.Sprintf("Bản đồ: %s — %s (%s)", ind.Name, lowerFirst(p.Label()), lowerFirst(kindLabel[kind]))
}

func (d *deriver) mapView(k mapKey, p period.Period, provs []*model.Unit, byProv map[string]map[mapKey]reform) MapView {
	ind := d.ds.Indicators[k.ind]
	v := MapView{ID: mapID(k), Indicator: Link{Name: ind.Name, URL: "/chi-so/" + ind.ID + "/"}, Period: k.per,
		PeriodLabel: p.Label(), Kind: string(k.kind), KindLabel: kindLabel[k.kind], Geo: GeoURL, GeoName: GeoName}
	word := ind.Counted
	format := vntext.FormatNumber
	if ind.Measure != model.Count {
		word = "%"
		format = vntext.FormatPercent
	}
	ch := charts.Choropleth{Map: GeoName, Format: format}
	table := Table{Caption: fmt.Sprintf("%s, %s (%s), theo 34 tỉnh, thành phố từ 01/7/2025; đơn vị: %s", ind.Name, lowerFirst(p.Label()), lowerFirst(kindLabel[k.kind]), word),
		Columns: []string{"Tỉnh, thành phố", "Mã", "Giá trị", "Ghi chú"}, Codes: true}
	withValue := 0
	var srcs []*model.Figure
	for _, u := range provs {
		row := MapRow{Code: u.Key.Code, Province: d.unitLink(u.Key), ValueText: MissingText}
		r, reported := byProv[u.Key.Code][k]
		switch {
		case reported && r.complete:
			x, _ := r.sum.Share()
			row.Value = &x
			row.ValueText = valueText(r.sum, ind)
			row.Note = r.note
			withValue++
			srcs = append(srcs, r.parts...)
			v.Notes = append(v.Notes, u.FullName+": "+lowerFirst(r.note))
		case reported:
			var parts []string
			for _, f := range r.parts {
				parts = append(parts, d.ds.Units[f.Unit].FullName+" "+valueText(f, ind))
			}
			row.Note = r.note
			if len(parts) > 0 {
				row.Note = "Chỉ có số của " + strings.Join(parts, ", ") + " (trước 01/7/2025). " + r.note
			}
		}
		v.Rows = append(v.Rows, row)
		ch.Areas = append(ch.Areas, charts.Area{Code: u.Key.Code, Name: u.FullName, Value: row.Value, Label: row.ValueText})
		table.Rows = append(table.Rows, []string{u.FullName, u.Key.Code, row.ValueText, row.Note})
	}
	var values []float64
	for _, r := range v.Rows {
		if r.Value != nil {
			values = append(values, *r.Value)
		}
	}
	for _, c := range charts.Classes(values, format) {
		v.Legend = append(v.Legend, c.Label)
	}
	v.Legend = append(v.Legend, charts.NoDataLabel)
	v.Intro = fmt.Sprintf("%d/%d tỉnh, thành phố có số liệu. Số liệu được công bố cho các tỉnh trước ngày 01/7/2025; một tỉnh mới chỉ có giá trị khi mọi tỉnh cũ hợp thành nó đều công bố cùng chỉ số, cùng kỳ. Tỉnh chưa có số liệu được tô màu xám, khác mọi mức của thang màu.",
		withValue, len(provs))
	opt, err := charts.MapOption(ch)
	if err != nil {
		panic(err) // the areas are built above
	}
	c := Chart{ID: "map-" + v.ID, Title: mapTitle(ind, p, k.kind), Subtitle: "Đơn vị: " + word + "; 34 tỉnh, thành phố từ 01/7/2025",
		Option: ChartOption(opt), Height: 560, Table: table}
	c.Sources = d.chartSources(srcs)
	v.Charts = []Chart{c}
	return v
}
