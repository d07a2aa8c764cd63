package derive

import (
	"bytes"
	"fmt"
	"io"
	"math"
	"strconv"
	"strings"
	"sync"

	"github.com/pcmt/pcmt/internal/csvenc"
	"github.com/pcmt/pcmt/internal/jsontext"
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
// runs several at once. Write buffers what it writes (csvenc, jsonWriter):
// sitegen gives it the file itself.
type File struct {
	Path  string // slash-separated, relative to the site root
	Write func(w io.Writer) error
	// With, when set, writes this file to w and the next one of its list
	// to next in one pass over their rows, each row made once for both (a
	// unit page's CSV and JSON): sitegen creates both files and calls With
	// instead of either Write. Write still writes each alone.
	With func(w, next io.Writer) error
	// unit, for a unit page's CSV and JSON, is what they are made of
	// (tests write it again with the reference encoder).
	unit *unitDownload
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

func plainNumber(v *float64) string {
	if v == nil {
		return ""
	}
	return vntext.FormatPlain(*v)
}

// appendPlain appends v as vntext.FormatPlain formats it (the plain form
// of data files: 1100, 80.5, 2.1250), without making a string.
func appendPlain(b []byte, v float64) []byte {
	start := len(b)
	b = strconv.AppendFloat(b, v, 'f', -1, 64)
	if math.IsNaN(v) || math.IsInf(v, 0) {
		return b
	}
	s := b[start:]
	if s[0] == '-' {
		s = s[1:]
	}
	if dot := bytes.IndexByte(s, '.'); dot >= 1 && dot <= 3 && len(s)-dot-1 == 3 && s[0] != '0' {
		b = append(b, '0') // 2.125 would read as two thousand
	}
	return b
}

// dataRows are the rows of figs, in the order given.
func (d *deriver) dataRows(figs []*model.Figure) []DataRow {
	out := make([]DataRow, 0, len(figs))
	m := rowMaker{d: d}
	for _, f := range figs {
		out = append(out, m.row(f))
	}
	return out
}

// rowMaker makes the DataRows of one file, remembering what its rows
// repeat (a unit's name, a source's date).
type rowMaker struct {
	d        *deriver
	unit     model.UnitKey
	unitName string
	haveUnit bool
	src      *model.Source
	srcDate  string
	// dates are the last sources' dates: a file's rows go back and forth
	// between a few sources.
	dates [4]struct{ id, date string }
	next  int
}

func (m *rowMaker) row(f *model.Figure) DataRow {
	r := m.d.figureRow(f)
	return m.rowOf(f, &r)
}

// rowOf is f's DataRow from its row r (figureRow's, or the page's).
func (m *rowMaker) rowOf(f *model.Figure, r *FigureRow) DataRow {
	d := m.d
	if m.src == nil || m.src.ID != f.Source {
		m.src = d.ds.Sources[f.Source]
		m.srcDate = ""
		for _, c := range m.dates {
			if c.id == f.Source {
				m.srcDate = c.date
			}
		}
		if m.srcDate == "" {
			m.srcDate = m.src.Date.Format("2006-01-02")
			if m.src.DateMonth {
				m.srcDate = m.src.Date.Format("2006-01")
			}
			m.dates[m.next] = struct{ id, date string }{f.Source, m.srcDate}
			m.next = (m.next + 1) % len(m.dates)
		}
	}
	if !m.haveUnit || m.unit != f.Unit {
		m.unit, m.unitName, m.haveUnit = f.Unit, "", true
		if u := d.ds.Units[f.Unit]; u != nil {
			m.unitName = u.FullName
		}
	}
	src := m.src
	row := DataRow{UnitCode: f.Unit.Code, UnitEra: string(f.Unit.Era), UnitName: m.unitName, IndicatorID: f.Indicator, IndicatorName: r.Indicator.Name,
		Period: r.Period, PeriodLabel: r.PeriodLabel, Kind: r.Kind, KindLabel: r.KindLabel, Value: r.Value, Qualifier: string(f.Qualifier),
		Counted: r.Counted, ValueText: r.ValueText, Suppressed: r.Suppressed, SourceID: src.ID, SourceTitle: src.Title,
		SourcePublisher: src.Publisher, SourceDate: m.srcDate, Evidence: r.Evidence, Note: r.Note,
		LastChanged: r.LastChanged, Permalink: r.Permalink}
	if f.Place != "" {
		row.PlaceID, row.PlaceName = f.Place, d.ds.Places[f.Place].Name
	}
	if r.Value != nil { // withheld figures have no fraction either
		row.Numerator, row.Denominator = f.Numerator, f.Denominator
	}
	if r.Suppressed {
		row.Qualifier = ""
	}
	return row
}

// chartKey names a chart from what it shows: "phan-bo-<indicator>-<period>-<kind>"
// for the spread of one figure over a unit's parts, else the slug of the
// title's first part ("so-nguoi", "ty-le").
func chartKey(title string, figs []*model.Figure) string {
	if len(figs) > 1 {
		f0 := figs[0]
		same, units := true, false // units: of more than one unit or place
		for _, f := range figs {
			same = same && f.Indicator == f0.Indicator && f.Period.String() == f0.Period.String() && f.Kind == f0.Kind
			units = units || f.Unit.Code != f0.Unit.Code || f.Place != f0.Place
		}
		if same && units {
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
	c := newDataCSV(w)
	for i := range rows {
		c.row(&rows[i])
	}
	return c.Close()
}

// writeFiguresCSV writes the rows of figs as writeDataCSV does, each made
// as it is written.
func (d *deriver) writeFiguresCSV(w io.Writer, figs []*model.Figure) error {
	c := newDataCSV(w)
	m := rowMaker{d: d}
	for _, f := range figs {
		r := m.row(f)
		c.row(&r)
	}
	return c.Close()
}

// writeUnitFiles writes a unit page's CSV download (writeFiguresCSV) to
// csv and its JSON download (writeUnitJSON) to js, in one pass over figs:
// each figure's row is made once for both files.
func (d *deriver) writeUnitFiles(csv, js io.Writer, title, page, updated string, figs []*model.Figure) error {
	c := newDataCSV(csv)
	m := rowMaker{d: d}
	err := d.writeUnitJSON(js, title, page, updated, figs, func(f *model.Figure, r FigureRow) {
		row := m.rowOf(f, &r)
		c.row(&row)
	})
	if e := c.Close(); err == nil {
		err = e
	}
	return err
}

// dataCSV writes DataRows as CSV (csvenc: as encoding/csv writes them),
// encoding once what rows repeat: the unit, place, indicator, period,
// kind, word counted and source, each kept for the last few of them (a
// unit's rows go back and forth between periods, kinds and sources).
type dataCSV struct {
	*csvenc.Writer
	num     []byte
	unit    recent[[3]string]
	place   recent[[2]string]
	ind     recent[[2]string]
	per     recent[[2]string]
	kind    recent[[2]string]
	counted recent[string]
	src     recent[[4]string]
}

// recent holds the encodings of the last few keys.
type recent[K comparable] struct {
	keys [6]K
	enc  [6][]byte
	n    int // keys held
	next int // the slot the next new key takes
}

// get is k's encoding, and whether it was there; when not, the emptied
// buffer to encode k into.
func (c *recent[K]) get(k K) (enc *[]byte, found bool) {
	for i := range c.n {
		if c.keys[i] == k { // compared cell by cell: a row never gets another's cells
			return &c.enc[i], true
		}
	}
	i := c.next
	c.next = (c.next + 1) % len(c.keys)
	c.n = max(c.n, i+1)
	c.keys[i], c.enc[i] = k, c.enc[i][:0]
	return &c.enc[i], false
}

// dataCSVs are the dataCSVs' encoded cells, reused from file to file (a
// site writes thousands of small chart CSVs).
var dataCSVs = sync.Pool{New: func() any { return new(dataCSV) }}

func newDataCSV(w io.Writer) *dataCSV {
	c := dataCSVs.Get().(*dataCSV)
	c.Writer = csvenc.NewWriter(w)
	c.Raw([]byte("\uFEFF")) // the byte-order mark, so that Excel reads UTF-8
	c.Record(dataColumns)
	return c
}

// Close flushes c and gives it back for the next file; c must not be
// used after.
func (c *dataCSV) Close() error {
	err := c.Writer.Close()
	c.Writer = nil
	c.unit.reset()
	c.place.reset()
	c.ind.reset()
	c.per.reset()
	c.kind.reset()
	c.counted.reset()
	c.src.reset()
	dataCSVs.Put(c)
	return err
}

// reset forgets the keys (and the strings they hold), keeping the buffers.
func (c *recent[K]) reset() {
	var zero K
	for i := range c.n {
		c.keys[i] = zero
	}
	c.n, c.next = 0, 0
}

// cells encodes cells as fields joined by commas into e.
func cells(e *[]byte, cells ...string) {
	for i, v := range cells {
		if i > 0 {
			*e = append(*e, ',')
		}
		*e = csvenc.AppendField(*e, v)
	}
}

func (c *dataCSV) row(r *DataRow) {
	e, ok := c.unit.get([3]string{r.UnitCode, r.UnitEra, r.UnitName})
	if !ok {
		cells(e, r.UnitCode, r.UnitEra, r.UnitName)
	}
	c.Encoded(*e)
	e, ok = c.place.get([2]string{r.PlaceID, r.PlaceName})
	if !ok {
		cells(e, r.PlaceID, r.PlaceName)
	}
	c.Encoded(*e)
	e, ok = c.ind.get([2]string{r.IndicatorID, r.IndicatorName})
	if !ok {
		cells(e, r.IndicatorID, r.IndicatorName)
	}
	c.Encoded(*e)
	e, ok = c.per.get([2]string{r.Period, r.PeriodLabel})
	if !ok {
		cells(e, r.Period, r.PeriodLabel)
	}
	c.Encoded(*e)
	e, ok = c.kind.get([2]string{r.Kind, r.KindLabel})
	if !ok {
		cells(e, r.Kind, r.KindLabel)
	}
	c.Encoded(*e)
	c.number(r.Value)
	c.Field(r.Qualifier)
	c.number(r.Numerator)
	c.number(r.Denominator)
	e, ok = c.counted.get(r.Counted)
	if !ok {
		cells(e, r.Counted)
	}
	c.Encoded(*e)
	c.Field(r.ValueText)
	if r.Suppressed {
		c.Encoded([]byte("true"))
	} else {
		c.Encoded([]byte("false"))
	}
	e, ok = c.src.get([4]string{r.SourceID, r.SourceTitle, r.SourcePublisher, r.SourceDate})
	if !ok {
		cells(e, r.SourceID, r.SourceTitle, r.SourcePublisher, r.SourceDate)
	}
	c.Encoded(*e)
	c.Field(r.Evidence)
	c.Field(r.Note)
	c.Field(r.LastChanged)
	c.Field(r.Permalink)
	c.End()
}

func (c *dataCSV) number(v *float64) {
	c.num = c.num[:0]
	if v != nil {
		c.num = appendPlain(c.num, *v)
	}
	c.Encoded(c.num) // digits, '-' and '.', NaN or ±Inf: never quoted
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

// writeDataJSON writes rows as the JSON download, byte for byte as
// encoding/json indents dataFile (two spaces, no HTML escaping), by
// appending to a buffer.
func writeDataJSON(w io.Writer, title, caption, page, updated string, rows []DataRow) error {
	j := newJSONWriter(w)
	defer j.release()
	field := func(indent, k string) {
		j.b = append(j.b, indent...)
		j.b = jsontext.AppendString(j.b, k)
		j.b = append(j.b, ':', ' ')
	}
	str := func(indent, k, v string) {
		field(indent, k)
		j.b = jsontext.AppendString(j.b, v)
	}
	num := func(indent, k string, v *float64) {
		field(indent, k)
		if v == nil {
			j.b = append(j.b, "null"...)
		} else {
			j.b = jsontext.AppendFloat(j.b, *v)
		}
	}
	str("{\n  ", "title", title)
	if caption != "" {
		str(",\n  ", "caption", caption)
	}
	str(",\n  ", "page", page)
	if updated != "" {
		str(",\n  ", "updated", updated)
	}
	str(",\n  ", "note", dataNote)
	field(",\n  ", "rows")
	if len(rows) == 0 {
		j.b = append(j.b, "[]"...)
	} else {
		j.b = append(j.b, '[')
		const in = ",\n      "
		for i := range rows {
			r := &rows[i]
			if i > 0 {
				j.b = append(j.b, ',')
			}
			str("\n    {\n      ", "unit_code", r.UnitCode)
			str(in, "unit_era", r.UnitEra)
			str(in, "unit_name", r.UnitName)
			str(in, "place_id", r.PlaceID)
			str(in, "place_name", r.PlaceName)
			str(in, "indicator_id", r.IndicatorID)
			str(in, "indicator_name", r.IndicatorName)
			str(in, "period", r.Period)
			str(in, "period_label", r.PeriodLabel)
			str(in, "kind", r.Kind)
			str(in, "kind_label", r.KindLabel)
			num(in, "value", r.Value)
			str(in, "qualifier", r.Qualifier)
			num(in, "numerator", r.Numerator)
			num(in, "denominator", r.Denominator)
			str(in, "counted", r.Counted)
			str(in, "value_text", r.ValueText)
			field(in, "suppressed")
			j.b = strconv.AppendBool(j.b, r.Suppressed)
			str(in, "source_id", r.SourceID)
			str(in, "source_title", r.SourceTitle)
			str(in, "source_publisher", r.SourcePublisher)
			str(in, "source_date", r.SourceDate)
			str(in, "evidence", r.Evidence)
			str(in, "note", r.Note)
			str(in, "last_changed", r.LastChanged)
			str(in, "permalink", r.Permalink)
			j.b = append(j.b, "\n    }"...)
			if err := j.flushIfFull(); err != nil {
				return fmt.Errorf("a download: %w", err)
			}
		}
		j.b = append(j.b, "\n  ]"...)
	}
	j.b = append(j.b, "\n}\n"...)
	if err := j.flush(); err != nil {
		return fmt.Errorf("a download: %w", err)
	}
	return nil
}
