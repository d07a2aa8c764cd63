package build

import (
	"bytes"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/pcmt/pcmt/internal/derive"
	"github.com/pcmt/pcmt/internal/disclosure"
	"github.com/pcmt/pcmt/internal/load"
	"github.com/pcmt/pcmt/internal/siteconfig"
)

// inputCopy copies the site's input into a new directory (node_modules is
// linked: builds only read it).
func inputCopy(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	abs, _ := filepath.Abs(repo)
	if err := os.Symlink(filepath.Join(abs, "node_modules"), filepath.Join(dir, "node_modules")); err != nil {
		t.Fatal(err)
	}
	for _, name := range []string{"config.toml", "layouts", "static", "content", "data"} {
		err := filepath.WalkDir(filepath.Join(repo, name), func(p string, d fs.DirEntry, err error) error {
			if err != nil {
				return err
			}
			rel, _ := filepath.Rel(repo, p)
			if d.IsDir() {
				return os.MkdirAll(filepath.Join(dir, rel), 0o755)
			}
			b, err := os.ReadFile(p)
			if err != nil {
				return err
			}
			return os.WriteFile(filepath.Join(dir, rel), b, 0o644)
		})
		if err != nil {
			t.Fatal(err)
		}
	}
	// The ledger of published values (data/changes.csv) would ask for a
	// correction row for every value these tests change: they build
	// without one.
	os.Remove(filepath.Join(dir, "data", "changes.csv"))
	return dir
}

func replaceIn(t *testing.T, dir, rel, old, new string) {
	t.Helper()
	p := filepath.Join(dir, filepath.FromSlash(rel))
	b, err := os.ReadFile(p)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Contains(b, []byte(old)) {
		t.Fatalf("%s: %q not found", rel, old)
	}
	os.WriteFile(p, bytes.Replace(b, []byte(old), []byte(new), 1), 0o644)
}

// smallSite is the default site with Na Hang's count made 3 (and Chiêm Hóa
// 133, so the districts still add up to Tuyên Quang's 986).
func smallSite(t *testing.T) string {
	src := inputCopy(t)
	figs := "data/figures/ldxh-2023-03-15-tuyen-quang.csv"
	replaceIn(t, src, figs, `072,nguoi-nghien-co-ho-so,2022-12-31,baseline,20,,,,ldxh-2023-03-15-tuyen-quang,"Trong đó, các huyện: Na Hang (20 người)"`,
		`072,nguoi-nghien-co-ho-so,2022-12-31,baseline,3,,,,ldxh-2023-03-15-tuyen-quang,"Trong đó, các huyện: Na Hang (3 người)"`)
	replaceIn(t, src, figs, "073,nguoi-nghien-co-ho-so,2022-12-31,baseline,116,,,,ldxh-2023-03-15-tuyen-quang,Chiêm Hóa (116 đối tượng)",
		"073,nguoi-nghien-co-ho-so,2022-12-31,baseline,133,,,,ldxh-2023-03-15-tuyen-quang,Chiêm Hóa (133 đối tượng)")
	return src
}

// TestSmallCountsAreWithheldEverywhere builds a site where one district
// counts 3 people: its page says "dưới 5", the smallest other part of the
// province (Trại tạm, 77) is withheld too, and neither number nor the quote
// that carries it is anywhere in the published site.
func TestSmallCountsAreWithheldEverywhere(t *testing.T) {
	src := smallSite(t)
	dest := filepath.Join(t.TempDir(), "public")
	if err := Site(Options{Source: src, Destination: dest}); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		page    string
		want    []string
		notWant []string
	}{
		{"/don-vi/072-na-hang-truoc-2025/", []string{"dưới 5 người", "Số nhỏ hơn 5 không được đăng"}, []string{"3 người", "Na Hang (3"}},
		{"/don-vi/08-tuyen-quang-truoc-2025/", []string{"dưới 5", "ẩn để bảo vệ số nhỏ", "có số bị ẩn để bảo vệ số nhỏ", "khớp với tổng 986 người", "không ghi (có số bị ẩn)"},
			[]string{"77 người", "77 đối tượng tại Trại tạm", "Na Hang (3"}},
		{"/chi-so/nguoi-nghien-co-ho-so/", []string{"dưới 5 người", "ẩn để bảo vệ số nhỏ"}, []string{"77 người"}},
		{"/nguon/ldxh-2023-03-15-tuyen-quang/", []string{"dưới 5 người"}, []string{"77 người", "Na Hang (3"}},
		{"/don-vi/071-lam-binh-truoc-2025/", []string{"0 người"}, []string{"dưới 5"}}, // zero stays zero
	}
	for _, tt := range tests {
		got := text(parsePage(t, dest, tt.page))
		for _, w := range tt.want {
			if !strings.Contains(got, w) {
				t.Errorf("%s: %q not on the page", tt.page, w)
			}
		}
		for _, w := range tt.notWant {
			if strings.Contains(got, w) {
				t.Errorf("%s: %q is on the page", tt.page, w)
			}
		}
	}
	// Nothing in any published file — pages, chart options, data files,
	// downloads — carries the quotes that hold the withheld numbers.
	filepath.WalkDir(dest, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, _ := os.ReadFile(p)
		for _, bad := range []string{"Na Hang (3 người)", "77 đối tượng tại Trại tạm"} {
			if bytes.Contains(b, []byte(bad)) {
				rel, _ := filepath.Rel(dest, p)
				t.Errorf("%s holds %q", rel, bad)
			}
		}
		return nil
	})
}

// TestWithheldCannotBeWorkedOut is the proof: from the figures as
// published (derive's views, which every page, chart and download is made
// from) and the province = districts + Trại tạm relation, every withheld
// cell of Tuyên Quang still has more than one possible value.
func TestWithheldCannotBeWorkedOut(t *testing.T) {
	src := smallSite(t)
	ds, err := load.Load(src)
	if err != nil {
		t.Fatal(err)
	}
	site, err := derive.Build(ds, siteconfig.Default())
	if err != nil {
		t.Fatal(err)
	}
	// The published rows of the indicator, period and kind.
	var rows []derive.FigureRow
	for _, p := range site.Indicators {
		if v := p.View.(derive.IndicatorView); v.ID == "nguoi-nghien-co-ho-so" {
			for _, r := range v.Rows {
				if r.Period == "2022-12-31" && r.Kind == "baseline" {
					rows = append(rows, r)
				}
			}
		}
	}
	var cells []disclosure.Cell
	var st []disclosure.Status
	total := -1
	var parts []int
	withheld := 0
	for _, r := range rows {
		c := disclosure.Cell{Threshold: 5}
		s := disclosure.Published
		switch {
		case strings.HasPrefix(r.ValueText, "dưới 5"):
			s = disclosure.Primary
		case r.Suppressed:
			s = disclosure.Complementary
		default:
			c.Value = *r.Value
		}
		if s != disclosure.Published {
			withheld++
			// The search needs the true value only to check itself.
			c.Value = trueValue(t, ds, r.Anchor, r.Unit.Name)
		}
		cells = append(cells, c)
		st = append(st, s)
		if strings.HasPrefix(r.Unit.Name, "Tỉnh Tuyên Quang") && r.UnitNote == "" {
			total = len(cells) - 1
		} else {
			parts = append(parts, len(cells)-1)
		}
	}
	if total < 0 || len(parts) != 8 || withheld != 2 {
		t.Fatalf("total %d, %d parts, %d withheld; want the province, 8 parts, 2 withheld", total, len(parts), withheld)
	}
	for i, vals := range disclosure.Feasible(cells, []disclosure.Relation{{Total: total, Parts: parts, Complete: true}}, st) {
		if st[i] != disclosure.Published && len(vals) < 2 {
			t.Errorf("%s can be worked out: %v", rows[i].Unit.Name, vals)
		}
	}
}

func trueValue(t *testing.T, ds interface{}, anchor, unit string) float64 {
	t.Helper()
	switch {
	case strings.Contains(unit, "Na Hang"):
		return 3
	case strings.Contains(unit, "Trại tạm"):
		return 77
	}
	t.Fatalf("unexpected withheld figure %s %s", unit, anchor)
	return 0
}

// TestPartsTotalSeverity: a mismatch between Tuyên Quang and its districts
// is a warning by default (published with a note) and stops the build when
// config.toml says "error".
func TestPartsTotalSeverity(t *testing.T) {
	src := inputCopy(t)
	replaceIn(t, src, "data/figures/ldxh-2023-03-15-tuyen-quang.csv", "073,nguoi-nghien-co-ho-so,2022-12-31,baseline,116,", "073,nguoi-nghien-co-ho-so,2022-12-31,baseline,117,")
	dest := filepath.Join(t.TempDir(), "public")
	var warn bytes.Buffer
	if err := Site(Options{Source: src, Destination: dest, Warn: &warn}); err != nil {
		t.Fatal(err)
	}
	want := "warning: data/figures/ldxh-2023-03-15-tuyen-quang.csv:2: parts do not add up: Tỉnh Tuyên Quang, Người nghiện có hồ sơ quản lý (tính đến 31/12/2022, ldxh-2023-03-15-tuyen-quang): " +
		"Thành phố Tuyên Quang + Huyện Lâm Bình + Huyện Na Hang + Huyện Chiêm Hóa + Huyện Hàm Yên + Huyện Yên Sơn + Huyện Sơn Dương + Trại tạm add up to 987, the total is 986\n"
	// The copy keeps the repository's placeholder baseURL; that warning is
	// tested in TestPlaceholderBaseURLWarns.
	var got strings.Builder
	for _, line := range strings.SplitAfter(warn.String(), "\n") {
		if !strings.Contains(line, "baseURL is still the placeholder") {
			got.WriteString(line)
		}
	}
	if got.String() != want {
		t.Errorf("warnings:\n%s\nwant\n%s", got.String(), want)
	}
	if got := text(parsePage(t, dest, "/don-vi/08-tuyen-quang-truoc-2025/")); !strings.Contains(got, "KHÔNG khớp với tổng 986 người của Tỉnh Tuyên Quang (chênh lệch -1)") {
		t.Errorf("the mismatch is not shown as a data note on the province page")
	}
	replaceIn(t, src, "config.toml", `parts_total = "warning"`, `parts_total = "error"`)
	err := Site(Options{Source: src, Destination: filepath.Join(t.TempDir(), "public")})
	if err == nil || !strings.Contains(err.Error(), "parts do not add up: Tỉnh Tuyên Quang") || !strings.Contains(err.Error(), `parts_total = "error"`) {
		t.Errorf("with parts_total = \"error\": build error = %v", err)
	}
}

// TestTwoSourcesDisagree: the same figure from a second source with another
// value is kept, and both rows say so.
func TestTwoSourcesDisagree(t *testing.T) {
	src := inputCopy(t)
	figs := filepath.Join(src, "data/figures/ldxh-2023-03-15-tuyen-quang.csv")
	b, _ := os.ReadFile(figs)
	os.WriteFile(figs, append(b, []byte("08,nguoi-nghien-co-ho-so,2022-12-31,baseline,990,,,,bdk-2021-03-12-ben-tre,x,\n")...), 0o644)
	// A 2021 article cannot report 31/12/2022: the check says so.
	err := Check(src)
	if err == nil || !strings.Contains(err.Error(), `a baseline for 2022-12-31 ends on 31/12/2022, after its source "bdk-2021-03-12-ben-tre" is dated 12/03/2021`) {
		t.Fatalf("check: %v", err)
	}
	os.WriteFile(figs, append(b, []byte("08,nguoi-nghien-co-ho-so,2022-12-31,baseline,990,,,,tin-2024-11-19-ba-vi,990 người,\n")...), 0o644)
	dest := filepath.Join(t.TempDir(), "public")
	var warn bytes.Buffer
	if err := Site(Options{Source: src, Destination: dest, Warn: &warn}); err != nil {
		t.Fatal(err)
	}
	got := text(parsePage(t, dest, "/don-vi/08-tuyen-quang-truoc-2025/"))
	for _, w := range []string{"986 người", "990 người", "Nguồn khác cho số khác: 990 người", "Nguồn khác cho số khác: 986 người"} {
		if !strings.Contains(got, w) {
			t.Errorf("province page: %q not shown", w)
		}
	}
	// Each row keeps its own permalink: the first-published source the plain
	// one, the later source the plain one plus its id.
	page := parsePage(t, dest, "/don-vi/08-tuyen-quang-truoc-2025/")
	first, second := byID(page, "f-nguoi-nghien-co-ho-so-2022-12-31-baseline"), byID(page, "f-nguoi-nghien-co-ho-so-2022-12-31-baseline-tin-2024-11-19-ba-vi")
	if first == nil || second == nil || !strings.Contains(text(first), "986 người") || !strings.Contains(text(second), "990 người") {
		t.Errorf("the two sources' rows do not each have their own id")
	}
	if !strings.Contains(warn.String(), "has another value in another source") {
		t.Errorf("no warning for the discrepancy: %q", warn.String())
	}
}
