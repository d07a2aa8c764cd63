package build

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestQuickCommunePages: the preview's fast path copies an edited commune
// page straight into the staging site, and only that: anything else, or an
// edit pcmt check refuses, leaves the staging site as it was.
func TestQuickCommunePages(t *testing.T) {
	src := inputCopy(t)
	page := "content/xa/07840/ra-quan-2025.md"
	write := func(rel, text string) {
		t.Helper()
		if err := os.MkdirAll(filepath.Dir(filepath.Join(src, rel)), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(src, rel), []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	front := "+++\ntitle = \"Ra quân tháng hành động\"\ncommune = \"07840\"\nkind = \"tin-chien-dich\"\ndate = \"2025-07-15\"\noffice = \"UBND Xã Hiệp Hoà\"\n+++\n"
	write(page, front+"Lần đầu.\n")
	dir, err := Stage(src)
	if err != nil {
		t.Fatal(err)
	}
	defer os.RemoveAll(dir)
	staged := func(rel string) string {
		b, _ := os.ReadFile(filepath.Join(dir, rel))
		return string(b)
	}

	write(page, front+"Đã sửa.\n")
	if quick, err := QuickCommunePages(src, dir, []string{page}); !quick || err != nil {
		t.Fatalf("an edited commune page: quick=%v, %v; want the fast path", quick, err)
	}
	if !strings.Contains(staged(page), "Đã sửa.") {
		t.Errorf("the staging site has the old page:\n%s", staged(page))
	}

	for _, c := range []struct {
		what string
		rels []string
	}{
		{"a data file", []string{"data/figures/ldxh-2023-03-15-tuyen-quang.csv"}},
		{"a commune page with a data file", []string{page, "data/figures/ldxh-2023-03-15-tuyen-quang.csv"}},
		{"a new commune page", []string{"content/xa/07840/moi.md"}},
		{"a deleted page", []string{"content/xa/07840/da-xoa.md"}},
		{"a path out of the tree", []string{"content/xa/../../config.toml"}},
		{"nothing", nil},
	} {
		if c.what == "a new commune page" {
			write(c.rels[0], front+"Mới.\n")
		}
		if quick, err := QuickCommunePages(src, dir, c.rels); quick || err != nil {
			t.Errorf("%s: quick=%v, %v; want the full restage", c.what, quick, err)
		}
	}
	if _, err := os.Stat(filepath.Join(dir, "content/xa/07840/moi.md")); err == nil {
		t.Error("a new page reached the staging site by the fast path")
	}

	// A figure the staged data files do not hold (they hold only those the
	// pages name): the full restage writes it first, or the shortcode
	// would render an error.
	for _, c := range []struct {
		what, text string
		quick      bool
	}{
		{"a figure another page names already", `{{< so-lieu unit="07840" indicator="cai-nghien-bat-buoc" period="2024" kind="target" >}}`, true},
		{"a figure no page named", `{{< so-lieu unit="08" indicator="tiep-can-dich-vu" period="2023" kind="target" >}}`, false},
		{"a chart no page named", `{{< bieu-do unit="08" indicator="nguoi-nghien-co-ho-so" >}}`, false},
	} {
		write(page, front+"Đã sửa. "+c.text+"\n")
		if quick, err := QuickCommunePages(src, dir, []string{page}); quick != c.quick || err != nil {
			t.Errorf("%s: quick=%v, %v; want %v", c.what, quick, err, c.quick)
		}
		if got := strings.Contains(staged(page), c.text); got != c.quick {
			t.Errorf("%s: in the staging site %v, want %v", c.what, got, c.quick)
		}
	}
	// After the restage, the page's figure and chart are staged: fast again.
	if err := Restage(src, dir); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(staged("data/pcmt/figure_charts.json"), `"08|nguoi-nghien-co-ho-so"`) {
		t.Error("the restage did not write the chart the page names")
	}
	write(page, front+"Đã sửa. {{< bieu-do unit=\"08\" indicator=\"nguoi-nghien-co-ho-so\" >}} nữa.\n")
	if quick, err := QuickCommunePages(src, dir, []string{page}); !quick || err != nil {
		t.Errorf("a chart staged by the last restage: quick=%v, %v; want the fast path", quick, err)
	}
	write(page, front+"Đã sửa.\n")

	// A CCCD number (12 digits) is personal data: check refuses the page,
	// and the preview keeps the last good version.
	write(page, front+"Ông A, CCCD 001234567890, đã ký cam kết.\n")
	quick, err := QuickCommunePages(src, dir, []string{page})
	if !quick || err == nil || !strings.Contains(err.Error(), page) {
		t.Errorf("a page with personal data: quick=%v, err=%v; want the fast path to refuse it, naming the file", quick, err)
	}
	if !strings.Contains(staged(page), "Đã sửa.") || strings.Contains(staged(page), "001234567890") {
		t.Errorf("the refused page reached the staging site:\n%s", staged(page))
	}
}
