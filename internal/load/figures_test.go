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
		collide bool // the second figure's hash is taken by the first
		figs    []*model.Figure
		kept    int
		problem string
	}{
		{"distinct", false, []*model.Figure{fig("01", "s", 2), fig("02", "s", 3)}, 2, ""},
		{"duplicate", false, []*model.Figure{fig("01", "s", 2), fig("01", "s", 3)}, 1, "data/figures/a.csv:3: duplicate figure: the same unit, indicator, period, kind and source as data/figures/a.csv:2"},
		{"collision kept", true, []*model.Figure{fig("01", "s", 2), fig("02", "s", 3)}, 2, ""},
		{"collision duplicate", true, []*model.Figure{fig("01", "s", 2), fig("02", "s", 3), fig("02", "s", 4)}, 2, "data/figures/a.csv:4: duplicate figure: the same unit, indicator, period, kind and source as data/figures/a.csv:3"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			l := &loader{seed: maphash.MakeSeed(), seen: map[uint64]int32{}, seenMore: map[figureKey]model.Pos{}, ds: &model.Dataset{}}
			if tt.collide {
				l.seen[maphash.Comparable(l.seed, keyOf(tt.figs[1]))] = 0
			}
			for _, f := range tt.figs {
				l.addChecked(f)
			}
			if len(l.ds.Figures) != tt.kept {
				t.Errorf("kept %d figures, want %d", len(l.ds.Figures), tt.kept)
			}
			var got []string
			for _, p := range l.r.ps {
				got = append(got, p.String())
			}
			if strings.Join(got, "\n") != tt.problem {
				t.Errorf("problems:\n%s\nwant:\n%s", strings.Join(got, "\n"), tt.problem)
			}
		})
	}
}
