package disclosure

import (
	"fmt"
	"math/rand/v2"
	"slices"
	"testing"
)

// people makes a cell counting people with threshold 5.
func people(v float64) Cell { return Cell{Value: v, Threshold: 5, Protect: true} }

func statuses(st []Status) string {
	s := ""
	for _, x := range st {
		s += map[Status]string{Published: ".", Primary: "P", Complementary: "C"}[x]
	}
	return s
}

func TestSuppress(t *testing.T) {
	tests := []struct {
		name  string
		cells []Cell
		rels  []Relation
		want  string // one letter a cell: . published, P dưới 5, C withheld to protect
	}{
		{"nothing small", []Cell{people(986), people(333), people(0), people(653)},
			[]Relation{{0, []int{1, 2, 3}, true}}, "...."},
		{"zero stays zero", []Cell{people(0), people(0)}, nil, ".."},
		{"target is a quota", []Cell{{Value: 1, Threshold: 0}}, nil, "."},
		{"small alone", []Cell{people(1)}, nil, "P"},
		{"smallest other part", []Cell{people(100), people(3), people(47), people(20), people(30)},
			[]Relation{{0, []int{1, 2, 3, 4}, true}}, ".P.C."},
		{"zero part is not chosen", []Cell{people(53), people(3), people(0), people(50)},
			[]Relation{{0, []int{1, 2, 3}, true}}, ".P.C"},
		{"incomplete parts need nothing more", []Cell{people(100), people(3), people(47)},
			[]Relation{{0, []int{1, 2}, false}}, ".P."},
		{"total when the other part would pin it", []Cell{people(6), people(1), people(5)},
			[]Relation{{0, []int{1, 2}, true}}, "CPC"},
		{"two small parts that sum to two", []Cell{people(12), people(1), people(1), people(10)},
			[]Relation{{0, []int{1, 2, 3}, true}}, ".PPC"},
		{"small district pinned by its province", []Cell{people(43), people(3), people(40), people(1), people(2)},
			[]Relation{{0, []int{1, 2}, true}, {1, []int{3, 4}, true}}, "PPC" + "PP"[:0] + "PP"},
		{"copy from another source", []Cell{people(100), people(3), people(97), people(97)},
			[]Relation{{0, []int{1, 2}, true}}, ".PCC"},
		{"parts above the total say nothing", []Cell{people(10), people(3), people(9)},
			[]Relation{{0, []int{1, 2}, true}}, ".P."},
	}
	tests[10].cells[2].Same, tests[10].cells[3].Same = "x", "x"
	tests[9].want = ".PCPP"
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			st := Suppress(tt.cells, tt.rels)
			if got := statuses(st); got != tt.want {
				t.Errorf("statuses = %s, want %s", got, tt.want)
			}
			assertNotRecoverable(t, tt.cells, tt.rels, st)
		})
	}
}

// assertNotRecoverable tries every whole-number value of the withheld cells
// that agrees with what is published and with the relations, and fails when
// a withheld cell has only one possible value.
func assertNotRecoverable(t *testing.T, cells []Cell, rels []Relation, st []Status) {
	t.Helper()
	for i, vals := range Feasible(cells, rels, st) {
		if st[i] == Published {
			continue
		}
		if len(vals) < 2 {
			t.Errorf("cell %d (value %v, %v) can be worked out from what is published: only %v fits", i, cells[i].Value, st[i], keysOf(vals))
		}
		if !vals[cells[i].Value] {
			t.Errorf("cell %d: its true value %v is not among the feasible %v (the search is wrong)", i, cells[i].Value, keysOf(vals))
		}
	}
}

func keysOf(m map[float64]bool) []float64 {
	var out []float64
	for k := range m {
		out = append(out, k)
	}
	return out
}

// TestRandomHierarchies checks many random province → district → commune
// trees: after Suppress, no withheld cell can be recovered by an exhaustive
// search of everything published.
func TestRandomHierarchies(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	for n := range 200 {
		cells, rels := randomTree(r)
		st := Suppress(cells, rels)
		t.Run(fmt.Sprint(n), func(t *testing.T) { assertNotRecoverable(t, cells, rels, st) })
	}
}

// randomTree: a province with 2–3 districts, each with 0–3 communes; small
// values often; totals equal to the sum of their parts, sometimes with a
// part not reported (incomplete).
func randomTree(r *rand.Rand) ([]Cell, []Relation) {
	var cells []Cell
	var rels []Relation
	val := func() float64 {
		switch r.IntN(4) {
		case 0:
			return float64(r.IntN(5)) // 0..4
		case 1:
			return float64(5 + r.IntN(3))
		default:
			return float64(r.IntN(12))
		}
	}
	add := func(v float64) int { cells = append(cells, people(v)); return len(cells) - 1 }
	prov := add(0)
	var districts []int
	sum := 0.0
	for range 2 + r.IntN(2) {
		d := add(0)
		districts = append(districts, d)
		nc := r.IntN(4)
		var communes []int
		ds := 0.0
		for range nc {
			v := val()
			communes = append(communes, add(v))
			ds += v
		}
		if nc == 0 {
			ds = val()
		}
		cells[d].Value = ds
		if nc > 0 {
			rels = append(rels, Relation{d, communes, true})
		}
		sum += ds
	}
	cells[prov].Value = sum
	complete := r.IntN(5) > 0
	if !complete {
		cells[prov].Value += float64(r.IntN(4))
	}
	rels = append(rels, Relation{prov, districts, complete})
	return cells, rels
}

// TestSearchFindsAWorkedOutCell shows the proof can fail: with the small
// part withheld alone, the search works it out from the total.
func TestSearchFindsAWorkedOutCell(t *testing.T) {
	cells := []Cell{people(100), people(3), people(47), people(20), people(30)}
	rels := []Relation{{0, []int{1, 2, 3, 4}, true}}
	got := Feasible(cells, rels, []Status{Published, Primary, Published, Published, Published})[1]
	if len(got) != 1 || !got[3] {
		t.Errorf("feasible values of the withheld 3 = %v, want only 3", keysOf(got))
	}
	r := rand.New(rand.NewPCG(1, 2))
	worked := 0
	for range 300 {
		cells, rels := randomTree(r)
		st := make([]Status, len(cells))
		for i, c := range cells {
			if c.Value > 0 && c.Value < c.Threshold {
				st[i] = Primary
			}
		}
		for i, vals := range Feasible(cells, rels, st) {
			if st[i] != Published && len(vals) < 2 {
				worked++
			}
		}
	}
	if worked == 0 {
		t.Errorf("without complementary suppression no random tree leaks a cell: the random trees test nothing")
	}
	t.Logf("primary suppression alone leaves %d cells that can be worked out", worked)
}

// TestSuppressAsOneGroup: Suppress, which works out each group of linked
// cells on its own and a cell linked to none alone, withholds what the
// rounds over all cells at once (suppressAll) withhold: trees side by
// side, cells in no relation (small ones among them), and copies of a
// figure across trees and outside them.
func TestSuppressAsOneGroup(t *testing.T) {
	r := rand.New(rand.NewPCG(3, 4))
	lone := 0
	for n := range 100 {
		var cells []Cell
		var rels []Relation
		for range 1 + r.IntN(4) {
			c, rs := randomTree(r)
			for _, rel := range rs {
				rel.Total += len(cells)
				rel.Parts = slices.Clone(rel.Parts)
				for k := range rel.Parts {
					rel.Parts[k] += len(cells)
				}
				rels = append(rels, rel)
			}
			cells = append(cells, c...)
			for range r.IntN(4) {
				cells = append(cells, people(float64(r.IntN(8))))
			}
		}
		for range r.IntN(3) {
			same := fmt.Sprint("copy ", r.IntN(3))
			cells[r.IntN(len(cells))].Same = same
		}
		want := suppressAll(cells, rels)
		got := Suppress(cells, rels)
		if !slices.Equal(got, want) {
			t.Fatalf("case %d: Suppress gives %v, all cells at once %v", n, got, want)
		}
		for i := range cells {
			if got[i] == Primary && !slices.ContainsFunc(rels, func(rel Relation) bool { return rel.Total == i || slices.Contains(rel.Parts, i) }) {
				lone++
			}
		}
	}
	if lone == 0 {
		t.Error("no small cell outside the relations: the test misses a case")
	}
}
