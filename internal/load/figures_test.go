package load

import (
	"hash/maphash"
	"strings"
	"testing"

	"github.com/pcmt/pcmt/internal/model"
	"github.com/pcmt/pcmt/internal/period"
)

// TestAddCheckedHashCollision: two different figures whose keys share a
// hash are both kept, and a copy of the second is still a duplicate.
func TestAddCheckedHashCollision(t *testing.T) {
	p2023, _ := period.Parse("2023")
	fig := func(unit, src string, line int) *model.Figure {
		return &model.Figure{Unit: model.UnitKey{Code: unit, Era: model.Era2022}, Indicator: "methadone", Period: p2023,
			Kind: model.Result, Source: src, Pos: model.Pos{File: "data/figures/a.csv", Line: line}}
	}
	tests := []struct {
		name    string
		collide bool // every figure's key has the same hash
		figs    []*model.Figure
		kept    int
		problem string
	}{
		{"distinct", false, []*model.Figure{fig("01", "s", 2), fig("02", "s", 3)}, 2, ""},
		{"duplicate", false, []*model.Figure{fig("01", "s", 2), fig("01", "s", 3)}, 1, "data/figures/a.csv:3: duplicate figure: the same unit, indicator, period, kind and source as data/figures/a.csv:2"},
		{"collision kept", true, []*model.Figure{fig("01", "s", 2), fig("02", "s", 3)}, 2, ""},
		{"collision duplicate", true, []*model.Figure{fig("01", "s", 2), fig("02", "s", 3), fig("02", "s", 4)}, 2, "data/figures/a.csv:4: duplicate figure: the same unit, indicator, period, kind and source as data/figures/a.csv:3"},
	}
	// Each case one by one (addChecked), and as the figure files are
	// added (addFigures: in one file or two).
	ways := map[string]func(l *loader, figs []*model.Figure, hashes []uint64){
		"one by one": func(l *loader, figs []*model.Figure, hashes []uint64) {
			for i, f := range figs {
				l.addChecked(f, hashes[i])
			}
		},
		"one file": func(l *loader, figs []*model.Figure, hashes []uint64) {
			l.addFigures([]checkedFigures{{figs: figs, hashes: hashes}})
		},
		"two files": func(l *loader, figs []*model.Figure, hashes []uint64) {
			l.addFigures([]checkedFigures{{figs: figs[:1], hashes: hashes[:1]}, {figs: figs[1:], hashes: hashes[1:]}})
		},
	}
	for _, tt := range tests {
		for way, add := range ways {
			t.Run(tt.name+", "+way, func(t *testing.T) {
				l := &loader{seed: maphash.MakeSeed(), seen: newSeen(), seenMore: map[figureKey]model.Pos{}, ds: &model.Dataset{}}
				var figs []*model.Figure
				var hashes []uint64
				for _, f := range tt.figs {
					c := *f
					figs = append(figs, &c)
					h := maphash.Comparable(l.seed, keyOf(f))
					if tt.collide {
						h = 42 // every key the same hash
					}
					hashes = append(hashes, h)
				}
				add(l, figs, hashes)
				if len(l.ds.Figures) != tt.kept {
					t.Errorf("kept %d figures, want %d", len(l.ds.Figures), tt.kept)
				}
				for i, f := range l.ds.Figures {
					if f.At != int32(i)+1 {
						t.Errorf("figure %d: At %d", i, f.At)
					}
				}
				var got []string
				for _, p := range l.r.ps {
					got = append(got, p.String())
				}
				if strings.Join(got, "\n") != tt.problem {
					t.Errorf("problems:\n%s\nwant:\n%s", strings.Join(got, "\n"), tt.problem)
				}
				// A later figure (a plan's) is checked against them all.
				before := len(l.ds.Figures)
				c := *figs[len(figs)-1]
				l.addChecked(&c, hashes[len(hashes)-1])
				if len(l.ds.Figures) != before {
					t.Error("a copy of the last figure added later is not a duplicate")
				}
			})
		}
	}
}
