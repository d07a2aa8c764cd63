package sitegen

import (
	"bytes"
	"testing"

	"github.com/pcmt/pcmt/internal/derive"
)

// TestUnitListView: a unit page's front matter, taken from the view's
// fields, is the same bytes as when it was taken from the encoded view
// (listFields), for hand-made views and every unit of the default site.
func TestUnitListView(t *testing.T) {
	views := []derive.UnitView{
		{},
		{Code: "08", FullName: "Tỉnh Tuyên Quang", Now: "<b>&</b>", Charts: []derive.Chart{}},
		{Code: "08", Level: "province", LevelLabel: "Tỉnh", Name: "Tuyên Quang", EraLabel: "x",
			Charts: []derive.Chart{{}}, Social: &derive.Social{Title: "t \"q\""}, LastUpdated: derive.Updated{Date: "2026-11-25", Text: "25/11/2026"}},
	}
	if site, _, ok := defaultSite(t); ok {
		for i := range site.Units {
			views = append(views, site.UnitView(i))
		}
	}
	charts, social := 0, 0
	for _, v := range views {
		view, err := marshal(v)
		if err != nil {
			t.Fatal(err)
		}
		generic, err := listFields(view)
		if err != nil {
			t.Fatal(err)
		}
		want, err := marshal(generic)
		if err != nil {
			t.Fatal(err)
		}
		got, err := marshal(unitListView(v))
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(got, want) {
			t.Errorf("unit %q: front matter\n%s\nwant\n%s", v.Code, got, want)
		}
		if len(v.Charts) > 0 {
			charts++
		}
		if v.Social != nil {
			social++
		}
	}
	if charts == 0 || social == 0 {
		t.Errorf("%d views with charts, %d with share tags: the test compares neither", charts, social)
	}
}
