package derive

import (
	"slices"
	"sort"
	"testing"

	"github.com/pcmt/pcmt/internal/model"
)

// TestSortByUnitAsBefore: sortByUnit orders each source's figures as
// sorting them by their unitOrder strings and lessFigure did, in both of
// its modes, on the default site.
func TestSortByUnitAsBefore(t *testing.T) {
	ds, _ := defaultSiteSettings(t)
	checkSortByUnit(t, ds)
}

func checkSortByUnit(t *testing.T, ds *model.Dataset) {
	t.Helper()
	d := &deriver{ds: ds, indOrder: map[string]int{}}
	i := 0
	for id := range ds.Indicators {
		d.indOrder[id] = i
		i++
	}
	bySource := map[string][]*model.Figure{}
	for _, f := range ds.Figures {
		bySource[f.Source] = append(bySource[f.Source], f)
	}
	// A source with figures of the same code in both eras (Less is then
	// no strict weak order, and sortByUnit sorts as sort.Stable did).
	var both []*model.Figure
	for _, f := range ds.Figures {
		other := model.UnitKey{Code: f.Unit.Code, Era: model.Era2022}
		if f.Unit.Era == model.Era2022 {
			other.Era = model.Era2025
		}
		if ds.Units[other] != nil && len(both) < 400 {
			g := *f
			g.Unit = other
			both = append(both, f, &g)
		}
	}
	if len(both) == 0 {
		t.Fatal("no code of both eras: the test misses a case")
	}
	bySource["both eras"] = both
	moved := 0
	for id, figs := range bySource {
		for _, apart := range []bool{true, false} {
			got, want := slices.Clone(figs), slices.Clone(figs)
			d.sortByUnit(got, apart)
			var byUnit func(a, b *model.Figure) bool
			if apart {
				byUnit = func(a, b *model.Figure) bool { return a.Unit != b.Unit || a.Place != b.Place }
			}
			sort.Stable(d.refByUnitOrder(want, byUnit))
			if !slices.Equal(got, want) {
				t.Fatalf("source %s (apart %v): another order", id, apart)
			}
			if !slices.Equal(got, figs) {
				moved++
			}
		}
	}
	if moved == 0 {
		t.Error("no source's figures move: the test checks nothing")
	}
}

// refByUnitOrder is how sortByUnit sorted before: it sorts figures by unitOrder, each figure's made once, then
// lessFigure: by unitOrder alone where byUnit(a, b) says so, else where
// the unitOrders differ.
func (d *deriver) refByUnitOrder(figs []*model.Figure, byUnit func(a, b *model.Figure) bool) sort.Interface {
	s := &refUnitOrdered{figs: figs, keys: make([]string, len(figs)), d: d, byUnit: byUnit}
	for i, f := range figs {
		s.keys[i] = d.unitOrder(f)
	}
	return s
}

type refUnitOrdered struct {
	figs   []*model.Figure
	keys   []string
	d      *deriver
	byUnit func(a, b *model.Figure) bool
}

func (s *refUnitOrdered) Len() int { return len(s.figs) }
func (s *refUnitOrdered) Swap(i, j int) {
	s.figs[i], s.figs[j] = s.figs[j], s.figs[i]
	s.keys[i], s.keys[j] = s.keys[j], s.keys[i]
}
func (s *refUnitOrdered) Less(i, j int) bool {
	if s.byUnit != nil && s.byUnit(s.figs[i], s.figs[j]) || s.byUnit == nil && s.keys[i] != s.keys[j] {
		return s.keys[i] < s.keys[j]
	}
	return s.d.lessFigure(s.figs[i], s.figs[j])
}

// TestUnitOrderBelow: unitOrderBelow (indicatorHeadline) compares as the
// unitOrder strings do, for pairs of the default site's figures (units of
// every level, places, equal orders).
func TestUnitOrderBelow(t *testing.T) {
	ds, _ := defaultSiteSettings(t)
	d := &deriver{ds: ds}
	var figs []*model.Figure
	seen := map[string]bool{}
	for _, f := range ds.Figures {
		if o := d.unitOrder(f); !seen[o] || len(figs) < 50 {
			seen[o] = true
			figs = append(figs, f)
		}
	}
	below, places := 0, 0
	for _, f := range figs {
		if f.Place != "" {
			places++
		}
		for _, g := range figs {
			want := d.unitOrder(f) < d.unitOrder(g)
			if got := d.unitOrderBelow(f, d.unitOrder(g)); got != want {
				t.Fatalf("unitOrderBelow(%q, %q) = %v", d.unitOrder(f), d.unitOrder(g), got)
			}
			if want {
				below++
			}
		}
	}
	if below == 0 || places == 0 || len(seen) < 10 {
		t.Errorf("%d orders, %d of the figures at places, %d pairs below: the test checks little", len(seen), places, below)
	}
}
