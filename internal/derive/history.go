package derive

import (
	"strings"
	"time"

	"github.com/pcmt/pcmt/internal/model"
	"github.com/pcmt/pcmt/internal/vntext"
)

// The history of figures, from the ledger data/changes.csv (model.Change):
// what each figure row says of its own changes, the changelog page
// (/cap-nhat/) and the "Cập nhật lần cuối" date of every page. Dates come
// from the ledger only, never from the clock, so builds stay identical.

// ChangelogPath is the changelog page (Nhật ký cập nhật).
const ChangelogPath = "cap-nhat"

// HistoryEntry is one change of one figure, as its row shows it.
type HistoryEntry struct {
	ID       string `json:"id"`        // the entry's anchor on the changelog page
	Date     string `json:"date"`      // ISO
	DateText string `json:"date_text"` // 03/02/2027
	Action   string `json:"action"`    // added | corrected | withdrawn
	Label    string `json:"label"`     // Thêm | Sửa | Rút
	Old      string `json:"old,omitempty"`
	New      string `json:"new,omitempty"` // as the page prints a value: "986 người"; "" when withheld
	Reason   string `json:"reason,omitempty"`
}

// Updated is the date of the newest change of what a page shows.
type Updated struct {
	Date string `json:"date"` // ISO
	Text string `json:"text"` // 25/11/2026
}

// ChangelogView is the changelog page: "Ngày cập nhật | Nội dung".
type ChangelogView struct {
	Updated Updated          `json:"updated"`
	Entries []ChangelogEntry `json:"entries"` // newest first
}

// ChangelogEntry is one line of the changelog: the figures one source
// added on one day, or one correction or withdrawal.
type ChangelogEntry struct {
	ID       string `json:"id"`
	Date     string `json:"date"`
	DateText string `json:"date_text"`
	Action   string `json:"action"`
	Label    string `json:"label"` // Thêm số liệu | Sửa số liệu | Rút số liệu
	Text     string `json:"text"`
	Reason   string `json:"reason,omitempty"`
	Source   Link   `json:"source"`
	Figures  []Link `json:"figures"` // each figure concerned, linked to its row on its unit page
}

var actionLabel = map[model.Action]string{model.Added: "Thêm", model.Corrected: "Sửa", model.Withdrawn: "Rút"}

// historyOf returns the ledger rows of a figure, in date order.
func (d *deriver) historyOf(id model.FigureID) []*model.Change {
	if d.history == nil {
		d.history = map[model.FigureID][]*model.Change{}
		for _, c := range d.ds.Changes {
			d.history[c.Figure] = append(d.history[c.Figure], c)
		}
	}
	return d.history[id]
}

// addHistory fills what a figure row shows of its history: when it was
// added and last changed, and its last correction.
func (d *deriver) addHistory(r *FigureRow, f *model.Figure) {
	hs := d.historyOf(f.ID())
	if len(hs) == 0 {
		return
	}
	r.Added = hs[0].Date.Format(time.DateOnly)
	r.LastChanged = hs[len(hs)-1].Date.Format(time.DateOnly)
	for _, c := range hs {
		if c.Action == model.Corrected {
			r.CorrectedText = "đã sửa ngày " + vntext.FormatDate(c.Date)
			r.CorrectedURL = "/" + ChangelogPath + "/#" + changeID(c)
		}
	}
}

// historyEntries is a figure's history from the ledger, as the unit's
// download gives it (citable.go); made when the download is written.
func (d *deriver) historyEntries(f *model.Figure) []HistoryEntry {
	hs := d.historyOf(f.ID())
	if len(hs) == 0 {
		return nil
	}
	ind := d.ds.Indicators[f.Indicator]
	out := make([]HistoryEntry, 0, len(hs))
	for _, c := range hs {
		e := HistoryEntry{ID: changeID(c), Date: c.Date.Format(time.DateOnly), DateText: vntext.FormatDate(c.Date),
			Action: string(c.Action), Label: actionLabel[c.Action], Reason: c.Reason}
		if f.Withheld == "" { // a withheld figure's past values are withheld too
			e.Old, e.New = d.shownValue(f, c.Old, ind), d.shownValue(f, c.New, ind)
		}
		out = append(out, e)
	}
	return out
}

// shownValue is a recorded value as a page prints it, or "dưới N" when it
// is a count too small to publish (a correction must not reveal what
// disclosure control hides).
func (d *deriver) shownValue(f *model.Figure, rec string, ind *model.Indicator) string {
	if rec == "" {
		return ""
	}
	q, v, n, den, err := model.ParseRecorded(rec)
	if err != nil {
		return ""
	}
	tmp := *f
	tmp.Qualifier, tmp.Value, tmp.Numerator, tmp.Denominator, tmp.Withheld = q, v, n, den, ""
	if protected(d.ds, &tmp) {
		if s, _ := tmp.Share(); s > 0 && s < float64(threshold(d.ds, &tmp, d.cfg)) {
			return "dưới " + vntext.FormatInt(int64(threshold(d.ds, &tmp, d.cfg))) + " " + ind.Counted
		}
	}
	return valueText(&tmp, ind)
}

// changeID is a ledger row's anchor on the changelog page: from what the
// change is, so it survives new rows.
func changeID(c *model.Change) string {
	id := c.Figure
	return "c-" + c.Date.Format(time.DateOnly) + "-" + string(c.Action) + "-" + id.Unit + "-" + id.Indicator + "-" +
		strings.ReplaceAll(id.Period, "/", "-") + "-" + string(id.Kind) + "-" + id.Source
}

// lastChange is the newest ledger date of the figures with these ids.
func (d *deriver) lastChange(ids map[model.FigureID]bool) Updated {
	var t time.Time
	for id := range ids {
		for _, c := range d.historyOf(id) {
			if c.Date.After(t) {
				t = c.Date
			}
		}
	}
	return updated(t)
}

func updated(t time.Time) Updated {
	if t.IsZero() {
		return Updated{}
	}
	return Updated{Date: t.Format(time.DateOnly), Text: vntext.FormatDate(t)}
}

// changelog builds the changelog page and the site's last update.
func (d *deriver) changelog() (ChangelogView, Updated) {
	var v ChangelogView
	if len(d.ds.Changes) == 0 {
		return v, Updated{}
	}
	byID := map[model.FigureID]*model.Figure{}
	for _, f := range d.ds.Figures {
		byID[f.ID()] = f
	}
	v.Updated = updated(d.ds.Changes[len(d.ds.Changes)-1].Date)
	for _, c := range d.ds.Changes {
		src := d.ds.Sources[c.Figure.Source]
		ind := d.ds.Indicators[c.Figure.Indicator]
		srcLink := Link{Name: src.Title + " (" + sourceCite(src) + ")", URL: "/nguon/" + src.ID + "/"}
		f := byID[c.Figure]
		live := f != nil
		if f == nil { // withdrawn: what the figure was, without a value
			f = &model.Figure{Unit: c.UnitKey, Place: c.Place, Indicator: c.Figure.Indicator, Period: c.Period, Kind: c.Figure.Kind, Source: c.Figure.Source}
		}
		name := d.figureName(f)
		link := Link{Name: name}
		if live {
			r := d.figureRow(f)
			link = Link{Name: name + ": " + r.ValueText, URL: r.Unit.URL}
		}
		date := c.Date.Format(time.DateOnly)
		if c.Action == model.Added {
			if n := len(v.Entries); n > 0 {
				last := &v.Entries[n-1]
				if last.Action == string(model.Added) && last.Date == date && last.Source.URL == srcLink.URL && last.Reason == c.Reason {
					last.Figures = append(last.Figures, link)
					last.Text = addedText(len(last.Figures), src)
					continue
				}
			}
			v.Entries = append(v.Entries, ChangelogEntry{ID: "c-" + date + "-added-" + src.ID, Date: date, DateText: vntext.FormatDate(c.Date),
				Action: string(c.Action), Label: "Thêm số liệu", Text: addedText(1, src), Reason: c.Reason, Source: srcLink, Figures: []Link{link}})
			continue
		}
		e := ChangelogEntry{ID: changeID(c), Date: date, DateText: vntext.FormatDate(c.Date), Action: string(c.Action), Reason: c.Reason,
			Source: srcLink, Figures: []Link{link}}
		hidden := live && f.Withheld != ""
		switch c.Action {
		case model.Corrected:
			e.Label = "Sửa số liệu"
			e.Text = name + "."
			if !hidden {
				e.Text = name + ": " + d.shownValue(f, c.Old, ind) + " → " + d.shownValue(f, c.New, ind) + "."
			}
		case model.Withdrawn:
			e.Label = "Rút số liệu"
			e.Text = name + ": không còn đăng trên trang."
			e.Figures = nil
		}
		v.Entries = append(v.Entries, e)
	}
	// Newest first; the ledger is in date order, so reversing keeps each
	// day's own order.
	for i, j := 0, len(v.Entries)-1; i < j; i, j = i+1, j-1 {
		v.Entries[i], v.Entries[j] = v.Entries[j], v.Entries[i]
	}
	return v, v.Updated
}

func addedText(n int, src *model.Source) string {
	return "Thêm " + vntext.FormatNumber(float64(n)) + " số liệu lấy từ “" + src.Title + "” (" + sourceCite(src) + ")."
}

// figureName says which figure it is, in words: "Huyện Sơn Dương (Tỉnh
// Tuyên Quang) — Người nghiện có hồ sơ quản lý, tính đến 31/12/2022 (số
// liệu nền)".
func (d *deriver) figureName(f *model.Figure) string {
	return d.unitThen(f) + " — " + d.ds.Indicators[f.Indicator].Name + ", " + lowerFirst(f.Period.Label()) + " (" + lowerFirst(kindLabel[f.Kind]) + ")"
}

// unitThen names a figure's unit as it was named when the figure was
// published, with the units above it: "Huyện Sơn Dương (Tỉnh Tuyên Quang)".
func (d *deriver) unitThen(f *model.Figure) string {
	d.prepareRows() // each unit's name is made once (views.go)
	name, ok := d.unitsThen[f.Unit]
	if !ok {
		return f.Unit.Code
	}
	if f.Place != "" {
		name = d.ds.Places[f.Place].Name + ", " + name
	}
	return name
}

// unitThenOf is u's full name with the units above it.
func unitThenOf(ds *model.Dataset, u *model.Unit) string {
	name := u.FullName
	var up []string
	for _, a := range ds.Ancestors(u) {
		up = append([]string{a.FullName}, up...)
	}
	if len(up) > 0 {
		name += " (" + strings.Join(up, ", ") + ")"
	}
	return name
}

// addUnitLastUpdated sets "Cập nhật lần cuối" on a unit page: the newest
// change of a figure the page shows, its withdrawn figures too (unitPage).
func (d *deriver) addUnitLastUpdated(v *UnitView) {
	if len(d.ds.Changes) == 0 {
		return
	}
	set := map[model.FigureID]bool{}
	for _, f := range d.byUnit[unitKeyOf(*v)] {
		set[f.ID()] = true
	}
	for _, pl := range v.Places {
		for _, f := range d.byPlace[pl.ID] {
			set[f.ID()] = true
		}
	}
	for _, c := range d.withdrawn[unitKeyOf(*v)] {
		set[c.Figure] = true
	}
	v.LastUpdated = d.lastChange(set)
}

// addLastUpdated sets "Cập nhật lần cuối" on the indicator and source
// pages: the newest change of a figure the page shows (unit pages:
// addUnitLastUpdated).
func (d *deriver) addLastUpdated(site *Site) {
	if len(d.ds.Changes) == 0 {
		return
	}
	for i, p := range site.Indicators {
		v, ok := p.View.(IndicatorView)
		if !ok {
			continue
		}
		set := map[model.FigureID]bool{}
		for _, f := range d.index().byIndicator[v.ID] {
			set[f.ID()] = true
		}
		v.LastUpdated = d.lastChange(set)
		site.Indicators[i].View = v
	}
	for i, p := range site.Sources {
		v, ok := p.View.(SourceView)
		if !ok {
			continue
		}
		set := map[model.FigureID]bool{}
		for _, f := range d.index().bySource[v.ID] {
			set[f.ID()] = true
		}
		v.LastUpdated = d.lastChange(set)
		site.Sources[i].View = v
		site.SourceData[v.ID] = v
	}
}

// unitKeyOf is the key of the unit a unit view is about.
func unitKeyOf(v UnitView) model.UnitKey {
	era := model.Era2025
	if v.EraLabel == eraLabel(model.Era2022) {
		era = model.Era2022
	}
	return model.UnitKey{Code: v.Code, Era: era}
}
