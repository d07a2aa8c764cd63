package units_test

import (
	"errors"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/pcmt/pcmt/internal/load"
	"github.com/pcmt/pcmt/internal/model"
	"github.com/pcmt/pcmt/internal/units"
)

var (
	dsOnce sync.Once
	ds     *model.Dataset
	dsErr  error
)

// dataset loads the repository's own data (the real unit lists).
func dataset(t *testing.T) *model.Dataset {
	t.Helper()
	dsOnce.Do(func() { ds, dsErr = load.Load("../..") })
	if dsErr != nil {
		t.Fatalf("loading the repository's data: %v", dsErr)
	}
	return ds
}

func day(s string) time.Time {
	t, err := time.Parse("2006-01-02", s)
	if err != nil {
		panic(err)
	}
	return t
}

func TestUnitLists(t *testing.T) {
	ds := dataset(t)
	n := map[model.Era]map[model.Level]int{model.Era2022: {}, model.Era2025: {}}
	for k, u := range ds.Units {
		n[k.Era][u.Level]++
	}
	want := map[model.Era]map[model.Level]int{
		model.Era2022: {model.Province: 63, model.District: 705, model.Commune: 10599},
		model.Era2025: {model.Province: 34, model.Commune: 3321},
	}
	for era, levels := range want {
		for lvl, w := range levels {
			if got := n[era][lvl]; got != w {
				t.Errorf("era %s: %d %s units, want %d", era, got, lvl, w)
			}
		}
	}
	if n[model.Era2025][model.District] != 0 {
		t.Errorf("era 2025 has %d districts, want none", n[model.Era2025][model.District])
	}
}

// TestCrosswalk checks the crosswalk against both lists, and pins what it
// does not cover (documented in data/ATTRIBUTION.md) so that a change of the
// reference files is noticed rather than absorbed.
func TestCrosswalk(t *testing.T) {
	ds := dataset(t)
	c := units.CrosswalkCoverage(ds)

	// Every province of 2022 maps to exactly one province of 2025, and
	// every province of 2025 has predecessors.
	for k, u := range ds.Units {
		if u.Level != model.Province {
			continue
		}
		if k.Era == model.Era2022 && len(u.Successors) != 1 {
			t.Errorf("province %s %s has %d successors, want 1", k.Code, u.FullName, len(u.Successors))
		}
		if k.Era == model.Era2025 && len(ds.Predecessors[k.Code]) == 0 {
			t.Errorf("province %s %s has no predecessor", k.Code, u.FullName)
		}
	}
	// Every successor and predecessor is a commune of the right era, and a
	// commune's successors lie in the province its own province became.
	for k, u := range ds.Units {
		if k.Era != model.Era2022 || u.Level != model.Commune {
			continue
		}
		prov := ds.Ancestors(u)[0]
		for _, s := range u.Successors {
			su := ds.Units[model.UnitKey{Code: s, Era: model.Era2025}]
			if su == nil || su.Level != model.Commune {
				t.Errorf("commune %s: successor %s is not a commune of 2025", k.Code, s)
				continue
			}
			// One row, 30622 Xã Tân Phú (An Giang) → 30259 Xã Tân Phú Trung
			// (Đồng Tháp), looks like a source error: Đồng Tháp's own Xã Tân
			// Phú (30274) has the same row. Documented in data/ATTRIBUTION.md.
			if su.Parent != prov.Successors[0] && !(k.Code == "30622" && s == "30259") {
				t.Errorf("commune %s %s (in %s): successor %s %s lies in province %s, not in %s",
					k.Code, u.FullName, prov.FullName, s, su.FullName, su.Parent, prov.Successors[0])
			}
		}
	}

	// Old communes: every one maps to one or more new communes, except
	// those merged away between the 2022 list and June 2025 (the crosswalk
	// starts from the units of June 2025: they have no row at all) and the
	// five whose only rows name a code the 2025 list lacks: four go to Xã
	// Ba Chẽ as 06970 (06978 in the 2025 list), Xã Ia Mơ goes to 23737 (the
	// 2025 list keeps it as 23938).
	gapOld := map[string]bool{}
	for _, r := range ds.CrosswalkGapRows {
		gapOld[r.OldCode] = true
	}
	noRow, badCode := 0, 0
	for _, u := range c.OrphanOld {
		if gapOld[u.Key.Code] {
			badCode++
		} else {
			noRow++
		}
	}
	mapped := c.OldCommunes - len(c.OrphanOld)
	t.Logf("old communes: %d, mapped %d (%.1f%%), without a crosswalk row %d, rows to an absent code %d; split %d",
		c.OldCommunes, mapped, 100*float64(mapped)/float64(c.OldCommunes), noRow, badCode, len(c.Split))
	if noRow != 567 || badCode != 5 {
		t.Errorf("old communes without a successor: %d without a row, %d with rows to absent codes; want 567 and 5 (update data/ATTRIBUTION.md if the reference files changed)", noRow, badCode)
	}
	if len(c.Split) != 460 {
		t.Errorf("%d split communes, want 460", len(c.Split))
	}

	// New units: every one has predecessors or is one of seven known
	// exceptions: five special zones (đặc khu) made from island districts
	// without communes, and the two whose code differs in the crosswalk.
	want := map[string]string{"06978": "Xã Ba Chẽ", "11948": "Đặc khu Bạch Long Vĩ", "19742": "Đặc khu Cồn Cỏ",
		"20333": "Đặc khu Hoàng Sa", "21548": "Đặc khu Lý Sơn", "23938": "Xã Ia Mơ", "26732": "Đặc khu Côn Đảo"}
	if len(c.OrphanNew) != len(want) {
		t.Errorf("%d new units without predecessors, want %d", len(c.OrphanNew), len(want))
	}
	for _, u := range c.OrphanNew {
		if want[u.Key.Code] != u.FullName {
			t.Errorf("new unit %s %s has no predecessor and is not a documented exception", u.Key.Code, u.FullName)
		}
	}
	// The 21 rows naming units absent from a list: 15 old units created
	// after the 2022 list, 6 new codes absent from the 2025 list.
	oldAbsent, newAbsent := 0, 0
	for _, r := range ds.CrosswalkGapRows {
		if ds.Units[model.UnitKey{Code: r.OldCode, Era: model.Era2022}] == nil {
			oldAbsent++
		}
		if ds.Units[model.UnitKey{Code: r.NewCode, Era: model.Era2025}] == nil {
			newAbsent++
		}
	}
	if len(ds.CrosswalkGapRows) != 21 || oldAbsent != 15 || newAbsent != 6 || len(ds.CrosswalkGaps) != 21 {
		t.Errorf("crosswalk gap rows: %d (old code absent %d, new code absent %d), want 21 (15, 6)", len(ds.CrosswalkGapRows), oldAbsent, newAbsent)
	}
	// New units whose list of predecessors is known to be incomplete.
	if len(c.IncompleteNew) != 12 {
		t.Errorf("%d new units with an incomplete list of predecessors, want 12", len(c.IncompleteNew))
	}
}

type trap struct {
	name, parent, on string
	want             string // code@era, or "" for an error
	candidates       []string
}

func TestResolveTraps(t *testing.T) {
	r := units.New(dataset(t))
	for _, tc := range []trap{
		// Tone placement: old and new spellings are the same name.
		{name: "Hiệp Hòa", parent: "24", on: "2025-08-01", want: "07840@2025"},
		{name: "Xã Hiệp Hoà", parent: "Bắc Ninh", on: "2025-08-01", want: "07840@2025"},
		{name: "Huyện Hiệp Hoà", on: "2024-02-01", want: "223@2022"},
		{name: "Hiệp Hòa", on: "2025-08-01", candidates: []string{"07147@2025", "07840@2025", "27952@2025"}},
		{name: "Phường Hiệp Hoà", on: "2025-08-01", want: "07147@2025"},
		// Thắng, the plan's commune, before the reform; it became Xã Hiệp Hòa.
		{name: "Thị trấn Thắng", parent: "Hiệp Hòa", on: "2024-02-01", want: "07840@2022"},
		{name: "TT Thắng", parent: "Huyện Hiệp Hoà, Bắc Giang", on: "2024-02-01", want: "07840@2022"},
		{name: "Thắng, Hiệp Hòa, Bắc Giang", want: "07840@2022"},
		{name: "Thắng", on: "2025-08-01", candidates: []string{"07840@2022"}}, // only a hint: Thắng is gone
		// Văn Lang and Văn Lăng are two communes of Thái Nguyên.
		{name: "Văn Lang", parent: "Thái Nguyên", on: "2025-08-01", want: "02143@2025"},
		{name: "Văn Lăng", parent: "Thái Nguyên", on: "2025-08-01", want: "05665@2025"},
		{name: "Van Lang", parent: "Thái Nguyên", on: "2025-08-01", candidates: []string{"02143@2025", "05665@2025"}},
		{name: "Cẩm Giang", parent: "31", on: "2025-08-01", want: "10888@2025"},
		{name: "Cẩm Giàng", parent: "31", on: "2025-08-01", want: "10903@2025"},
		// Code 24 before and after.
		{name: "24", on: "2023-06-01", want: "24@2022"},
		{name: "24", on: "2025-07-01", want: "24@2025"},
		{name: "24", candidates: []string{"24@2022", "24@2025"}},
		{name: "Bắc Ninh", on: "2023-06-01", candidates: []string{"256@2022", "27@2022"}}, // the city and the province
		{name: "Tỉnh Bắc Ninh", on: "2023-06-01", want: "27@2022"},
		{name: "Bắc Ninh", on: "2025-07-01", want: "24@2025"},
		// Prefixes and abbreviations.
		{name: "Tuyên Quang", on: "2023-01-01", candidates: []string{"070@2022", "08@2022"}},
		{name: "Tỉnh Tuyên Quang", on: "2023-01-01", want: "08@2022"},
		{name: "TP. Tuyên Quang", on: "2023-01-01", want: "070@2022"},
		{name: "TP.Hồ Chí Minh", on: "2026-01-01", want: "79@2025"},
		{name: "P.1", parent: "Thành phố Đông Hà", on: "2024-01-01", want: "19333@2022"},
		{name: "thị xã  Sơn Tây", on: "2021-01-01", want: "269@2022"},
		// Ba Vì: a commune split between two new communes, and one that moved whole.
		{name: "Chu Minh", parent: "Ba Vì", on: "2024-06-01", want: "09667@2022"},
		{name: "Xã Phú Cường", parent: "Ba Vì", on: "2024-06-01", want: "09625@2022"},
	} {
		var on time.Time
		if tc.on != "" {
			on = day(tc.on)
		}
		m, err := r.Resolve(tc.name, tc.parent, on)
		label := tc.name + " in " + tc.parent + " on " + tc.on
		if tc.want != "" {
			if err != nil {
				t.Errorf("%s: %v", label, err)
				continue
			}
			if got := m.Unit.Key.String(); got != tc.want {
				t.Errorf("%s: got %s %s, want %s", label, got, m.Unit.FullName, tc.want)
			}
			t.Logf("%s → %s", label, m)
			continue
		}
		var e *units.Error
		if !errors.As(err, &e) {
			t.Errorf("%s: got %v, %v; want an error listing candidates", label, m, err)
			continue
		}
		var got []string
		for _, c := range e.Candidates {
			got = append(got, c.Unit.Key.String())
		}
		if strings.Join(got, " ") != strings.Join(tc.candidates, " ") {
			t.Errorf("%s: candidates %v, want %v\n%v", label, got, tc.candidates, err)
		}
		for _, c := range e.Candidates {
			if !strings.Contains(err.Error(), c.Unit.Key.Code+" "+c.Unit.FullName) || !strings.Contains(err.Error(), c.Period()) {
				t.Errorf("%s: the error does not give the code and period of %s:\n%v", label, c.Unit.Key, err)
			}
		}
		t.Logf("%s → %v", label, err)
	}
}

func TestResolveSuccessors(t *testing.T) {
	r := units.New(dataset(t))
	m, err := r.Resolve("Thắng", "Hiệp Hòa", day("2024-02-01"))
	if err != nil {
		t.Fatal(err)
	}
	if len(m.Successors) != 1 || m.Successors[0].Key != (model.UnitKey{Code: "07840", Era: model.Era2025}) {
		t.Errorf("Thắng became %v, want Xã Hiệp Hoà 07840@2025", m.Successors)
	}
	// Chu Minh (Ba Vì) was split between Minh Châu and Quảng Oai.
	m, err = r.Resolve("Chu Minh", "Ba Vì", day("2024-02-01"))
	if err != nil {
		t.Fatal(err)
	}
	var codes []string
	for _, s := range m.Successors {
		codes = append(codes, s.Key.Code)
	}
	if strings.Join(codes, ",") != "09661,09619" && strings.Join(codes, ",") != "09619,09661" {
		t.Errorf("Chu Minh became %v, want 09619 and 09661", codes)
	}
	// Huyện Ba Vì: no successor of its own; its communes became eight communes.
	m, err = r.Resolve("Huyện Ba Vì", "", day("2024-02-01"))
	if err != nil {
		t.Fatal(err)
	}
	if len(m.Successors) != 8 {
		t.Errorf("Ba Vì's communes became %d communes, want 8: %v", len(m.Successors), m)
	}
	// Province 24 from 1/7/2025 is made of Bắc Giang (24) and Bắc Ninh (27).
	m, err = r.Resolve("24", "", day("2025-07-01"))
	if err != nil {
		t.Fatal(err)
	}
	codes = nil
	for _, p := range m.Predecessors {
		codes = append(codes, p.Key.Code+" "+p.Name)
	}
	if strings.Join(codes, ",") != "24 Bắc Giang,27 Bắc Ninh" {
		t.Errorf("Bắc Ninh (2025) is made of %v", codes)
	}
}
