package build

import (
	"bytes"
	"cmp"
	"compress/gzip"
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"encoding/json"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/pcmt/pcmt/internal/derive"
	"github.com/pcmt/pcmt/internal/load"
	"github.com/pcmt/pcmt/internal/model"
)

// bundleTag is the preload of the ECharts bundle, named by Hugo with the
// SHA-256 of its content (layouts/_partials/echarts-script.html);
// static/js/charts.js runs it.
var bundleTag = regexp.MustCompile(`<link rel="preload" href="/js/vendor/echarts\.min\.([0-9a-f]{64})\.js" as="script" integrity="sha256-([A-Za-z0-9+/=]+)" data-echarts>`)

// unhashBundle replaces the bundle's hash in a page, for golden files.
func unhashBundle(page []byte) []byte {
	return bundleTag.ReplaceAll(page, []byte(`<link rel="preload" href="/js/vendor/echarts.min.HASH.js" as="script" integrity="sha256-HASH" data-echarts>`))
}

func gzipSize(t *testing.T, b []byte) int {
	t.Helper()
	var buf bytes.Buffer
	w, _ := gzip.NewWriterLevel(&buf, gzip.BestCompression)
	w.Write(b)
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Len()
}

// TestLightPages checks the weight goals on the default site: the
// ECharts bundle is one file named by its content hash, loaded by exactly
// the pages that draw a chart, under 250 KB gzipped; the stylesheet under
// 20 KB; the largest province page under 15 KB gzipped.
func TestLightPages(t *testing.T) {
	site := defaultSite(t)
	bundles := map[string]bool{}
	withChart, withBundle := 0, 0
	err := filepath.WalkDir(site, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || d.Name() != "index.html" {
			return err
		}
		b, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(site, p)
		tags := bundleTag.FindAllSubmatch(b, -1)
		chart := bytes.Contains(b, []byte(`data-chart="`))
		if chart {
			withChart++
		}
		if len(tags) > 0 {
			withBundle++
		}
		switch {
		case chart && len(tags) != 1:
			t.Errorf("%s draws a chart and loads the ECharts bundle %d times, want once", rel, len(tags))
		case !chart && len(tags) != 0:
			t.Errorf("%s draws no chart but loads the ECharts bundle", rel)
		case !chart && bytes.Contains(b, []byte("echarts")):
			t.Errorf("%s draws no chart but names echarts", rel)
		}
		for _, m := range tags {
			name := "echarts.min." + string(m[1]) + ".js"
			if bundles[name] {
				continue
			}
			bundles[name] = true
			js, err := os.ReadFile(filepath.Join(site, "js", "vendor", name))
			if err != nil {
				t.Errorf("%s loads %s: %v", rel, name, err)
				continue
			}
			sum := sha256.Sum256(js)
			if hex.EncodeToString(sum[:]) != string(m[1]) {
				t.Errorf("%s: the name does not carry the file's SHA-256 %x", name, sum)
			}
			if base64.StdEncoding.EncodeToString(sum[:]) != string(m[2]) {
				t.Errorf("%s: integrity sha256-%s, the file's is sha256-%s", name, m[2], base64.StdEncoding.EncodeToString(sum[:]))
			}
			if gz := gzipSize(t, js); gz > 250<<10 {
				t.Errorf("%s: %d bytes gzipped, goal under 250 KB", name, gz)
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if len(bundles) != 1 || withChart == 0 || withBundle != withChart {
		t.Errorf("%d bundle names, %d pages with a chart, %d loading the bundle: want one name, loaded by every page with a chart", len(bundles), withChart, withBundle)
	}
	// The unhashed name is gone: a cache would keep it forever.
	if _, err := os.Stat(filepath.Join(site, "js", "vendor", "echarts.min.js")); err == nil {
		t.Error("js/vendor/echarts.min.js is still published under its plain name")
	}
	if fi, err := os.Stat(filepath.Join(site, "css", "site.css")); err != nil || fi.Size() > 20<<10 {
		t.Errorf("css/site.css: %v, goal under 20 KB", fi)
	}
	for _, page := range []string{"don-vi/08-tuyen-quang-truoc-2025", "don-vi/08-tuyen-quang", "don-vi/01-ha-noi-truoc-2025"} {
		b, err := os.ReadFile(filepath.Join(site, page, "index.html"))
		if err != nil {
			t.Fatal(err)
		}
		if gz := gzipSize(t, b); gz > 15<<10 {
			t.Errorf("/%s/: %d bytes gzipped, goal under 15 KB", page, gz)
		}
		// The citations are in the page's download, not in its rows.
		if len(b) > 60<<10 {
			t.Errorf("/%s/: %d bytes, goal under 60 KB", page, len(b))
		}
	}
}

// downloadRow is a row of a unit page's JSON download, as far as the
// citation tests read it; Cite, UnitThen and Permalink are put together
// from the file's parts as static/js/cite.js does (citeFromParts).
type downloadRow struct {
	Anchor          string `json:"anchor"`
	Permalink       string `json:"permalink"`
	PlaceID         string `json:"place_id"`
	Indicator       string `json:"indicator"`
	PeriodLabel     string `json:"period_label"`
	PeriodEN        string `json:"period_en"`
	Kind            string `json:"kind"`
	ValueText       string `json:"value_text"`
	ValueEN         string `json:"value_en"`
	Source          string `json:"source"`
	UnitThen        string `json:"unit_then"`
	LastChanged     string `json:"last_changed"`
	LastChangedText string `json:"last_changed_text"`
	LastChangedEN   string `json:"last_changed_en"`
	Cite            struct{ VI, EN string }
	History         []struct {
		DateText string `json:"date_text"`
		Label    string `json:"label"`
		Old      string `json:"old"`
		New      string `json:"new"`
		Reason   string `json:"reason"`
	} `json:"history"`
}

// unitDoc is a unit page's JSON download: the parts rows share, given once.
type unitDoc struct {
	Page string `json:"page"`
	Unit struct {
		Code, Era, Then string
	} `json:"unit"`
	Places     map[string]string                     `json:"places"`
	Kinds      map[string]struct{ Label, En string } `json:"kinds"`
	Indicators map[string]struct {
		Name   string `json:"name"`
		NameEn string `json:"name_en"`
	} `json:"indicators"`
	Sources map[string]map[string]any `json:"sources"`
	Rows    []downloadRow             `json:"rows"`
}

// citeFromParts puts row r's citation together as static/js/cite.js does.
func citeFromParts(t *testing.T, doc *unitDoc, r *downloadRow) {
	t.Helper()
	lowerFirst := func(s string) string {
		for i, c := range s {
			return strings.ToLower(string(c)) + s[i+len(string(c)):]
		}
		return s
	}
	if r.UnitThen == "" {
		r.UnitThen = doc.Unit.Then
		if r.PlaceID != "" {
			r.UnitThen = doc.Places[r.PlaceID] + ", " + doc.Unit.Then
		}
	}
	if r.Permalink == "" {
		r.Permalink = doc.Page + "#" + r.Anchor
	}
	ind, kind := doc.Indicators[r.Indicator], doc.Kinds[r.Kind]
	cite, _ := doc.Sources[r.Source]["cite"].(map[string]any)
	if ind.Name == "" || kind.Label == "" || cite == nil {
		t.Errorf("%s#%s: a part of its citation is not in the download: %+v %+v %v", doc.Page, r.Anchor, ind, kind, cite)
		return
	}
	r.Cite.VI = r.UnitThen + ": " + ind.Name + ", " + lowerFirst(r.PeriodLabel) + " (" + lowerFirst(kind.Label) + "): " + r.ValueText + ". Nguồn: " + cite["vi"].(string) + "."
	r.Cite.EN = r.UnitThen + ": " + cmp.Or(ind.NameEn, ind.Name) + ", " + r.PeriodEN + " (" + kind.En + "): " + r.ValueEN + ". Source: " + cite["en"].(string) + "."
	if r.LastChanged != "" {
		r.Cite.VI += " Số liệu cập nhật lần cuối ngày " + r.LastChangedText + "."
		r.Cite.EN += " Figure last changed on " + r.LastChangedEN + "."
	}
}

// unitDownload is the JSON download of a unit page, rows by anchor, each
// with its citation put together from the parts.
func unitDownload(t *testing.T, site, slug string) (map[string]downloadRow, map[string]map[string]any) {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(site, "tai-ve", "don-vi", slug+".json"))
	if err != nil {
		t.Fatal(err)
	}
	var doc unitDoc
	if err := json.Unmarshal(b, &doc); err != nil {
		t.Fatalf("%s.json: %v", slug, err)
	}
	rows := map[string]downloadRow{}
	for _, r := range doc.Rows {
		citeFromParts(t, &doc, &r)
		rows[r.Anchor] = r
	}
	return rows, doc.Sources
}

// TestRowCitationsAreInTheDownload: a unit page's rows carry no citation
// or sources box (a province has hundreds of rows); the page's JSON
// download has, for every row on the page, the parts of its citation
// (the unit then, the indicator, the value the row shows, the source),
// which put together as static/js/cite.js does are derive's citation,
// its address and its source's facts; the evidence and the unit's present
// are said once on the page.
func TestRowCitationsAreInTheDownload(t *testing.T) {
	site := defaultSite(t)
	ds, err := load.Load(repo)
	if err != nil {
		t.Fatal(err)
	}
	views, err := derive.Build(ds)
	if err != nil {
		t.Fatal(err)
	}
	b, err := os.ReadFile(filepath.Join(site, "don-vi/08-tuyen-quang-truoc-2025/index.html"))
	if err != nil {
		t.Fatal(err)
	}
	page := string(b)
	evidence := "tổng số người nghiện có hồ sơ quản lý trên địa bàn tỉnh Tuyên Quang là 986 người"
	if n := strings.Count(page, evidence); n != 1 {
		t.Errorf("the evidence is on the page %d times, want once", n)
	}
	now := "hợp thành Tỉnh Tuyên Quang (mã 08)"
	if n := strings.Count(page, now); n != 1 {
		t.Errorf("what the province is part of now is on the page %d times, want once", n)
	}
	for _, gone := range []string{"<details class=\"cite-box\">", "<dt>Loại văn bản</dt>", "Trích dẫn (tiếng Việt)", "Số liệu cập nhật lần cuối"} {
		if strings.Contains(page, gone) {
			t.Errorf("the page still has %q in its rows", gone)
		}
	}
	for _, want := range []string{`<h2 id="trich-dan-h">Trích dẫn</h2>`, `href="/tai-ve/don-vi/08-tuyen-quang-truoc-2025.json"`,
		"Tỉnh Tuyên Quang, đơn vị hành chính trước 01/7/2025: chỉ tiêu, kết quả cai nghiện ma túy và quản lý sau cai nghiện, kèm văn bản nguồn. Cập nhật lần cuối ngày 25/11/2026. Phòng, chống ma túy — số liệu và kế hoạch, <span class=\"cite-url\">https://pcmt.invalid/don-vi/08-tuyen-quang-truoc-2025/</span>"} {
		if !strings.Contains(page, want) {
			t.Errorf("the page's Trích dẫn section lacks %q", want)
		}
	}
	checked := 0
	for i, p := range views.Units {
		v := views.UnitView(i)
		var rows []derive.FigureRow
		for _, g := range v.Groups {
			rows = append(rows, g.Rows.Rows()...)
		}
		for _, pl := range v.Places {
			for _, g := range pl.Groups {
				rows = append(rows, g.Rows.Rows()...)
			}
		}
		if len(rows) == 0 {
			continue
		}
		got, sources := unitDownload(t, site, strings.TrimPrefix(p.Path, "don-vi/"))
		if len(got) != len(rows) {
			t.Errorf("%s: %d rows in the download, %d on the page", p.Path, len(got), len(rows))
		}
		for _, r := range rows {
			d, ok := got[r.Anchor]
			want, wok := views.Citation(p.Path, r.Anchor)
			switch {
			case !wok:
				t.Errorf("%s#%s: derive has no citation of it", p.Path, r.Anchor)
			case !ok:
				t.Errorf("%s#%s: not in the download", p.Path, r.Anchor)
			case d.UnitThen == "" || !strings.HasPrefix(d.Cite.VI, d.UnitThen+": "+r.Indicator.Name+", ") || !strings.Contains(d.Cite.VI, "): "+r.ValueText+". Nguồn: ") ||
				!strings.HasPrefix(d.Cite.EN, d.UnitThen+": ") || !strings.Contains(d.Cite.EN, ". Source: "):
				t.Errorf("%s#%s: the download cites %q / %q for %q (%s)", p.Path, r.Anchor, d.Cite.VI, d.Cite.EN, r.ValueText, d.UnitThen)
			case d.Cite != struct{ VI, EN string }{want.VI, want.EN} || want.URL != d.Permalink:
				t.Errorf("%s#%s: the download's parts cite\n%q\n%q\nderive's citation is\n%q\n%q (%s)", p.Path, r.Anchor, d.Cite.VI, d.Cite.EN, want.VI, want.EN, want.URL)
			case d.Permalink != "/"+p.Path+"/#"+r.Anchor || d.ValueText != r.ValueText:
				t.Errorf("%s#%s: download row %+v", p.Path, r.Anchor, d)
			case sources[d.Source]["kind_label"] != map[model.SourceKind]string{model.News: "Bài báo", model.Plan: "Văn bản kế hoạch"}[ds.Sources[d.Source].Kind] ||
				sources[d.Source]["publisher"] != cmp.Or(ds.Sources[d.Source].Publisher, "Không ghi rõ") || "/nguon/"+d.Source+"/" != r.Source.URL:
				t.Errorf("%s#%s: source %s is %v, the document %+v", p.Path, r.Anchor, d.Source, sources[d.Source], ds.Sources[d.Source])
			}
			checked++
		}
	}
	if checked < 50 {
		t.Errorf("only %d rows checked", checked)
	}
}
