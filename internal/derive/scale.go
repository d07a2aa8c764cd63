package derive

import (
	"fmt"

	"github.com/pcmt/pcmt/internal/model"
	"github.com/pcmt/pcmt/internal/vntext"
)

// At the scale of the whole country (63 provinces, 705 districts, 10,599
// communes, 20 indicators a year: two million figures) a page listing every
// figure of an indicator or of a province's yearly report would run to
// tens of megabytes. Such pages list the province-level figures only and
// say where the rest are: every figure keeps its row, with its anchor, on
// its own unit's page. Small sites (the default one) are not affected.
const (
	// MaxListRows is the most figure rows an indicator or source page lists.
	MaxListRows = 500
	// MaxPartsCharts is the most distribution charts (parts of a unit) a
	// unit page draws; beyond it only the latest period of each indicator
	// is charted. The parts-against-total checks still cover every period.
	MaxPartsCharts = 6
	// MaxPartsBars bounds the bars of all distribution charts of a page:
	// a province from 1/7/2025 has ~100 communes, and six charts of 100
	// bars each (with their tables) were 135 KB of a 280 KB page.
	MaxPartsBars = 200
)

// MaxListUnits is the most unit pages the front page lists; beyond it
// (a national site has 14,722) it lists the provinces, whose pages list
// their districts and communes. Layouts/section.html does the same for
// the index of units (/don-vi/).
const MaxListUnits = 200

// listUnits returns the units the front page lists and, when it leaves
// some out, the note saying so.
func listUnits(units []*model.Unit) ([]*model.Unit, string) {
	if len(units) <= MaxListUnits {
		return units, ""
	}
	var top []*model.Unit
	for _, u := range units {
		if u.Level == model.Province {
			top = append(top, u)
		}
	}
	return top, fmt.Sprintf("%s đơn vị có trang; danh sách dưới đây là %s tỉnh, thành phố (trước và từ 01/7/2025). Trang của mỗi tỉnh liệt kê các huyện, xã trực thuộc.",
		vntext.FormatNumber(float64(len(units))), vntext.FormatNumber(float64(len(top))))
}

// listRows returns the figures a list page shows (in the order given) and,
// when it leaves some out, the note saying so.
func (d *deriver) listRows(figs []*model.Figure) ([]*model.Figure, string) {
	if len(figs) <= MaxListRows {
		return figs, ""
	}
	var top []*model.Figure
	province := false // of the figure before's unit: figures come in runs of a unit
	for i, f := range figs {
		if i == 0 || f.Unit != figs[i-1].Unit {
			u := d.ds.Units[f.Unit]
			province = u != nil && u.Level == model.Province
		}
		if f.Place != "" || province {
			top = append(top, f)
			if len(top) == MaxListRows {
				break // the page shows no more (a list has ~100,000 figures nationally)
			}
		}
	}
	return top, fmt.Sprintf("Có %s số liệu; để trang nhẹ, bảng dưới đây chỉ liệt kê %s số liệu cấp tỉnh. Số liệu của huyện, xã có đầy đủ trên trang của từng đơn vị.",
		vntext.FormatNumber(float64(len(figs))), vntext.FormatNumber(float64(len(top))))
}

// chartedParts picks the distribution charts a unit page draws: all of
// them up to MaxPartsCharts (fewer when the unit has many parts: at most
// MaxPartsBars bars in all), else the latest period of each indicator
// (results before targets), within the same limit. size is the number of
// parts of a key; keys with fewer than two parts are never charted.
func chartedParts(order []partKey, size func(partKey) int) map[partKey]bool {
	out := map[partKey]bool{}
	var all []partKey
	most := 0
	for _, k := range order {
		if n := size(k); n >= 2 {
			all = append(all, k)
			most = max(most, n)
		}
	}
	limit := MaxPartsCharts
	if most > 0 {
		limit = min(limit, max(1, MaxPartsBars/most))
	}
	if len(all) <= limit {
		for _, k := range all {
			out[k] = true
		}
		return out
	}
	latest := map[string]partKey{}
	var inds []string
	for _, k := range all {
		best, ok := latest[k.indicator]
		if !ok {
			inds = append(inds, k.indicator)
		}
		// ISO periods of the same indicator sort by their start.
		if !ok || k.period > best.period || k.period == best.period && k.kind == model.Result && best.kind != model.Result {
			latest[k.indicator] = k
		}
	}
	for _, ind := range inds {
		if len(out) == limit {
			break
		}
		out[latest[ind]] = true
	}
	return out
}

// figIndex is the figures of each indicator and source, in the dataset's
// order, built once: list pages would otherwise scan every figure.
type figIndex struct {
	byIndicator, bySource map[string][]*model.Figure
}

func (d *deriver) index() *figIndex {
	if d.figs == nil {
		d.figs = &figIndex{byIndicator: map[string][]*model.Figure{}, bySource: map[string][]*model.Figure{}}
		// Figures come in runs of one source (and of one indicator): a
		// map lookup a run.
		figs := d.ds.Figures
		for start := 0; start < len(figs); {
			end := start + 1
			for end < len(figs) && figs[end].Indicator == figs[start].Indicator {
				end++
			}
			d.figs.byIndicator[figs[start].Indicator] = append(d.figs.byIndicator[figs[start].Indicator], figs[start:end]...)
			start = end
		}
		for start := 0; start < len(figs); {
			end := start + 1
			for end < len(figs) && figs[end].Source == figs[start].Source {
				end++
			}
			d.figs.bySource[figs[start].Source] = append(d.figs.bySource[figs[start].Source], figs[start:end]...)
			start = end
		}
	}
	return d.figs
}

// A province page at national scale held ~200 KB of HTML: its figure rows
// of every year, the checks of its parts against its totals, the totals
// over its former units, the distribution across its 30 districts or 126
// communes. Beyond these limits such a section moves to a page of its own
// under the province's address (subpages.go) and the province page keeps
// its heading, a sentence saying what is there and a link. Only province
// pages are split: they are the pages people share, and splitting every
// district and commune page would add ~14,000 pages nationally. Small
// sites (the default one) stay below every limit.
const (
	// MaxPageRows: with more figure rows of its own, a province page keeps
	// those of its latest year; earlier years are on PartEarlierYears.
	MaxPageRows = 60
	// MaxPageChecks: more parts-against-total checks go to PartChecks.
	MaxPageChecks = 20
	// MaxPageSums: more rows of totals over the former units (with the
	// list of those units) go to PartFormer.
	MaxPageSums = 40
	// MaxPageParts: when the distribution charts' bars and the links to
	// sub-units are more than this, both go to PartSubUnits.
	MaxPageParts = 60
	// MaxPageDistributions: with more distribution charts (each ~4.4 KB
	// of HTML however few its bars: Hà Nam before 2025 had six over its six
	// districts), they go to PartSubUnits too.
	MaxPageDistributions = 3
)

// Sub-pages of a unit page, by their address under the unit's.
const (
	PartEarlierYears = "cac-nam-truoc"
	PartChecks       = "doi-chieu"
	PartFormer       = "don-vi-truoc"
	PartSubUnits     = "don-vi-truc-thuoc"
)

// splits says whether u's page is split when a section is beyond its limit.
func splits(u *model.Unit) bool { return u != nil && u.Level == model.Province }

// latestYear is the year the page of u keeps the rows of, when its older
// rows move to PartEarlierYears; ok is false when none move. A period's
// year is the year it ends in (a baseline on 31/12/2022 is of 2022).
func (d *deriver) latestYear(u *model.Unit) (year int, ok bool) {
	figs := d.byUnit[u.Key]
	if !splits(u) || len(figs) <= MaxPageRows {
		return 0, false
	}
	first := figs[0].Period.End().Year()
	year = first
	for _, f := range figs {
		year = max(year, f.Period.End().Year())
		first = min(first, f.Period.End().Year())
	}
	return year, first < year
}

// rowPage is the page that shows f's row: page (its unit's page, ending in
// "/"), or the unit's PartEarlierYears page when the row moved there.
// Every address of the row (its permalink, the links from lists, the
// downloads, the citation) comes from it, so all lead to the same page.
func (d *deriver) rowPage(f *model.Figure, page string) string {
	if f.Place != "" || page == "" {
		return page // places' rows stay on the unit page
	}
	if y, ok := d.latestYear(d.ds.Units[f.Unit]); ok && f.Period.End().Year() < y {
		return page + PartEarlierYears + "/"
	}
	return page
}
