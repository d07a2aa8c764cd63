package derive

import (
	"strings"
	"testing"

	"github.com/pcmt/pcmt/internal/model"
)

// TestFigureCellsMatchPageRows: the figures table says what the unit pages
// say. figureCells builds its rows without figureRow (for speed); each row
// must carry the value text, withheld flag, unit of count and evidence of
// the figure its link points to, as that figure's row on the page shows
// them, with and without figures withheld.
func TestFigureCellsMatchPageRows(t *testing.T) {
	ds, settings := defaultSiteSettings(t)
	for name, cfg := range settings {
		t.Run(name, func(t *testing.T) {
			s, err := Build(ds, cfg)
			if err != nil {
				t.Fatal(err)
			}
			p := s.Publication
			col := map[string]int{}
			for i, f := range p.Figures.Fields {
				col[f.Name] = i
			}
			byURL := map[string][]string{}
			n := 0
			for _, tb := range p.FigureTables {
				for _, r := range tb.AllRows() {
					byURL[r[col["url"]]] = r
					n++
				}
			}
			if n != len(ds.Figures) {
				t.Errorf("the figures tables have %d rows, want one per figure: %d", n, len(ds.Figures))
			}
			checked, withheld := 0, 0
			check := func(rows Rows) {
				for _, r := range rows {
					c, ok := byURL[r.Unit.URL]
					if !ok {
						t.Errorf("%s: no row in the figures tables", r.Unit.URL)
						continue
					}
					checked++
					want := map[string]string{"value_text": r.ValueText, "counted": r.Counted, "suppressed": boolCell(r.Suppressed), "evidence": r.Evidence}
					if r.Suppressed {
						withheld++
						want["evidence"] = ""
					}
					for k, w := range want {
						if got := c[col[k]]; got != w {
							t.Errorf("%s: %s = %q in the table, %q on the page", r.Unit.URL, k, got, w)
						}
					}
				}
			}
			for i := range s.Units {
				v := s.UnitView(i)
				for _, g := range v.Groups {
					check(g.Rows.Rows())
				}
				for _, pl := range v.Places {
					for _, g := range pl.Groups {
						check(g.Rows.Rows())
					}
				}
			}
			if checked < len(ds.Figures) {
				t.Errorf("checked %d page rows, want every figure's (%d)", checked, len(ds.Figures))
			}
			if name != "default" && withheld == 0 {
				t.Error("no figure withheld at a threshold of 100: the withheld rows went unchecked")
			}
		})
	}
}

// TestFigureID: the figures table's ids, appended into a scratch buffer
// (appendFigureID), are what strings.Join made of their parts.
func TestFigureID(t *testing.T) {
	joined := func(unit model.UnitKey, place string, id model.FigureID) string {
		where := unit.Code
		if place != "" {
			where += "." + place
		}
		return strings.Join([]string{string(unit.Era) + "@" + where, id.Indicator, strings.ReplaceAll(id.Period, "/", "_"), string(id.Kind), id.Source}, ".")
	}
	for _, c := range []struct {
		unit  model.UnitKey
		place string
		id    model.FigureID
	}{
		{model.UnitKey{Code: "08", Era: model.Era2022}, "", model.FigureID{Indicator: "nguoi-nghien", Period: "2023", Kind: model.Result, Source: "bao-tq"}},
		{model.UnitKey{Code: "07840", Era: model.Era2025}, "trai-tam", model.FigureID{Indicator: "x", Period: "2024-01/2024-09", Kind: model.Target, Source: "s"}},
		{model.UnitKey{Code: "01", Era: model.Era2022}, "", model.FigureID{Indicator: "y", Period: "a/b/c//", Kind: model.Baseline}},
		{},
	} {
		want := joined(c.unit, c.place, c.id)
		if got := makeFigureID(c.unit, c.place, c.id); got != want {
			t.Errorf("makeFigureID = %q, want %q", got, want)
		}
		if got := string(appendFigureID([]byte("x"), c.unit, c.place, c.id)); got != "x"+want {
			t.Errorf("appendFigureID = %q, want %q", got, "x"+want)
		}
	}
}
