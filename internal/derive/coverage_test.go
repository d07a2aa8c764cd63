package derive

import (
	"reflect"
	"testing"

	"github.com/pcmt/pcmt/internal/model"
	"github.com/pcmt/pcmt/internal/period"
	"github.com/pcmt/pcmt/internal/siteconfig"
	"github.com/pcmt/pcmt/internal/vntext"
)

// TestCoveragesAsEachIndicators: the data package's coverage and modified
// date, of the whole dataset and of each indicator (made in one pass over
// the figures, coverages), are what going through each indicator's
// figures on their own gives (refCoverage, modified).
func TestCoveragesAsEachIndicators(t *testing.T) {
	ds, settings := defaultSiteSettings(t)
	checkCoverages(t, ds, settings["default"])
}

func checkCoverages(t *testing.T, ds *model.Dataset, cfg siteconfig.Config) {
	t.Helper()
	s, err := Build(ds, cfg)
	if err != nil {
		t.Fatal(err)
	}
	d := &deriver{ds: ds}
	byInd := map[string][]*model.Figure{}
	for _, f := range ds.Figures {
		byInd[f.Indicator] = append(byInd[f.Indicator], f)
	}
	p := s.Publication
	if want := d.refCoverage(ds.Figures); !reflect.DeepEqual(p.Coverage, want) {
		t.Errorf("coverage %+v, want %+v", p.Coverage, want)
	}
	if want := d.modified(ds.Figures, true); !p.Modified.Equal(want) {
		t.Errorf("modified %v, want %v", p.Modified, want)
	}
	if len(byInd) < 2 {
		t.Fatal("fewer than two indicators: the test checks little")
	}
	for id, figs := range byInd {
		ld := p.Indicators[id]
		if want := d.refCoverage(figs); !reflect.DeepEqual(ld.Coverage, want) {
			t.Errorf("%s: coverage %+v, want %+v", id, ld.Coverage, want)
		}
		want := d.modified(figs, false)
		if want.IsZero() {
			want = p.Modified
		}
		if !ld.Modified.Equal(want) {
			t.Errorf("%s: modified %v, want %v", id, ld.Modified, want)
		}
	}
}

func (d *deriver) refCoverage(figs []*model.Figure) Coverage {
	var c Coverage
	seen := map[string]bool{}
	top := map[model.UnitKey]*model.Unit{} // each unit's province, looked up once
	var prev model.UnitKey
	var prevPeriod period.Period
	for i, f := range figs {
		// Runs of figures share a period: its days are made once a run.
		if i == 0 || f.Period != prevPeriod {
			prevPeriod = f.Period
			if start := f.Period.Start(); c.Start.IsZero() || start.Before(c.Start) {
				c.Start = start
			}
			if end := f.Period.End(); end.After(c.End) {
				c.End = end
			}
		}
		if len(c.Places) > 0 && f.Unit == prev {
			continue // figs come by unit: the same province as the figure before
		}
		prev = f.Unit
		u, ok := top[f.Unit]
		if !ok {
			u = d.ds.Units[f.Unit]
			for _, a := range d.ds.Ancestors(u) {
				u = a
				break
			}
			top[f.Unit] = u
		}
		if !seen[u.FullName] { // one name, even where a province kept it across the reform
			seen[u.FullName] = true
			c.Places = append(c.Places, u.FullName)
		}
	}
	vntext.Sort(c.Places)
	return c
}
