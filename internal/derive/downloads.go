package derive

import (
	"encoding/csv"
	"encoding/json"
	"fmt"
	"io"
	"strconv"
	"strings"
	"sync"

	"github.com/pcmt/pcmt/internal/model"
	"github.com/pcmt/pcmt/internal/vntext"
)

// Downloads of the data behind each chart and table: CSV (UTF-8 with a
// byte-order mark, so that Excel reads Vietnamese right; one header row;
// codes beside names) and JSON with the same rows. Rows are made from the
// published copy of the figures through figureRow, so a value disclosure
// control withholds is withheld here too (suppressed = true, no value).

// DownloadDir is where the files go, under the site root.
const DownloadDir = "tai-ve"

// EmbedDir is the section of the embed pages (trang nhúng).
const EmbedDir = "nhung"

// ChartDownloads are the addresses of a chart's or table's downloads.
type ChartDownloads struct {
	CSV   string `json:"csv"`
	JSON  string `json:"json"`
	Embed string `json:"embed,omitempty"` // the embed page (charts only)
	PNG   string `json:"png,omitempty"`   // file name for the image the browser draws
	// Page says CSV and JSON are the whole page's figures, among them the
	// chart's (district and commune charts of their own figures, citable.go).
	Page bool `json:"page,omitempty"`
}

// File is a file of the site written as it is. Write writes its body:
// sitegen runs it when it writes the file, so that each body is made,
// written and dropped rather than all of them (gigabytes nationally) held
// until the site is written. Write only reads the derived site; sitegen
// runs several at once.
type File struct {
	Path  string // slash-separated, relative to the site root
	Write func(w io.Writer) error
}

// rowsOnce are the rows of a chart's figures for its two files: made by
// the first file written, dropped after the last.
type rowsOnce struct {
	mu    sync.Mutex
	make  func() []DataRow
	rows  []DataRow
	users int
}

func (d *deriver) sharedRows(figs []*model.Figure, users int) *rowsOnce {
	return &rowsOnce{make: func() []DataRow { return d.dataRows(figs) }, users: users}
}

func (o *rowsOnce) take() []DataRow {
	o.mu.Lock()
	defer o.mu.Unlock()
	if o.rows == nil {
		o.rows = o.make()
	}
	rows := o.rows
	if o.users--; o.users <= 0 {
		o.rows = nil
	}
	return rows
}

// EmbedView is an embed page: one chart, its table and its sources.
type EmbedView struct {
	// Charts holds the one chart: in a list, because Hugo lower-cases the
	// keys of front matter maps (ECharts' xAxis) but not inside lists.
	Charts  []Chart `json:"charts"`
	Unit    Link    `json:"unit"` // the unit page the chart is on
	Updated Updated `json:"updated"`
}

// DataRow is one figure as the downloads give it.
type DataRow struct {
	UnitCode        string   `json:"unit_code"`
	UnitEra         string   `json:"unit_era"` // 2022: list until 30/6/2025; 2025: from 1/7/2025
	UnitName        string   `json:"unit_name"`
	PlaceID         string   `json:"place_id"`
	PlaceName       string   `json:"place_name"`
	IndicatorID     string   `json:"indicator_id"`
	IndicatorName   string   `json:"indicator_name"`
	Period          string   `json:"period"`
	PeriodLabel     string   `json:"period_label"`
	Kind            string   `json:"kind"`
	KindLabel       string   `json:"kind_label"`
	Value           *float64 `json:"value"`     // the number charted (a fraction's share in %); null when missing or withheld
	Qualifier       string   `json:"qualifier"` // gt, ge, approx, lt, le or ""
	Numerator       *float64 `json:"numerator"`
	Denominator     *float64 `json:"denominator"`
	Counted         string   `json:"counted"` // người, %, xã...
	ValueText       string   `json:"value_text"`
	Suppressed      bool     `json:"suppressed"`
	SourceID        string   `json:"source_id"`
	SourceTitle     string   `json:"source_title"`
	SourcePublisher string   `json:"source_publisher"`
	SourceDate      string   `json:"source_date"` // ISO
	Evidence        string   `json:"evidence"`
	Note            string   `json:"note"`
	LastChanged     string   `json:"last_changed"` // ISO, from the ledger
	Permalink       string   `json:"permalink"`    // site-relative
}

var dataColumns = []string{"unit_code", "unit_era", "unit_name", "place_id", "place_name", "indicator_id", "indicator_name",
	"period", "period_label", "kind", "kind_label", "value", "qualifier", "numerator", "denominator", "counted", "value_text",
	"suppressed", "source_id", "source_title", "source_publisher", "source_date", "evidence", "note", "last_changed", "permalink"}

func (r DataRow) cells() []string {
	return []string{r.UnitCode, r.UnitEra, r.UnitName, r.PlaceID, r.PlaceName, r.IndicatorID, r.IndicatorName,
		r.Period, r.PeriodLabel, r.Kind, r.KindLabel, plainNumber(r.Value), r.Qualifier, plainNumber(r.Numerator), plainNumber(r.Denominator),
		r.Counted, r.ValueText, strconv.FormatBool(r.Suppressed), r.SourceID, r.SourceTitle, r.SourcePublisher, r.SourceDate,
		r.Evidence, r.Note, r.LastChanged, r.Permalink}
}

func plainNumber(v *float64) string {
	if v == nil {
		return ""
	}
	return vntext.FormatPlain(*v)
}

// dataRows are the rows of figs, in the order given.
func (d *deriver) dataRows(figs []*model.Figure) []DataRow {
	out := make([]DataRow, 0, len(figs))
	for _, f := range figs {
		r := d.figureRow(f)
		u := d.ds.Units[f.Unit]
		src := d.ds.Sources[f.Source]
		row := DataRow{UnitCode: f.Unit.Code, UnitEra: string(f.Unit.Era), IndicatorID: f.Indicator, IndicatorName: r.Indicator.Name,
			Period: r.Period, PeriodLabel: r.PeriodLabel, Kind: r.Kind, KindLabel: r.KindLabel, Value: r.Value, Qualifier: string(f.Qualifier),
			Counted: r.Counted, ValueText: r.ValueText, Suppressed: r.Suppressed, SourceID: src.ID, SourceTitle: src.Title,
			SourcePublisher: src.Publisher, SourceDate: src.Date.Format("2006-01-02"), Evidence: r.Evidence, Note: r.Note,
			LastChanged: r.LastChanged, Permalink: r.Permalink}
		if src.DateMonth {
			row.SourceDate = src.Date.Format("2006-01")
		}
		if u != nil {
			row.UnitName = u.FullName
		}
		if f.Place != "" {
			row.PlaceID, row.PlaceName = f.Place, d.ds.Places[f.Place].Name
		}
		if r.Value != nil { // withheld figures have no fraction either
			row.Numerator, row.Denominator = f.Numerator, f.Denominator
		}
		if r.Suppressed {
			row.Qualifier = ""
		}
		out = append(out, row)
	}
	return out
}

// chartKey names a chart from what it shows: "phan-bo-<indicator>-<period>-<kind>"
// for the spread of one figure over a unit's parts, else the slug of the
// title's first part ("so-nguoi", "ty-le").
func chartKey(title string, figs []*model.Figure) string {
	if len(figs) > 1 {
		f0 := figs[0]
		same, units := true, map[string]bool{}
		for _, f := range figs {
			same = same && f.Indicator == f0.Indicator && f.Period.String() == f0.Period.String() && f.Kind == f0.Kind
			units[f.Unit.Code+"/"+f.Place] = true
		}
		if same && len(units) > 1 {
			return "phan-bo-" + f0.Indicator + "-" + strings.ReplaceAll(f0.Period.String(), "/", "-") + "-" + string(f0.Kind)
		}
	}
	head, _, _ := strings.Cut(title, ":")
	if s := vntext.Slug(head); s != "" {
		return s
	}
	return "bieu-do"
}

// writeDataCSV writes rows as a CSV file: BOM, header, CRLF line ends (RFC 4180).
func writeDataCSV(w io.Writer, rows []DataRow) error {
	if _, err := io.WriteString(w, "\uFEFF"); err != nil {
		return err
	}
	cw := csv.NewWriter(w)
	cw.UseCRLF = true
	_ = cw.Write(dataColumns)
	for _, r := range rows {
		_ = cw.Write(r.cells())
	}
	cw.Flush()
	return cw.Error()
}

// dataFile is the JSON download: what the data is, then its rows.
type dataFile struct {
	Title   string    `json:"title"`
	Caption string    `json:"caption,omitempty"`
	Page    string    `json:"page"` // site-relative address of the page showing it
	Updated string    `json:"updated,omitempty"`
	Note    string    `json:"note"`
	Rows    []DataRow `json:"rows"`
}

const dataNote = "Số liệu tổng hợp, không có thông tin cá nhân. value: số dùng để vẽ (phân số tính ra %); " +
	"suppressed = true: số nhỏ không được công bố (value để trống). Mỗi dòng dẫn nguồn (source_*) và đoạn trích (evidence)."

// writeDataJSON writes rows as the JSON download.
func writeDataJSON(w io.Writer, title, caption, page, updated string, rows []DataRow) error {
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	if rows == nil {
		rows = []DataRow{}
	}
	if err := enc.Encode(dataFile{Title: title, Caption: caption, Page: page, Updated: updated, Note: dataNote, Rows: rows}); err != nil {
		return fmt.Errorf("a download: %w", err)
	}
	return nil
}
