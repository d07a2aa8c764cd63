package derive

import (
	"fmt"
	"strings"
	"time"

	"github.com/pcmt/pcmt/internal/model"
	"github.com/pcmt/pcmt/internal/vntext"
)

// FeedEntry is one day of changes to the figures, for the Atom feed
// (internal/sitegen writes it): what was added, corrected or withdrawn
// that day, and why.
type FeedEntry struct {
	Date  time.Time
	Title string   // "25/11/2026: thêm 63 số liệu, sửa 1 số liệu"
	Lines []string // one a change, "Sửa: Người nghiện có hồ sơ quản lý, Tỉnh Tuyên Quang, tính đến 31/12/2022: 986 → 968. Lý do: ..."
	URL   string   // site-relative: the changelog page
	ID    string   // site-relative, stable: the changelog page and the day
}

// feedLines is how many changes an entry lists before it counts the rest.
const feedLines = 40

var actionWord = map[model.Action]string{model.Added: "thêm", model.Corrected: "sửa", model.Withdrawn: "rút"}

// feed groups the ledger by day, newest first.
func (d *deriver) feed() []FeedEntry {
	if d.ds.Changes == nil {
		return nil
	}
	byID := map[model.FigureID]*model.Figure{}
	for _, f := range d.ds.Figures {
		byID[f.ID()] = f
	}
	var out []FeedEntry
	for i := len(d.ds.Changes) - 1; i >= 0; {
		day := d.ds.Changes[i].Date
		var list []*model.Change
		for ; i >= 0 && d.ds.Changes[i].Date.Equal(day); i-- {
			list = append([]*model.Change{d.ds.Changes[i]}, list...) // file order within the day
		}
		e := FeedEntry{Date: day, URL: "/cap-nhat/", ID: "/cap-nhat/#ngay-" + day.Format(time.DateOnly)}
		counts := map[model.Action]int{}
		for n, c := range list {
			counts[c.Action]++
			if n < feedLines {
				e.Lines = append(e.Lines, d.changeLine(c, byID[c.Figure]))
			}
		}
		if len(list) > feedLines {
			e.Lines = append(e.Lines, fmt.Sprintf("… và %s thay đổi khác: xem trang Nhật ký cập nhật.", vntext.FormatNumber(float64(len(list)-feedLines))))
		}
		var parts []string
		for _, a := range []model.Action{model.Added, model.Corrected, model.Withdrawn} {
			if counts[a] > 0 {
				parts = append(parts, actionWord[a]+" "+vntext.FormatNumber(float64(counts[a]))+" số liệu")
			}
		}
		e.Title = "Cập nhật " + vntext.FormatDate(day) + ": " + strings.Join(parts, ", ")
		out = append(out, e)
	}
	return out
}

// changeLine says one change in words; a withheld figure's values are not
// printed.
func (d *deriver) changeLine(c *model.Change, f *model.Figure) string {
	where := c.Figure.Unit
	if u := d.ds.Units[c.UnitKey]; u != nil {
		where = u.FullName
	}
	if pl := d.ds.Places[c.Place]; pl != nil {
		where = pl.Name + " (" + where + ")"
	}
	ind := c.Figure.Indicator
	if in := d.ds.Indicators[ind]; in != nil {
		ind = in.Name
	}
	s := strings.ToUpper(actionWord[c.Action][:1]) + actionWord[c.Action][1:] + ": " + ind + ", " + where + ", " + lowerFirst(c.Period.Label()) +
		" (" + kindLabel[c.Figure.Kind] + ")"
	hidden := f != nil && suppressed(d.figureRow(f))
	switch {
	case hidden:
	case c.Action == model.Added && c.New != "":
		s += ": " + recordedText(c.New)
	case c.Action == model.Corrected:
		s += ": " + recordedText(c.Old) + " → " + recordedText(c.New)
	case c.Action == model.Withdrawn && c.Old != "":
		s += " (giá trị cũ " + recordedText(c.Old) + ")"
	}
	if c.Reason != "" {
		s += ". Lý do: " + c.Reason
	}
	return s + "."
}

// recordedText writes a value as the ledger records it (">80", "31/31",
// "1100") the way pages write numbers ("trên 80", "31/31", "1.100").
func recordedText(s string) string {
	if s == "" {
		return "không có số"
	}
	// Longest signs first: ">=" before ">".
	for _, q := range []model.Qualifier{model.GE, model.LE, model.GT, model.LT, model.Approx} {
		if sign := model.QualifierSign[q]; strings.HasPrefix(s, sign) {
			return qualWord[q] + " " + recordedText(strings.TrimPrefix(s, sign))
		}
	}
	if share, _, ok := strings.Cut(s, "="); ok {
		s = share // "31/31=100": the fraction is enough
	}
	parts := strings.Split(s, "/")
	for i, p := range parts {
		if v, err := vntext.ParseNumber(p); err == nil {
			parts[i] = vntext.FormatNumber(v)
		}
	}
	return strings.Join(parts, "/")
}
