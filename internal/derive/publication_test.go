package derive

import (
	"testing"
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
					check(Rows(g.Rows))
				}
				for _, pl := range v.Places {
					for _, g := range pl.Groups {
						check(Rows(g.Rows))
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
