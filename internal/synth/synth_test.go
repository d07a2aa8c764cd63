package synth

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/pcmt/pcmt/internal/load"
	"github.com/pcmt/pcmt/internal/model"
)

// A small synthetic site (one province of each era) loads without a
// problem, is the same for the same seed, is labelled synthetic, and its
// parts add up to its totals.
func TestSyntheticSite(t *testing.T) {
	repo, _ := filepath.Abs("../..")
	a, b := t.TempDir(), t.TempDir()
	st, err := Write(repo, a, Options{Seed: 7, Provinces: 1})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := Write(repo, b, Options{Seed: 7, Provinces: 1}); err != nil {
		t.Fatal(err)
	}
	for _, f := range []string{"data/sources.toml", "data/figures/gia-lap-2023-01-ha-noi.csv", "data/figures/gia-lap-2026-01-ha-noi.csv"} {
		x, err1 := os.ReadFile(filepath.Join(a, f))
		y, err2 := os.ReadFile(filepath.Join(b, f))
		if err1 != nil || err2 != nil || !bytes.Equal(x, y) {
			t.Errorf("%s differs between two runs with the same seed (%v, %v)", f, err1, err2)
		}
	}
	// Hà Nội before 1/7/2025: 1 + 30 districts + 579 communes; after: 1 + 126 communes.
	if st.Units != 737 || st.CampaignPages != 126 || st.Figures != (610*4+127*2)*len(Indicators)*2 {
		t.Errorf("stats = %+v", st)
	}
	srcs, _ := os.ReadFile(filepath.Join(a, "data/sources.toml"))
	if n := strings.Count(string(srcs), "title = \"[Dữ liệu giả lập]"); n != 6 {
		t.Errorf("%d sources titled as synthetic, want 6", n)
	}
	// The publisher is on every row, download and citation: short, and
	// still saying the data are synthetic.
	if n := strings.Count(string(srcs), "publisher = \"pcmt (dữ liệu giả lập)\""); n != 6 {
		t.Errorf("%d sources published by %q, want 6", n, "pcmt (dữ liệu giả lập)")
	}
	page, _ := os.ReadFile(filepath.Join(a, "content/chien-dich/00004-ba-dinh.md"))
	if !strings.Contains(string(page), "Dữ liệu giả lập — không phải thông tin thật của Phường Ba Đình.") {
		t.Errorf("campaign page not labelled:\n%s", page)
	}

	ds, err := load.Load(a)
	if err != nil {
		t.Fatalf("the synthetic site does not load: %v", err)
	}
	val := func(code string, era model.Era, ind, per string, kind model.Kind) float64 {
		for _, f := range ds.Figures {
			if f.Unit.Code == code && f.Unit.Era == era && f.Indicator == ind && f.Period.String() == per && f.Kind == kind {
				return *f.Value
			}
		}
		t.Fatalf("no figure %s %s %s %s", code, ind, per, kind)
		return 0
	}
	var districts float64
	for _, u := range ds.Units {
		if u.Key.Era == model.Era2022 && u.Level == model.District && u.Parent == "01" {
			districts += val(u.Key.Code, model.Era2022, "cai-nghien-bat-buoc", "2023", model.Result)
		}
	}
	if total := val("01", model.Era2022, "cai-nghien-bat-buoc", "2023", model.Result); total != districts {
		t.Errorf("Hà Nội 2023: total %v, sum of districts %v", total, districts)
	}
	whole := val("01", model.Era2025, "methadone-dieu-tri", "2026-01/2026-09", model.Result)
	parts := val("01", model.Era2025, "methadone-tiep-tuc", "2026-01/2026-09", model.Result) + val("01", model.Era2025, "methadone-moi", "2026-01/2026-09", model.Result)
	if whole != parts {
		t.Errorf("methadone 2026: whole %v, parts %v", whole, parts)
	}
}
