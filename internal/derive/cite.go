package derive

import (
	"strings"
	"time"

	"github.com/pcmt/pcmt/internal/model"
	"github.com/pcmt/pcmt/internal/period"
	"github.com/pcmt/pcmt/internal/vntext"
)

// Citation is a figure's "Trích dẫn": ready to paste, in Vietnamese and in
// English. The page adds the site's name and the figure's full address
// (URL) after the text, since only the page knows the host it is served
// from.
type Citation struct {
	VI  string `json:"vi"`
	EN  string `json:"en"`
	URL string `json:"url"` // site-relative: /don-vi/<unit>/#<anchor>
}

// SourceBox is where a figure comes from, for its sources box, beside
// what the row already says (its source link, period, kind and evidence);
// a unit page adds its own "now" sentence (UnitView.Now).
type SourceBox struct {
	KindLabel string `json:"kind_label"` // Bài báo | Văn bản kế hoạch
	Publisher string `json:"publisher"`  // "Không ghi rõ" when the document does not say
	Date      string `json:"date"`       // 15/03/2023, or 02/2024
	Original  string `json:"original,omitempty"`
	UnitThen  string `json:"unit_then"` // the unit as named when published, with the units above it
}

// sourceBox is where f comes from, as its sources box says it.
func (d *deriver) sourceBox(f *model.Figure) SourceBox {
	src := d.ds.Sources[f.Source]
	box := SourceBox{Publisher: src.Publisher, Date: sourceDate(src), Original: src.URL, UnitThen: d.unitThen(f)}
	if box.Publisher == "" {
		box.Publisher = "Không ghi rõ"
	}
	box.KindLabel = sourceKindLabel[src.Kind]
	return box
}

var sourceKindLabel = map[model.SourceKind]string{model.News: "Bài báo", model.Plan: "Văn bản kế hoạch"}

// citation is the "Trích dẫn" of f, whose row (figureRow) is r. It reads
// the value from the row, which disclosure control has already made safe.
// It is made when the unit's download is written (citable.go), not kept
// in every row: nationally two million rows' citations were gigabytes.
func (d *deriver) citation(r *FigureRow, f *model.Figure, then string) Citation {
	ind := d.ds.Indicators[f.Indicator]
	src := d.ds.Sources[f.Source]
	pub := src.Publisher
	if pub == "" {
		pub = "Không ghi rõ cơ quan đăng"
	}
	vi := then + ": " + ind.Name + ", " + lowerFirst(f.Period.Label()) + " (" + lowerFirst(kindLabel[f.Kind]) + "): " + r.ValueText + ". " +
		"Nguồn: " + pub + ", “" + src.Title + "”, " + sourceDate(src) + "."
	valueEN := valueEN(f, ind)
	nameEN := ind.NameEn
	if nameEN == "" {
		nameEN = ind.Name
	}
	pubEN := src.Publisher
	if pubEN == "" {
		pubEN = "publisher not stated"
	}
	en := then + ": " + nameEN + ", " + periodEN(f.Period) + " (" + kindEN[f.Kind] + "): " + valueEN + ". " +
		"Source: " + pubEN + ", “" + src.Title + "”, " + sourceDateEN(src) + "."
	if r.LastChanged != "" {
		t, _ := time.Parse(time.DateOnly, r.LastChanged)
		vi += " Số liệu cập nhật lần cuối ngày " + vntext.FormatDate(t) + "."
		en += " Figure last changed on " + dateEN(t) + "."
	}
	return Citation{VI: vi, EN: en, URL: r.Permalink}
}

// valueEN is the value of f as its English citation
// says it: the figure's when disclosure control changed nothing, else
// what was withheld.
func valueEN(f *model.Figure, ind *model.Indicator) string {
	switch {
	case f.Withheld == "":
		return englishValue(f, ind)
	case strings.HasPrefix(f.Withheld, "dưới "):
		return "fewer than " + strings.TrimPrefix(f.Withheld, "dưới ") + " (withheld to protect privacy)"
	}
	return "withheld to protect a small count"
}

// pageCitation is a unit page's own citation: the unit, what the page
// holds and its last update; the page adds the site's name and address.
func (d *deriver) pageCitation(v UnitView, url string) *Citation {
	name := v.FullName
	if u := d.ds.Units[unitKeyOf(v)]; u != nil {
		var up []string
		for _, a := range d.ds.Ancestors(u) {
			up = append([]string{a.FullName}, up...)
		}
		if len(up) > 0 {
			name += " (" + strings.Join(up, ", ") + ")"
		}
	}
	if v.Now != "" {
		name += ", đơn vị hành chính trước 01/7/2025"
	}
	vi := name + ": chỉ tiêu, kết quả cai nghiện ma túy và quản lý sau cai nghiện, kèm văn bản nguồn."
	en := strings.Replace(name, ", đơn vị hành chính trước 01/7/2025", ", administrative unit before 1 July 2025", 1) +
		": drug rehabilitation and after-care targets and results, with their source documents."
	if v.LastUpdated.Date != "" {
		t, _ := time.Parse(time.DateOnly, v.LastUpdated.Date)
		vi += " Cập nhật lần cuối ngày " + vntext.FormatDate(t) + "."
		en += " Last updated on " + dateEN(t) + "."
	}
	return &Citation{VI: vi, EN: en, URL: url}
}

var kindEN = map[model.Kind]string{model.Target: "target", model.Result: "result", model.Baseline: "baseline"}

// countedEN translates the words counted; other words stay Vietnamese.
var countedEN = map[string]string{"người": "people", "lượt": "person-times", "buổi": "sessions", "câu lạc bộ": "clubs", "xã": "communes",
	"quyết định": "decisions", "hồ sơ": "case files", "cơ sở": "facilities", "mô hình": "models", "chỉ tiêu": "targets", "quận, huyện": "districts"}

var qualEN = map[model.Qualifier]string{model.GT: "more than", model.GE: "at least", model.Approx: "about", model.LT: "less than", model.LE: "at most"}

// englishValue is valueText in English: "1,100 people", "more than 80%",
// "31/31 communes (100%)".
func englishValue(f *model.Figure, ind *model.Indicator) string {
	if f.Missing() {
		return "no number given in the document"
	}
	word := countedEN[ind.Counted]
	if word == "" {
		word = ind.Counted
	}
	var s string
	switch {
	case f.Numerator != nil && f.Denominator != nil:
		share, _ := f.Share()
		s = numberEN(*f.Numerator) + "/" + numberEN(*f.Denominator) + " " + word + " (" + numberEN(share) + "%)"
	case ind.Measure == model.Count:
		s = numberEN(*f.Value) + " " + word
	case ind.Measure == model.Fraction:
		s = numberEN(*f.Value) + "% of " + word
	default:
		s = numberEN(*f.Value) + "%"
	}
	if w := qualEN[f.Qualifier]; w != "" {
		s = w + " " + s
	}
	return s
}

// numberEN writes a number the English way: 1,100 and 80.5.
func numberEN(v float64) string {
	return strings.Map(func(r rune) rune {
		switch r {
		case '.':
			return ','
		case ',':
			return '.'
		}
		return r
	}, vntext.FormatNumber(v))
}

var monthEN = [...]string{"", "January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"}

func dateEN(t time.Time) string {
	return vntext.FormatInt(int64(t.Day())) + " " + monthEN[t.Month()] + " " + t.Format("2006")
}

func sourceDateEN(s *model.Source) string {
	if s.DateMonth {
		return monthEN[s.Date.Month()] + " " + s.Date.Format("2006")
	}
	return dateEN(s.Date)
}

// periodEN is Period.Label in English: "2023", "January–September 2024",
// "June 2024", "as of 31 December 2022".
func periodEN(p period.Period) string {
	s, e := p.Start(), p.End()
	switch p.Kind() {
	case period.Year:
		return s.Format("2006")
	case period.AsOf:
		return "as of " + dateEN(s)
	case period.Months:
		switch {
		case s.Year() == e.Year() && s.Month() == e.Month():
			return monthEN[s.Month()] + " " + s.Format("2006")
		case s.Year() == e.Year():
			return monthEN[s.Month()] + "–" + monthEN[e.Month()] + " " + s.Format("2006")
		}
		return monthEN[s.Month()] + " " + s.Format("2006") + " – " + monthEN[e.Month()] + " " + e.Format("2006")
	}
	return p.String()
}
