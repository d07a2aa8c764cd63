package derive

import (
	"testing"
)

// withhold keeps the loaded figure only of the figures it withholds (the
// sum checks and consistency checks read their true values through
// loaded); every other figure is published as loaded.
func TestWithholdKeepsLoadedFiguresOfWithheldOnly(t *testing.T) {
	ds, settings := defaultSiteSettings(t)
	for name, cfg := range settings {
		t.Run(name, func(t *testing.T) {
			pub := withhold(ds, relations(ds), cfg)
			d := &deriver{ds: pub, orig: ds.Figures}
			withheld := 0
			for i, f := range pub.Figures {
				l := d.loaded(f)
				if l != ds.Figures[i] {
					t.Fatalf("%s: loaded gives another figure than the one loaded", f.Pos)
				}
				if f.Withheld == "" {
					if f != l {
						t.Errorf("%s: published figure is a copy though nothing is withheld", f.Pos)
					}
					continue
				}
				withheld++
				if f.Value != nil || f.Numerator != nil {
					t.Errorf("%s: withheld figure keeps its number", f.Pos)
				}
				if l.Missing() {
					t.Errorf("%s: the loaded figure of a withheld one has no number", f.Pos)
				}
			}
			if name == "threshold 100" && withheld == 0 {
				t.Error("nothing withheld at threshold 100: the test checks nothing")
			}
		})
	}
}
