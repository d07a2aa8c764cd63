package derive

import (
	"fmt"
	"hash/maphash"
	"math/rand/v2"
	"reflect"
	"runtime"
	"slices"
	"testing"

	"github.com/pcmt/pcmt/internal/model"
	"github.com/pcmt/pcmt/internal/period"
	"github.com/pcmt/pcmt/internal/vntext"
)

// TestRelationsAsLookedUp: linksOf finds the relations and copies a
// lookup of each part by its key (refRelations, how they were found
// before) finds, in the same order, on the default site and on random
// datasets with copies, duplicates, blanks, places and missing children.
func TestRelationsAsLookedUp(t *testing.T) {
	ds, _ := defaultSiteSettings(t)
	check := func(t *testing.T, ds *model.Dataset) {
		t.Helper()
		got, want := relations(ds), refRelations(ds)
		if len(want.rels) == 0 {
			t.Fatal("no relation: the test checks nothing")
		}
		if fmt.Sprint(got.same) != fmt.Sprint(want.same) {
			t.Errorf("same figures:\n got %v\nwant %v", got.same, want.same)
		}
		if len(got.rels) != len(want.rels) {
			t.Fatalf("%d relations, want %d", len(got.rels), len(want.rels))
		}
		for i := range want.rels {
			if !reflect.DeepEqual(got.rels[i], want.rels[i]) {
				t.Fatalf("relation %d:\n got %+v\nwant %+v", i, got.rels[i], want.rels[i])
			}
		}
	}
	t.Run("default site", func(t *testing.T) { check(t, ds) })
	placeParts, copies, incomplete := 0, 0, 0
	for seed := range uint64(20) {
		ds := randomDataset(seed)
		t.Run(fmt.Sprint("random ", seed), func(t *testing.T) { check(t, ds) })
		l := refRelations(ds)
		copies += len(l.same)
		for _, r := range l.rels {
			for _, p := range r.parts {
				if p.Place != "" {
					placeParts++
				}
			}
			if !r.complete {
				incomplete++
			}
		}
	}
	if placeParts == 0 || copies == 0 || incomplete == 0 {
		t.Errorf("random datasets: %d place parts, %d copies, %d incomplete relations: the test misses a case", placeParts, copies, incomplete)
	}
}

// randomDataset is a small tree of units with places, figures of a few
// indicators, periods, kinds and sources, some blank, some repeated, in
// random order.
func randomDataset(seed uint64) *model.Dataset {
	r := rand.New(rand.NewPCG(seed, 1))
	ds := &model.Dataset{Units: map[model.UnitKey]*model.Unit{}, Places: map[string]*model.Place{},
		Indicators: map[string]*model.Indicator{}, Sources: map[string]*model.Source{}}
	ds.Indicators["nguoi"] = &model.Indicator{ID: "nguoi", Measure: model.Count, Counted: "người"}
	ds.Indicators["ty-le"] = &model.Indicator{ID: "ty-le", Measure: model.Percent}
	ds.Indicators["luot"] = &model.Indicator{ID: "luot", Measure: model.Count, Counted: "lượt"}
	var keys []model.UnitKey
	add := func(code, parent string, era model.Era) {
		k := model.UnitKey{Code: code, Era: era}
		ds.Units[k] = &model.Unit{Key: k, Parent: parent, Name: "u" + code, FullName: "Xã " + code}
		keys = append(keys, k)
	}
	for _, era := range []model.Era{model.Era2022, model.Era2025} {
		add("01", "", era)
		for d := range 3 {
			dc := fmt.Sprintf("0%d", 2+d)
			add(dc, "01", era)
			for c := range r.IntN(4) {
				add(fmt.Sprintf("%s%d", dc, c), dc, era)
			}
		}
	}
	for i, parent := range []string{"01", "02", "03"} {
		id := fmt.Sprintf("p%d", i)
		ds.Places[id] = &model.Place{ID: id, Name: "Nơi " + id, Parent: parent}
	}
	p1, _ := period.Parse("2023")
	p2, _ := period.Parse("2024")
	pers := []period.Period{p1, p2}
	inds := []string{"nguoi", "ty-le", "luot"}
	kinds := []model.Kind{model.Target, model.Result}
	srcs := []string{"a", "b", "c"}
	for range 400 {
		k := keys[r.IntN(len(keys))]
		f := &model.Figure{Unit: k, Indicator: inds[r.IntN(len(inds))], Period: pers[r.IntN(2)], Kind: kinds[r.IntN(2)], Source: srcs[r.IntN(3)]}
		if r.IntN(8) == 0 {
			pl := []string{"p0", "p1", "p2"}[r.IntN(3)]
			f.Unit = model.UnitKey{Code: ds.Places[pl].Parent, Era: k.Era}
			f.Place = pl
		}
		if r.IntN(10) > 0 {
			v := float64(r.IntN(50))
			f.Value = &v
		}
		ds.Figures = append(ds.Figures, f)
		if r.IntN(6) == 0 { // runs of one unit, as files give them
			g := *f
			g.Indicator = inds[r.IntN(len(inds))]
			ds.Figures = append(ds.Figures, &g)
		}
	}
	return ds
}

// refSameKey is what makes two figures the same figure (sameFigureKey): all
// but the source. A struct key: almost every figure has no copy, and
// needs no key text.
type refSameKey struct {
	unit             model.UnitKey
	place, indicator string
	period           period.Period
	kind             model.Kind
}

// refSameIndex finds figures by refSameKey (two million figures nationally)
// by the key's hash: maps of numbers, one a CPU (each for the hashes of
// one shard), not one of two million keys of 136 bytes. The figures of a
// key are chained in the order of figs; keys whose hashes collide are
// told apart by a chain of their first figures.
type refSameIndex struct {
	figs   []*model.Figure
	seed   maphash.Seed
	shards []map[uint64]int32 // the first figure of the first key of a hash
	next   []int32            // the next figure of the same key, -1 for none
	// For a key's first figure: the key's last figure, and the first
	// figure of the next key of the same hash (-1 for none).
	last, other []int32
	heads       []int32 // the first figure of each key with two or more
}

func refSameKeyOf(f *model.Figure) refSameKey {
	return refSameKey{f.Unit, f.Place, f.Indicator, f.Period, f.Kind}
}

func newRefSameIndex(figs []*model.Figure) *refSameIndex {
	n := len(figs)
	x := &refSameIndex{figs: figs, seed: maphash.MakeSeed(), shards: make([]map[uint64]int32, runtime.GOMAXPROCS(0)),
		next: make([]int32, n), last: make([]int32, n), other: make([]int32, n)}
	hashes := make([]uint64, n)
	parallelChunks(n, func(i int) { hashes[i] = maphash.Comparable(x.seed, refSameKeyOf(figs[i])) })
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
			k := refSameKeyOf(f)
			for {
				if refSameKeyOf(figs[j]) == k {
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
func (x *refSameIndex) first(k refSameKey) int32 {
	h := maphash.Comparable(x.seed, k)
	j, ok := x.shards[h%uint64(len(x.shards))][h]
	if !ok {
		return -1
	}
	for ; j >= 0; j = x.other[j] {
		if refSameKeyOf(x.figs[j]) == k {
			return j
		}
	}
	return -1
}

// groups are the positions of each key's figures, for keys with two or
// more, in the order of each key's first figure.
func (x *refSameIndex) groups() [][]int {
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
func (x *refSameIndex) find(k refSameKey, source string) (int, *model.Figure) {
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

// refRelations is relations as it was made before linksOf: it lists the parts-of-a-total relations of count figures in ds,
// and its figures given by several sources.
func refRelations(ds *model.Dataset) links {
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
	idx := newRefSameIndex(ds.Figures)
	find := func(unit model.UnitKey, place string, f *model.Figure) (int, *model.Figure) {
		return idx.find(refSameKey{unit, place, f.Indicator, f.Period, f.Kind}, f.Source)
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
		outs[c] = refRelationsOf(ds, ds.Figures[c*chunk:min(len(ds.Figures), (c+1)*chunk)], c*chunk, children, places, find)
	})
	return links{rels: slices.Concat(outs...), same: idx.groups()}
}

// refRelationsOf are the relations whose totals are figs, the figures of
// ds.Figures from position first.
func refRelationsOf(ds *model.Dataset, figs []*model.Figure, first int, children map[model.UnitKey][]*model.Unit, places map[string][]*model.Place,
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
