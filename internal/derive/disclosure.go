package derive

import (
	"fmt"
	"hash/maphash"
	"math"
	"runtime"
	"slices"
	"strings"

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
func sameFigures(figs []*model.Figure) [][]int { return newSameIndex(figs).groups() }

// sameKey is what makes two figures the same figure (sameFigureKey): all
// but the source. A struct key: almost every figure has no copy, and
// needs no key text.
type sameKey struct {
	unit             model.UnitKey
	place, indicator string
	period           period.Period
	kind             model.Kind
}

// sameIndex finds figures by sameKey (two million figures nationally)
// by the key's hash: maps of numbers, one a CPU (each for the hashes of
// one shard), not one of two million keys of 136 bytes. The figures of a
// key are chained in the order of figs; keys whose hashes collide are
// told apart by a chain of their first figures.
type sameIndex struct {
	figs   []*model.Figure
	seed   maphash.Seed
	shards []map[uint64]int32 // the first figure of the first key of a hash
	next   []int32            // the next figure of the same key, -1 for none
	// For a key's first figure: the key's last figure, and the first
	// figure of the next key of the same hash (-1 for none).
	last, other []int32
	heads       []int32 // the first figure of each key with two or more
}

func sameKeyOf(f *model.Figure) sameKey {
	return sameKey{f.Unit, f.Place, f.Indicator, f.Period, f.Kind}
}

func newSameIndex(figs []*model.Figure) *sameIndex {
	n := len(figs)
	x := &sameIndex{figs: figs, seed: maphash.MakeSeed(), shards: make([]map[uint64]int32, runtime.GOMAXPROCS(0)),
		next: make([]int32, n), last: make([]int32, n), other: make([]int32, n)}
	hashes := make([]uint64, n)
	parallelChunks(n, func(i int) { hashes[i] = maphash.Comparable(x.seed, sameKeyOf(figs[i])) })
	heads := make([][]int32, len(x.shards))
	parallel(len(x.shards), func(s int) {
		m := make(map[uint64]int32, n/len(x.shards))
		for i, f := range figs {
			h := hashes[i]
			if h%uint64(len(x.shards)) != uint64(s) {
				continue
			}
			at := int32(i)
			x.next[i], x.last[i], x.other[i] = -1, at, -1
			j, ok := m[h]
			if !ok {
				m[h] = at
				continue
			}
			k := sameKeyOf(f)
			for {
				if sameKeyOf(figs[j]) == k {
					if x.last[j] == j {
						heads[s] = append(heads[s], j)
					}
					x.next[x.last[j]] = at
					x.last[j] = at
					break
				}
				if x.other[j] < 0 {
					x.other[j] = at // a key of its own, whose hash another key has
					break
				}
				j = x.other[j]
			}
		}
		x.shards[s] = m
	})
	x.heads = slices.Concat(heads...)
	return x
}

// first is the first figure of key k, or -1.
func (x *sameIndex) first(k sameKey) int32 {
	h := maphash.Comparable(x.seed, k)
	j, ok := x.shards[h%uint64(len(x.shards))][h]
	if !ok {
		return -1
	}
	for ; j >= 0; j = x.other[j] {
		if sameKeyOf(x.figs[j]) == k {
			return j
		}
	}
	return -1
}

// groups are the positions of each key's figures, for keys with two or
// more, in the order of each key's first figure.
func (x *sameIndex) groups() [][]int {
	heads := slices.Clone(x.heads)
	slices.Sort(heads)
	out := make([][]int, len(heads))
	for g, h := range heads {
		for i := h; i >= 0; i = x.next[i] {
			out[g] = append(out[g], int(i))
		}
	}
	return out
}

// find returns the position of the figure of key k and source, the last
// one when there are several, or -1.
func (x *sameIndex) find(k sameKey, source string) (int, *model.Figure) {
	at := -1
	for i := x.first(k); i >= 0; i = x.next[i] {
		if x.figs[i].Source == source {
			at = int(i)
		}
	}
	if at < 0 {
		return -1, nil
	}
	return at, x.figs[at]
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
func relations(ds *model.Dataset) links {
	// Children and places are sorted once per unit, and figures are found
	// by a struct key: this runs over every figure (two million nationally).
	children := map[model.UnitKey][]*model.Unit{}
	for _, u := range ds.Units {
		if u.Parent != "" {
			pk := model.UnitKey{Code: u.Parent, Era: u.Key.Era}
			children[pk] = append(children[pk], u)
		}
	}
	for _, kids := range children {
		vntext.SortFunc(kids, func(c *model.Unit) string { return c.Key.Code })
	}
	// One index finds both a part (the same figure of a child unit or
	// place, from the same source) and the copies of a figure.
	idx := newSameIndex(ds.Figures)
	find := func(unit model.UnitKey, place string, f *model.Figure) (int, *model.Figure) {
		return idx.find(sameKey{unit, place, f.Indicator, f.Period, f.Kind}, f.Source)
	}
	places := map[string][]*model.Place{}
	for _, pl := range ds.Places {
		places[pl.Parent] = append(places[pl.Parent], pl)
	}
	for _, pls := range places {
		vntext.SortFunc(pls, func(p *model.Place) string { return p.ID })
	}
	// The figures in chunks on every CPU (the lookups only read), each
	// chunk's relations in figure order, so that out is as one pass makes it.
	const chunk = 1 << 14
	outs := make([][]relation, (len(ds.Figures)+chunk-1)/chunk)
	parallel(len(outs), func(c int) {
		outs[c] = relationsOf(ds, ds.Figures[c*chunk:min(len(ds.Figures), (c+1)*chunk)], c*chunk, children, places, find)
	})
	return links{rels: slices.Concat(outs...), same: idx.groups()}
}

// relationsOf are the relations whose totals are figs, the figures of
// ds.Figures from position first.
func relationsOf(ds *model.Dataset, figs []*model.Figure, first int, children map[model.UnitKey][]*model.Unit, places map[string][]*model.Place,
	find func(unit model.UnitKey, place string, f *model.Figure) (int, *model.Figure)) []relation {
	var out []relation
	for i, f := range figs {
		at := first + i
		if f.Place != "" || f.Missing() {
			continue
		}
		kids, pls := children[f.Unit], places[f.Unit.Code]
		if len(kids) == 0 && len(pls) == 0 {
			continue
		}
		if ind := ds.Indicators[f.Indicator]; ind == nil || ind.Measure != model.Count {
			continue
		}
		u := ds.Units[f.Unit]
		r := relation{unit: u, total: f, complete: true, at: at}
		for _, c := range kids {
			if i, p := find(c.Key, "", f); p != nil && !p.Missing() {
				r.parts = append(r.parts, p)
				r.partsAt = append(r.partsAt, i)
				r.names = append(r.names, c.FullName)
			} else {
				r.complete = false
			}
		}
		for _, pl := range pls {
			if i, p := find(u.Key, pl.ID, f); p != nil && !p.Missing() {
				r.parts = append(r.parts, p)
				r.partsAt = append(r.partsAt, i)
				r.names = append(r.names, pl.Name)
			}
		}
		if len(r.parts) > 0 {
			out = append(out, r)
		}
	}
	return out
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
	parallelChunks(len(ds.Figures), func(i int) {
		f := ds.Figures[i]
		v, _ := f.Share()
		cells[i].Value = v
		if protected(ds, f) {
			cells[i].Threshold = float64(threshold(ds, f, cfg))
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
