package derive

import (
	"io"
	"sort"
	"sync"
	"time"

	"github.com/pcmt/pcmt/internal/jsontext"
	"github.com/pcmt/pcmt/internal/model"
	"github.com/pcmt/pcmt/internal/period"
	"github.com/pcmt/pcmt/internal/vntext"
)

// The unit page's JSON download: what the page shows of each figure, its
// history, and the parts of its citation. What many rows share is given
// once: the unit (as named then), its places, the kinds, the indicators
// and the sources; a row names them by id. static/js/cite.js puts a row's
// citation together from the parts exactly as citation (cite.go) does;
// nationally the rows' ready-made citations were 2 GB of downloads.
const unitNote = "Số liệu tổng hợp, không có thông tin cá nhân. Đơn vị (unit), địa điểm (places), loại số liệu (kinds), chỉ số (indicators) và nguồn (sources) ghi một lần; mỗi dòng (rows) dẫn mã của chúng. " +
	"Địa chỉ của một số liệu: page + \"#\" + anchor. value: số dùng để vẽ (phân số tính ra %); suppressed = true: số nhỏ không được công bố (value để trống). " +
	"Trích dẫn một dòng: <unit.then, hoặc places[place_id] + \", \" + unit.then>: <tên chỉ số>, <period_label viết thường chữ đầu> (<kinds[kind].label viết thường chữ đầu>): <value_text>. Nguồn: <sources[source].cite.vi>. " +
	"Nếu có last_changed: thêm \"Số liệu cập nhật lần cuối ngày <last_changed_text>.\"; tiếng Anh dùng name_en, period_en, kinds[kind].en, value_en, cite.en, last_changed_en. Thêm tên trang và địa chỉ khi dẫn."

// writeUnitJSON writes the unit page's JSON download of figs, each as its
// row on the page (figureRow, GroupRows), by appending to a buffer: encoding/json's
// reflection was most of the cost of writing them (14 s of CPU
// nationally). The history of each row is made here and dropped with it.
// also, when set, is given each row as it is made (writeUnitFiles; a
// copy, so that the row stays off the heap), with what the downloads say
// of it (unitRow).
func (d *deriver) writeUnitJSON(w io.Writer, title, page, updated string, figs []*model.Figure, also func(*model.Figure, FigureRow)) error {
	if len(figs) == 0 {
		return nil
	}
	d.prepareRows()
	unit := figs[0].Unit // a page's figures are all of its unit
	then, ok := d.unitsThen[unit]
	if !ok {
		then = unit.Code
	}
	var inds, srcs, places, kinds []string
	seen := [4]map[string]bool{{}, {}, {}, {}}
	add := func(n int, list *[]string, id string) {
		if id != "" && !seen[n][id] {
			seen[n][id] = true
			*list = append(*list, id)
		}
	}
	var last [4]string // consecutive figures mostly share them: no map asked
	for _, f := range figs {
		if f.Indicator != last[0] {
			last[0] = f.Indicator
			add(0, &inds, f.Indicator)
		}
		if f.Source != last[1] {
			last[1] = f.Source
			add(1, &srcs, f.Source)
		}
		if f.Place != last[2] {
			last[2] = f.Place
			add(2, &places, f.Place)
		}
		if string(f.Kind) != last[3] {
			last[3] = string(f.Kind)
			add(3, &kinds, string(f.Kind))
		}
	}
	for _, l := range [][]string{inds, srcs, places, kinds} {
		sort.Strings(l)
	}

	j := newJSONWriter(w)
	defer j.release()
	j.open('{')
	j.str("title", title)
	j.str("page", page)
	j.strOmit("updated", updated)
	j.str("note", unitNote)
	j.key("unit")
	j.open('{')
	j.str("code", unit.Code)
	j.str("era", string(unit.Era))
	j.str("then", then) // as named when published, with the units above it
	j.close('}')
	if len(places) > 0 {
		j.key("places")
		j.open('{')
		for _, id := range places {
			j.str(id, d.ds.Places[id].Name)
		}
		j.close('}')
	}
	j.key("kinds")
	j.open('{')
	for _, k := range kinds {
		j.key(k)
		j.open('{')
		j.str("label", kindLabel[model.Kind(k)])
		j.str("en", kindEN[model.Kind(k)])
		j.close('}')
	}
	j.close('}')
	j.key("indicators")
	j.open('{')
	for _, id := range inds {
		ind := d.ds.Indicators[id]
		j.key(id)
		j.open('{')
		j.str("name", ind.Name)
		j.strOmit("name_en", ind.NameEn)
		j.str("measure", string(ind.Measure))
		j.str("counted", ind.Counted)
		j.str("page", "/chi-so/"+id+"/")
		j.close('}')
	}
	j.close('}')
	j.key("sources")
	j.open('{')
	for _, id := range srcs {
		src := d.ds.Sources[id]
		pub := src.Publisher
		if pub == "" {
			pub = "Không ghi rõ" // as the sources box says it
		}
		date := src.Date.Format("2006-01-02")
		if src.DateMonth {
			date = src.Date.Format("2006-01")
		}
		vi, en := sourceCitation(src)
		j.key(id)
		j.open('{')
		j.str("title", src.Title)
		j.str("kind", string(src.Kind))
		j.str("kind_label", sourceKindLabel[src.Kind])
		j.str("publisher", pub)
		j.str("date", date)
		j.str("date_text", sourceDate(src))
		j.str("date_en", sourceDateEN(src))
		j.strOmit("original", src.URL)
		j.str("page", "/nguon/"+id+"/")
		j.key("cite")
		j.open('{')
		j.str("vi", vi)
		j.str("en", en)
		j.close('}')
		j.close('}')
	}
	j.close('}')
	j.key("rows")
	j.open('[')
	parts := unitRowParts{}
	for _, f := range figs {
		row := d.unitRow(f, &parts)
		r := &row
		if also != nil {
			also(f, row)
		}
		ind := parts.ind
		j.elem()
		j.b = append(j.b, `{"anchor":`...)
		j.b = jsontext.AppendString(j.b, r.Anchor)
		if f.Place != "" {
			j.b = append(j.b, `,"place_id":`...)
			j.b = jsontext.AppendString(j.b, f.Place)
		}
		j.b = append(j.b, parts.indicator(f.Indicator)...)
		j.b = append(j.b, parts.period(f.Period, r.Period, r.PeriodLabel)...)
		j.b = append(j.b, parts.kind(r.Kind)...)
		if r.Value == nil {
			j.b = append(j.b, `,"value":null`...)
		} else {
			j.b = append(j.b, `,"value":`...)
			j.b = jsontext.AppendFloat(j.b, *r.Value)
		}
		if r.Value != nil && !r.Suppressed { // a withheld figure has no fraction or qualifier either
			if f.Qualifier != "" {
				j.b = append(j.b, `,"qualifier":`...)
				j.b = jsontext.AppendString(j.b, string(f.Qualifier))
			}
			if f.Numerator != nil {
				j.b = append(j.b, `,"numerator":`...)
				j.b = jsontext.AppendFloat(j.b, *f.Numerator)
			}
			if f.Denominator != nil {
				j.b = append(j.b, `,"denominator":`...)
				j.b = jsontext.AppendFloat(j.b, *f.Denominator)
			}
		}
		j.b = append(j.b, `,"value_text":`...)
		j.b = jsontext.AppendString(j.b, r.ValueText)
		parts.scratch = appendValueEN(parts.scratch[:0], f, ind)
		j.b = append(j.b, `,"value_en":`...)
		j.b = jsontext.AppendString(j.b, parts.scratch)
		if r.Suppressed {
			j.b = append(j.b, `,"suppressed":true`...)
		}
		j.strOmit("note", r.Note)
		j.strOmit("discrepancy", r.Discrepancy)
		if r.Progress != "" {
			j.b = append(j.b, `,"progress":`...)
			j.b = jsontext.AppendString(j.b, r.Progress)
		}
		j.b = append(j.b, parts.source(f.Source)...)
		if r.Evidence != "" {
			j.b = append(j.b, `,"evidence":`...)
			j.b = jsontext.AppendString(j.b, r.Evidence)
		}
		if r.LastChanged != "" {
			t, _ := time.Parse(time.DateOnly, r.LastChanged)
			j.str("last_changed", r.LastChanged)
			j.str("last_changed_text", vntext.FormatDate(t))
			j.str("last_changed_en", dateEN(t))
		}
		// What the parts above do not say: only when it is not the usual,
		// which a figure of the page's unit always is (unitThen).
		if f.Unit != unit {
			want := then
			if f.Place != "" && ok {
				want = d.ds.Places[f.Place].Name + ", " + then
			}
			if t := d.unitThen(f); t != want {
				j.str("unit_then", t)
			}
		}
		if p := r.Permalink; len(p) != len(page)+1+len(r.Anchor) || p[:len(page)] != page || p[len(page)] != '#' || p[len(page)+1:] != r.Anchor { // not page#anchor
			j.str("permalink", r.Permalink)
		}
		if h := d.historyEntries(f); len(h) > 0 {
			j.key("history")
			j.open('[')
			for _, e := range h {
				j.elem()
				j.open('{')
				j.str("id", e.ID)
				j.str("date", e.Date)
				j.str("date_text", e.DateText)
				j.str("action", e.Action)
				j.str("label", e.Label)
				j.strOmit("old", e.Old)
				j.strOmit("new", e.New)
				j.strOmit("reason", e.Reason)
				j.close('}')
			}
			j.close(']')
		}
		j.close('}')
		if err := j.flushIfFull(); err != nil {
			return err
		}
	}
	j.close(']')
	j.close('}')
	j.b = append(j.b, '\n')
	return j.flush()
}

// unitRowParts are the parts of a unit's JSON rows that many rows share,
// each encoded once (a comma, its key and its quoted value): a unit's
// rows have a few indicators, periods, kinds and sources. Consecutive rows
// mostly share them, so the last one is checked before the map.
type unitRowParts struct {
	inds, srcs, kinds lastParts[string]
	pers              lastParts[period.Period]
	scratch           []byte // a row's value_en before it is quoted
	// What unitRow looked up for the row before: its indicator, period,
	// kind and unit.
	indID, counted    string
	ind               *model.Indicator
	per               period.Period
	perStr, perLabel  string
	rowKind           model.Kind
	kindLabel         string
	unit              model.UnitKey
	pages             unitPages
	havePer, haveUnit bool
}

// unitRow is figureRow(f) as the downloads of f's unit page say it: not
// the unit's name and link, nor the source's link and cite, which they
// give otherwise; what rows of one indicator, period, kind or unit share
// is looked up once (p). TestUnitDownloadsMatchReference holds it to
// figureRow.
func (d *deriver) unitRow(f *model.Figure, p *unitRowParts) FigureRow {
	if p.ind == nil || p.indID != f.Indicator {
		p.indID, p.ind = f.Indicator, d.ds.Indicators[f.Indicator]
		p.counted = p.ind.Counted
		if p.ind.Measure != model.Count {
			p.counted = "%"
		}
	}
	i, ok := d.ds.FigureAt(f)
	if !ok || d.rows == nil {
		return d.figureRow(f)
	}
	s := &d.rows[i]
	if !p.havePer || p.per != f.Period {
		p.per, p.perStr, p.perLabel, p.havePer = f.Period, f.Period.String(), f.Period.Label(), true
	}
	if p.kindLabel == "" || p.rowKind != f.Kind {
		p.rowKind, p.kindLabel = f.Kind, kindLabel[f.Kind]
	}
	if !p.haveUnit || p.unit != f.Unit {
		p.unit, p.pages, p.haveUnit = f.Unit, d.unitPages[f.Unit], true
	}
	// baseRow's
	r := FigureRow{Indicator: Link{Name: p.ind.Name}, Period: p.perStr, PeriodLabel: p.perLabel, Kind: string(f.Kind), KindLabel: p.kindLabel,
		Missing: f.Missing(), Counted: p.counted, Note: f.Note, Evidence: f.Evidence}
	if f.Withheld != "" { // disclosure.go
		r.Suppressed, r.Missing = true, false
	}
	r.Discrepancy = d.discrepancy[f]
	if v, ok := f.Share(); ok {
		r.Value = &v
	}
	// row's
	page := p.pages.page
	if f.Place == "" && p.pages.earlier != "" && f.Period.End().Year() < p.pages.latest {
		page = p.pages.earlier
	}
	r.Unit.URL, r.Anchor = rowLink(page, f, s.sourced)
	r.Permalink = r.Unit.URL
	r.ValueText, r.Progress = s.valueText, s.progress
	if h := s.history; h != nil {
		r.Added, r.LastChanged, r.CorrectedText, r.CorrectedURL = h.added, h.lastChanged, h.correctedText, h.correctedURL
	}
	return r
}

// lastParts is a cache of encoded parts by key, the last one asked first.
type lastParts[K comparable] struct {
	last    K
	lastEnc []byte
	m       map[K][]byte
}

func (c *lastParts[K]) get(k K, encode func() []byte) []byte {
	if c.lastEnc != nil && c.last == k {
		return c.lastEnc
	}
	enc, ok := c.m[k]
	if !ok {
		if c.m == nil {
			c.m = map[K][]byte{}
		}
		enc = encode()
		c.m[k] = enc
	}
	c.last, c.lastEnc = k, enc
	return enc
}

func (p *unitRowParts) indicator(id string) []byte {
	return p.inds.get(id, func() []byte { return jsontext.AppendString([]byte(`,"indicator":`), id) })
}

func (p *unitRowParts) source(id string) []byte {
	return p.srcs.get(id, func() []byte { return jsontext.AppendString([]byte(`,"source":`), id) })
}

func (p *unitRowParts) kind(k string) []byte {
	return p.kinds.get(k, func() []byte { return jsontext.AppendString([]byte(`,"kind":`), k) })
}

// period is a period's three parts: its ISO form (str), its label and its
// English label.
func (p *unitRowParts) period(per period.Period, str, label string) []byte {
	return p.pers.get(per, func() []byte {
		b := jsontext.AppendString([]byte(`,"period":`), str)
		b = jsontext.AppendString(append(b, `,"period_label":`...), label)
		return jsontext.AppendString(append(b, `,"period_en":`...), periodEN(per))
	})
}

// sourceCitation is how a citation names src, after "Nguồn: " and
// "Source: ": publisher, title and date.
func sourceCitation(src *model.Source) (vi, en string) {
	pub, pubEN := src.Publisher, src.Publisher
	if pub == "" {
		pub, pubEN = "Không ghi rõ cơ quan đăng", "publisher not stated"
	}
	return pub + ", “" + src.Title + "”, " + sourceDate(src), pubEN + ", “" + src.Title + "”, " + sourceDateEN(src)
}

// jsonWriter appends JSON to a buffer, writing it out in large pieces;
// strings and numbers are written as encoding/json writes them (with
// SetEscapeHTML(false)), keys are plain ASCII.
type jsonWriter struct {
	w     io.Writer
	b     []byte
	first bool // nothing yet in the object or array just opened
	err   error
}

// jsonBuffers are the jsonWriters' buffers, reused from file to file.
var jsonBuffers = sync.Pool{New: func() any { b := make([]byte, 0, 64<<10); return &b }}

func newJSONWriter(w io.Writer) *jsonWriter {
	return &jsonWriter{w: w, b: (*jsonBuffers.Get().(*[]byte))[:0]}
}

// release gives j's buffer back, once j has been flushed.
func (j *jsonWriter) release() {
	if cap(j.b) <= 256<<10 {
		b := j.b[:0]
		jsonBuffers.Put(&b)
	}
	j.b = nil
}

func (j *jsonWriter) open(c byte)  { j.b = append(j.b, c); j.first = true }
func (j *jsonWriter) close(c byte) { j.b = append(j.b, c); j.first = false }

// elem starts an element of an array.
func (j *jsonWriter) elem() {
	if !j.first {
		j.b = append(j.b, ',')
	}
	j.first = false
}

func (j *jsonWriter) key(k string) {
	j.elem()
	j.b = jsontext.AppendString(j.b, k)
	j.b = append(j.b, ':')
}

func (j *jsonWriter) str(k, v string) {
	j.key(k)
	j.b = jsontext.AppendString(j.b, v)
}

func (j *jsonWriter) strOmit(k, v string) {
	if v != "" {
		j.str(k, v)
	}
}

func (j *jsonWriter) num(k string, v *float64) {
	if v != nil {
		j.key(k)
		j.b = jsontext.AppendFloat(j.b, *v)
	}
}

func (j *jsonWriter) flushIfFull() error {
	if len(j.b) < 48<<10 {
		return nil
	}
	return j.flush()
}

func (j *jsonWriter) flush() error {
	_, err := j.w.Write(j.b)
	j.b = j.b[:0]
	return err
}
