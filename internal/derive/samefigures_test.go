package derive

import (
	"fmt"
	"testing"

	"github.com/pcmt/pcmt/internal/model"
	"github.com/pcmt/pcmt/internal/period"
)

// TestSameFigures: figures that differ only in their source are grouped,
// groups in the order of their first figure; figures with no copy are in
// no group.
func TestSameFigures(t *testing.T) {
	p2023, _ := period.Parse("2023")
	p2024, _ := period.Parse("2024")
	fig := func(unit, place string, p period.Period, src string) *model.Figure {
		return &model.Figure{Unit: model.UnitKey{Code: unit, Era: model.Era2022}, Place: place, Indicator: "methadone",
			Period: p, Kind: model.Result, Source: src}
	}
	tests := []struct {
		name string
		figs []*model.Figure
		want string
	}{
		{"none", []*model.Figure{fig("01", "", p2023, "a"), fig("02", "", p2023, "a"), fig("01", "", p2024, "a")}, "[]"},
		{"two sources", []*model.Figure{fig("01", "", p2023, "a"), fig("02", "", p2023, "a"), fig("01", "", p2023, "b")}, "[[0 2]]"},
		{"place apart", []*model.Figure{fig("01", "", p2023, "a"), fig("01", "cho", p2023, "b")}, "[]"},
		{"first figure order", []*model.Figure{fig("02", "", p2023, "a"), fig("01", "", p2023, "a"), fig("01", "", p2023, "b"),
			fig("02", "", p2023, "b"), fig("02", "", p2023, "c")}, "[[0 3 4] [1 2]]"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := fmt.Sprint(sameFigures(tt.figs)); got != tt.want {
				t.Errorf("sameFigures = %s, want %s", got, tt.want)
			}
		})
	}
}
