package derive

import (
	"github.com/pcmt/pcmt/internal/jsontext"
	"github.com/pcmt/pcmt/internal/model"
)

// The structs below are what templates see, as `.Params.view` on a
// generated page (JSON front matter) and under site.Data.pcmt. Every text
// is already formatted for the page (Vietnamese numbers and dates); the
// templates only lay it out. Field names are the JSON keys.

// Link is a name and the site-relative URL of its page ("" when the thing
// has no page of its own).
type Link struct {
	Name string `json:"name"`
	URL  string `json:"url,omitempty"`
}

// FigureRow is one published figure, with everything a reader needs to
// cite it.
type FigureRow struct {
	Anchor      string   `json:"anchor"`       // HTML id on the unit page: f-<indicator>-<period>-<kind>[-<source>]
	Unit        Link     `json:"unit"`         // the unit as named then
	UnitNote    string   `json:"unit_note"`    // "Không phải đơn vị hành chính" for a place, else ""
	Indicator   Link     `json:"indicator"`    // name + /chi-so/<id>/
	Period      string   `json:"period"`       // ISO form: 2023, 2024-01/2024-09, 2022-12-31
	PeriodLabel string   `json:"period_label"` // "Năm 2023", "9 tháng đầu năm 2024", "Tính đến 31/12/2022"
	Kind        string   `json:"kind"`         // target | result | baseline
	KindLabel   string   `json:"kind_label"`   // Chỉ tiêu | Kết quả | Số liệu nền
	ValueText   string   `json:"value_text"`   // "986 người", "trên 80%", "31/31 xã (100%)", "chưa có số liệu"
	Value       *float64 `json:"value"`        // the number behind value_text (nil when missing)
	Missing     bool     `json:"missing"`
	Counted     string   `json:"counted"`            // người, %, xã...
	Note        string   `json:"note,omitempty"`     // our note: why missing, "chưa có" = 0...
	Progress    string   `json:"progress,omitempty"` // "Đạt 75% chỉ tiêu năm 2024 (kết quả 9 tháng)"
	Source      Link     `json:"source"`             // title + /nguon/<id>/
	SourceCite  string   `json:"source_cite"`        // "Báo LĐXH, 15/03/2023"
	Evidence    string   `json:"evidence"`           // verbatim snippet
	// Suppressed: the value is withheld by disclosure control (value nil,
	// value_text "dưới 5 người", or "ẩn để bảo vệ số nhỏ" for a figure
	// withheld so that a small one cannot be worked out; no evidence).
	Suppressed bool `json:"suppressed"`
	// Discrepancy: another source gives this figure another value; both
	// are published (disclosure.go).
	Discrepancy string `json:"discrepancy,omitempty"`
	// For journalists (history.go): the figure's full link (site-relative)
	// and what the row shows of its history from the ledger
	// data/changes.csv. Its citation, sources box and full history are not
	// in the row: the unit's download makes them as it is written
	// (citable.go, cite.go) and static/js/cite.js shows a row's citation
	// from it; kept in every row they were gigabytes nationally.
	Permalink     string `json:"permalink,omitempty"`
	Added         string `json:"added,omitempty"`          // ISO date first published
	LastChanged   string `json:"last_changed,omitempty"`   // ISO date of its last change
	CorrectedText string `json:"corrected_text,omitempty"` // "đã sửa ngày 03/02/2027", beside the value
	CorrectedURL  string `json:"corrected_url,omitempty"`  // the correction on the changelog page
}

// IndicatorGroup is the figures of one indicator on a page, ordered by
// period then kind (baseline, target, result).
type IndicatorGroup struct {
	Indicator  Link      `json:"indicator"`
	Definition string    `json:"definition"`
	Measure    string    `json:"measure"` // count | percent | fraction
	Rows       GroupRows `json:"rows"`    // encoded as the rows' HTML (rowhtml.go)
}

// Table is the HTML table under a chart: the same numbers, so the page says
// everything with JavaScript off. It encodes with its rows as their HTML
// (tablehtml.go).
type Table struct {
	Caption string     `json:"caption"` // title, unit counted, period
	Columns []string   `json:"columns"`
	Rows    [][]string `json:"rows"` // already formatted cells; first cell is the row header
	// Codes: each row carries data-code, its second cell: the unit code
	// a map's areas join on (maps.go).
	Codes bool `json:"-"`
}

// ChartOption is a chart's ECharts option, JSON as internal/charts makes
// it: the bytes Hugo's jsonify would write for it (jsontext.Canonical). In
// a view it is a JSON string holding that text, which chart.html and
// map-chart.html write into the page as it is: as an object, Hugo decoded
// every option into maps and jsonify encoded it again, ~8 s of CPU for the
// 35,000 charts of the whole country (bench/README.md).
type ChartOption []byte

// MarshalJSON writes the option as a JSON string; nil as null.
func (o ChartOption) MarshalJSON() ([]byte, error) {
	return o.AppendJSON(make([]byte, 0, len(o)+len(o)/8+2)), nil
}

// AppendJSON appends what MarshalJSON writes.
func (o ChartOption) AppendJSON(b []byte) []byte {
	if o == nil {
		return append(b, "null"...)
	}
	return jsontext.AppendString(b, []byte(o))
}

// Chart is one chart: ECharts options built in Go (internal/charts) plus
// its table and source line.
type Chart struct {
	ID       string      `json:"id"` // stable: chart-<unit code>-<n>
	Title    string      `json:"title"`
	Subtitle string      `json:"subtitle"` // period, counted word
	Option   ChartOption `json:"option"`   // ECharts option
	Height   int         `json:"height"`   // px reserved for the canvas
	Table    Table       `json:"table"`
	Sources  []Link      `json:"sources"`
	// Key names the chart's downloads and embed page from what it shows,
	// not its position (downloads.go); Downloads are their addresses.
	Key       string          `json:"key,omitempty"`
	Downloads *ChartDownloads `json:"downloads,omitempty"`
	// figs are the figures behind the chart; citable.go makes its
	// downloads from them only where the chart gets files of its own.
	figs []*model.Figure
}

// Check is a parts-against-total note ("Tổng 7 huyện và Trại tạm: 986 người, khớp với tổng của tỉnh").
type Check struct {
	Text string `json:"text"`
	OK   bool   `json:"ok"`
}

// UnitView is the page of one unit (or the front page's list entries).
type UnitView struct {
	Code         string           `json:"code"`
	Level        string           `json:"level"`       // province | district | commune
	LevelLabel   string           `json:"level_label"` // Tỉnh/Thành phố, Quận/Huyện, Xã/Phường/Thị trấn
	Name         string           `json:"name"`        // short: "Tuyên Quang"
	FullName     string           `json:"full_name"`   // "Tỉnh Tuyên Quang"
	EraLabel     string           `json:"era_label"`   // "Đơn vị hành chính trước 01/7/2025" | "Đơn vị hành chính từ 01/7/2025"
	Parents      []Link           `json:"parents"`     // breadcrumb, top first
	Now          string           `json:"now"`         // "Từ 01/7/2025 thuộc Tỉnh Tuyên Quang (mã 08)" for former units
	NowLinks     []Link           `json:"now_links"`
	Children     []Link           `json:"children"` // sub-units and places that have figures
	Groups       []IndicatorGroup `json:"groups"`
	Charts       []Chart          `json:"charts"`
	Checks       []Check          `json:"checks"`
	Places       []PlaceView      `json:"places"`       // figures for places in this unit that are not units ("Trại tạm")
	Predecessors []Link           `json:"predecessors"` // for a unit from 1/7/2025: former units that became (part of) it and have pages
	Plans        []Link           `json:"plans"`        // plan documents of this unit
	Sources      []Link           `json:"sources"`      // every source cited on the page
	// Reform is, for a unit from 1/7/2025, its predecessors with their
	// figures and the totals over them (reform.go); nil for former units.
	Reform *ReformView `json:"reform,omitempty"`
	// Social is the page's share tags and preview image (publication.go).
	Social *Social `json:"social,omitempty"`
	// Pages are the commune pages of this unit (its own, or its communes'),
	// newest first (communepages.go).
	Pages []CommunePageLink `json:"pages,omitempty"`
	// LastUpdated is the newest ledger date of the figures the page shows (history.go).
	LastUpdated Updated `json:"last_updated"`
	// Downloads of the figures on the page, CSV and JSON (citable.go).
	Downloads *ChartDownloads `json:"downloads,omitempty"`
	// Cite is the page's own citation (cite.go); each figure's is in the downloads.
	Cite *Citation `json:"cite,omitempty"`
	// Moved are the sections that moved to sub-pages (UnitPage.Parts,
	// subpages.go), by the section's id on this page.
	Moved map[string]Moved `json:"moved,omitempty"`
}

// PlaceView is a place that is not an administrative unit but has
// figures; it is shown on its unit's page.
type PlaceView struct {
	ID          string           `json:"id"`
	Name        string           `json:"name"`
	Description string           `json:"description"`
	Groups      []IndicatorGroup `json:"groups"`
}

// IndicatorView is the page of one indicator: every unit that reports it.
type IndicatorView struct {
	ID           string `json:"id"`
	Name         string `json:"name"`
	NameEn       string `json:"name_en"`
	Measure      string `json:"measure"`
	MeasureLabel string `json:"measure_label"` // Số lượng | Tỷ lệ (%) | Phân số
	Counted      string `json:"counted"`
	Definition   string `json:"definition"`
	PartOf       *Link  `json:"part_of,omitempty"`
	Rows         Rows   `json:"rows"` // ordered by unit (Vietnamese collation), period, kind
	// RowsNote says rows were left out to keep the page light (scale.go).
	RowsNote string `json:"rows_note,omitempty"`
	// Social is the page's share tags and preview image (publication.go).
	Social *Social `json:"social,omitempty"`
	// LastUpdated is the newest ledger date of the figures the page shows (history.go).
	LastUpdated Updated `json:"last_updated"`
	// Downloads of the figures on the page, CSV and JSON (citable.go).
	Downloads *ChartDownloads `json:"downloads,omitempty"`
}

// SourceView is the page of one source document.
type SourceView struct {
	ID        string `json:"id"`
	KindLabel string `json:"kind_label"` // Bài báo | Văn bản kế hoạch
	Title     string `json:"title"`
	Publisher string `json:"publisher"` // "Không ghi rõ" when unknown
	Author    string `json:"author,omitempty"`
	DateText  string `json:"date_text"` // 15/03/2023 or 02/2024
	URL       string `json:"url,omitempty"`
	Summary   string `json:"summary"`
	Plan      *Link  `json:"plan,omitempty"` // the reproduced plan page
	Units     []Link `json:"units"`          // units its figures are for
	Copyright string `json:"copyright"`      // what we reproduce and why
	Rows      Rows   `json:"rows"`
	// RowsNote says rows were left out to keep the page light (scale.go).
	RowsNote string `json:"rows_note,omitempty"`
	// LastUpdated is the newest ledger date of the figures the page shows (history.go).
	LastUpdated Updated `json:"last_updated"`
}

// HomeView is the front page.
type HomeView struct {
	Units      []Link `json:"units"` // every unit page, grouped order: provinces then their units (provinces only beyond MaxListUnits)
	UnitsNote  string `json:"units_note,omitempty"`
	Latest     Rows   `json:"latest"` // newest figures by source date
	Indicators []Link `json:"indicators"`
	Sources    []Link `json:"sources"`
	Plans      []Link `json:"plans"`
	Counts     string `json:"counts"` // "56 số liệu từ 5 văn bản, 14 đơn vị"
}
