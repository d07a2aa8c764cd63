package derive

import (
	"strings"
	"testing"
	"time"

	"github.com/pcmt/pcmt/internal/model"
	"github.com/pcmt/pcmt/internal/period"
)

// reformDataset: old provinces 10 and 11 became new province 10; old
// communes 00001 and 00002 became new commune 00001, and old commune 00003
// was split between new communes 00001 and 00004.
func reformDataset() *model.Dataset {
	ds := &model.Dataset{Units: map[model.UnitKey]*model.Unit{}, Places: map[string]*model.Place{},
		Indicators: map[string]*model.Indicator{}, Sources: map[string]*model.Source{}, Predecessors: map[string][]string{}}
	add := func(era model.Era, lvl model.Level, code, name, full, parent string, succ ...string) {
		ds.Units[model.UnitKey{Code: code, Era: era}] = &model.Unit{Key: model.UnitKey{Code: code, Era: era}, Level: lvl,
			Name: name, FullName: full, Parent: parent, Successors: succ}
		for _, s := range succ {
			ds.Predecessors[s] = append(ds.Predecessors[s], code)
		}
	}
	add(model.Era2022, model.Province, "10", "Một", "Tỉnh Một", "", "10")
	add(model.Era2022, model.Province, "11", "Hai", "Tỉnh Hai", "", "10")
	add(model.Era2022, model.Province, "12", "Ba", "Tỉnh Ba", "", "12")
	add(model.Era2022, model.District, "100", "Một", "Huyện Một", "10")
	add(model.Era2022, model.Commune, "00001", "Đông", "Xã Đông", "100", "00001")
	add(model.Era2022, model.Commune, "00002", "Tây", "Xã Tây", "100", "00001")
	add(model.Era2022, model.Commune, "00003", "Nam", "Xã Nam", "100", "00001", "00004")
	add(model.Era2025, model.Province, "10", "Một", "Tỉnh Một", "")
	add(model.Era2025, model.Province, "12", "Ba", "Tỉnh Ba", "")
	add(model.Era2025, model.Commune, "00001", "Đông Tây", "Xã Đông Tây", "10")
	add(model.Era2025, model.Commune, "00004", "Bắc", "Xã Bắc", "10")
	ds.Indicators["n"] = &model.Indicator{ID: "n", Name: "Số người", Measure: model.Count, Counted: "người"}
	ds.Indicators["p"] = &model.Indicator{ID: "p", Name: "Tỷ lệ", Measure: model.Percent, Counted: "người", Pos: model.Pos{Line: 2}}
	ds.Sources["s"] = &model.Source{ID: "s", Kind: model.News, Title: "Bài", Date: time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC)}
	fig := func(code, ind string, year int, kind model.Kind, v float64) {
		ds.Figures = append(ds.Figures, &model.Figure{Unit: model.UnitKey{Code: code, Era: model.Era2022}, Indicator: ind,
			Period: period.ForYear(year), Kind: kind, Value: &v, Source: "s"})
	}
	fig("10", "n", 2023, model.Target, 100) // both provinces: summed
	fig("11", "n", 2023, model.Target, 50)
	fig("10", "n", 2024, model.Target, 70) // only one of two: never summed
	fig("10", "n", 2023, model.Result, 90) // different kind: not summed with the target
	fig("11", "n", 2024, model.Result, 40)
	fig("10", "n", 2022, model.Target, 10) // target and result missing from the same province: one row
	fig("10", "n", 2022, model.Result, 20)
	fig("10", "p", 2023, model.Target, 80) // percentages of two provinces: not added
	fig("11", "p", 2023, model.Target, 90)
	fig("12", "p", 2023, model.Target, 60) // one predecessor: carried over
	fig("00001", "n", 2024, model.Target, 3)
	fig("00002", "n", 2024, model.Target, 4)
	fig("00003", "n", 2024, model.Target, 5) // split: never summed into 00001 or 00004
	return ds
}

func unitViewOf(t *testing.T, s *Site, path string) UnitView {
	t.Helper()
	for i, p := range s.Units {
		if p.Path == path {
			return s.UnitView(i)
		}
	}
	t.Fatalf("no page %s", path)
	return UnitView{}
}

func sumOf(v UnitView, ind, per string, kind model.Kind) *SumRow {
	for i, r := range v.Reform.Sums {
		kinds := []KindLabel{{Kind: r.Kind}}
		if len(r.Kinds) > 0 {
			kinds = r.Kinds
		}
		for _, k := range kinds {
			if r.Indicator.URL == "/chi-so/"+ind+"/" && r.Period == per && k.Kind == string(kind) {
				return &v.Reform.Sums[i]
			}
		}
	}
	return nil
}

func TestReformSumsOnlyWithCompleteCoverage(t *testing.T) {
	s, err := Build(reformDataset())
	if err != nil {
		t.Fatal(err)
	}
	p := unitViewOf(t, s, "don-vi/10-mot")
	if p.Reform == nil || len(p.Reform.Predecessors) != 2 {
		t.Fatalf("province 10 (2025): reform view %+v, want 2 predecessors", p.Reform)
	}
	for _, c := range []struct {
		ind, per string
		kind     model.Kind
		want     string // value text, or "" for no total
		note     string
	}{
		{"n", "2023", model.Target, "150 người", "Tổng số của cả 2"},
		{"n", "2024", model.Target, "", "thiếu số liệu của Tỉnh Hai"},
		{"n", "2023", model.Result, "", "thiếu số liệu của Tỉnh Hai"},
		{"n", "2024", model.Result, "", "thiếu số liệu của Tỉnh Một"},
		{"p", "2023", model.Target, "", "không cộng được"},
	} {
		r := sumOf(p, c.ind, c.per, c.kind)
		switch {
		case r == nil:
			t.Errorf("%s %s %s: no row", c.ind, c.per, c.kind)
		case r.Complete != (c.want != "") || r.ValueText != c.want || !strings.Contains(r.Note, c.note):
			t.Errorf("%s %s %s: complete %v, %q, note %q; want %q, note with %q", c.ind, c.per, c.kind, r.Complete, r.ValueText, r.Note, c.want, c.note)
		}
	}
	// A figure of the old province 10 is never shown as the new province's own.
	if len(p.Groups) != 0 {
		t.Errorf("province 10 (2025) shows %d groups of its own figures, want none", len(p.Groups))
	}
	// One predecessor: its figure carries over, labelled with its name.
	b := unitViewOf(t, s, "don-vi/12-ba")
	if r := sumOf(b, "p", "2023", model.Target); r == nil || !r.Complete || r.ValueText != "60%" || !strings.Contains(r.Note, "Tỉnh Ba (trước 01/7/2025)") {
		t.Errorf("province 12 (2025): %+v", r)
	}
	// The split commune 00003 blocks any total into 00001: said once, no
	// rows of "chưa cộng được".
	c := unitViewOf(t, s, "don-vi/00001-dong-tay")
	if len(c.Reform.Sums) != 0 || len(c.Reform.Notes) != 1 || !strings.Contains(c.Reform.Notes[0], "Xã Nam được chia") {
		t.Errorf("commune 00001 (2025): sums %+v, notes %q; want no sums and one note on the split", c.Reform.Sums, c.Reform.Notes)
	}
	for _, pv := range c.Reform.Predecessors {
		if pv.Code == "00003" && !strings.Contains(pv.Note, "Xã Bắc") {
			t.Errorf("the split commune's note does not name where it went: %q", pv.Note)
		}
	}
	// A map for the complete total only, with 2 provinces and 1 value.
	var ids []string
	for _, m := range s.Maps {
		ids = append(ids, m.View.(MapView).ID)
	}
	if strings.Join(ids, " ") != "n-2023-target p-2023-target" {
		t.Errorf("maps %v, want n-2023-target p-2023-target", ids)
	}
	for _, m := range s.Maps {
		v := m.View.(MapView)
		if len(v.Rows) != 2 {
			t.Errorf("map %s: %d rows, want one per current province (2)", v.ID, len(v.Rows))
		}
	}
}

// The reform view grows with indicators and periods, not with the
// predecessors' figures: predecessors are links with a count, a total
// carries no parts, and the predecessors missing are named once per
// indicator and period.
func TestReformViewDoesNotRepeatPredecessorsRows(t *testing.T) {
	s, err := Build(reformDataset())
	if err != nil {
		t.Fatal(err)
	}
	p := unitViewOf(t, s, "don-vi/10-mot")
	var got []string
	for _, pv := range p.Reform.Predecessors {
		got = append(got, pv.Unit.Name+" "+pv.Unit.URL+" "+pv.FiguresText)
	}
	if want := "Tỉnh Hai /don-vi/11-hai-truoc-2025/ 3 số liệu|Tỉnh Một /don-vi/10-mot-truoc-2025/ 6 số liệu"; strings.Join(got, "|") != want {
		t.Errorf("predecessors %q, want %q", strings.Join(got, "|"), want)
	}
	if r := sumOf(p, "n", "2023", model.Target); r == nil || len(r.Parts) != 0 || r.Note != "Tổng số của cả 2 đơn vị cũ." {
		t.Errorf("a total: %+v, want no parts and the note on 2 former units", r)
	}
	tgt, res := sumOf(p, "n", "2022", model.Target), sumOf(p, "n", "2022", model.Result)
	switch {
	case tgt == nil || tgt != res:
		t.Errorf("2022 target and result, both missing Tỉnh Hai: rows %+v and %+v, want one", tgt, res)
	case tgt.KindLabel != "Chỉ tiêu, kết quả" || strings.Count(tgt.Note, "Tỉnh Hai") != 1 ||
		strings.Join(tgt.Parts, "; ") != "Chỉ tiêu — Tỉnh Một: 10 người; Kết quả — Tỉnh Một: 20 người":
		t.Errorf("2022 row: kinds %q, parts %q, note %q", tgt.KindLabel, tgt.Parts, tgt.Note)
	}
	// Another predecessor missing for the result than for the target: two rows.
	if a, b := sumOf(p, "n", "2024", model.Target), sumOf(p, "n", "2024", model.Result); a == nil || a == b {
		t.Errorf("2024: target and result miss different predecessors, want two rows")
	}
}

func TestEveryCurrentProvinceHasAPage(t *testing.T) {
	ds := reformDataset()
	ds.Figures = nil
	s, err := Build(ds)
	if err != nil {
		t.Fatal(err)
	}
	v := unitViewOf(t, s, "don-vi/12-ba")
	if len(v.Groups) != 0 || v.Reform == nil {
		t.Errorf("province 12 (2025) with no figures: %+v", v)
	}
	unitViewOf(t, s, "don-vi/10-mot")
}
