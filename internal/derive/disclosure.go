package derive

import (
	"cmp"
	"fmt"
	"math"
	"runtime"
	"slices"
	"strings"
	"sync/atomic"

	"github.com/pcmt/pcmt/internal/disclosure"
	"github.com/pcmt/pcmt/internal/model"
	"github.com/pcmt/pcmt/internal/period"
	"github.com/pcmt/pcmt/internal/siteconfig"
	"github.com/pcmt/pcmt/internal/vntext"
)

// PeopleWords are the counted words of indicators whose counts are people,
// or one record per person (hồ sơ, quyết định): their results and baselines
// are under disclosure control. Counts of sessions, clubs, communes or
// facilities are not about a person and are published as they are.
var PeopleWords = map[string]bool{"người": true, "lượt": true, "hồ sơ": true, "quyết định": true,
	"bệnh nhân": true, "đối tượng": true, "trường hợp": true}

// ComplementaryText is what a figure withheld to protect another shows.
const ComplementaryText = "ẩn"

// relation is a unit's figure and the same figure (indicator, period, kind,
// source) of its child units and places.
type relation struct {
	unit     *model.Unit
	total    *model.Figure
	parts    []*model.Figure
	names    []string // the parts' names, for messages
	complete bool     // every child unit reported, none left blank
	// at and partsAt are the positions of total and parts in the
	// dataset's figures (withhold indexes its cells so).
	at      int
	partsAt []int
}

func sameFigureKey(f *model.Figure) string {
	return f.Unit.String() + "|" + f.Place + "|" + f.Indicator + "|" + f.Period.String() + "|" + string(f.Kind)
}

// sameFigures groups the positions of figs that are the same figure
// (sameFigureKey) from two or more sources, in the order of each group's
// first figure.
func sameFigures(figs []*model.Figure) [][]int {
	return linksOf(&model.Dataset{Figures: figs}, false).same
}

// links are what ties loaded figures together, for disclosure control
// and the consistency checks alike: the parts-of-a-total relations, and
// the same figure from two or more sources (positions in ds.Figures, as
// sameFigures groups them).
type links struct {
	rels []relation
	same [][]int
}

// relations lists the parts-of-a-total relations of count figures in ds,
// and its figures given by several sources.
func relations(ds *model.Dataset) links { return linksOf(ds, true) }

// linksOf finds the links of ds's figures (with the relations when rels
// is set). A part is the same figure (indicator, period, kind, source) of
// a child unit or place: figures are numbered once by unit, place, source
// and what they count (indicator, period, kind), put in groups of one
// what, and each group worked out on its own, on every CPU, a child's
// figure found by the child's number in an array — not by a key of
// strings in a map of two million figures (nationally ~1 s).
func linksOf(ds *model.Dataset, rels bool) links {
	figs := ds.Figures
	n := len(figs)
	// Units and places by number; a figure's unit or place not in the
	// dataset gets one too.
	unitAt := make(map[model.UnitKey]int32, len(ds.Units))
	var units []*model.Unit
	for _, u := range ds.Units {
		unitAt[u.Key] = int32(len(units))
		units = append(units, u)
	}
	placeAt := make(map[string]int32, len(ds.Places))
	for id := range ds.Places {
		placeAt[id] = int32(len(placeAt))
	}
	unitOf, placeOf, srcOf, whatOf := make([]int32, n), make([]int32, n), make([]int32, n), make([]int32, n)
	missing := make([]bool, n) // read for each part: not from the figure, two million pointers away
	type what struct{ ind, per, kind int32 }
	whats := map[what]int32{}
	inds, pers, kinds, srcs := map[string]int32{}, map[period.Period]int32{}, map[model.Kind]int32{}, map[string]int32{}
	intern := func(m map[string]int32, s string) int32 {
		id, ok := m[s]
		if !ok {
			id = int32(len(m))
			m[s] = id
		}
		return id
	}
	var w what
	for i, f := range figs {
		// Figures come in runs of one unit, place, source and period:
		// each is looked up once a run.
		if i == 0 || f.Unit != figs[i-1].Unit {
			id, ok := unitAt[f.Unit]
			if !ok {
				id = int32(len(unitAt)) // not in ds.Units: no children
				unitAt[f.Unit] = id
			}
			unitOf[i] = id
		} else {
			unitOf[i] = unitOf[i-1]
		}
		switch {
		case f.Place == "":
			placeOf[i] = -1
		case i > 0 && f.Place == figs[i-1].Place:
			placeOf[i] = placeOf[i-1]
		default:
			placeOf[i] = intern(placeAt, f.Place)
		}
		if i == 0 || f.Source != figs[i-1].Source {
			srcOf[i] = intern(srcs, f.Source)
		} else {
			srcOf[i] = srcOf[i-1]
		}
		if i == 0 || f.Period != figs[i-1].Period {
			id, ok := pers[f.Period]
			if !ok {
				id = int32(len(pers))
				pers[f.Period] = id
			}
			w.per = id
		}
		if i == 0 || f.Indicator != figs[i-1].Indicator {
			w.ind = intern(inds, f.Indicator)
		}
		k, ok := kinds[f.Kind]
		if !ok {
			k = int32(len(kinds))
			kinds[f.Kind] = k
		}
		w.kind = k
		id, ok := whats[w]
		if !ok {
			id = int32(len(whats))
			whats[w] = id
		}
		whatOf[i] = id
		missing[i] = f.Missing()
	}
	// The figures by what they count, each group in dataset order.
	start := make([]int32, len(whats)+1)
	for _, c := range whatOf {
		start[c+1]++
	}
	for c := range len(whats) {
		start[c+1] += start[c]
	}
	members := make([]int32, n)
	fill := slices.Clone(start[:len(whats)])
	for i, c := range whatOf {
		members[fill[c]] = int32(i)
		fill[c]++
	}
	// Each unit's children, by code, and each unit's places, by id.
	var kidsOf, placesOf [][]int32
	counted := make([]bool, len(whats)) // a count: a total of parts
	if rels {
		kidsOf, placesOf = make([][]int32, len(unitAt)), make([][]int32, len(unitAt))
		children := map[model.UnitKey][]*model.Unit{}
		for _, u := range ds.Units {
			if u.Parent != "" {
				pk := model.UnitKey{Code: u.Parent, Era: u.Key.Era}
				children[pk] = append(children[pk], u)
			}
		}
		for pk, kids := range children {
			p, ok := unitAt[pk]
			if !ok {
				continue // no unit, no figure of it
			}
			vntext.SortFunc(kids, func(c *model.Unit) string { return c.Key.Code })
			for _, c := range kids {
				kidsOf[p] = append(kidsOf[p], unitAt[c.Key])
			}
		}
		pls := map[string][]*model.Place{}
		for _, pl := range ds.Places {
			pls[pl.Parent] = append(pls[pl.Parent], pl)
		}
		for k, at := range unitAt {
			if list := pls[k.Code]; len(list) > 0 {
				vntext.SortFunc(list, func(p *model.Place) string { return p.ID })
				for _, pl := range list {
					placesOf[at] = append(placesOf[at], placeAt[pl.ID])
				}
			}
		}
		for w, c := range whats {
			for id, i := range inds {
				if i == w.ind {
					in := ds.Indicators[id]
					counted[c] = in != nil && in.Measure == model.Count
				}
			}
		}
	}
	type unitPlace struct{ unit, place int32 }
	type out struct {
		rels []relation
		same [][]int
	}
	outs := make([]out, len(whats))
	workers := min(runtime.GOMAXPROCS(0), max(1, len(whats)))
	var next atomic.Int64
	parallel(workers, func(int) {
		// A worker's figure of each unit in the group at hand (-1: none),
		// set and cleared a group at a time.
		at := make([]int32, len(unitAt))
		for i := range at {
			at[i] = -1
		}
		var byPlace map[unitPlace]int32
		for {
			c := int(next.Add(1)) - 1
			if c >= len(whats) {
				return
			}
			group := members[start[c]:start[c+1]]
			o := &outs[c]
			// The same figure from two or more sources: the same unit and place.
			var heads map[int32]int // a repeated key's first figure: its group in o.same
			for _, i := range group {
				u, p := unitOf[i], placeOf[i]
				first := int32(-1)
				if p < 0 {
					if first = at[u]; first < 0 {
						at[u] = i
					}
				} else {
					if byPlace == nil {
						byPlace = map[unitPlace]int32{}
					}
					if j, ok := byPlace[unitPlace{u, p}]; ok {
						first = j
					} else {
						byPlace[unitPlace{u, p}] = i
					}
				}
				if first < 0 {
					continue
				}
				if heads == nil {
					heads = map[int32]int{}
				}
				g, ok := heads[first]
				if !ok {
					g = len(o.same)
					heads[first] = g
					o.same = append(o.same, []int{int(first)})
				}
				o.same[g] = append(o.same[g], int(i))
			}
			for _, i := range group {
				at[unitOf[i]] = -1
			}
			clear(byPlace)
			if !rels || !counted[c] {
				continue
			}
			// Parts: the figures of one source, in dataset order.
			bySource := slices.Clone(group)
			slices.SortStableFunc(bySource, func(a, b int32) int { return cmp.Compare(srcOf[a], srcOf[b]) })
			for lo := 0; lo < len(bySource); {
				hi := lo + 1
				for hi < len(bySource) && srcOf[bySource[hi]] == srcOf[bySource[lo]] {
					hi++
				}
				run := bySource[lo:hi]
				lo = hi
				// The last figure of each unit and place, as a lookup by key finds it.
				for _, i := range run {
					if p := placeOf[i]; p < 0 {
						at[unitOf[i]] = i
					} else {
						if byPlace == nil {
							byPlace = map[unitPlace]int32{}
						}
						byPlace[unitPlace{unitOf[i], p}] = i
					}
				}
				for _, i := range run {
					u := unitOf[i]
					kids, pls := kidsOf[u], placesOf[u]
					if placeOf[i] >= 0 || missing[i] || len(kids) == 0 && len(pls) == 0 {
						continue
					}
					f := figs[i]
					r := relation{unit: ds.Units[f.Unit], total: f, complete: true, at: int(i)}
					size := len(kids) + len(pls)
					r.parts, r.partsAt, r.names = make([]*model.Figure, 0, size), make([]int, 0, size), make([]string, 0, size)
					for _, k := range kids {
						if j := at[k]; j >= 0 && !missing[j] {
							r.parts = append(r.parts, figs[j])
							r.partsAt = append(r.partsAt, int(j))
							r.names = append(r.names, units[k].FullName)
						} else {
							r.complete = false
						}
					}
					for _, p := range pls {
						if j, ok := byPlace[unitPlace{u, p}]; ok && !missing[j] {
							r.parts = append(r.parts, figs[j])
							r.partsAt = append(r.partsAt, int(j))
							r.names = append(r.names, ds.Places[figs[j].Place].Name)
						}
					}
					if len(r.parts) > 0 {
						o.rels = append(o.rels, r)
					}
				}
				for _, i := range run {
					at[unitOf[i]] = -1
				}
				clear(byPlace)
			}
		}
	})
	// In the order one pass over the figures makes: relations by their
	// total, groups by their first figure.
	var l links
	for _, o := range outs {
		l.rels = append(l.rels, o.rels...)
		l.same = append(l.same, o.same...)
	}
	slices.SortFunc(l.rels, func(a, b relation) int { return cmp.Compare(a.at, b.at) })
	slices.SortFunc(l.same, func(a, b []int) int { return cmp.Compare(a[0], b[0]) })
	return l
}

// protected reports whether f is under disclosure control: a result or
// baseline counting people.
func protected(ds *model.Dataset, f *model.Figure) bool {
	ind := ds.Indicators[f.Indicator]
	return ind != nil && ind.Measure == model.Count && PeopleWords[ind.Counted] && f.Kind != model.Target && !f.Missing()
}

// threshold is the threshold for f's unit; a place (which is smaller than
// any unit) takes the highest of the thresholds.
func threshold(ds *model.Dataset, f *model.Figure, cfg siteconfig.Config) int {
	if f.Place != "" {
		return max(cfg.Threshold("province"), cfg.Threshold("district"), cfg.Threshold("commune"))
	}
	return cfg.Threshold(string(ds.Units[f.Unit].Level))
}

// withhold returns the dataset as it may be published: a copy in which
// every figure too small to publish, and every figure withheld so that a
// small one cannot be worked out from a total, has no number (Value nil),
// no quote (the evidence would repeat the number) and Withheld set; the
// others are the loaded figures themselves. Each figure is at its loaded
// position (model.Figure.At), where loaded finds the figure as loaded.
func withhold(ds *model.Dataset, rels links, cfg siteconfig.Config) *model.Dataset {
	cells := make([]disclosure.Cell, len(ds.Figures))
	// Only figures with a copy get a Same: a Same no other cell shares
	// withholds nothing more than none.
	for _, g := range rels.same {
		k := sameFigureKey(ds.Figures[g[0]])
		for _, i := range g {
			cells[i].Same = k
		}
	}
	// protected and threshold, looked up once a run of one indicator or
	// unit (two million figures nationally).
	const chunk = 1 << 14
	parallel((len(ds.Figures)+chunk-1)/chunk, func(c int) {
		var people bool // the indicator's counts are of people (protected)
		var th int      // the threshold of thOf's unit and place
		var thOf *model.Figure
		figs := ds.Figures[c*chunk : min(len(ds.Figures), (c+1)*chunk)]
		for k, f := range figs {
			i := c*chunk + k
			v, _ := f.Share()
			cells[i].Value = v
			if k == 0 || f.Indicator != figs[k-1].Indicator {
				ind := ds.Indicators[f.Indicator]
				people = ind != nil && ind.Measure == model.Count && PeopleWords[ind.Counted]
			}
			if !people || f.Kind == model.Target || f.Missing() { // not protected
				continue
			}
			if thOf == nil || f.Unit != thOf.Unit || f.Place != thOf.Place {
				th, thOf = threshold(ds, f, cfg), f
			}
			cells[i].Threshold = float64(th)
			cells[i].Protect = true
		}
	})
	drels := make([]disclosure.Relation, 0, len(rels.rels))
	for _, r := range rels.rels {
		dr := disclosure.Relation{Total: r.at, Complete: r.complete, Parts: r.partsAt}
		drels = append(drels, dr)
	}
	st := disclosure.Suppress(cells, drels)
	out := *ds
	out.Figures = make([]*model.Figure, len(ds.Figures))
	// The copies are made in one block (a third of the figures nationally,
	// kept for the whole build: one object for the GC, not 600,000).
	n := 0
	for i := range ds.Figures {
		if st[i] != disclosure.Published {
			n++
		}
	}
	copies := make([]model.Figure, 0, n)
	// One text per threshold, not one a withheld figure (a third of the
	// figures at commune level).
	type texts struct{ withheld, note string }
	byThreshold := map[int]texts{}
	for i, f := range ds.Figures {
		out.Figures[i] = f
		if st[i] != disclosure.Published {
			c := *f
			c.Value, c.Numerator, c.Denominator, c.Evidence = nil, nil, nil, ""
			if st[i] == disclosure.Primary {
				th := int(cells[i].Threshold)
				t, ok := byThreshold[th]
				if !ok {
					t = texts{fmt.Sprintf("dưới %d", th), fmt.Sprintf("Số nhỏ hơn %d không được đăng, để không làm lộ người được tính (xem trang Về số liệu).", th)}
					byThreshold[th] = t
				}
				c.Withheld, c.Note = t.withheld, t.note
			} else {
				c.Withheld = ComplementaryText
				c.Note = "Số này được ẩn để không ai tính ngược ra được một số nhỏ từ tổng và các số còn lại (xem trang Về số liệu)."
			}
			copies = append(copies, c)
			out.Figures[i] = &copies[len(copies)-1] // only withheld figures differ from the loaded ones (loaded)
		}
	}
	return &out
}

// loaded is figure f of the published copy as it was loaded: the figure
// itself unless disclosure control withheld it (withhold).
func (d *deriver) loaded(f *model.Figure) *model.Figure {
	if i, ok := d.ds.FigureAt(f); ok {
		return d.orig[i]
	}
	return f
}

// withheldText is a withheld figure's value as a row prints it.
func withheldText(f *model.Figure, ind *model.Indicator) string {
	if f.Withheld == ComplementaryText {
		return "ẩn để bảo vệ số nhỏ"
	}
	return f.Withheld + " " + ind.Counted
}

// consistency checks the loaded figures (orig: before anything is
// withheld) for parts that do not add up to their total, and the same
// figure given two values by two sources. It returns one message a
// problem, "file:line: …", and notes for the rows of discrepant figures
// (keyed by the published figure).
func (d *deriver) consistency(orig *model.Dataset, rels links) ([]string, map[*model.Figure]string) {
	var msgs []string
	for _, r := range rels.rels {
		sum := 0.0
		for _, p := range r.parts {
			v, _ := p.Share()
			sum += v
		}
		total, _ := r.total.Share()
		if (r.complete && sum != total) || sum > total {
			ind := orig.Indicators[r.total.Indicator]
			msgs = append(msgs, fmt.Sprintf("%s: parts do not add up: %s, %s (%s, %s): %s add up to %s, the total is %s",
				r.total.Pos, r.unit.FullName, ind.Name, lowerFirst(r.total.Period.Label()), r.total.Source,
				strings.Join(r.names, " + "), fmtNum(sum), fmtNum(total)))
		}
	}
	// The same figure from two sources.
	notes := map[*model.Figure]string{}
	for _, at := range rels.same { // the published copy's figures are at the same positions
		g := make([]*model.Figure, len(at))
		for i, j := range at {
			g[i] = d.ds.Figures[j]
		}
		k := sameFigureKey(g[0])
		for _, f := range g {
			var others []string
			for _, o := range g {
				if o == f || sameNumber(d.loaded(o), d.loaded(f)) {
					continue
				}
				ind := d.ds.Indicators[o.Indicator]
				text := valueText(o, ind)
				if o.Withheld != "" {
					text = withheldText(o, ind)
				}
				others = append(others, text+" ("+sourceCite(d.ds.Sources[o.Source])+")")
			}
			if len(others) > 0 {
				notes[f] = "Nguồn khác cho số khác: " + strings.Join(others, "; ") + ". Cả hai số được giữ nguyên như văn bản."
				msgs = append(msgs, fmt.Sprintf("%s: the same figure (%s) has another value in another source: %s", d.loaded(f).Pos, k, strings.Join(others, "; ")))
			}
		}
	}
	return msgs, notes
}

func sameNumber(a, b *model.Figure) bool {
	va, oka := a.Share()
	vb, okb := b.Share()
	return oka == okb && (!oka || math.Abs(va-vb) < 1e-9) && a.Qualifier == b.Qualifier
}

func fmtNum(v float64) string { return vntext.FormatNumber(v) }
