package units

import (
	"sort"

	"github.com/pcmt/pcmt/internal/model"
)

// Coverage is what the crosswalk of 1/7/2025 covers of the two unit lists.
type Coverage struct {
	OldCommunes int // communes in the 2022 list
	NewUnits    int // provinces and communes in the 2025 list
	// OrphanOld are 2022 communes with no successor in the 2025 list:
	// communes merged away between the 2022 list and June 2025 (the
	// crosswalk starts from the units of June 2025), and communes whose
	// crosswalk rows name a code the 2025 list does not have.
	OrphanOld []*model.Unit
	// OrphanNew are 2025 units with no predecessor in the 2022 list:
	// special zones (đặc khu) made from island districts that had no
	// communes, and units whose code differs between the crosswalk and
	// the 2025 list.
	OrphanNew []*model.Unit
	// Split are 2022 communes divided between two or more new communes.
	Split []*model.Unit
	// IncompleteNew are 2025 codes named by a crosswalk row whose old unit
	// is absent from the 2022 list: their list of predecessors is not
	// complete.
	IncompleteNew map[string][]model.CrosswalkRow
}

// CrosswalkCoverage measures the crosswalk against the unit lists.
func CrosswalkCoverage(ds *model.Dataset) Coverage {
	c := Coverage{IncompleteNew: map[string][]model.CrosswalkRow{}}
	for _, u := range ds.Units {
		switch {
		case u.Key.Era == model.Era2022 && u.Level == model.Commune:
			c.OldCommunes++
			if len(u.Successors) == 0 {
				c.OrphanOld = append(c.OrphanOld, u)
			}
			if len(u.Successors) > 1 {
				c.Split = append(c.Split, u)
			}
		case u.Key.Era == model.Era2025:
			c.NewUnits++
			if len(ds.Predecessors[u.Key.Code]) == 0 {
				c.OrphanNew = append(c.OrphanNew, u)
			}
		}
	}
	for _, r := range ds.CrosswalkGapRows {
		if ds.Units[model.UnitKey{Code: r.NewCode, Era: model.Era2025}] != nil {
			c.IncompleteNew[r.NewCode] = append(c.IncompleteNew[r.NewCode], r)
		}
	}
	for _, l := range [][]*model.Unit{c.OrphanOld, c.OrphanNew, c.Split} {
		sort.Slice(l, func(i, j int) bool { return l[i].Key.Code < l[j].Key.Code })
	}
	return c
}
