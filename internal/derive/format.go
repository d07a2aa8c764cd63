package derive

import (
	"math"
	"strconv"
	"strings"

	"github.com/pcmt/pcmt/internal/model"
	"github.com/pcmt/pcmt/internal/vntext"
)

// Words the pages use for kinds, qualifiers and levels.
var (
	kindLabel    = map[model.Kind]string{model.Target: "Chỉ tiêu", model.Result: "Kết quả", model.Baseline: "Số liệu nền"}
	kindOrder    = map[model.Kind]int{model.Baseline: 0, model.Target: 1, model.Result: 2}
	qualWord     = map[model.Qualifier]string{model.GT: "trên", model.GE: "ít nhất", model.Approx: "khoảng", model.LT: "dưới", model.LE: "tối đa"}
	measureLabel = map[model.Measure]string{model.Count: "Số lượng", model.Percent: "Tỷ lệ (%)", model.Fraction: "Phân số (tỷ lệ trên tổng số)"}
)

// MissingText is what a page shows for a figure the document leaves blank.
const MissingText = "chưa có số liệu"

// valueText formats a figure as the page prints it: "986 người",
// "trên 80%", "31/31 xã (100%)", "chưa có số liệu".
func valueText(f *model.Figure, ind *model.Indicator) string {
	if f.Withheld != "" {
		return withheldText(f, ind)
	}
	if f.Missing() {
		return MissingText
	}
	var s string
	switch {
	case f.Numerator != nil && f.Denominator != nil:
		share, _ := f.Share()
		s = vntext.FormatNumber(*f.Numerator) + "/" + vntext.FormatNumber(*f.Denominator) + " " + ind.Counted + " (" + vntext.FormatPercent(share) + ")"
	case ind.Measure == model.Count:
		s = vntext.FormatNumber(*f.Value) + " " + ind.Counted
	case ind.Measure == model.Fraction:
		s = vntext.FormatPercent(*f.Value) + " số " + ind.Counted
	default:
		s = vntext.FormatPercent(*f.Value)
	}
	if w := qualWord[f.Qualifier]; w != "" {
		s = w + " " + s
	}
	return s
}

// shortValue is the number alone, for chart labels and table cells.
func shortValue(f *model.Figure, ind *model.Indicator) string {
	if f.Withheld != "" {
		return f.Withheld // "dưới 5", "ẩn" (disclosure.go)
	}
	if f.Missing() {
		return MissingText
	}
	var s string
	if ind.Measure == model.Count {
		s = vntext.FormatNumber(*f.Value)
	} else {
		v, _ := f.Share()
		s = vntext.FormatPercent(v)
	}
	if w := qualWord[f.Qualifier]; w != "" {
		s = w + " " + s
	}
	return s
}

func sourceDate(s *model.Source) string {
	if s.DateMonth {
		return vntext.FormatMonth(s.Date)
	}
	return vntext.FormatDate(s.Date)
}

// sourceCite is the short citation under a figure: publisher and date.
func sourceCite(s *model.Source) string {
	pub := s.Publisher
	if pub == "" {
		pub = "Không ghi rõ cơ quan đăng"
	}
	return pub + ", " + sourceDate(s)
}

// anchor is a figure's HTML id on its unit page, from what the figure is,
// never from row order, so links to it survive new data.
func anchor(f *model.Figure) string {
	a := "f-" + f.Indicator + "-" + strings.ReplaceAll(f.Period.String(), "/", "-") + "-" + string(f.Kind)
	if f.Place != "" {
		a = "f-" + f.Place + a[1:]
	}
	return a
}

func levelLabel(u *model.Unit) string {
	switch u.Level {
	case model.Province:
		return "Tỉnh, thành phố trực thuộc trung ương"
	case model.District:
		return "Huyện, quận, thị xã, thành phố thuộc tỉnh"
	default:
		return "Xã, phường, thị trấn"
	}
}

func eraLabel(e model.Era) string {
	if e == model.Era2022 {
		return "Đơn vị hành chính trước 01/7/2025"
	}
	return "Đơn vị hành chính từ 01/7/2025"
}

// progressText compares a result with a target of the same indicator whose
// period contains the result's.
func progressText(res, tgt *model.Figure, ind *model.Indicator) string {
	rv, ok1 := res.Share()
	tv, ok2 := tgt.Share()
	if !ok1 || !ok2 {
		return ""
	}
	tail := " " + lowerFirst(tgt.Period.Label())
	if res.Period.String() != tgt.Period.String() {
		tail += " (kết quả " + lowerFirst(res.Period.Label()) + ")"
	}
	if ind.Measure == model.Count {
		if tv == 0 {
			return ""
		}
		return "Đạt " + vntext.FormatPercent(rv/tv*100) + " chỉ tiêu" + tail
	}
	return "Kết quả " + vntext.FormatPercent(rv) + " so với chỉ tiêu " + shortValue(tgt, ind) + tail
}

// lowerFirst lower-cases the first letter, to put a label mid-sentence.
func lowerFirst(s string) string {
	for i, r := range s {
		return strings.ToLower(string(r)) + s[i+len(string(r)):]
	}
	return s
}

// appendValueEN appends valueEN(f, ind) to b, the numbers of a whole
// count without a string each (a unit's JSON download has one a row).
func appendValueEN(b []byte, f *model.Figure, ind *model.Indicator) []byte {
	switch {
	case f.Withheld == "":
	case strings.HasPrefix(f.Withheld, "dưới "):
		b = append(b, "fewer than "...)
		b = append(b, f.Withheld[len("dưới "):]...)
		return append(b, " (withheld to protect privacy)"...)
	default:
		return append(b, "withheld to protect a small count"...)
	}
	// englishValue
	if f.Missing() {
		return append(b, "no number given in the document"...)
	}
	word := countedEN[ind.Counted]
	if word == "" {
		word = ind.Counted
	}
	if w := qualEN[f.Qualifier]; w != "" {
		b = append(append(b, w...), ' ')
	}
	switch {
	case f.Numerator != nil && f.Denominator != nil:
		share, _ := f.Share()
		b = append(appendNumberEN(b, *f.Numerator), '/')
		b = append(appendNumberEN(b, *f.Denominator), ' ')
		b = append(append(b, word...), " ("...)
		return append(appendNumberEN(b, share), "%)"...)
	case ind.Measure == model.Count:
		return append(append(appendNumberEN(b, *f.Value), ' '), word...)
	case ind.Measure == model.Fraction:
		return append(append(appendNumberEN(b, *f.Value), "% of "...), word...)
	}
	return append(appendNumberEN(b, *f.Value), '%')
}

// appendNumberEN appends numberEN(v): a whole number (most figures) is
// grouped here, any other made by numberEN.
func appendNumberEN(b []byte, v float64) []byte {
	a := math.Abs(v)
	if a >= 1e15 || a != math.Trunc(a) {
		return append(b, numberEN(v)...)
	}
	if a == 0 {
		return append(b, '0') // no "-0"
	}
	if v < 0 {
		b = append(b, '-')
	}
	var digits [24]byte
	d := strconv.AppendUint(digits[:0], uint64(a), 10)
	first := len(d) % 3
	if first == 0 {
		first = 3
	}
	b = append(b, d[:first]...)
	for i := first; i < len(d); i += 3 {
		b = append(append(b, ','), d[i:i+3]...)
	}
	return b
}
