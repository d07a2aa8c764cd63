package derive

import (
	"fmt"
	"sort"
	"strconv"
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
	byKind    [len(chartKinds)]*model.Figure // by kindIndex
}

// chartKinds are the kinds of figure in a chart's order: its table's
// columns and its series.
var chartKinds = [...]model.Kind{model.Baseline, model.Target, model.Result}

// kindIndex is k's place in chartKinds; load accepts no other kind.
func kindIndex(k model.Kind) int {
	switch k {
	case model.Baseline:
		return 0
	case model.Target:
		return 1
	case model.Result:
		return 2
	}
	panic("derive: a figure of kind " + string(k))
}

// kindsChart puts targets, results and baselines of the same indicator side
// by side: a result or baseline whose period lies inside a target's period
// shares the target's row.
func (d *deriver) kindsChart(u *model.Unit, n int, figs []*model.Figure, title, word string, percent bool) Chart {
	// A chart per unit page, nationally gigabytes of garbage: the slices
	// are made at their size where it is known. A category is mostly a
	// target and its result.
	cats := make([]category, 0, len(figs)/2+1)
	target := kindIndex(model.Target)
	find := func(f *model.Figure, k int) *category {
		for i := range cats {
			c := &cats[i]
			if c.indicator == f.Indicator && c.byKind[k] == nil &&
				(c.period.String() == f.Period.String() || c.byKind[target] != nil && c.period.Contains(f.Period)) {
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
			k := kindIndex(f.Kind)
			c := find(f, k)
			if c == nil {
				ind := d.ds.Indicators[f.Indicator]
				cats = append(cats, category{indicator: f.Indicator, period: f.Period,
					label: ind.Name + " — " + lowerFirst(f.Period.Label())})
				c = &cats[len(cats)-1]
			}
			c.byKind[k] = f
		}
	}
	sort.SliceStable(cats, func(i, j int) bool {
		if cats[i].indicator != cats[j].indicator {
			return d.indOrder[cats[i].indicator] < d.indOrder[cats[j].indicator]
		}
		return period.Compare(cats[i].period, cats[j].period) < 0
	})
	bars := charts.Bars{Horizontal: true, AxisName: word, Percent: percent, Categories: make([]string, len(cats))}
	if percent {
		bars.Max = 100
	}
	table := Table{Caption: title + " — " + u.FullName, Columns: []string{"Chỉ số và kỳ", "Số liệu nền", "Chỉ tiêu", "Kết quả"},
		Rows: make([][]string, len(cats))}
	const width = 1 + len(chartKinds)
	cells := make([]string, width*len(cats))
	shorts := make([]string, len(chartKinds)*len(cats)) // shortValue of each category's figures
	var present [len(chartKinds)]bool                   // a series of that kind is drawn
	for i := range cats {
		c := &cats[i]
		bars.Categories[i] = c.label
		row := cells[i*width : (i+1)*width : (i+1)*width]
		row[0] = c.label
		for k, f := range c.byKind {
			cell := "—"
			if f != nil {
				present[k] = true
				shorts[k*len(cats)+i] = shortValue(f, d.ds.Indicators[f.Indicator])
				cell = shorts[k*len(cats)+i]
				if f.Period.String() != c.period.String() {
					cell += " (" + lowerFirst(f.Period.Label()) + ")"
				}
			}
			row[1+k] = cell
		}
		table.Rows[i] = row
	}
	srcs := make([]*model.Figure, 0, len(figs))
	values := make([]float64, len(cats)*len(chartKinds)) // what the series' values point to
	for k, kind := range chartKinds {
		if !present[k] {
			continue
		}
		s := charts.Series{Name: kindLabel[kind], Color: kindColor[kind],
			Values: make([]*float64, len(cats)), Labels: make([]string, len(cats)), Gaps: make([]string, len(cats))}
		for i := range cats {
			f := cats[i].byKind[k]
			if f == nil {
				continue
			}
			if v, ok := f.Share(); ok {
				values[k*len(cats)+i] = v
				s.Values[i] = &values[k*len(cats)+i]
			} // else withheld (disclosure.go): no bar, "dưới 5" in its place
			s.Gaps[i] = f.Withheld
			s.Labels[i] = shorts[k*len(cats)+i]
			srcs = append(srcs, f)
		}
		bars.Series = append(bars.Series, s)
	}
	return d.chart(u, n, title, "Đơn vị: "+word, bars, table, srcs, len(cats))
}

func (d *deriver) chart(u *model.Unit, n int, title, subtitle string, bars charts.Bars, table Table, figs []*model.Figure, rows int) Chart {
	opt, err := charts.BarOption(bars)
	if err != nil {
		panic(err) // the series are built above from the same categories
	}
	c := Chart{ID: "chart-" + u.Key.Code + "-" + string(u.Key.Era) + "-" + strconv.Itoa(n+1), Title: title, Subtitle: subtitle, Option: ChartOption(opt), Table: table}
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
	// The parts of each partKey are gathered in one slice, in the order
	// visited: nationally a province's parts are tens of thousands of
	// figures, and a slice grown per key was most of this garbage. The
	// parts are visited twice: to count each key's, then to place them.
	kids := d.children[u.Key]
	places := d.placesOf(u)
	placeFigs := make([][]*model.Figure, len(places))
	placeNames := make([]string, len(places))
	size := 0
	for _, c := range kids {
		size += len(d.byUnit[c.Key])
	}
	for i, pl := range places {
		placeFigs[i] = d.byPlaceEra(pl, u.Key.Era)
		placeNames[i] = pl.Name + " (không phải đơn vị hành chính)"
		size += len(placeFigs[i])
	}
	each := func(visit func(name, code string, f *model.Figure)) {
		for _, c := range kids {
			for _, f := range d.byUnit[c.Key] {
				if d.ds.Indicators[f.Indicator].Measure == model.Count {
					visit(c.FullName, c.Key.Code, f)
				}
			}
		}
		for i := range places {
			for _, f := range placeFigs[i] {
				if d.ds.Indicators[f.Indicator].Measure == model.Count {
					visit(placeNames[i], "", f)
				}
			}
		}
	}
	keys := map[partKey]int{}
	var order []partKey
	var counts []int         // each key's parts, by its place in order
	rank := map[string]int{} // the parts' names, ranked below
	visited := make([]int32, 0, size)
	each(func(name, code string, f *model.Figure) {
		rank[name] = 0
		k := partKey{f.Indicator, f.Period.String(), f.Kind, f.Source}
		g, ok := keys[k]
		if !ok {
			g = len(order)
			keys[k] = g
			order = append(order, k)
			counts = append(counts, 0)
		}
		counts[g]++
		visited = append(visited, int32(g))
	})
	ends := make([]int, len(order)+1) // key g's parts are flat[ends[g]:ends[g+1]]
	for g, n := range counts {
		ends[g+1] = ends[g] + n
	}
	flat := make([]part, len(visited))
	next := append([]int(nil), ends[:len(order)]...)
	i := 0
	each(func(name, code string, f *model.Figure) {
		g := visited[i]
		i++
		flat[next[g]] = part{name, code, f}
		next[g]++
	})
	groupOf := func(k partKey) []part {
		g := keys[k]
		return flat[ends[g]:ends[g+1]:ends[g+1]]
	}
	sort.SliceStable(order, func(i, j int) bool { return d.indOrder[order[i].indicator] < d.indOrder[order[j].indicator] })
	nameRanks(rank)
	var out []Chart
	var checks []Check
	charted := chartedParts(order, func(k partKey) int { return len(groupOf(k)) }) // scale.go
	for _, k := range order {
		parts := groupOf(k)
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
		// Most keys of a province are not charted (scale.go): their parts
		// are only checked, and the chart's bars and table are not made.
		chart := charted[k]
		var bars charts.Bars
		var s charts.Series
		var table Table
		var figs []*model.Figure
		var values []float64 // what s.Values point to
		var cells []string   // table's rows
		if chart {
			bars = charts.Bars{Horizontal: true, AxisName: ind.Counted, Categories: make([]string, 0, len(parts))}
			s = charts.Series{Name: kindLabel[k.kind], Color: kindColor[k.kind],
				Values: make([]*float64, 0, len(parts)), Labels: make([]string, 0, len(parts)), Gaps: make([]string, 0, len(parts))}
			table = Table{Caption: ind.Name + ", " + lowerFirst(p.Label()) + " (" + lowerFirst(kindLabel[k.kind]) + ") — " + u.FullName + ", " + ind.Counted,
				Columns: []string{"Đơn vị", "Mã", "Số " + ind.Counted}, Rows: make([][]string, 0, len(parts)+2)}
			figs = make([]*model.Figure, 0, len(parts))
			values = make([]float64, len(parts))
			cells = make([]string, 3*len(parts))
		}
		var sum float64
		reported := 0
		// Withheld parts (disclosure.go) are checked with their loaded
		// value, but no text gives a number that would reveal them.
		var trueSum float64
		hidden := 0
		for i, pt := range parts {
			v, ok := pt.f.Share()
			tv, _ := d.loaded(pt.f).Share()
			trueSum += tv
			if pt.f.Withheld != "" {
				hidden++
			}
			if ok {
				sum += v
			}
			code := pt.code
			if code == "" {
				code = "—"
			} else {
				reported++
			}
			if !chart {
				continue
			}
			label := shortValue(pt.f, ind)
			s.Gaps = append(s.Gaps, pt.f.Withheld)
			if ok {
				values[i] = v
				s.Values = append(s.Values, &values[i])
			} else {
				s.Values = append(s.Values, nil)
			}
			s.Labels = append(s.Labels, label)
			bars.Categories = append(bars.Categories, pt.name)
			row := cells[3*i : 3*i+3 : 3*i+3]
			row[0], row[1], row[2] = pt.name, code, label
			table.Rows = append(table.Rows, row)
			figs = append(figs, pt.f)
		}
		if chart {
			bars.Series = []charts.Series{s}
			sumText := vntext.FormatNumber(sum)
			if hidden > 0 {
				sumText = "không ghi (có số bị ẩn)"
			}
			table.Rows = append(table.Rows, []string{"Tổng các phần trên", "", sumText})
		}
		// The unit's own figure for the same indicator, period, kind and source.
		for _, f := range d.byUnit[u.Key] {
			if f.Indicator != k.indicator || f.Period.String() != k.period || f.Kind != k.kind || f.Source != k.source || f.Missing() {
				continue
			}
			total, _ := f.Share()
			if chart {
				table.Rows = append(table.Rows, []string{"Số của " + u.FullName, u.Key.Code, vntext.FormatNumber(total)})
			}
			if hidden > 0 {
				checks = append(checks, d.checkHidden(u, ind, p, reported, len(kids), trueSum, total))
				continue
			}
			checks = append(checks, d.check(u, ind, p, reported, len(kids), sum, total))
		}
		if chart {
			out = append(out, d.chart(u, n+len(out), ind.Name+": phân bố theo đơn vị trực thuộc", lowerFirst(p.Label())+", đơn vị: "+ind.Counted, bars, table, figs, len(parts)))
		}
	}
	return out, checks
}

// part is a figure of one of a unit's parts (partsCharts).
type part struct {
	name, code string
	f          *model.Figure
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
