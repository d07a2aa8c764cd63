// Package disclosure decides which figures are too small to publish
// (kiểm soát công bố số nhỏ). A count of 1 or 2 people in a commune can
// point at someone, so results and baselines below a threshold are
// published as "dưới N" (primary suppression). Where a suppressed count
// could then be worked out from a total and the other parts — a district
// and its communes, a province and its districts and places — one more
// part, the smallest, is withheld too (complementary suppression), until no
// withheld cell can be pinned to one value from what is published.
//
// The package is pure: it sees cells (numbers), the relations between them
// (total = sum of parts) and thresholds, never pages. internal/derive calls
// it before it builds any view, so every output only sees the withheld form.
package disclosure

import (
	"math"
	"runtime"
	"sort"
	"sync"
)

// Cell is one published number.
type Cell struct {
	Value float64
	// Threshold: a value v with 0 < v < Threshold is withheld. 0 means the
	// cell is never withheld for being small (targets, which are public
	// quotas, and counts of things that are not people); it may still be
	// withheld to protect another cell if Protect is set.
	Threshold float64
	// Protect: the cell may be withheld to protect another cell (a count
	// of people taking part in a relation).
	Protect bool
	// Same names the figure the cell is a copy of: the same unit,
	// indicator, period and kind from another source. Cells with the same
	// non-empty Same are withheld together.
	Same string
}

// Relation says a total is the sum of parts (and, when not Complete,
// of parts not listed too). Indices are into the cells slice.
type Relation struct {
	Total int
	Parts []int
	// Complete: Parts are all the parts of the total (every child unit
	// reported), so a reader may take total = sum of parts.
	Complete bool
}

// Status of a cell after Suppress.
type Status int

const (
	Published     Status = iota
	Primary              // below its threshold: published as "dưới N"
	Complementary        // withheld so that a Primary cell cannot be worked out
)

// Interval is what a reader can tell about a cell: Lo ≤ value ≤ Hi.
type Interval struct{ Lo, Hi float64 }

// Pinned reports whether the interval allows one whole number only.
func (iv Interval) Pinned() bool { return math.Floor(iv.Hi) <= math.Ceil(iv.Lo) }

// Suppress returns the status of every cell.
//
// Cells that no relation or copy connects cannot tell anything about each
// other, so each connected group (one indicator, period and kind of one
// province's tree of units, nationally a few hundred cells among two
// million) is worked out on its own, on every CPU: one withheld cell a
// round over the whole dataset would be quadratic. Within a group the
// rounds go as they would over all cells (lowest index first), so the
// result is the same.
func Suppress(cells []Cell, rels []Relation) []Status {
	st := make([]Status, len(cells))
	groups, groupRels, linked := components(cells, rels)
	work := make(chan int)
	var wg sync.WaitGroup
	for range max(1, min(runtime.GOMAXPROCS(0), len(groups))) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for g := range work {
				suppressGroup(cells, rels, groups[g], groupRels[g], st)
			}
		}()
	}
	for g := range groups {
		work <- g
	}
	close(work)
	wg.Wait()
	// A cell alone (in no relation, with no copy) tells nothing of
	// another: it is withheld when it is small, as a group of one is.
	for i, c := range cells {
		if !linked[i] && c.Value > 0 && c.Value < c.Threshold {
			st[i] = Primary
		}
	}
	return st
}

// components returns the groups of cells linked by relations or by being
// copies of one figure, each in ascending index order (groups are ordered
// by their first cell), and the relations of each group, in order. A cell
// in no relation and with no copy is in no group (linked is false).
func components(cells []Cell, rels []Relation) (groups [][]int, groupRels [][]int, linked []bool) {
	parent := make([]int32, len(cells))
	for i := range parent {
		parent[i] = int32(i)
	}
	find := func(i int32) int32 {
		for parent[i] != i {
			parent[i] = parent[parent[i]]
			i = parent[i]
		}
		return i
	}
	linked = make([]bool, len(cells))
	union := func(a, b int) {
		linked[a], linked[b] = true, true
		if ra, rb := find(int32(a)), find(int32(b)); ra != rb {
			if ra < rb {
				parent[rb] = ra
			} else {
				parent[ra] = rb
			}
		}
	}
	for _, r := range rels {
		linked[r.Total] = true
		for _, p := range r.Parts {
			union(r.Total, p)
		}
	}
	first := map[string]int{}
	for i, c := range cells {
		if c.Same == "" {
			continue
		}
		if j, ok := first[c.Same]; ok {
			union(j, i)
		} else {
			first[c.Same] = i
		}
	}
	// Each root's group, numbered in the order of the groups' first cells
	// (a root is its group's first cell), sized before they are filled.
	index := make([]int32, len(cells))
	size := []int{}
	for i := range cells {
		if !linked[i] {
			continue
		}
		r := find(int32(i))
		if r == int32(i) {
			index[i] = int32(len(size))
			size = append(size, 0)
		}
		size[index[r]]++
	}
	groups = make([][]int, len(size))
	block := make([]int, 0, len(cells))
	for g, n := range size {
		groups[g] = block[len(block) : len(block) : len(block)+n]
		block = block[:len(block)+n]
	}
	for i := range cells {
		if linked[i] {
			g := index[find(int32(i))]
			groups[g] = append(groups[g], i)
		}
	}
	groupRels = make([][]int, len(groups))
	for k, r := range rels {
		g := index[find(int32(r.Total))]
		groupRels[g] = append(groupRels[g], k)
	}
	return groups, groupRels, linked
}

// suppressGroup sets st for the cells of one group (ascending indices into
// cells), running the rounds of Suppress on the group alone.
func suppressGroup(cells []Cell, rels []Relation, group, groupRels []int, st []Status) {
	local := make(map[int]int, len(group))
	sub := make([]Cell, len(group))
	for i, g := range group {
		local[g] = i
		sub[i] = cells[g]
	}
	subRels := make([]Relation, 0, len(groupRels))
	for _, k := range groupRels {
		r := rels[k]
		lr := Relation{Total: local[r.Total], Complete: r.Complete, Parts: make([]int, len(r.Parts))}
		for k, p := range r.Parts {
			lr.Parts[k] = local[p]
		}
		subRels = append(subRels, lr)
	}
	for i, s := range suppressAll(sub, subRels) {
		st[group[i]] = s
	}
}

// suppressAll is Suppress over cells taken as one group.
func suppressAll(cells []Cell, rels []Relation) []Status {
	st := make([]Status, len(cells))
	for i, c := range cells {
		if c.Value > 0 && c.Value < c.Threshold {
			st[i] = Primary
		}
	}
	same := map[string][]int{}
	for i, c := range cells {
		if c.Same != "" {
			same[c.Same] = append(same[c.Same], i)
		}
	}
	// withhold withholds cell i and its copies from other sources.
	withhold := func(i int) {
		ids := []int{i}
		if cells[i].Same != "" {
			ids = same[cells[i].Same]
		}
		for _, j := range ids {
			if st[j] == Published {
				st[j] = Complementary
				if cells[j].Value > 0 && cells[j].Value < cells[j].Threshold {
					st[j] = Primary
				}
			}
		}
	}
	// Copies of a withheld figure are withheld too.
	for i := range cells {
		if st[i] != Published && cells[i].Same != "" {
			withhold(i)
		}
	}
	// Each round withholds one more cell, so this ends.
	for range len(cells) + 1 {
		iv := Bounds(cells, rels, st)
		pinned := -1
		for i := range cells {
			if st[i] != Published && iv[i].Pinned() {
				pinned = i
				break
			}
		}
		if pinned < 0 {
			return st
		}
		next := pick(cells, rels, st, pinned)
		if next < 0 {
			return st // nothing left to withhold (every cell around it is 0 or withheld)
		}
		withhold(next)
	}
	return st
}

// pick chooses the cell to withhold to protect cell p: the smallest
// published non-zero part of a relation p takes part in, else that
// relation's total.
func pick(cells []Cell, rels []Relation, st []Status, p int) int {
	ok := func(i int) bool { return i != p && st[i] == Published && cells[i].Value != 0 && cells[i].Protect }
	// Relations where p is a part first, then where p is the total.
	var order []Relation
	for _, r := range rels {
		for _, q := range r.Parts {
			if q == p {
				order = append(order, r)
			}
		}
	}
	for _, r := range rels {
		if r.Total == p {
			order = append(order, r)
		}
	}
	for _, r := range order {
		parts := append([]int(nil), r.Parts...)
		sort.SliceStable(parts, func(a, b int) bool { return cells[parts[a]].Value < cells[parts[b]].Value })
		for _, q := range parts {
			if ok(q) {
				return q
			}
		}
		if ok(r.Total) {
			return r.Total
		}
	}
	return -1
}

// Bounds returns what a reader who knows the rule can work out about each
// cell from the published cells and the relations: a published cell is its
// value; a Primary one lies in 1..threshold-1 (zero stays zero, so it is
// not 0); a Complementary one is at least its threshold (or 1). Bounds are
// tightened through the relations until nothing changes. For relations
// that form a tree (units within units) this is exactly what can be
// worked out.
func Bounds(cells []Cell, rels []Relation, st []Status) []Interval {
	iv := make([]Interval, len(cells))
	for i, c := range cells {
		switch st[i] {
		case Published:
			iv[i] = Interval{c.Value, c.Value}
		case Primary:
			iv[i] = Interval{1, math.Ceil(c.Threshold) - 1}
		case Complementary:
			iv[i] = Interval{math.Max(1, c.Threshold), math.Inf(1)}
		}
	}
	// Copies of one figure: the reader may take them to be equal when
	// they are.
	same := map[string][]int{}
	for i, c := range cells {
		if c.Same != "" {
			same[c.Same] = append(same[c.Same], i)
		}
	}
	type eq struct {
		total int
		parts []int
		rest  Interval // the parts not listed
	}
	var eqs []eq
	for _, r := range rels {
		sum := 0.0
		for _, p := range r.Parts {
			sum += cells[p].Value
		}
		t := cells[r.Total].Value
		switch {
		case r.Complete && sum == t:
			eqs = append(eqs, eq{r.Total, r.Parts, Interval{0, 0}})
		case sum <= t:
			eqs = append(eqs, eq{r.Total, r.Parts, Interval{0, math.Inf(1)}})
		}
		// parts above the total: the data contradict themselves and the
		// page says so; a reader can take nothing from the sum.
	}
	for _, ids := range same {
		for _, j := range ids[1:] {
			if cells[j].Value == cells[ids[0]].Value {
				eqs = append(eqs, eq{ids[0], []int{j}, Interval{0, 0}})
			}
		}
	}
	for changed, n := true, 0; changed && n < 10000; n++ {
		changed = false
		set := func(i int, lo, hi float64) {
			lo, hi = math.Ceil(lo-1e-9), math.Floor(hi+1e-9)
			if lo > iv[i].Lo {
				iv[i].Lo, changed = lo, true
			}
			if hi < iv[i].Hi {
				iv[i].Hi, changed = hi, true
			}
		}
		for _, e := range eqs {
			slo, shi := e.rest.Lo, e.rest.Hi
			for _, p := range e.parts {
				slo += iv[p].Lo
				shi += iv[p].Hi
			}
			set(e.total, slo, shi)
			for _, p := range e.parts {
				// p = total - (other parts + rest)
				olo, ohi := slo-iv[p].Lo, shi-iv[p].Hi
				if math.IsInf(iv[p].Hi, 1) {
					ohi = e.rest.Hi
					for _, q := range e.parts {
						if q != p {
							ohi += iv[q].Hi
						}
					}
				}
				set(p, iv[e.total].Lo-ohi, iv[e.total].Hi-olo)
			}
		}
	}
	return iv
}
