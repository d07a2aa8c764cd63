package derive

import (
	"testing"

	"github.com/pcmt/pcmt/internal/model"
	"github.com/pcmt/pcmt/internal/period"
)

func num(v float64) *float64 { return &v }

func TestValueText(t *testing.T) {
	people := &model.Indicator{ID: "a", Measure: model.Count, Counted: "người"}
	share := &model.Indicator{ID: "b", Measure: model.Percent, Counted: "người"}
	communes := &model.Indicator{ID: "c", Measure: model.Fraction, Counted: "xã"}
	tests := []struct {
		f    model.Figure
		ind  *model.Indicator
		want string
	}{
		{model.Figure{Value: num(986)}, people, "986 người"},
		{model.Figure{Value: num(1100)}, people, "1.100 người"},
		{model.Figure{Value: num(4986)}, people, "4.986 người"},
		{model.Figure{Value: num(0)}, people, "0 người"},
		{model.Figure{}, people, "chưa có số liệu"},
		{model.Figure{Value: num(1), Qualifier: model.GE}, people, "ít nhất 1 người"},
		{model.Figure{Value: num(80), Qualifier: model.GT}, share, "trên 80%"},
		{model.Figure{Value: num(80.5)}, share, "80,5%"},
		{model.Figure{Numerator: num(31), Denominator: num(31)}, communes, "31/31 xã (100%)"},
		{model.Figure{Numerator: num(2), Denominator: num(3)}, communes, "2/3 xã (66,67%)"},
		{model.Figure{Value: num(100)}, communes, "100% số xã"},
	}
	for _, tt := range tests {
		if got := valueText(&tt.f, tt.ind); got != tt.want {
			t.Errorf("valueText(%+v) = %q, want %q", tt.f, got, tt.want)
		}
	}
}

func TestAnchorComesFromWhatTheFigureIs(t *testing.T) {
	f := &model.Figure{Indicator: "nguoi-nghien-co-ho-so", Period: period.MustParse("2022-12-31"), Kind: model.Baseline}
	if got := anchor(f); got != "f-nguoi-nghien-co-ho-so-2022-12-31-baseline" {
		t.Errorf("anchor = %q", got)
	}
	f = &model.Figure{Indicator: "cai-nghien-bat-buoc", Period: period.MustParse("2024-01/2024-09"), Kind: model.Result}
	if got := anchor(f); got != "f-cai-nghien-bat-buoc-2024-01-2024-09-result" {
		t.Errorf("anchor = %q", got)
	}
	f.Place = "tuyen-quang-trai-tam"
	if got := anchor(f); got != "f-tuyen-quang-trai-tam-cai-nghien-bat-buoc-2024-01-2024-09-result" {
		t.Errorf("place anchor = %q", got)
	}
}

func TestProgressText(t *testing.T) {
	ind := &model.Indicator{ID: "x", Measure: model.Count, Counted: "người"}
	tgt := &model.Figure{Kind: model.Target, Value: num(40), Period: period.MustParse("2024")}
	res := &model.Figure{Kind: model.Result, Value: num(32), Period: period.MustParse("2024-01/2024-09")}
	if got, want := progressText(res, tgt, ind), "Đạt 80% chỉ tiêu năm 2024 (kết quả 9 tháng đầu năm 2024)"; got != want {
		t.Errorf("progress = %q, want %q", got, want)
	}
	pct := &model.Indicator{ID: "y", Measure: model.Percent}
	tgt = &model.Figure{Kind: model.Target, Value: num(80), Qualifier: model.GT, Period: period.MustParse("2023")}
	res = &model.Figure{Kind: model.Result, Value: num(76), Period: period.MustParse("2023")}
	if got, want := progressText(res, tgt, pct), "Kết quả 76% so với chỉ tiêu trên 80% năm 2023"; got != want {
		t.Errorf("progress = %q, want %q", got, want)
	}
}
