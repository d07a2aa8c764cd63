package derive

import (
	"cmp"
	"slices"
	"sort"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/pcmt/pcmt/internal/model"
	"github.com/pcmt/pcmt/internal/period"
	"github.com/pcmt/pcmt/internal/vntext"
)

// Publication is what the site offers for reuse beyond its pages: the whole
// dataset as tables (written as a Frictionless Data Package by
// internal/datapackage), its schema.org description, and a preview image
// for each unit and indicator page (drawn by internal/ogimage). URLs here
// are site-relative ("/du-lieu/so-lieu/methadone-moi.csv"); internal/sitegen resolves
// them against the canonical base URL of config.toml.
type Publication struct {
	Name        string // Data Package name: lower-case, [a-z0-9._-]
	Title       string
	Description string
	Licence     Licence
	Creator     string // who compiled the dataset (the site)
	// Modified is the newest date in the data (a source's date or a
	// recorded change), never the build's clock, so that two builds of the
	// same data are the same.
	Modified time.Time
	Coverage Coverage
	// Figures is the figures table's schema (no rows): the table is
	// published as FigureTables, one file per indicator, each a resource of
	// the package with this schema, so that no figure is written twice
	// (nationally the whole table is ~800 MB).
	Figures DataTable
	// FigureTables are the figures of one indicator each, in indicator
	// order ("so-lieu/<id>"); an indicator without figures has none.
	FigureTables []DataTable
	// Tables are the package's other tables: units, places, indicators,
	// sources and the ledger.
	Tables []DataTable
	// IndicatorTables are FigureTables by indicator id, for the download
	// on the indicator page.
	IndicatorTables map[string]DataTable
	Dataset         DatasetLD            // the whole package
	Indicators      map[string]DatasetLD // by indicator id, for its page
	Previews        []Preview
	// Shared is the share tags of pages without a unit or indicator view
	// (front page, dataset, sources, maps), by site-relative URL.
	Shared map[string]*Social
	// Feed is the changes to the figures, a day an entry, newest first
	// (feed.go); nil without a ledger.
	Feed []FeedEntry

	indOrder map[string]int
}

// Licence is the licence of the compiled data.
type Licence struct {
	ID    string // SPDX id, as the Data Package spec asks: CC-BY-4.0
	Title string
	URL   string
	// Note is what the licence does not cover: the news snippets.
	Note string
}

// Coverage is the time and place a set of figures covers.
type Coverage struct {
	Start, End time.Time // first and last day of the periods
	Places     []string  // provinces (as named then), Vietnamese order
}

// Temporal is the coverage as an ISO 8601 interval, "2020-12-31/2024-09-30".
func (c Coverage) Temporal() string {
	if c.Start.IsZero() {
		return ""
	}
	return c.Start.Format(time.DateOnly) + "/" + c.End.Format(time.DateOnly)
}

// DataTable is one table of the dataset: its schema and its rows. Cells are
// written as the CSV holds them: ISO numbers and dates, "" for missing.
type DataTable struct {
	Name        string // resource name and file name without .csv
	Title       string
	Description string
	Fields      []DataField
	PrimaryKey  []string
	ForeignKeys []ForeignKey
	Rows        [][]string
	// Make, when set, makes the rows when the table is written, one at a
	// time, giving each to row (its cells are reused for the next row),
	// and Count says how many there are: the figures tables are two
	// million rows nationally, which held in memory from derive to sitegen
	// were over 1 GB (bench/README.md), and a []string a row was 900 MB of
	// garbage.
	Make  func(row func(cells []string) error) error
	Count int
}

// AllRows returns the table's rows (made now, for a table with Make).
func (t DataTable) AllRows() [][]string {
	if t.Make == nil {
		return t.Rows
	}
	rows := make([][]string, 0, t.Count)
	t.Make(func(cells []string) error {
		rows = append(rows, slices.Clone(cells))
		return nil
	})
	return rows
}

// EachRow gives each row of the table to row, in order, and stops at the
// first error row returns; cells are only valid during the call.
func (t DataTable) EachRow(row func(cells []string) error) error {
	if t.Make != nil {
		return t.Make(row)
	}
	for _, r := range t.Rows {
		if err := row(r); err != nil {
			return err
		}
	}
	return nil
}

// Len is the number of rows.
func (t DataTable) Len() int {
	if t.Make != nil {
		return t.Count
	}
	return len(t.Rows)
}

// DataField is one column of a table, as Table Schema describes it.
type DataField struct {
	Name        string
	Title       string // Vietnamese
	Description string
	Type        string // string | number | integer | boolean | date
	Format      string // "uri" for links
	Required    bool
	Enum        []string
	Pattern     string
	// SiteURL marks a column of site-relative links, written as absolute
	// URLs on the canonical base URL.
	SiteURL bool
}

// ForeignKey says that Fields of a table name rows of another table.
type ForeignKey struct {
	Fields      []string
	Table       string // resource name; "" for the same table
	TableFields []string
}

// DatasetLD is a schema.org Dataset, for a JSON-LD block.
type DatasetLD struct {
	Name             string
	Description      string
	URL              string // the page that shows it
	Keywords         []string
	Variables        []VariableLD
	Coverage         Coverage
	Modified         time.Time
	Downloads        []DownloadLD
	PartOf           string // URL of the page of the whole dataset, for an indicator
	SpatialCountries bool   // the coverage names provinces of Việt Nam
}

// VariableLD is an indicator as a schema.org PropertyValue.
type VariableLD struct {
	ID, Name, NameEn, Unit, Definition, URL string
}

// DownloadLD is a file of the dataset (schema.org DataDownload).
type DownloadLD struct {
	Name, URL, Format string // Format is the media type
}

// Social is what a page says about itself when shared (Open Graph and
// Twitter card tags), with its preview image.
type Social struct {
	Title       string `json:"title"`
	Description string `json:"description"`
	Image       string `json:"image"`     // site-relative path of the PNG
	ImageAlt    string `json:"image_alt"` // what the image shows, as text
	Width       int    `json:"width"`
	Height      int    `json:"height"`
}

// Preview is the content of one preview image: the headline figure of a
// page, its unit and period.
type Preview struct {
	Image  string // site-relative path of the PNG to draw
	Kicker string // what the page is: "Tỉnh Tuyên Quang (trước 01/7/2025)", "Chỉ số"
	Figure string // the headline figure as printed: "986 người"; "" when the page has none
	Label  string // the indicator of the figure, or the page title when there is no figure
	Where  string // unit and period: "Huyện Sơn Dương · Tính đến 31/12/2022"
	Source string // "Nguồn: Báo điện tử Lao động và Xã hội (LĐXH), 15/03/2023"
}

// Preview images are the size Open Graph and Twitter cards show best.
const (
	PreviewWidth  = 1200
	PreviewHeight = 630
)

// DataDir is where the downloads live on the site.
const DataDir = "/du-lieu/"

// The licence of the compilation. Facts and figures are not anyone's
// work; our notes, summaries, tables and schema are, and CC BY 4.0 lets
// anyone reuse them with credit. The verbatim snippets from news articles
// are quoted as evidence (trích dẫn) and stay the publishers' copyright.
var dataLicence = Licence{
	ID:    "CC-BY-4.0",
	Title: "Creative Commons Ghi công 4.0 Quốc tế (CC BY 4.0)",
	URL:   "https://creativecommons.org/licenses/by/4.0/",
	Note: "Giấy phép áp dụng cho phần tổng hợp: số liệu đã chuẩn hóa, ghi chú, tóm tắt, bảng và lược đồ. " +
		"Đoạn trích nguyên văn từ bài báo (cột evidence) là trích dẫn làm bằng chứng, thuộc bản quyền của cơ quan báo chí; " +
		"danh mục đơn vị hành chính theo giấy phép MIT của nguồn (xem data/ATTRIBUTION.md).",
}

// publication derives the dataset's tables and descriptions from the same
// rows the pages show (previews adds the share tags once the pages are
// made). It only reads the deriver.
func (d *deriver) publication(units []*model.Unit, inds []*model.Indicator, srcs []*model.Source) *Publication {
	p := &Publication{
		Name:  "pcmt-so-lieu-cai-nghien-ma-tuy",
		Title: "Số liệu cai nghiện ma túy và quản lý sau cai nghiện của các địa phương Việt Nam",
		Description: "Chỉ tiêu, kết quả và số liệu nền về cai nghiện ma túy, điều trị Methadone và quản lý sau cai nghiện " +
			"của tỉnh, huyện, xã, lấy từ văn bản kế hoạch và báo chí; mỗi số liệu kèm văn bản nguồn và đoạn trích làm bằng chứng. " +
			"Chỉ có số liệu tổng hợp của đơn vị, không có thông tin về cá nhân.",
		Licence:         dataLicence,
		Creator:         "Phòng, chống ma túy — số liệu và kế hoạch (pcmt)",
		IndicatorTables: map[string]DataTable{},
		Indicators:      map[string]DatasetLD{},
		indOrder:        d.indOrder,
	}
	figs := d.publishedFigures()
	// Each indicator's figures, in the order of figs: its table and its
	// description. Figures come in runs of one indicator.
	mineOf := map[string][]*model.Figure{}
	for start := 0; start < len(figs); {
		end := start + 1
		for end < len(figs) && figs[end].Indicator == figs[start].Indicator {
			end++
		}
		mineOf[figs[start].Indicator] = append(mineOf[figs[start].Indicator], figs[start:end]...)
		start = end
	}
	// The parts below only read the figures: each is made on its own.
	var wg sync.WaitGroup
	coverages, modified := make([]Coverage, len(inds)), make([]time.Time, len(inds))
	wg.Go(func() {
		d.coverages(figs, inds, coverages, modified)
		if d.ds.Changes != nil {
			parallel(len(inds), func(i int) {
				if mine := mineOf[inds[i].ID]; len(mine) > 0 {
					modified[i] = d.modified(mine, false)
				}
			})
		}
		// The dataset's are its indicators' put together: each figure is
		// read once.
		p.Coverage, p.Modified = joinCoverage(coverages), d.modified(nil, true)
		if d.ds.Changes == nil {
			for _, t := range modified {
				if t.After(p.Modified) {
					p.Modified = t
				}
			}
		}
	})
	wg.Go(func() {
		p.Tables = []DataTable{d.unitTable(units), d.placeTable(), d.indicatorTable(inds), d.sourceTable(srcs)}
		if d.ds.Changes != nil {
			p.Tables = append(p.Tables, d.changeTable())
		}
	})
	wg.Go(func() { p.Feed = d.feed() })
	p.Figures = figureSchema()
	p.FigureTables = d.figureTables(p.Figures, mineOf, inds)
	for _, t := range p.FigureTables {
		p.IndicatorTables[strings.TrimPrefix(t.Name, FiguresDir)] = t
	}
	wg.Wait()

	p.Dataset = DatasetLD{Name: p.Title, Description: p.Description, URL: DataDir, Coverage: p.Coverage, Modified: p.Modified,
		Keywords: []string{"cai nghiện ma túy", "quản lý sau cai nghiện", "Methadone", "phòng, chống ma túy", "Việt Nam"}, SpatialCountries: true}
	for _, in := range inds {
		p.Dataset.Variables = append(p.Dataset.Variables, variable(in))
	}
	p.Dataset.Downloads = append(p.Dataset.Downloads, DownloadLD{Name: "Gói dữ liệu (ZIP: datapackage.json và các bảng CSV)", URL: DataDir + ZipFile, Format: "application/zip"},
		DownloadLD{Name: "Mô tả gói dữ liệu (Frictionless Data Package)", URL: DataDir + "datapackage.json", Format: "application/json"})
	for _, t := range append(append([]DataTable(nil), p.FigureTables...), p.Tables...) {
		p.Dataset.Downloads = append(p.Dataset.Downloads, DownloadLD{Name: t.Title + " (CSV)", URL: DataDir + t.Name + ".csv", Format: "text/csv"})
	}

	for i, in := range inds {
		t, ok := p.IndicatorTables[in.ID]
		if !ok {
			continue // no figures, nothing to download or describe
		}
		ld := DatasetLD{Name: in.Name, Description: in.Definition, URL: "/chi-so/" + in.ID + "/", Coverage: coverages[i],
			Modified: modified[i], Variables: []VariableLD{variable(in)}, PartOf: DataDir,
			Keywords: []string{in.Name, "cai nghiện ma túy", "Việt Nam"}, SpatialCountries: true}
		if ld.Modified.IsZero() {
			ld.Modified = p.Modified
		}
		ld.Downloads = []DownloadLD{{Name: t.Title + " (CSV)", URL: DataDir + t.Name + ".csv", Format: "text/csv"},
			{Name: "Gói dữ liệu đầy đủ (ZIP)", URL: DataDir + ZipFile, Format: "application/zip"}}
		p.Indicators[in.ID] = ld
	}
	return p
}

// ZipFile is the name of the whole package as one download.
const ZipFile = "pcmt-du-lieu.zip"

func variable(in *model.Indicator) VariableLD {
	unit := in.Counted
	if in.Measure != model.Count {
		unit = "%"
	}
	return VariableLD{ID: in.ID, Name: in.Name, NameEn: in.NameEn, Unit: unit, Definition: in.Definition, URL: "/chi-so/" + in.ID + "/"}
}

// publishedFigures is every figure in the order of the figures table:
// unit (era, code, place), then as on a page (indicator, period, kind,
// source). The order comes from what the figures are, never from the
// order of rows in the input files.
func (d *deriver) publishedFigures() []*model.Figure {
	// Unit, place, then lessFigure, equal figures in loaded order: each
	// unit's own figures (byUnit, in page order), then those of each of
	// its places by id (byPlace, in page order) — no figure looked up.
	keys := make([]model.UnitKey, 0, len(d.byUnit))
	for k := range d.byUnit {
		keys = append(keys, k)
	}
	placesOf := map[model.UnitKey][]string{}
	for id, list := range d.byPlace {
		seen := map[model.UnitKey]bool{}
		for _, f := range list {
			if seen[f.Unit] {
				continue
			}
			seen[f.Unit] = true
			if _, ok := d.byUnit[f.Unit]; !ok && len(placesOf[f.Unit]) == 0 {
				keys = append(keys, f.Unit) // a unit with figures of its places only
			}
			placesOf[f.Unit] = append(placesOf[f.Unit], id)
		}
	}
	slices.SortFunc(keys, func(a, b model.UnitKey) int {
		if c := cmp.Compare(a.Era, b.Era); c != 0 {
			return c
		}
		return strings.Compare(a.Code, b.Code)
	})
	out := make([]*model.Figure, 0, len(d.ds.Figures))
	for _, k := range keys {
		out = append(out, d.byUnit[k]...)
		ids := placesOf[k]
		slices.Sort(ids)
		for _, id := range ids {
			for _, f := range d.byPlace[id] {
				if f.Unit == k {
					out = append(out, f)
				}
			}
		}
	}
	return out
}

// modified is the newest date the data gives for figs: the last change
// the ledger (data/changes.csv) records for any of them, or without a
// ledger their sources' dates. all says figs is the whole dataset, whose
// withdrawn figures count too.
func (d *deriver) modified(figs []*model.Figure, all bool) time.Time {
	var t time.Time
	if d.ds.Changes != nil {
		// Each changed figure's last change, looked up per figure: the
		// ledger is short, the figures many.
		last := make(map[model.FigureID]time.Time, len(d.ds.Changes))
		for _, c := range d.ds.Changes {
			if all {
				if c.Date.After(t) {
					t = c.Date
				}
			} else if c.Date.After(last[c.Figure]) {
				last[c.Figure] = c.Date
			}
		}
		if all || len(last) == 0 {
			return t
		}
		for _, f := range figs {
			if c, ok := last[f.ID()]; ok && c.After(t) {
				t = c
			}
		}
		return t
	}
	for i, f := range figs {
		if i > 0 && f.Source == figs[i-1].Source {
			continue // figures come in runs of one source
		}
		if s := d.ds.Sources[f.Source]; s != nil && s.Date.After(t) {
			t = s.Date
		}
	}
	return t
}

// coverages sets the coverage of each indicator's figures among figs
// (coverage), and without a ledger their modified date (modified), in one
// pass over figs in their order: figures come by unit, in runs of one
// indicator. A pass over each indicator's figures read every 38th figure
// of two million nationally, each a cache miss.
func (d *deriver) coverages(figs []*model.Figure, inds []*model.Indicator, cs []Coverage, mod []time.Time) {
	at := make(map[string]int, len(inds))
	for i, in := range inds {
		at[in.ID] = i
	}
	// What coverage and modified keep while going through one indicator's figures.
	type state struct {
		started bool
		period  period.Period
		unit    model.UnitKey
		source  string
		seen    map[string]bool
	}
	st := make([]state, len(inds))
	top := map[model.UnitKey]*model.Unit{} // each unit's province, looked up once
	for start := 0; start < len(figs); {
		end := start + 1
		for end < len(figs) && figs[end].Indicator == figs[start].Indicator {
			end++
		}
		i, ok := at[figs[start].Indicator]
		if !ok {
			start = end
			continue
		}
		s, c := &st[i], &cs[i]
		for _, f := range figs[start:end] {
			if !s.started || f.Period != s.period {
				s.period = f.Period
				if start := f.Period.Start(); c.Start.IsZero() || start.Before(c.Start) {
					c.Start = start
				}
				if end := f.Period.End(); end.After(c.End) {
					c.End = end
				}
			}
			if d.ds.Changes == nil && (!s.started || f.Source != s.source) {
				s.source = f.Source
				if src := d.ds.Sources[f.Source]; src != nil && src.Date.After(mod[i]) {
					mod[i] = src.Date
				}
			}
			s.started = true
			if len(c.Places) > 0 && f.Unit == s.unit {
				continue // the same province as the figure before
			}
			s.unit = f.Unit
			u, ok := top[f.Unit]
			if !ok {
				u = d.ds.Units[f.Unit]
				for _, a := range d.ds.Ancestors(u) {
					u = a
					break
				}
				top[f.Unit] = u
			}
			if s.seen == nil {
				s.seen = map[string]bool{}
			}
			if !s.seen[u.FullName] { // one name, even where a province kept it across the reform
				s.seen[u.FullName] = true
				c.Places = append(c.Places, u.FullName)
			}
		}
		start = end
	}
	for i := range cs {
		vntext.Sort(cs[i].Places)
	}
}

// joinCoverage is the coverage of the figures of cs together.
func joinCoverage(cs []Coverage) Coverage {
	var c Coverage
	seen := map[string]bool{}
	for _, x := range cs {
		if x.Start.IsZero() {
			continue // no figures
		}
		if c.Start.IsZero() || x.Start.Before(c.Start) {
			c.Start = x.Start
		}
		if x.End.After(c.End) {
			c.End = x.End
		}
		for _, p := range x.Places {
			if !seen[p] {
				seen[p] = true
				c.Places = append(c.Places, p)
			}
		}
	}
	vntext.Sort(c.Places)
	return c
}

// Column names are English snake_case, the custom of data files; titles and
// descriptions are Vietnamese.
var (
	eraEnum       = []string{string(model.Era2022), string(model.Era2025)}
	kindEnum      = []string{string(model.Target), string(model.Result), string(model.Baseline)}
	qualifierEnum = []string{string(model.GT), string(model.GE), string(model.Approx), string(model.LT), string(model.LE)}
	measureEnum   = []string{string(model.Count), string(model.Percent), string(model.Fraction)}
	levelEnum     = []string{string(model.Province), string(model.District), string(model.Commune)}
	idPattern     = `[a-z0-9-]+`
	periodPattern = `[0-9]{4}(-[0-9]{2}(-[0-9]{2}|/[0-9]{4}-[0-9]{2})?)?`
)

// suppressedText is what the figures table holds in value_text for a
// withheld figure whose row gives no text of its own.
const suppressedText = "không công bố (số quá nhỏ)"

// FiguresDir is the folder of the figures table's files, one per
// indicator: /du-lieu/so-lieu/<indicator id>.csv.
const FiguresDir = "so-lieu/"

// figureSchema is the figures table without rows: the columns, keys and
// description every file of it shares.
func figureSchema() DataTable {
	return DataTable{
		Name:  "so-lieu",
		Title: "Số liệu",
		Description: "Mỗi dòng là một số liệu của một đơn vị (hoặc địa điểm), một chỉ số, một kỳ và một loại (chỉ tiêu, kết quả, số liệu nền), " +
			"từ một văn bản nguồn. Bảng chia thành các tệp so-lieu/<mã chỉ số>.csv, mỗi tệp các số liệu của một chỉ số, cùng các cột. Ô trống ở value là văn bản không cho số (không phải số 0). Số liệu bị ẩn để bảo vệ cá nhân có suppressed = true và không có giá trị.",
		Fields: []DataField{
			{Name: "id", Title: "Mã số liệu", Type: "string", Required: true, Pattern: `[a-z0-9@._-]+`,
				Description: "Mã ổn định của số liệu, ghép từ kỳ hiệu lực của danh mục, đơn vị, chỉ số, kỳ, loại và nguồn; không đổi khi có thêm số liệu."},
			{Name: "unit_code", Title: "Mã đơn vị", Type: "string", Required: true, Pattern: `[0-9]+`,
				Description: "Mã đơn vị hành chính (Tổng cục Thống kê) theo danh mục của kỳ unit_era. Với địa điểm không phải đơn vị hành chính: mã đơn vị chứa nó."},
			{Name: "unit_era", Title: "Danh mục đơn vị", Type: "string", Required: true, Enum: eraEnum,
				Description: "2022: danh mục đến 30/6/2025; 2025: danh mục từ 01/7/2025 (sau sắp xếp đơn vị hành chính)."},
			{Name: "unit_name", Title: "Tên đơn vị", Type: "string", Required: true, Description: "Tên đầy đủ của đơn vị tại thời điểm công bố số liệu."},
			{Name: "place_id", Title: "Mã địa điểm", Type: "string", Pattern: idPattern,
				Description: "Khi số liệu là của một địa điểm không phải đơn vị hành chính (ví dụ Trại tạm): mã trong bảng dia-diem."},
			{Name: "place_name", Title: "Tên địa điểm", Type: "string"},
			{Name: "indicator_id", Title: "Mã chỉ số", Type: "string", Required: true, Pattern: idPattern},
			{Name: "indicator_name", Title: "Tên chỉ số", Type: "string", Required: true},
			{Name: "period", Title: "Kỳ", Type: "string", Required: true, Pattern: periodPattern,
				Description: "Dạng ISO: 2023 (năm), 2024-01/2024-09 (các tháng), 2024-06 (một tháng), 2022-12-31 (tính đến ngày)."},
			{Name: "period_start", Title: "Ngày đầu kỳ", Type: "date", Required: true},
			{Name: "period_end", Title: "Ngày cuối kỳ", Type: "date", Required: true},
			{Name: "period_label", Title: "Kỳ (như trên trang)", Type: "string", Required: true},
			{Name: "kind", Title: "Loại", Type: "string", Required: true, Enum: kindEnum,
				Description: "target: chỉ tiêu; result: kết quả; baseline: số liệu nền tính đến một ngày."},
			{Name: "value", Title: "Giá trị", Type: "number",
				Description: "Số, đơn vị tính ở cột counted (với phân số: tỷ lệ phần trăm numerator/denominator). Trống: văn bản không cho số, hoặc số bị ẩn."},
			{Name: "qualifier", Title: "Dấu so sánh", Type: "string", Enum: qualifierEnum,
				Description: "gt: trên; ge: ít nhất; approx: khoảng; lt: dưới; le: tối đa; trống: đúng bằng."},
			{Name: "numerator", Title: "Tử số", Type: "number", Description: "Với phân số như 31/31 xã."},
			{Name: "denominator", Title: "Mẫu số", Type: "number"},
			{Name: "counted", Title: "Đơn vị tính", Type: "string", Required: true, Description: "người, lượt, xã... hoặc % cho tỷ lệ."},
			{Name: "value_text", Title: "Giá trị (như trên trang)", Type: "string", Required: true},
			{Name: "suppressed", Title: "Bị ẩn", Type: "boolean", Required: true,
				Description: "true: số đếm quá nhỏ, có thể lộ danh tính, nên không công bố giá trị."},
			{Name: "source_id", Title: "Mã nguồn", Type: "string", Required: true, Pattern: idPattern},
			{Name: "evidence", Title: "Trích dẫn", Type: "string",
				Description: "Đoạn trích nguyên văn ngắn từ văn bản nguồn làm bằng chứng; đoạn trích từ bài báo thuộc bản quyền của cơ quan báo chí."},
			{Name: "note", Title: "Ghi chú", Type: "string"},
			{Name: "url", Title: "Liên kết", Type: "string", Format: "uri", Required: true, SiteURL: true,
				Description: "Địa chỉ cố định của số liệu trên trang của đơn vị."},
		},
		PrimaryKey: []string{"id"},
		ForeignKeys: []ForeignKey{
			{Fields: []string{"unit_code", "unit_era"}, Table: "don-vi", TableFields: []string{"code", "era"}},
			{Fields: []string{"place_id"}, Table: "dia-diem", TableFields: []string{"id"}},
			{Fields: []string{"indicator_id"}, Table: "chi-so", TableFields: []string{"id"}},
			{Fields: []string{"source_id"}, Table: "nguon", TableFields: []string{"id"}},
		},
	}
}

// figureTables makes one table per indicator of the figures (figsOf: each
// indicator's, in the order of publishedFigures), in indicator order, each
// with schema's columns and keys.
func (d *deriver) figureTables(schema DataTable, figsOf map[string][]*model.Figure, inds []*model.Indicator) []DataTable {
	var out []DataTable
	for _, in := range inds {
		mine := figsOf[in.ID]
		if len(mine) == 0 {
			continue
		}
		t := schema
		t.Name = FiguresDir + in.ID
		t.Title = "Số liệu: " + in.Name
		t.Description = "Các số liệu của chỉ số " + in.Name + " (mã " + in.ID + "): một phần của bảng Số liệu, cùng các cột."
		t.Count = len(mine)
		t.Make = func(row func(cells []string) error) error {
			c := figureCells{d: d, cells: make([]string, 0, len(schema.Fields))}
			for _, f := range mine {
				if err := row(c.of(f)); err != nil {
					return err
				}
			}
			return nil
		}
		out = append(out, t)
	}
	return out
}

// figureCells makes the rows of a figures table in one reused []string,
// with what consecutive rows repeat (a unit's page, a period's dates) made
// once.
type figureCells struct {
	d     *deriver
	cells []string
	unit  model.UnitKey
	page  string                      // unit's page
	dates map[period.Period][2]string // a period's start and end: a table has a few dozen periods
	id    []byte                      // scratch for the figure's id
	// The indicator (a table is one indicator's) and the unit, looked up
	// once: the unit's earlier-years page and latest year (rowPage).
	indID   string
	ind     *model.Indicator
	u       *model.Unit
	earlier string
	latest  int
	split   bool
}

// newUnit makes what c's rows of unit k share.
func (c *figureCells) newUnit(k model.UnitKey) {
	d := c.d
	c.unit, c.u = k, d.ds.Units[k]
	c.page = d.unitLink(k).URL
	if c.page == "" {
		c.page = "/don-vi/" + unitSlug(c.u) + "/"
	}
	c.latest, c.split = d.latestYear(c.u)
	c.earlier = c.page + PartEarlierYears + "/"
}

// of is f's row of the figures table: what its row on the unit page shows
// (figureRow: value text, withheld or not, link to the figure), made from
// the same parts without what only the page needs (citation, history,
// progress), which is most of figureRow's cost.
// TestFigureCellsMatchPageRows holds the two together. The cells are c's,
// valid until the next row.
func (c *figureCells) of(f *model.Figure) []string {
	d := c.d
	if c.ind == nil || c.indID != f.Indicator {
		c.indID, c.ind = f.Indicator, d.ds.Indicators[f.Indicator]
	}
	ind := c.ind
	if c.page == "" || c.unit != f.Unit {
		c.newUnit(f.Unit)
	}
	u := c.u
	at, stored := d.ds.FigureAt(f)
	stored = stored && d.rows != nil
	var placeName string
	if f.Place != "" {
		placeName = d.ds.Places[f.Place].Name
	}
	counted := ind.Counted
	if ind.Measure != model.Count {
		counted = "%"
	}
	var value string
	if v, ok := f.Share(); ok {
		value = numCell(&v)
	}
	num, den := numCell(f.Numerator), numCell(f.Denominator)
	text, qual, evidence, note := "", string(f.Qualifier), f.Evidence, f.Note
	if stored {
		text = d.rows[at].valueText // valueText's, made once (rowTexts)
	} else {
		text = valueText(f, ind)
	}
	hidden := f.Withheld != "" // disclosure.go
	if hidden {
		// As the page shows it ("dưới 5 người"), with nothing that
		// gives the number back.
		value, num, den, qual, evidence, note = "", "", "", "", "", ""
		if text == "" {
			text = suppressedText
		}
	}
	// Where the unit page's row is (scale.go: rowPage), as one string.
	page := c.page
	if f.Place == "" && c.split && f.Period.End().Year() < c.latest {
		page = c.earlier
	}
	var url string
	if stored {
		url, _ = rowLink(page, f, d.rows[at].sourced)
	} else {
		url = page + "#" + d.anchorOf(f)
	}
	dates, ok := c.dates[f.Period]
	if !ok {
		if c.dates == nil {
			c.dates = map[period.Period][2]string{}
		}
		dates = [2]string{f.Period.Start().Format(time.DateOnly), f.Period.End().Format(time.DateOnly)}
		c.dates[f.Period] = dates
	}
	c.id = appendFigureID(c.id[:0], f.Unit, f.Place, f.ID())
	c.cells = append(c.cells[:0], string(c.id), f.Unit.Code, string(f.Unit.Era), u.FullName, f.Place, placeName,
		f.Indicator, ind.Name, f.Period.String(), dates[0], dates[1],
		f.Period.Label(), string(f.Kind), value, qual, num, den, counted, text, boolCell(hidden),
		f.Source, evidence, note, url)
	return c.cells
}

// suppressed reports whether a figure's value is withheld (disclosure
// control decides it before figureRow; disclosure.go).
func suppressed(r FigureRow) bool { return r.Suppressed }

// appendFigureID appends a figure's stable id (makeFigureID).
func appendFigureID(b []byte, unit model.UnitKey, place string, id model.FigureID) []byte {
	b = append(b, unit.Era...)
	b = append(b, '@')
	b = append(b, unit.Code...)
	if place != "" {
		b = append(b, '.')
		b = append(b, place...)
	}
	b = append(b, '.')
	b = append(b, id.Indicator...)
	b = append(b, '.')
	for i := 0; i < len(id.Period); i++ {
		if c := id.Period[i]; c == '/' {
			b = append(b, '_')
		} else {
			b = append(b, c)
		}
	}
	b = append(b, '.')
	b = append(b, id.Kind...)
	b = append(b, '.')
	return append(b, id.Source...)
}

// makeFigureID is a figure's stable id: what the figure is (era, unit or
// place, indicator, period, kind, source), never its row.
func makeFigureID(unit model.UnitKey, place string, id model.FigureID) string {
	return string(appendFigureID(nil, unit, place, id))
}

// changeTable is the ledger of published figures (data/changes.csv) as
// the dataset publishes it: when each figure was added, corrected or
// withdrawn, the value before and after, and why.
func (d *deriver) changeTable() DataTable {
	t := DataTable{
		Name:  "cap-nhat",
		Title: "Nhật ký cập nhật",
		Description: "Mỗi dòng là một lần thêm, sửa hoặc rút một số liệu, theo thứ tự ngày. Giá trị ghi như tệp dữ liệu: " +
			"dấu so sánh đứng trước số (>80 là trên 80, >= ít nhất, ~ khoảng, < dưới, <= tối đa), phân số 31/31; trống là không có số.",
		Fields: []DataField{
			{Name: "date", Title: "Ngày cập nhật", Type: "date", Required: true},
			{Name: "action", Title: "Nội dung", Type: "string", Required: true,
				Enum:        []string{string(model.Added), string(model.Corrected), string(model.Withdrawn)},
				Description: "added: thêm; corrected: sửa; withdrawn: rút."},
			{Name: "figure_id", Title: "Mã số liệu", Type: "string", Required: true, Pattern: `[a-z0-9@._-]+`,
				Description: "Cột id của bảng so-lieu, các tệp so-lieu/<mã chỉ số>.csv (số liệu đã rút không còn trong bảng đó)."},
			{Name: "indicator_id", Title: "Mã chỉ số", Type: "string", Required: true, Pattern: idPattern},
			{Name: "source_id", Title: "Mã nguồn", Type: "string", Required: true, Pattern: idPattern},
			{Name: "old_value", Title: "Giá trị cũ", Type: "string"},
			{Name: "new_value", Title: "Giá trị mới", Type: "string"},
			{Name: "reason", Title: "Lý do", Type: "string"},
		},
		ForeignKeys: []ForeignKey{
			{Fields: []string{"indicator_id"}, Table: "chi-so", TableFields: []string{"id"}},
			{Fields: []string{"source_id"}, Table: "nguon", TableFields: []string{"id"}},
		},
	}
	byID := map[model.FigureID]*model.Figure{}
	for _, f := range d.ds.Figures {
		byID[f.ID()] = f
	}
	for _, c := range d.ds.Changes {
		old, nu := c.Old, c.New
		if f := byID[c.Figure]; f != nil && f.Withheld != "" { // disclosure.go
			old, nu = "", "" // a withheld value is not published here either
		}
		t.Rows = append(t.Rows, []string{c.Date.Format(time.DateOnly), string(c.Action), makeFigureID(c.UnitKey, c.Place, c.Figure),
			c.Figure.Indicator, c.Figure.Source, old, nu, c.Reason})
	}
	return t
}

func numCell(v *float64) string {
	if v == nil {
		return ""
	}
	return vntext.FormatPlain(*v)
}

func boolCell(b bool) string {
	if b {
		return "true"
	}
	return "false"
}

func (d *deriver) unitTable(units []*model.Unit) DataTable {
	t := DataTable{
		Name:  "don-vi",
		Title: "Đơn vị hành chính",
		Description: "Các đơn vị có số liệu, đơn vị cấp trên của chúng và đơn vị chúng trở thành từ 01/7/2025. " +
			"Một đơn vị được xác định bằng mã và danh mục (era): cùng một mã có thể là hai đơn vị khác nhau ở hai danh mục.",
		Fields: []DataField{
			{Name: "code", Title: "Mã", Type: "string", Required: true, Pattern: `[0-9]+`},
			{Name: "era", Title: "Danh mục", Type: "string", Required: true, Enum: eraEnum},
			{Name: "level", Title: "Cấp", Type: "string", Required: true, Enum: levelEnum,
				Description: "province: tỉnh, thành phố; district: huyện, quận, thị xã (đến 30/6/2025); commune: xã, phường, thị trấn."},
			{Name: "name", Title: "Tên", Type: "string", Required: true},
			{Name: "full_name", Title: "Tên đầy đủ", Type: "string", Required: true},
			{Name: "name_en", Title: "Tên tiếng Anh", Type: "string"},
			{Name: "parent_code", Title: "Mã đơn vị cấp trên", Type: "string", Pattern: `[0-9]+`},
			{Name: "parent_era", Title: "Danh mục của đơn vị cấp trên", Type: "string", Enum: eraEnum,
				Description: "Luôn bằng era khi có đơn vị cấp trên; trống với tỉnh, thành phố."},
			{Name: "successor_codes", Title: "Mã đơn vị từ 01/7/2025", Type: "string", Pattern: `[0-9]+( [0-9]+)*`,
				Description: "Với đơn vị trước 01/7/2025: mã (danh mục 2025) của các đơn vị nó trở thành, cách nhau bằng dấu cách."},
			{Name: "url", Title: "Trang của đơn vị", Type: "string", Format: "uri", Required: true, SiteURL: true},
		},
		PrimaryKey:  []string{"code", "era"},
		ForeignKeys: []ForeignKey{{Fields: []string{"parent_code", "parent_era"}, TableFields: []string{"code", "era"}}},
	}
	for _, u := range units {
		var parentEra string
		if u.Parent != "" {
			parentEra = string(u.Key.Era)
		}
		t.Rows = append(t.Rows, []string{u.Key.Code, string(u.Key.Era), string(u.Level), u.Name, u.FullName, u.NameEn, u.Parent, parentEra,
			strings.Join(u.Successors, " "), unitURL(u)})
	}
	return t
}

func (d *deriver) placeTable() DataTable {
	t := DataTable{
		Name:        "dia-diem",
		Title:       "Địa điểm không phải đơn vị hành chính",
		Description: "Nơi có số liệu nhưng không phải đơn vị hành chính (ví dụ trại tạm); số liệu của nó thuộc đơn vị chứa nó.",
		Fields: []DataField{
			{Name: "id", Title: "Mã", Type: "string", Required: true, Pattern: idPattern},
			{Name: "name", Title: "Tên", Type: "string", Required: true},
			{Name: "parent_code", Title: "Mã đơn vị chứa nó", Type: "string", Required: true, Pattern: `[0-9]+`,
				Description: "Theo danh mục của kỳ từng số liệu."},
			{Name: "description", Title: "Mô tả", Type: "string"},
		},
		PrimaryKey: []string{"id"},
	}
	ids := make([]string, 0, len(d.ds.Places))
	for id := range d.ds.Places {
		ids = append(ids, id)
	}
	sort.Strings(ids)
	for _, id := range ids {
		pl := d.ds.Places[id]
		t.Rows = append(t.Rows, []string{pl.ID, pl.Name, pl.Parent, pl.Description})
	}
	return t
}

func (d *deriver) indicatorTable(inds []*model.Indicator) DataTable {
	t := DataTable{
		Name:        "chi-so",
		Title:       "Chỉ số",
		Description: "Danh mục chỉ số: tên, cách đo và định nghĩa.",
		Fields: []DataField{
			{Name: "id", Title: "Mã", Type: "string", Required: true, Pattern: idPattern},
			{Name: "name", Title: "Tên", Type: "string", Required: true},
			{Name: "name_en", Title: "Tên tiếng Anh", Type: "string"},
			{Name: "measure", Title: "Dạng số liệu", Type: "string", Required: true, Enum: measureEnum,
				Description: "count: số lượng; percent: tỷ lệ %; fraction: phân số (tỷ lệ trên tổng số)."},
			{Name: "counted", Title: "Đơn vị đếm", Type: "string", Required: true},
			{Name: "definition", Title: "Định nghĩa", Type: "string", Required: true},
			{Name: "part_of", Title: "Là một phần của", Type: "string", Pattern: idPattern, Description: "Mã chỉ số lớn hơn chứa chỉ số này."},
			{Name: "url", Title: "Trang của chỉ số", Type: "string", Format: "uri", Required: true, SiteURL: true},
		},
		PrimaryKey:  []string{"id"},
		ForeignKeys: []ForeignKey{{Fields: []string{"part_of"}, TableFields: []string{"id"}}},
	}
	for _, in := range inds {
		t.Rows = append(t.Rows, []string{in.ID, in.Name, in.NameEn, string(in.Measure), in.Counted, in.Definition, in.PartOf, "/chi-so/" + in.ID + "/"})
	}
	return t
}

func (d *deriver) sourceTable(srcs []*model.Source) DataTable {
	t := DataTable{
		Name:        "nguon",
		Title:       "Nguồn",
		Description: "Văn bản nguồn của số liệu: bài báo (chỉ lấy số liệu và trích ngắn) hoặc văn bản kế hoạch của cơ quan nhà nước.",
		Fields: []DataField{
			{Name: "id", Title: "Mã", Type: "string", Required: true, Pattern: idPattern},
			{Name: "kind", Title: "Loại", Type: "string", Required: true, Enum: []string{string(model.News), string(model.Plan)},
				Description: "news: bài báo; plan: văn bản kế hoạch."},
			{Name: "title", Title: "Tiêu đề", Type: "string", Required: true},
			{Name: "publisher", Title: "Cơ quan đăng, ban hành", Type: "string", Description: "Trống khi văn bản không ghi."},
			{Name: "author", Title: "Tác giả", Type: "string"},
			{Name: "date", Title: "Ngày", Type: "string", Required: true, Pattern: `[0-9]{4}-[0-9]{2}(-[0-9]{2})?`,
				Description: "YYYY-MM-DD, hoặc YYYY-MM khi văn bản chỉ ghi tháng."},
			{Name: "source_url", Title: "Địa chỉ gốc", Type: "string", Format: "uri", Description: "Chỉ khi biết chắc."},
			{Name: "summary", Title: "Tóm tắt", Type: "string", Required: true},
			{Name: "rights", Title: "Bản quyền", Type: "string", Required: true},
			{Name: "url", Title: "Trang của nguồn", Type: "string", Format: "uri", Required: true, SiteURL: true},
		},
		PrimaryKey: []string{"id"},
	}
	for _, s := range srcs {
		date := s.Date.Format(time.DateOnly)
		if s.DateMonth {
			date = s.Date.Format("2006-01")
		}
		_, copyright := sourceKind(s) // as the source's page says
		t.Rows = append(t.Rows, []string{s.ID, string(s.Kind), s.Title, s.Publisher, s.Author, date, s.URL, s.Summary, copyright, "/nguon/" + s.ID + "/"})
	}
	return t
}

// previews picks the headline figure of each page people share and gives
// the page its share tags. An image is drawn for each province, indicator,
// source and map page, the front page and the dataset page; a district or
// commune page shares its province's image (nationally 14,000 images of
// ~6 ms each, 34 MB at two provinces) with its own title and headline in
// the share text.
func (d *deriver) previews(site *Site, p *Publication) {
	image := map[model.UnitKey]Preview{} // each province's, by unit
	// Unit pages' views are made when they are written (Site.UnitPage):
	// what the preview needs is taken from the unit, as its view has it.
	unitPreview := func(pg Page, u *model.Unit) Preview {
		pv := Preview{Image: "/anh/chia-se/" + pg.Path + ".png", Kicker: eraLabel(u.Key.Era), Label: u.FullName}
		if r, ok := d.unitHeadline(u); ok {
			pv.Kicker = u.FullName
			if u.Key.Era == model.Era2022 { // the page's now sentence
				pv.Kicker += " (trước 01/7/2025)"
			}
			pv.Figure, pv.Label, pv.Where, pv.Source = r.ValueText, r.Indicator.Name, r.KindLabel+" · "+r.PeriodLabel, "Nguồn: "+r.SourceCite
		} else {
			pv.Where = "Chưa có số liệu của chính đơn vị này"
			if len(d.predecessorPages(u)) > 0 {
				pv.Where = "Số liệu ở trang các đơn vị trước 01/7/2025 nay thuộc đơn vị này"
			}
		}
		return pv
	}
	unitDesc := func(u *model.Unit) string {
		return "Chỉ tiêu, kết quả cai nghiện ma túy và quản lý sau cai nghiện của " + u.FullName + ", kèm văn bản nguồn."
	}
	// The headlines (a unit's first row a reader can quote, an
	// indicator's) only read the deriver: they are found on every CPU.
	unitPreviews := make([]Preview, len(site.Units))
	parallelChunks(len(site.Units), func(i int) { unitPreviews[i] = unitPreview(site.Units[i], d.pageUnits[i]) })
	// The indicators', found beside their views (Build), else here.
	indHeadlines := make([]foundRow, len(site.Indicators))
	parallel(len(site.Indicators), func(i int) {
		if v, ok := site.Indicators[i].View.(IndicatorView); ok {
			h, ok := d.indHeadlines[v.ID]
			if !ok {
				h.row, h.ok = d.indicatorHeadline(v.ID)
			}
			indHeadlines[i] = h
		}
	})
	for _, province := range []bool{true, false} { // provinces first: the others use their images
		for i, pg := range site.Units {
			u := d.pageUnits[i]
			if (u.Level == model.Province) != province {
				continue
			}
			pv := unitPreviews[i]
			shown := pv
			if !province {
				if img, ok := image[d.provinceOf(u.Key)]; ok {
					shown = img
				}
			}
			if shown.Image == pv.Image {
				p.Previews = append(p.Previews, pv)
			}
			if province {
				image[u.Key] = pv
			}
			d.unitSocial[i] = social(pv, shown, pg.Title, unitDesc(u))
		}
	}
	for i, pg := range site.Indicators {
		v, ok := pg.View.(IndicatorView)
		if !ok {
			continue
		}
		pv := Preview{Image: "/anh/chia-se/" + pg.Path + ".png", Kicker: "Chỉ số", Label: v.Name}
		if r, ok := indHeadlines[i].row, indHeadlines[i].ok; ok {
			pv.Figure, pv.Where, pv.Source = r.ValueText, unitName(r)+" · "+r.KindLabel+" · "+r.PeriodLabel, "Nguồn: "+r.SourceCite
		} else {
			pv.Where = "Chưa có đơn vị nào có số liệu"
		}
		p.Previews = append(p.Previews, pv)
		v.Social = social(pv, pv, pg.Title, v.Definition)
		site.Indicators[i].View = v
	}

	// Pages with no unit or indicator view: their tags go in Shared, by URL.
	p.Shared = map[string]*Social{}
	share := func(url, title, desc string, pv Preview) {
		p.Previews = append(p.Previews, pv)
		p.Shared[url] = social(Preview{}, pv, title, desc) // the description as it is
	}
	figures := vntext.FormatNumber(float64(len(d.ds.Figures))) + " số liệu"
	updated := ""
	if !p.Modified.IsZero() {
		updated = "Cập nhật " + vntext.FormatDate(p.Modified)
	}
	share("/", "", p.Description, Preview{Image: "/anh/chia-se/trang-chu.png", Kicker: "Số liệu và kế hoạch của các địa phương",
		Label: "Chỉ tiêu và kết quả cai nghiện ma túy, quản lý sau cai nghiện", Where: site.Home.Counts, Source: updated})
	share(DataDir, "", p.Description, Preview{Image: "/anh/chia-se/du-lieu.png", Kicker: "Tải dữ liệu", Figure: figures,
		Label: p.Title, Where: "Bảng CSV, gói Frictionless Data · " + p.Licence.ID, Source: updated})
	for _, pg := range site.Sources {
		v, ok := pg.View.(SourceView)
		if !ok {
			continue
		}
		pv := Preview{Image: "/anh/chia-se/" + pg.Path + ".png", Kicker: v.KindLabel, Label: v.Title, Where: v.Publisher + " · " + v.DateText}
		if n := len(d.index().bySource[v.ID]); n > 0 {
			pv.Where = vntext.FormatNumber(float64(n)) + " số liệu · " + pv.Where
		}
		share("/"+pg.Path+"/", pg.Title, v.Summary, pv)
	}
	for _, pg := range site.Maps {
		v, ok := pg.View.(MapView)
		if !ok {
			continue
		}
		n := 0
		for _, r := range v.Rows {
			if r.Value != nil {
				n++
			}
		}
		share("/"+pg.Path+"/", pg.Title, v.Intro, Preview{Image: "/anh/chia-se/" + pg.Path + ".png", Kicker: "Bản đồ các tỉnh, thành phố",
			Figure: strconv.Itoa(n) + "/" + strconv.Itoa(len(v.Rows)) + " tỉnh, thành phố", Label: v.Indicator.Name,
			Where: v.KindLabel + " · " + v.PeriodLabel, Source: "Số tỉnh, thành phố có số liệu trên bản đồ"})
	}
}

// provinceOf is the province unit k lies in (k itself for a province).
func (d *deriver) provinceOf(k model.UnitKey) model.UnitKey {
	u := d.ds.Units[k]
	if u == nil {
		return k
	}
	if a := d.ds.Ancestors(u); len(a) > 0 {
		return a[0].Key
	}
	return k
}

// headline is the first figure of rows a reader can quote: not missing,
// not withheld.
func headline(rows []FigureRow) (FigureRow, bool) {
	for _, r := range rows {
		if !r.Missing && !suppressed(r) {
			return r, true
		}
	}
	return FigureRow{}, false
}

// foundRow is a headline (indicatorHeadline), if there is one.
type foundRow struct {
	row FigureRow
	ok  bool
}

// indicatorHeadline is the figure an indicator's preview quotes: the
// first a reader can quote, newest period first, then the highest level
// (a province's total before its districts), places last, then in the
// order of unit pages. One pass, one row made (an indicator has ~100,000
// figures nationally).
func (d *deriver) indicatorHeadline(id string) (FigureRow, bool) {
	rank := func(f *model.Figure) int {
		r := 2
		switch d.ds.Units[f.Unit].Level {
		case model.Province:
			r = 0
		case model.District:
			r = 1
		}
		if f.Place != "" {
			r += 3
		}
		return r
	}
	// The latest end, then the highest level, then unitOrder: what
	// decides is looked up only when what comes before is a tie, and
	// best's unitOrder is made once (the newest period's figures mostly
	// tie on end and level: thousands of communes).
	var best *model.Figure
	var bestEnd time.Time
	bestRank := -1 // not yet looked up
	var bestOrder string
	ordered := false // bestOrder made
	var prevPeriod period.Period
	var end time.Time
	for _, f := range d.index().byIndicator[id] {
		if f.Missing() { // withheld figures read as missing
			continue
		}
		if best == nil || f.Period != prevPeriod {
			prevPeriod, end = f.Period, f.Period.End()
		}
		if best != nil {
			if !end.Equal(bestEnd) {
				if !end.After(bestEnd) {
					continue
				}
			} else {
				if bestRank < 0 {
					bestRank = rank(best)
				}
				r := rank(f)
				if r > bestRank {
					continue
				}
				if r == bestRank {
					if !ordered {
						bestOrder, ordered = d.unitOrder(best), true
					}
					if !d.unitOrderBelow(f, bestOrder) {
						continue
					}
				}
			}
		}
		best, bestEnd, bestRank, ordered = f, end, -1, false
	}
	if best == nil {
		return FigureRow{}, false
	}
	return headline(Rows{d.figureRow(best)})
}

// unitOrderBelow reports whether d.unitOrder(f) < order, without making
// f's.
func (d *deriver) unitOrderBelow(f *model.Figure, order string) bool {
	u := d.ds.Units[f.Unit]
	parts := [...]string{levelRank[u.Level], u.Key.Code, "", ""}
	if f.Place != "" {
		parts[2], parts[3] = "~", f.Place
	}
	for _, p := range parts {
		n := min(len(p), len(order))
		if c := strings.Compare(p[:n], order[:n]); c != 0 {
			return c < 0
		}
		if len(p) > n {
			return false // order is a prefix of f's, shorter
		}
		order = order[n:]
	}
	return order != "" // f's is a prefix of order, or the same
}

// unitName is the unit of a row without the anchor part of its link.
func unitName(r FigureRow) string { return r.Unit.Name }

// social is the share tags of a page whose headline is pv, showing the
// image img (pv itself, or its province's for a district or commune).
func social(pv, img Preview, title, desc string) *Social {
	alt := img.Kicker + ". " + img.Label
	if img.Kicker == "" {
		alt = img.Label
	}
	if img.Figure != "" {
		alt = img.Kicker + ": " + img.Label + " " + img.Figure
	}
	if img.Where != "" {
		alt += " (" + img.Where + ")"
	}
	if img.Source != "" {
		alt += ". " + img.Source
	}
	if pv.Figure != "" && pv.Where != "" {
		desc = pv.Label + ": " + pv.Figure + " (" + pv.Where + "). " + desc
	}
	return &Social{Title: title, Description: desc, Image: img.Image, ImageAlt: alt + ".", Width: PreviewWidth, Height: PreviewHeight}
}

// DataPageView is the page of the whole dataset (/du-lieu/): what each
// table holds, the downloads and the licence.
type DataPageView struct {
	Title       string          `json:"title"`
	Description string          `json:"description"`
	Licence     LicenceView     `json:"licence"`
	Modified    string          `json:"modified"`     // 25/11/2026
	ModifiedISO string          `json:"modified_iso"` // 2026-11-25
	Zip         Link            `json:"zip"`
	Descriptor  Link            `json:"descriptor"`
	Tables      []DataTableView `json:"tables"`     // the figures table first
	Indicators  []Link          `json:"indicators"` // the figures table's files, one per indicator
	Feed        string          `json:"feed,omitempty"`
	Cite        string          `json:"cite"` // how to cite the dataset
}

// LicenceView is the licence as pages show it.
type LicenceView struct {
	Name string `json:"name"`
	URL  string `json:"url"`
	Note string `json:"note"`
}

// DataTableView is one table on the dataset page.
type DataTableView struct {
	Name        string `json:"name"`
	Title       string `json:"title"`
	Description string `json:"description"`
	RowsText    string `json:"rows_text"` // "63 dòng"
	CSV         Link   `json:"csv"`
	// Split says the table is in several files (the figures: one per
	// indicator, listed in DataPageView.Indicators); CSV then names them
	// and links to that list.
	Split   bool         `json:"split,omitempty"`
	Columns []ColumnView `json:"columns"`
	Keys    string       `json:"keys,omitempty"` // primary and foreign keys, in words
}

// ColumnView is one column of a table on the dataset page.
type ColumnView struct {
	Name        string `json:"name"`
	Title       string `json:"title"`
	Type        string `json:"type"`
	Description string `json:"description,omitempty"`
}

// FeedPath is the Atom feed of changes to the figures.
const FeedPath = "/cap-nhat/atom.xml"

var typeLabel = map[string]string{"string": "văn bản", "number": "số", "integer": "số nguyên", "boolean": "đúng/sai (true/false)", "date": "ngày (YYYY-MM-DD)"}

// DataPage is the dataset page for p.
func (p *Publication) DataPage() Page {
	v := DataPageView{Title: "Tải dữ liệu", Description: p.Description,
		Licence:    LicenceView{Name: p.Licence.Title, URL: p.Licence.URL, Note: p.Licence.Note},
		Zip:        Link{Name: "Toàn bộ gói dữ liệu (ZIP)", URL: DataDir + ZipFile},
		Descriptor: Link{Name: "datapackage.json (mô tả gói, lược đồ các bảng)", URL: DataDir + "datapackage.json"}}
	if !p.Modified.IsZero() {
		v.Modified, v.ModifiedISO = vntext.FormatDate(p.Modified), p.Modified.Format(time.DateOnly)
	}
	if len(p.Feed) > 0 {
		v.Feed = FeedPath
	}
	figureRows := 0
	for _, t := range p.FigureTables {
		figureRows += t.Len()
	}
	for i, t := range append([]DataTable{p.Figures}, p.Tables...) {
		rows := t.Len()
		if i == 0 {
			rows = figureRows
		}
		tv := DataTableView{Name: t.Name, Title: t.Title, Description: t.Description,
			RowsText: vntext.FormatNumber(float64(rows)) + " dòng", CSV: Link{Name: t.Name + ".csv", URL: DataDir + t.Name + ".csv"}}
		if i == 0 {
			tv.CSV, tv.Split = Link{Name: FiguresDir + "<mã chỉ số>.csv", URL: "#theo-chi-so"}, true
		}
		for _, f := range t.Fields {
			tv.Columns = append(tv.Columns, ColumnView{Name: f.Name, Title: f.Title, Type: typeLabel[f.Type], Description: f.Description})
		}
		var keys []string
		if len(t.PrimaryKey) > 0 {
			keys = append(keys, "Khóa chính: "+strings.Join(t.PrimaryKey, " + "))
		}
		for _, fk := range t.ForeignKeys {
			to := fk.Table
			if to == "" {
				to = t.Name
			}
			keys = append(keys, strings.Join(fk.Fields, " + ")+" → "+to+"."+strings.Join(fk.TableFields, " + "))
		}
		tv.Keys = strings.Join(keys, "; ")
		v.Tables = append(v.Tables, tv)
	}
	for _, t := range p.FigureTables {
		v.Indicators = append(v.Indicators, Link{Name: strings.TrimPrefix(t.Title, "Số liệu: ") + " (" + vntext.FormatNumber(float64(t.Len())) + " dòng)", URL: DataDir + t.Name + ".csv"})
	}
	v.Cite = p.Creator + ". " + p.Title + ". Cập nhật " + v.Modified + ". Giấy phép " + p.Licence.ID + "."
	return Page{Path: "du-lieu", Title: v.Title, View: v}
}
