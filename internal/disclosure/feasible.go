package disclosure

import "math"

// Feasible returns, for each cell, every whole-number value it can take that
// agrees with everything published: the published cells, what the status
// of each withheld cell tells (dưới N, or withheld to protect another), and
// the relations that hold in the data. It searches exhaustively, so it is
// for checking Suppress on small inputs (tests, and the build's own proof
// on its site), not for large tables. Withheld values are searched up to
// twice the largest value plus 10, which can only help the search pin a
// cell, never hide one.
func Feasible(cells []Cell, rels []Relation, st []Status) []map[float64]bool {
	maxV := 0.0
	for _, c := range cells {
		maxV = math.Max(maxV, c.Value)
	}
	limit := 2*maxV + 10
	var free []int
	lo, hi := make([]float64, len(cells)), make([]float64, len(cells))
	for i, c := range cells {
		switch st[i] {
		case Published:
			lo[i], hi[i] = c.Value, c.Value
		case Primary:
			lo[i], hi[i] = 1, math.Ceil(c.Threshold)-1
			free = append(free, i)
		default:
			lo[i], hi[i] = math.Max(1, c.Threshold), limit
			free = append(free, i)
		}
	}
	type check struct {
		total int
		parts []int
		exact bool
	}
	var checks []check
	for _, r := range rels {
		sum := 0.0
		for _, p := range r.Parts {
			sum += cells[p].Value
		}
		switch t := cells[r.Total].Value; {
		case r.Complete && sum == t:
			checks = append(checks, check{r.Total, r.Parts, true})
		case sum <= t:
			checks = append(checks, check{r.Total, r.Parts, false})
		}
	}
	same := map[string][]int{}
	for i, c := range cells {
		if c.Same != "" {
			same[c.Same] = append(same[c.Same], i)
		}
	}
	for _, ids := range same {
		for _, j := range ids[1:] {
			if cells[j].Value == cells[ids[0]].Value {
				checks = append(checks, check{ids[0], []int{j}, true})
			}
		}
	}
	out := make([]map[float64]bool, len(cells))
	for i := range out {
		out[i] = map[float64]bool{}
	}
	v := make([]float64, len(cells))
	copy(v, lo)
	assigned := make([]bool, len(cells))
	for i := range cells {
		assigned[i] = st[i] == Published
	}
	// ok reports whether no check is broken by the values assigned so far.
	ok := func() bool {
		for _, c := range checks {
			if !assigned[c.total] {
				continue
			}
			sum, all := 0.0, true
			for _, p := range c.parts {
				if assigned[p] {
					sum += v[p]
				} else {
					all = false
				}
			}
			if sum > v[c.total] || (all && c.exact && sum != v[c.total]) {
				return false
			}
		}
		return true
	}
	var search func(k int)
	search = func(k int) {
		if k == len(free) {
			for _, i := range free {
				out[i][v[i]] = true
			}
			return
		}
		i := free[k]
		assigned[i] = true
		for x := lo[i]; x <= hi[i]; x++ {
			v[i] = x
			if ok() {
				search(k + 1)
			}
		}
		assigned[i] = false
	}
	search(0)
	for i := range cells {
		if st[i] == Published {
			out[i][cells[i].Value] = true
		}
	}
	return out
}
