package build

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"errors"
	"flag"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"testing"

	"golang.org/x/net/html"

	"github.com/pcmt/pcmt/internal/derive"
	"github.com/pcmt/pcmt/internal/load"
	"github.com/pcmt/pcmt/internal/vntext"
)

var update = flag.Bool("update", false, "rewrite the golden files under testdata/golden")

// golden compares got with testdata/golden/name (rewritten with -update).
func golden(t *testing.T, name string, got []byte) {
	t.Helper()
	p := filepath.Join("testdata", "golden", name)
	if *update {
		if err := os.WriteFile(p, got, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(p)
	if err != nil {
		t.Fatalf("%v (run go test ./internal/build -run %s -update to write it)", err, t.Name())
	}
	if !bytes.Equal(got, want) {
		t.Errorf("%s differs from the golden file; got:\n%s", name, got)
	}
}

func readCSV(t *testing.T, path string) [][]string {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.HasPrefix(b, []byte("\xEF\xBB\xBF")) {
		t.Errorf("%s: no UTF-8 byte-order mark (Excel would garble Vietnamese)", path)
	}
	recs, err := csv.NewReader(bytes.NewReader(bytes.TrimPrefix(b, []byte("\xEF\xBB\xBF")))).ReadAll()
	if err != nil {
		t.Fatalf("%s: %v", path, err)
	}
	return recs
}

func column(recs [][]string, name string) int {
	for i, h := range recs[0] {
		if h == name {
			return i
		}
	}
	return -1
}

// barValues are the numbers a chart draws, from its option on the page.
func barValues(t *testing.T, page *html.Node, chartID string) []string {
	t.Helper()
	block := byID(page, chartID+"-option")
	if block == nil || block.FirstChild == nil {
		t.Fatalf("no option block for %s", chartID)
	}
	var opt struct {
		Series []struct {
			Data []json.RawMessage `json:"data"`
		} `json:"series"`
	}
	if err := json.Unmarshal([]byte(block.FirstChild.Data), &opt); err != nil {
		t.Fatalf("%s option: %v", chartID, err)
	}
	var out []string
	for _, s := range opt.Series {
		for _, raw := range s.Data {
			// A bar is a number, or an object with its value.
			var d struct {
				Value any `json:"value"`
			}
			if err := json.Unmarshal(raw, &d.Value); err == nil {
				if m, ok := d.Value.(map[string]any); ok {
					d.Value = m["value"]
				}
			}
			if v, ok := d.Value.(float64); ok {
				out = append(out, vntext.FormatPlain(v))
			}
		}
	}
	sort.Strings(out)
	return out
}

// TestChartDownloadsHoldTheNumbersOnThePage: for every chart of every unit
// page, the CSV and the JSON behind it hold exactly the numbers the chart
// draws, each of them printed in the chart's table, and the page links to
// both.
func TestChartDownloadsHoldTheNumbersOnThePage(t *testing.T) {
	site := defaultSite(t)
	ds, err := load.Load(repo)
	if err != nil {
		t.Fatal(err)
	}
	views, err := derive.Build(ds)
	if err != nil {
		t.Fatal(err)
	}
	charts, provinceCharts, pageCharts := 0, 0, 0
	for i, p := range views.Units {
		v := views.UnitView(i)
		if len(v.Charts) == 0 {
			continue
		}
		page := parsePage(t, site, "/"+p.Path+"/")
		for _, c := range v.Charts {
			charts++
			if c.Downloads == nil {
				t.Errorf("%s %s: no downloads", p.Path, c.ID)
				continue
			}
			fig := byID(page, c.ID)
			for fig != nil && fig.Data != "figure" {
				fig = fig.Parent
			}
			if fig == nil {
				t.Fatalf("%s: chart %s not on the page", p.Path, c.ID)
			}
			hrefs := strings.Join(links(fig), " ")
			for _, want := range []string{c.Downloads.CSV, c.Downloads.JSON} {
				if !strings.Contains(hrefs, want) {
					t.Errorf("%s %s: no link to %s", p.Path, c.ID, want)
				}
			}
			recs := readCSV(t, filepath.Join(site, filepath.FromSlash(c.Downloads.CSV)))
			vi, si, ci := column(recs, "value"), column(recs, "suppressed"), column(recs, "unit_code")
			if vi < 0 || si < 0 || ci < 0 || column(recs, "unit_name") != ci+2 {
				t.Fatalf("%s: header %v lacks value, suppressed or unit_code beside unit_name", c.Downloads.CSV, recs[0])
			}
			bars := barValues(t, page, c.ID)
			if c.Downloads.Page {
				// A district's or commune's chart of its own figures links
				// to the page's downloads: every bar is among their values,
				// and there is no embed page.
				held := map[string]int{}
				for _, r := range recs[1:] {
					held[r[vi]]++
				}
				for _, b := range bars {
					if held[b]--; held[b] < 0 {
						t.Errorf("%s %s: the chart draws %s, not in %s", p.Path, c.ID, b, c.Downloads.CSV)
					}
				}
				if v.Downloads == nil || c.Downloads.CSV != v.Downloads.CSV || c.Downloads.JSON != v.Downloads.JSON || c.Downloads.Embed != "" || v.Level == "province" {
					t.Errorf("%s %s: page downloads %+v, the page's %+v", p.Path, c.ID, c.Downloads, v.Downloads)
				}
				if !strings.Contains(text(fig), "Tải số liệu của trang") {
					t.Errorf("%s %s: the links do not say they are the page's figures: %s", p.Path, c.ID, text(fig))
				}
				pageCharts++
				continue
			}
			var csvVals []string
			table := text(byClass(fig, "chart-table"))
			for _, r := range recs[1:] {
				if r[vi] == "" {
					continue
				}
				csvVals = append(csvVals, r[vi])
				n, _ := strconv.ParseFloat(r[vi], 64)
				if !strings.Contains(table, vntext.FormatNumber(n)) {
					t.Errorf("%s: value %s (%s) is not in the chart's table: %s", c.Downloads.CSV, r[vi], vntext.FormatNumber(n), table)
				}
			}
			sort.Strings(csvVals)
			if strings.Join(bars, " ") != strings.Join(csvVals, " ") {
				t.Errorf("%s: the chart draws %v, the CSV holds %v", c.Downloads.CSV, bars, csvVals)
			}
			b, err := os.ReadFile(filepath.Join(site, filepath.FromSlash(c.Downloads.JSON)))
			if err != nil {
				t.Fatal(err)
			}
			var doc struct {
				Rows []struct {
					Value *float64 `json:"value"`
				} `json:"rows"`
			}
			if err := json.Unmarshal(b, &doc); err != nil {
				t.Fatalf("%s: %v", c.Downloads.JSON, err)
			}
			var jsonVals []string
			for _, r := range doc.Rows {
				if r.Value != nil {
					jsonVals = append(jsonVals, vntext.FormatPlain(*r.Value))
				}
			}
			sort.Strings(jsonVals)
			if len(doc.Rows) != len(recs)-1 || strings.Join(jsonVals, " ") != strings.Join(csvVals, " ") {
				t.Errorf("%s holds %v in %d rows, the CSV %v in %d", c.Downloads.JSON, jsonVals, len(doc.Rows), csvVals, len(recs)-1)
			}
			switch {
			case v.Level == "province" && c.Downloads.Embed == "":
				t.Errorf("%s %s: a province's chart has no embed page", p.Path, c.ID)
			case v.Level == "province":
				if _, err := os.Stat(filepath.Join(site, filepath.FromSlash(c.Downloads.Embed), "index.html")); err != nil {
					t.Errorf("embed page of %s: %v", c.ID, err)
				}
				provinceCharts++
			case c.Downloads.Embed != "":
				t.Errorf("%s %s: a %s's chart has an embed page %s", p.Path, c.ID, v.Level, c.Downloads.Embed)
			}
		}
	}
	if charts < 5 || pageCharts == 0 || provinceCharts == 0 {
		t.Errorf("only %d charts checked (%d of provinces, %d with the page's downloads)", charts, provinceCharts, pageCharts)
	}
	// No embed page for a chart that has none.
	embeds, _ := filepath.Glob(filepath.Join(site, "nhung", "*"))
	for _, e := range embeds {
		if b := filepath.Base(e); b != "index.html" && len(strings.SplitN(b, "-", 2)[0]) != 2 { // province codes have two digits
			t.Errorf("embed pages for a unit that is not a province: %s", e)
		}
	}
}

// byClass is the first element with class under n, or an empty text node.
func byClass(n *html.Node, class string) *html.Node {
	if f := findClass(n, class); f != nil {
		return f
	}
	return &html.Node{Type: html.TextNode}
}

func findClass(n *html.Node, class string) *html.Node {
	if n.Type == html.ElementNode {
		for _, a := range n.Attr {
			if a.Key == "class" && strings.Contains(" "+a.Val+" ", " "+class+" ") {
				return n
			}
		}
	}
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		if f := findClass(c, class); f != nil {
			return f
		}
	}
	return nil
}

// firstElement is the first element named tag under n, or an empty text node.
func firstElement(n *html.Node, tag string) *html.Node {
	if n.Type == html.ElementNode && n.Data == tag {
		return n
	}
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		if f := firstElement(c, tag); f.Type == html.ElementNode {
			return f
		}
	}
	return &html.Node{Type: html.TextNode}
}

// figureAnchors maps every figure permalink of the site's unit pages
// (page URL + "#" + row id) to the value the row shows.
func figureAnchors(t *testing.T, site string) map[string]string {
	t.Helper()
	out := map[string]string{}
	pages, _ := filepath.Glob(filepath.Join(site, "don-vi", "*", "index.html"))
	for _, p := range pages {
		url := "/don-vi/" + filepath.Base(filepath.Dir(p)) + "/"
		var walk func(*html.Node)
		walk = func(n *html.Node) {
			if n.Type == html.ElementNode && n.Data == "tr" {
				for _, a := range n.Attr {
					if a.Key == "id" && strings.HasPrefix(a.Val, "f-") {
						out[url+"#"+a.Val] = text(firstElement(byClass(n, "value"), "b"))
					}
				}
			}
			for c := n.FirstChild; c != nil; c = c.NextSibling {
				walk(c)
			}
		}
		walk(parsePage(t, site, url))
	}
	return out
}

func appendFile(t *testing.T, path, s string) {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, append(b, s...), 0o644); err != nil {
		t.Fatal(err)
	}
}

// TestPermalinksSurviveANewFigure adds one figure (with its ledger row) and
// rebuilds: every figure's permalink of the first build still leads to the
// same figure showing the same value, and so do the chart downloads.
func TestPermalinksSurviveANewFigure(t *testing.T) {
	before := figureAnchors(t, defaultSite(t))
	if len(before) < 50 {
		t.Fatalf("only %d figure permalinks on the unit pages", len(before))
	}
	src := copySite(t)
	// A 2024 target for Tuyên Quang, sorted before the 2023 figures' neighbours
	// on the page (same indicator as existing rows), and a new district figure.
	appendFile(t, filepath.Join(src, "data/figures/ldxh-2023-03-15-tuyen-quang.csv"),
		"08,cai-nghien-bat-buoc,2022,target,230,,,,ldxh-2023-03-15-tuyen-quang,chỉ tiêu năm 2022 là 230 người,\n")
	appendFile(t, filepath.Join(src, load.ChangesFile),
		"2026-12-01,added,08,cai-nghien-bat-buoc,2022,target,ldxh-2023-03-15-tuyen-quang,,230,\n")
	dest := filepath.Join(t.TempDir(), "public")
	if err := Site(Options{Source: src, Destination: dest}); err != nil {
		t.Fatal(err)
	}
	after := figureAnchors(t, dest)
	for link, value := range before {
		if got, ok := after[link]; !ok {
			t.Errorf("%s: gone after adding a figure", link)
		} else if got != value {
			t.Errorf("%s: showed %q, now %q", link, value, got)
		}
	}
	if got := after["/don-vi/08-tuyen-quang-truoc-2025/#f-cai-nghien-bat-buoc-2022-target"]; got != "230 người" {
		t.Errorf("the new figure shows %q", got)
	}
	if len(after) != len(before)+1 {
		t.Errorf("%d permalinks before, %d after adding one figure", len(before), len(after))
	}
	old, _ := filepath.Glob(filepath.Join(defaultSite(t), "tai-ve", "bieu-do", "*", "*.csv"))
	for _, p := range old {
		rel, _ := filepath.Rel(defaultSite(t), p)
		if _, err := os.Stat(filepath.Join(dest, rel)); err != nil {
			t.Errorf("download %s gone after adding a figure", rel)
		}
	}
}

// TestChangedValueNeedsAReason edits a published value: the build stops
// with a message naming the file, the line and the row to add, and the
// published site is untouched; with the correction recorded the page shows
// "đã sửa ngày …", the changelog the old and new values and the reason.
func TestChangedValueNeedsAReason(t *testing.T) {
	src := copySite(t)
	dest := filepath.Join(t.TempDir(), "public")
	if err := Site(Options{Source: src, Destination: dest}); err != nil {
		t.Fatal(err)
	}
	published := treeHash(t, dest)
	figs := filepath.Join(src, "data/figures/ldxh-2023-03-15-tuyen-quang.csv")
	b, _ := os.ReadFile(figs)
	line := 0
	for i, l := range strings.Split(string(b), "\n") {
		if strings.HasPrefix(l, "076,nguoi-nghien-co-ho-so,2022-12-31,baseline,268,") {
			line = i + 1
		}
	}
	if line == 0 {
		t.Fatal("Sơn Dương's 268 is not in the figures file")
	}
	os.WriteFile(figs, bytes.Replace(b, []byte("076,nguoi-nghien-co-ho-so,2022-12-31,baseline,268,"), []byte("076,nguoi-nghien-co-ho-so,2022-12-31,baseline,286,"), 1), 0o644)
	err := Site(Options{Source: src, Destination: dest})
	var ps load.Problems
	want := "data/figures/ldxh-2023-03-15-tuyen-quang.csv:" + strconv.Itoa(line) + ": value: the value changed from 268 to 286 with no recorded reason: " +
		"data/changes.csv line "
	if !errors.As(err, &ps) || !strings.Contains(err.Error(), want) ||
		!strings.Contains(err.Error(), "add at the end of the ledger: YYYY-MM-DD,corrected,076,nguoi-nghien-co-ho-so,2022-12-31,baseline,ldxh-2023-03-15-tuyen-quang,268,286,<lý do>") {
		t.Fatalf("error = %v\nwant a problem starting %q", err, want)
	}
	if d := diffTrees(published, treeHash(t, dest)); len(d) > 0 {
		t.Errorf("the refused build changed the published site: %v", d)
	}

	appendFile(t, filepath.Join(src, load.ChangesFile),
		"2026-12-01,corrected,076,nguoi-nghien-co-ho-so,2022-12-31,baseline,ldxh-2023-03-15-tuyen-quang,268,286,Nhập nhầm: bài báo ghi 286 người\n")
	if err := Site(Options{Source: src, Destination: dest}); err != nil {
		t.Fatalf("with the correction recorded: %v", err)
	}
	unit := parsePage(t, dest, "/don-vi/076-son-duong-truoc-2025/")
	row := text(byID(unit, "f-nguoi-nghien-co-ho-so-2022-12-31-baseline"))
	for _, w := range []string{"286 người", "đã sửa ngày 01/12/2026"} {
		if !strings.Contains(row, w) {
			t.Errorf("Sơn Dương's row lacks %q: %s", w, row)
		}
	}
	// Its citation and history are in the page's download.
	dl, _ := unitDownload(t, dest, "076-son-duong-truoc-2025")
	r := dl["f-nguoi-nghien-co-ho-so-2022-12-31-baseline"]
	var hist []string
	for _, h := range r.History {
		hist = append(hist, h.DateText+": "+h.Label+" "+h.Old+" → "+h.New+". Lý do: "+h.Reason)
	}
	for _, w := range []string{"286 người", "Số liệu cập nhật lần cuối ngày 01/12/2026", "Figure last changed on 1 December 2026",
		"01/12/2026: Sửa 268 người → 286 người. Lý do: Nhập nhầm: bài báo ghi 286 người"} {
		if got := r.Cite.VI + " " + r.Cite.EN + " " + strings.Join(hist, " "); !strings.Contains(got, w) {
			t.Errorf("Sơn Dương's figure in the download lacks %q: %s", w, got)
		}
	}
	if got := text(byClass(unit, "last-updated")); !strings.Contains(got, "Cập nhật lần cuối: 01/12/2026") {
		t.Errorf("unit page footer: %q", got)
	}
	if got := text(byClass(parsePage(t, dest, "/don-vi/071-lam-binh-truoc-2025/"), "last-updated")); !strings.Contains(got, "Cập nhật lần cuối: 25/11/2026") {
		t.Errorf("a page whose figures did not change: %q", got)
	}
	log := text(parsePage(t, dest, "/cap-nhat/"))
	for _, w := range []string{"Ngày cập nhật Nội dung", "01/12/2026 Sửa số liệu: Huyện Sơn Dương (Tỉnh Tuyên Quang) — Người nghiện có hồ sơ quản lý, tính đến 31/12/2022 (số liệu nền): 268 người → 286 người.",
		"Lý do: Nhập nhầm: bài báo ghi 286 người", "25/11/2026 Thêm số liệu: Thêm 25 số liệu lấy từ “Tuyên Quang hỗ trợ người sau cai nghiện ma túy tái hòa nhập cộng đồng”"} {
		if !strings.Contains(log, w) {
			t.Errorf("changelog lacks %q", w)
		}
	}
	if i, j := strings.Index(log, "01/12/2026"), strings.Index(log, "25/11/2026"); i < 0 || j < 0 || i > j {
		t.Errorf("changelog is not newest first")
	}
}

var spaces = regexp.MustCompile(`\s+`)

// TestGoldenCitationAndDownload: the citation of one figure as a reader
// gets it (the page's download, then the site's name and the figure's
// address, as static/js/cite.js writes it), and one chart's CSV, byte for
// byte.
func TestGoldenCitationAndDownload(t *testing.T) {
	site := defaultSite(t)
	dl, _ := unitDownload(t, site, "076-son-duong-truoc-2025")
	r, ok := dl["f-nguoi-nghien-co-ho-so-2022-12-31-baseline"]
	if !ok {
		t.Fatal("no row f-nguoi-nghien-co-ho-so-2022-12-31-baseline in Sơn Dương's download")
	}
	var cite bytes.Buffer
	for _, c := range []string{r.Cite.VI, r.Cite.EN} {
		cite.WriteString(spaces.ReplaceAllString(c+" Phòng, chống ma túy — số liệu và kế hoạch, https://pcmt.invalid"+r.Permalink, " ") + "\n")
	}
	golden(t, "citation-son-duong-2022-12-31.txt", cite.Bytes())
	b, err := os.ReadFile(filepath.Join(site, "tai-ve/bieu-do/08-tuyen-quang-truoc-2025/phan-bo-nguoi-nghien-co-ho-so-2022-12-31-baseline.csv"))
	if err != nil {
		t.Fatal(err)
	}
	golden(t, "tuyen-quang-phan-bo-2022-12-31.csv", b)
}
