package model

import (
	"fmt"
	"strings"
	"time"

	"github.com/pcmt/pcmt/internal/period"
	"github.com/pcmt/pcmt/internal/vntext"
)

// Action is what a change did to a figure (nhật ký cập nhật).
type Action string

const (
	Added     Action = "added"     // thêm: the figure was published
	Corrected Action = "corrected" // sửa: its value was changed; the old value and the reason are kept
	Withdrawn Action = "withdrawn" // rút: it is no longer published; the old value and the reason are kept
)

// FigureID names a figure the way a data editor writes it: the unit as
// written in the figures file (a unit code or a place id), indicator,
// period, kind and source. It is the same identity the loader uses to find
// duplicate figures, so one ledger row can only mean one figure.
type FigureID struct {
	Unit      string // unit code ("08", "07840") or place id
	Indicator string
	Period    string // canonical ISO form (period.Period.String)
	Kind      Kind
	Source    string
}

// Change is one row of data/changes.csv, the ledger of published figures:
// every figure was added by a row, and every later change of its value
// (or its withdrawal) is a row with the value before, the value after and
// why. Rows are in date order; the last row about a figure gives the value
// the site publishes, and the build refuses figures that disagree.
type Change struct {
	Date    time.Time // day the change was published (ngày cập nhật)
	Action  Action
	Figure  FigureID
	UnitKey UnitKey       // the unit (a place's parent unit), era by the period
	Place   string        // place id when Figure.Unit is a place
	Period  period.Period // Figure.Period, parsed
	Old     string        // value before, as recorded ("" for added)
	New     string        // value after, as recorded ("" for withdrawn; "" for an added figure the document leaves blank)
	Reason  string        // why (lý do); required for corrected and withdrawn
	Pos     Pos
}

// ID of the figure f, in the ledger's terms.
func (f *Figure) ID() FigureID {
	u := f.Unit.Code
	if f.Place != "" {
		u = f.Place
	}
	return FigureID{Unit: u, Indicator: f.Indicator, Period: f.Period.String(), Kind: f.Kind, Source: f.Source}
}

// Recorded is the figure's value as the ledger writes it: the qualifier
// as a sign (> ≥ as >=, ~ for khoảng, < and <=), then the number ("986",
// "80.5"), a fraction as "31/31" (with "=100" when the document also gives
// the share); "" when the document gives no number. Two figures have the
// same value exactly when they have the same Recorded text.
func (f *Figure) Recorded() string {
	return RecordedValue(f.Qualifier, f.Value, f.Numerator, f.Denominator)
}

// RecordedValue builds the text Recorded describes from its parts.
func RecordedValue(q Qualifier, value, num, den *float64) string {
	var s string
	switch {
	case num != nil && den != nil:
		s = formatRecorded(*num) + "/" + formatRecorded(*den)
		if value != nil {
			s += "=" + formatRecorded(*value)
		}
	case value != nil:
		s = formatRecorded(*value)
	default:
		return ""
	}
	return QualifierSign[q] + s
}

// QualifierSign is how the ledger writes a qualifier in front of a value.
var QualifierSign = map[Qualifier]string{Exact: "", GT: ">", GE: ">=", Approx: "~", LT: "<", LE: "<="}

// formatRecorded is the plain data-file form, which vntext.ParseNumber
// reads back exactly (2.125 → "2.1250", never the ambiguous "2.125").
func formatRecorded(v float64) string { return vntext.FormatPlain(v) }

// ParseRecorded reads a value as the ledger writes it (see
// Figure.Recorded): an optional sign for the qualifier (>, >=, ~, <, <=),
// then a number (986, 80.5), a fraction (31/31) or both (31/31=100).
// "" is no number (all results nil).
func ParseRecorded(s string) (q Qualifier, value, num, den *float64, err error) {
	s = strings.TrimSpace(s)
	if s == "" {
		return Exact, nil, nil, nil, nil
	}
	in := s
	for _, sign := range []struct {
		s string
		q Qualifier
	}{{">=", GE}, {"<=", LE}, {">", GT}, {"<", LT}, {"~", Approx}} {
		if strings.HasPrefix(s, sign.s) {
			q, s = sign.q, s[len(sign.s):]
			break
		}
	}
	bad := func(why string) (Qualifier, *float64, *float64, *float64, error) {
		return Exact, nil, nil, nil, fmt.Errorf("%q is not a value (%s): write it as the figures file does (986, 80.5), a fraction as 31/31, "+
			"and a qualifier as a sign in front (>80 for trên 80, >= ít nhất, ~ khoảng, < dưới, <= tối đa)", in, why)
	}
	number := func(t string) (*float64, error) {
		v, err := vntext.ParseNumber(t)
		if err != nil {
			return nil, err
		}
		if v < 0 {
			return nil, fmt.Errorf("%s is negative", t)
		}
		return &v, nil
	}
	body, share, hasShare := strings.Cut(s, "=")
	if a, b, ok := strings.Cut(body, "/"); ok {
		if num, err = number(a); err != nil {
			return bad(err.Error())
		}
		if den, err = number(b); err != nil {
			return bad(err.Error())
		}
		if *den == 0 {
			return bad("the denominator is 0")
		}
		if hasShare {
			if value, err = number(share); err != nil {
				return bad(err.Error())
			}
		}
		return q, value, num, den, nil
	}
	if hasShare {
		return bad("= only follows a fraction")
	}
	if value, err = number(body); err != nil {
		return bad(err.Error())
	}
	return q, value, nil, nil, nil
}
