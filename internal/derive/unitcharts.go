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

var kindColor = map[model.Kind]string{model.Baseline: charts.ColorBaseline, model.Target: charts.ColorTarget, model.Result: charts.ColorResult}

// unitCharts builds a unit's charts: its own figures (targets beside
// results), and for each indicator, period and kind reported by two or
// more of its parts, their distribution with a check against the total.
func (d *deriver) unitCharts(u *model.Unit) ([]Chart, []Check) {
	var out []Chart
	figs := d.byUnit[u.Key]
	// Counts of the most used counted word (people, mostly), then shares.
	words := map[string]int{}
	for _, f := range figs {
		if ind := d.ds.Indicators[f.Indicator]; ind.Measure == model.Count && !f.Missing() {
			words[ind.Counted]++
		}
	}
	best := ""
	for w, n := range words {
		if n > words[best] || n == words[best] && w < best {
			best = w
		}
	}
	var counts, shares []*model.Figure
	for _, f := range figs {
		ind := d.ds.Indicators[f.Indicator]
		switch {
		case f.Missing() && f.Withheld == "":
		case ind.Measure == model.Count && ind.Counted == best:
			counts = append(counts, f)
		case ind.Measure != model.Count:
			shares = append(shares, f)
		}
	}
	if len(counts) > 0 {
		out = append(out, d.kindsChart(u, len(out), counts, "Số "+best+": số liệu nền, chỉ tiêu và kết quả", best, false))
	}
	if len(shares) > 0 {
		out = append(out, d.kindsChart(u, len(out), shares, "Tỷ lệ (%): chỉ tiêu và kết quả", "%", true))
	}
	dist, checks := d.partsCharts(u, len(out))
	return append(out, dist...), checks
}

type category struct {
	indicator string
	period    period.Period
	label     string
	byKind    map[model.Kind]*model.Figure
}

// kindsChart puts targets, results and baselines of the same indicator side
// by side: a result or baseline whose period lies inside a target's period
// shares the target's row.
func (d *deriver) kindsChart(u *model.Unit, n int, figs []*model.Figure, title, word string, percent bool) Chart {
	var cats []*category
	find := func(f *model.Figure) *category {
		for _, c := range cats {
			if c.indicator == f.Indicator && c.byKind[f.Kind] == nil &&
				(c.period.String() == f.Period.String() || c.byKind[model.Target] != nil && c.period.Contains(f.Period)) {
				return c
			}
		}
		return nil
	}
	// Targets first, so results can join them.
	for _, pass := range []bool{true, false} {
		for _, f := range figs {
			if (f.Kind == model.Target) != pass {
				continue
			}
			c := find(f)
			if c == nil {
				ind := d.ds.Indicators[f.Indicator]
				c = &category{indicator: f.Indicator, period: f.Period, byKind: map[model.Kind]*model.Figure{},
					label: ind.Name + " — " + lowerFirst(f.Period.Label())}
				cats = append(cats, c)
			}
			c.byKind[f.Kind] = f
		}
	}
	sort.SliceStable(cats, func(i, j int) bool {
		if cats[i].indicator != cats[j].indicator {
			return d.indOrder[cats[i].indicator] < d.indOrder[cats[j].indicator]
		}
		return period.Compare(cats[i].period, cats[j].period) < 0
	})
	bars := charts.Bars{Horizontal: true, AxisName: word, Percent: percent}
	if percent {
		bars.Max = 100
	}
	table := Table{Caption: title + " — " + u.FullName, Columns: []string{"Chỉ số và kỳ", "Số liệu nền", "Chỉ tiêu", "Kết quả"}}
	for _, c := range cats {
		bars.Categories = append(bars.Categories, c.label)
		row := []string{c.label}
		for _, k := range []model.Kind{model.Baseline, model.Target, model.Result} {
			cell := "—"
			if f := c.byKind[k]; f != nil {
				cell = shortValue(f, d.ds.Indicators[f.Indicator])
				if f.Period.String() != c.period.String() {
					cell += " (" + lowerFirst(f.Period.Label()) + ")"
				}
			}
			row = append(row, cell)
		}
		table.Rows = append(table.Rows, row)
	}
	var srcs []*model.Figure
	for _, k := range []model.Kind{model.Baseline, model.Target, model.Result} {
		s := charts.Series{Name: kindLabel[k], Color: kindColor[k]}
		any := false
		for _, c := range cats {
			f := c.byKind[k]
			if f == nil {
				s.Values = append(s.Values, nil)
				s.Labels = append(s.Labels, "")
				s.Gaps = append(s.Gaps, "")
				continue
			}
			v, ok := f.Share()
			if ok {
				s.Values = append(s.Values, &v)
			} else { // withheld (disclosure.go): no bar, "dưới 5" in its place
				s.Values = append(s.Values, nil)
			}
			s.Gaps = append(s.Gaps, f.Withheld)
			s.Labels = append(s.Labels, shortValue(f, d.ds.Indicators[f.Indicator]))
			srcs = append(srcs, f)
			any = true
		}
		if any {
			bars.Series = append(bars.Series, s)
		}
	}
	return d.chart(u, n, title, "Đơn vị: "+word, bars, table, srcs, len(cats))
}

func (d *deriver) chart(u *model.Unit, n int, title, subtitle string, bars charts.Bars, table Table, figs []*model.Figure, rows int) Chart {
	opt, err := charts.BarOption(bars)
	if err != nil {
		panic(err) // the series are built above from the same categories
	}
	c := Chart{ID: fmt.Sprintf("chart-%s-%s-%d", u.Key.Code, u.Key.Era, n+1), Title: title, Subtitle: subtitle, Option: opt, Table: table}
	c.Key, c.figs = chartKey(title, figs), figs // downloads.go, citable.go
	// Room for two-line labels: about 48 px a row, in the heights the
	// stylesheet reserves (so the page does not shift when the chart draws).
	c.Height = 560
	for _, h := range []int{240, 320, 360, 420, 480, 560} {
		if rows*48+72 <= h {
			c.Height = h
			break
		}
	}
	c.Sources = d.chartSources(figs)
	return c
}

// chartSources lists, once each and in a fixed order, the documents the
// figures of a chart come from: a chart always carries its sources.
func (d *deriver) chartSources(figs []*model.Figure) []Link {
	var out []Link
	seen := map[string]bool{}
	for _, f := range figs {
		if !seen[f.Source] {
			seen[f.Source] = true
			s := d.ds.Sources[f.Source]
			out = append(out, Link{Name: s.Title + " (" + sourceCite(s) + ")", URL: "/nguon/" + s.ID + "/"})
		}
	}
	sort.Slice(out, func(i, j int) bool { return out[i].URL < out[j].URL })
	return out
}

type partKey struct {
	indicator string
	period    string
	kind      model.Kind
	source    string
}

// partsCharts charts how a figure is spread over a unit's parts (child
// units and places), and checks the parts against the unit's own total.
func (d *deriver) partsCharts(u *model.Unit, n int) ([]Chart, []Check) {
	type part struct {
		name, code string
		f          *model.Figure
	}
	groups := map[partKey][]part{}
	var order []partKey
	rank := map[string]int{} // the parts' names, ranked below
	add := func(name, code string, f *model.Figure) {
		rank[name] = 0
		k := partKey{f.Indicator, f.Period.String(), f.Kind, f.Source}
		if _, ok := groups[k]; !ok {
			order = append(order, k)
		}
		groups[k] = append(groups[k], part{name, code, f})
	}
	kids := d.children[u.Key]
	for _, c := range kids {
		for _, f := range d.byUnit[c.Key] {
			if d.ds.Indicators[f.Indicator].Measure == model.Count {
				add(c.FullName, c.Key.Code, f)
			}
		}
	}
	for _, pl := range d.placesOf(u) {
		for _, f := range d.byPlaceEra(pl, u.Key.Era) {
			if d.ds.Indicators[f.Indicator].Measure == model.Count {
				add(pl.Name+" (không phải đơn vị hành chính)", "", f)
			}
		}
	}
	sort.SliceStable(order, func(i, j int) bool { return d.indOrder[order[i].indicator] < d.indOrder[order[j].indicator] })
	nameRanks(rank)
	var out []Chart
	var checks []Check
	charted := chartedParts(order, func(k partKey) int { return len(groups[k]) }) // scale.go
	for _, k := range order {
		parts := groups[k]
		if len(parts) < 2 {
			continue
		}
		sort.SliceStable(parts, func(i, j int) bool {
			vi, _ := parts[i].f.Share()
			vj, _ := parts[j].f.Share()
			if vi != vj {
				return vi > vj
			}
			return rank[parts[i].name] < rank[parts[j].name]
		})
		ind := d.ds.Indicators[k.indicator]
		p := parts[0].f.Period
		title := ind.Name + ": phân bố theo đơn vị trực thuộc"
		bars := charts.Bars{Horizontal: true, AxisName: ind.Counted}
		s := charts.Series{Name: kindLabel[k.kind], Color: kindColor[k.kind]}
		table := Table{Caption: fmt.Sprintf("%s, %s (%s) — %s, %s", ind.Name, lowerFirst(p.Label()), lowerFirst(kindLabel[k.kind]), u.FullName, ind.Counted),
			Columns: []string{"Đơn vị", "Mã", "Số " + ind.Counted}}
		var sum float64
		var figs []*model.Figure
		reported := 0
		// Withheld parts (disclosure.go) are checked with their loaded
		// value, but no text gives a number that would reveal them.
		var trueSum float64
		hidden := 0
		for _, pt := range parts {
			v, ok := pt.f.Share()
			label := shortValue(pt.f, ind)
			tv, _ := d.loaded(pt.f).Share()
			trueSum += tv
			s.Gaps = append(s.Gaps, pt.f.Withheld)
			if pt.f.Withheld != "" {
				hidden++
			}
			if ok {
				sum += v
				s.Values = append(s.Values, &v)
			} else {
				s.Values = append(s.Values, nil)
			}
			s.Labels = append(s.Labels, label)
			bars.Categories = append(bars.Categories, pt.name)
			code := pt.code
			if code == "" {
				code = "—"
			} else {
				reported++
			}
			table.Rows = append(table.Rows, []string{pt.name, code, label})
			figs = append(figs, pt.f)
		}
		bars.Series = []charts.Series{s}
		sumText := vntext.FormatNumber(sum)
		if hidden > 0 {
			sumText = "không ghi (có số bị ẩn)"
		}
		table.Rows = append(table.Rows, []string{"Tổng các phần trên", "", sumText})
		// The unit's own figure for the same indicator, period, kind and source.
		for _, f := range d.byUnit[u.Key] {
			if f.Indicator != k.indicator || f.Period.String() != k.period || f.Kind != k.kind || f.Source != k.source || f.Missing() {
				continue
			}
			total, _ := f.Share()
			table.Rows = append(table.Rows, []string{"Số của " + u.FullName, u.Key.Code, vntext.FormatNumber(total)})
			if hidden > 0 {
				checks = append(checks, d.checkHidden(u, ind, p, reported, len(kids), trueSum, total))
				continue
			}
			checks = append(checks, d.check(u, ind, p, reported, len(kids), sum, total))
		}
		if charted[k] {
			out = append(out, d.chart(u, n+len(out), title, lowerFirst(p.Label())+", đơn vị: "+ind.Counted, bars, table, figs, len(parts)))
		}
	}
	return out, checks
}

// nameRanks ranks the names (keys) of a unit's parts in vntext.Compare's order
// (names it finds equal rank equal): sorting each chart's parts compared
// names with the collator again and again, a third of partsCharts' time.
func nameRanks(rank map[string]int) {
	names := make([]string, 0, len(rank))
	for n := range rank {
		names = append(names, n)
	}
	sort.Strings(names) // a fixed order for names the collator finds equal
	sort.SliceStable(names, func(i, j int) bool { return vntext.Compare(names[i], names[j]) < 0 })
	for i, n := range names {
		r := 0
		if i > 0 {
			r = rank[names[i-1]]
			if vntext.Compare(names[i-1], n) < 0 {
				r++
			}
		}
		rank[n] = r
	}
}

func (d *deriver) check(u *model.Unit, ind *model.Indicator, p period.Period, reported, all int, sum, total float64) Check {
	partWord := "đơn vị trực thuộc"
	what := fmt.Sprintf("%s (%s): tổng %d/%d %s", ind.Name, lowerFirst(p.Label()), reported, all, partWord)
	if n := len(d.placesOf(u)); n > 0 {
		names := []string{}
		for _, pl := range d.placesOf(u) {
			names = append(names, pl.Name)
		}
		what += " và " + strings.Join(names, ", ")
	}
	what += " là " + vntext.FormatNumber(sum) + " " + ind.Counted
	switch {
	case reported < all:
		return Check{Text: what + fmt.Sprintf("; chưa đủ số liệu của các đơn vị trực thuộc (%d/%d) để so với tổng %s %s của %s.", reported, all, vntext.FormatNumber(total), ind.Counted, u.FullName), OK: false}
	case sum == total:
		return Check{Text: what + ", khớp với tổng " + vntext.FormatNumber(total) + " " + ind.Counted + " của " + u.FullName + ".", OK: true}
	default:
		return Check{Text: what + ", KHÔNG khớp với tổng " + vntext.FormatNumber(total) + " " + ind.Counted + " của " + u.FullName + fmt.Sprintf(" (chênh lệch %s).", vntext.FormatNumber(total-sum)), OK: false}
	}
}

// checkHidden is check for parts of which some are withheld: it says
// whether they add up, but gives no sum or difference, which would let a
// reader work a withheld part out.
func (d *deriver) checkHidden(u *model.Unit, ind *model.Indicator, p period.Period, reported, all int, sum, total float64) Check {
	what := fmt.Sprintf("%s (%s): tổng %d/%d đơn vị trực thuộc", ind.Name, lowerFirst(p.Label()), reported, all)
	for _, pl := range d.placesOf(u) {
		what += " và " + pl.Name
	}
	what += " (có số bị ẩn để bảo vệ số nhỏ)"
	switch {
	case reported < all:
		return Check{Text: what + fmt.Sprintf(": chưa đủ số liệu của các đơn vị trực thuộc (%d/%d) để so với tổng %s %s của %s.", reported, all, vntext.FormatNumber(total), ind.Counted, u.FullName), OK: false}
	case sum == total:
		return Check{Text: what + " khớp với tổng " + vntext.FormatNumber(total) + " " + ind.Counted + " của " + u.FullName + ".", OK: true}
	default:
		return Check{Text: what + " KHÔNG khớp với tổng " + vntext.FormatNumber(total) + " " + ind.Counted + " của " + u.FullName + " (không ghi số chênh lệch vì có số bị ẩn).", OK: false}
	}
}
