package period

import (
	"fmt"
	"strconv"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"
)

const (
	periodForms = "accepted forms: 2023 (a year), 2024-06 (a month), 2024-01/2024-09 (months, inclusive), 2022-12-31 (as of a date)"
	dateForms   = "accepted forms: 2023-03-15, or 2024-02 when the day is not given"
)

// A ParseError records a period or date that [Parse] or [ParseDate]
// rejected. Its message says what is wrong and lists the accepted forms.
type ParseError struct {
	What  string // "period" or "date"
	Input string // the input
	Msg   string // what is wrong, and what to write instead where known
}

func (e *ParseError) Error() string {
	in := e.Input
	if utf8.RuneCountInString(in) > 40 {
		in = string([]rune(in)[:40]) + "…"
	}
	forms := periodForms
	if e.What == "date" {
		forms = dateForms
	}
	return fmt.Sprintf("invalid %s %s: %s (%s)", e.What, strconv.Quote(in), e.Msg, forms)
}

// Parse parses a period in one of its canonical ISO forms:
//
//	2023             the year 2023
//	2024-06          June 2024
//	2024-01/2024-09  January to September 2024, inclusive
//	2021-07/2022-06  a range of months may span years
//	2022-12-31       as of 31 December 2022
//
// Parse is strict: years must lie in [MinYear, MaxYear], months and days
// have two digits and must exist (no month 13, no 30 February), a range
// must not end before it starts, a one-month range is written as the
// month ("2024-06", not "2024-06/2024-06"), and no white space is
// allowed. Errors are of type [*ParseError]. For every period p,
// Parse(p.String()) returns p, and for every s that Parse accepts,
// the result's String() is s.
func Parse(s string) (Period, error) {
	fail := func(format string, args ...any) (Period, error) {
		return Period{}, &ParseError{What: "period", Input: s, Msg: fmt.Sprintf(format, args...)}
	}
	if s == "" {
		return fail("empty")
	}
	if strings.IndexFunc(s, unicode.IsSpace) >= 0 {
		t := strings.Join(strings.FieldsFunc(s, unicode.IsSpace), "")
		if _, err := Parse(t); err == nil && t != "" {
			return fail("contains white space: write %s", t)
		}
		return fail("contains white space")
	}
	if !utf8.ValidString(s) {
		return fail("not valid UTF-8")
	}

	first, last, isRange := strings.Cut(s, "/")
	if !isRange {
		c, n, msg := parseYMD(s)
		switch {
		case msg != "":
			return fail("%s", msg)
		case n == 1:
			return Period{Year, civil{c.y, 1, 1}, civil{c.y, 12, 31}}, nil
		case n == 2:
			return Period{Months, c, civil{c.y, c.m, daysIn(c.y, c.m)}}, nil
		}
		return Period{AsOf, c, c}, nil
	}

	// Day-first dates written the Vietnamese way: 31/12/2022, 06/2024.
	if parts := strings.Split(s, "/"); len(parts) <= 3 && allDigits(parts...) {
		switch {
		case len(parts) == 3 && len(parts[2]) == 4:
			if t := parts[2] + "-" + pad2(parts[1]) + "-" + pad2(parts[0]); validPeriod(t) {
				return fail("write dates year first: %s", t)
			}
			return fail("write dates year first, as YYYY-MM-DD")
		case len(parts) == 2 && len(parts[1]) == 4 && len(parts[0]) <= 2:
			if t := parts[1] + "-" + pad2(parts[0]); validPeriod(t) {
				return fail("write a month year first: %s", t)
			}
			return fail("write a month year first, as YYYY-MM")
		case len(parts) == 2 && len(parts[0]) == 4 && len(parts[1]) == 4:
			if t := parts[0] + "-01/" + parts[1] + "-12"; validPeriod(t) {
				return fail("a range of years is written as a range of months: write %s", t)
			}
			return fail("a range of years is written as a range of months, YYYY-MM/YYYY-MM")
		}
	}
	if strings.Contains(last, "/") {
		return fail("more than one /")
	}
	if len(first) == 7 && allDigits(last) && len(last) <= 2 {
		if t := first + "/" + first[:5] + pad2(last); validPeriod(t) {
			return fail("both ends of a range need a year: write %s", t)
		}
		return fail("both ends of a range need a year, as YYYY-MM/YYYY-MM")
	}
	a, na, msg := parseYMD(first)
	if msg != "" {
		return fail("start of range: %s", msg)
	}
	b, nb, msg := parseYMD(last)
	if msg != "" {
		return fail("end of range: %s", msg)
	}
	if na != 2 || nb != 2 {
		return fail("a range runs from a month to a month, as YYYY-MM/YYYY-MM; a figure as of a day is written as that day alone")
	}
	switch c := a.cmp(b); {
	case c > 0:
		return fail("the range ends (%s) before it starts (%s)", last, first)
	case c == 0:
		return fail("a one-month range is written as the month: write %s", first)
	}
	return Period{Months, a, civil{b.y, b.m, daysIn(b.y, b.m)}}, nil
}

// MustParse is like [Parse] but panics if s is not a valid period.
// It is meant for tests and for constants in code.
func MustParse(s string) Period {
	p, err := Parse(s)
	if err != nil {
		panic(err)
	}
	return p
}

func validPeriod(s string) bool {
	_, err := Parse(s)
	return err == nil
}

func allDigits(ss ...string) bool {
	for _, s := range ss {
		if s == "" {
			return false
		}
		for i := 0; i < len(s); i++ {
			if s[i] < '0' || s[i] > '9' {
				return false
			}
		}
	}
	return true
}

func pad2(s string) string {
	if len(s) == 1 {
		return "0" + s
	}
	return s
}

// parseYMD parses "YYYY", "YYYY-MM" or "YYYY-MM-DD". It returns the day
// (month and day 1 where not given) and the number of parts, or a message
// saying what is wrong.
func parseYMD(s string) (c civil, n int, msg string) {
	parts := strings.Split(s, "-")
	if len(parts) > 3 || !allDigits(parts...) {
		if strings.HasPrefix(s, "-") || strings.HasPrefix(s, "+") {
			return c, 0, "a year has four digits and no sign"
		}
		return c, 0, "not a year, month or date"
	}
	if len(parts[0]) != 4 {
		return c, 0, fmt.Sprintf("the year %s must have four digits", parts[0])
	}
	for _, p := range parts[1:] {
		if len(p) > 2 {
			return c, 0, "months and days have two digits"
		}
		if len(p) == 1 {
			for i := range parts[1:] {
				parts[i+1] = pad2(parts[i+1])
			}
			t := strings.Join(parts, "-")
			if _, _, m := parseYMD(t); m == "" {
				return c, 0, "months and days have two digits: write " + t
			}
			return c, 0, "months and days have two digits"
		}
	}
	n = len(parts)
	c = civil{y: atoi(parts[0]), m: 1, d: 1}
	if c.y < MinYear || c.y > MaxYear {
		return civil{}, 0, fmt.Sprintf("the year %d is outside %d-%d", c.y, MinYear, MaxYear)
	}
	if n >= 2 {
		c.m = atoi(parts[1])
		if c.m < 1 || c.m > 12 {
			return civil{}, 0, fmt.Sprintf("there is no month %s; months run from 01 to 12", parts[1])
		}
	}
	if n == 3 {
		c.d = atoi(parts[2])
		if last := daysIn(c.y, c.m); c.d < 1 || c.d > last {
			return civil{}, 0, fmt.Sprintf("there is no day %s in %s %d, which has %d days",
				parts[2], time.Month(c.m), c.y, last)
		}
	}
	return c, n, ""
}

func atoi(s string) int {
	n := 0
	for i := 0; i < len(s); i++ {
		n = n*10 + int(s[i]-'0')
	}
	return n
}

// Precision says how much of a document's date is known.
type Precision int

const (
	DayPrecision   Precision = iota + 1 // "2023-03-15"
	MonthPrecision                      // "2024-02": the day is not given
)

// String returns "day" or "month".
func (p Precision) String() string {
	switch p {
	case DayPrecision:
		return "day"
	case MonthPrecision:
		return "month"
	}
	return "Precision(" + strconv.Itoa(int(p)) + ")"
}

// ParseDate parses the date of a document: "2023-03-15", or "2024-02"
// when the document gives only the month. The result is at 00:00 UTC on
// the day, or on the first day of the month with [MonthPrecision].
// ParseDate is as strict as [Parse]; errors are of type [*ParseError].
// For every accepted s, FormatISODate(t, prec) == s.
func ParseDate(s string) (time.Time, Precision, error) {
	fail := func(format string, args ...any) (time.Time, Precision, error) {
		return time.Time{}, 0, &ParseError{What: "date", Input: s, Msg: fmt.Sprintf(format, args...)}
	}
	if s == "" {
		return fail("empty")
	}
	if strings.IndexFunc(s, unicode.IsSpace) >= 0 {
		t := strings.Join(strings.FieldsFunc(s, unicode.IsSpace), "")
		if _, _, err := ParseDate(t); err == nil && t != "" {
			return fail("contains white space: write %s", t)
		}
		return fail("contains white space")
	}
	if !utf8.ValidString(s) {
		return fail("not valid UTF-8")
	}
	if strings.Contains(s, "/") {
		parts := strings.Split(s, "/")
		switch {
		case len(parts) == 3 && allDigits(parts...) && len(parts[2]) == 4:
			if t := parts[2] + "-" + pad2(parts[1]) + "-" + pad2(parts[0]); validDate(t) {
				return fail("write dates year first: %s", t)
			}
		case len(parts) == 2 && allDigits(parts...) && len(parts[1]) == 4 && len(parts[0]) <= 2:
			if t := parts[1] + "-" + pad2(parts[0]); validDate(t) {
				return fail("write a month year first: %s", t)
			}
		}
		return fail("a document's date is one day or one month, not a range")
	}
	c, n, msg := parseYMD(s)
	switch {
	case msg != "":
		return fail("%s", msg)
	case n == 1:
		return fail("a year alone is not a date; give at least the month: %s-MM", s)
	case n == 2:
		return c.time(), MonthPrecision, nil
	}
	return c.time(), DayPrecision, nil
}

func validDate(s string) bool {
	_, _, err := ParseDate(s)
	return err == nil
}

// FormatDate formats the date t, known to precision p, for a page:
// "15/03/2023" for [DayPrecision], "02/2024" for [MonthPrecision].
func FormatDate(t time.Time, p Precision) string {
	if p == MonthPrecision {
		return t.Format("01/2006")
	}
	return t.Format("02/01/2006")
}

// FormatISODate formats the date t, known to precision p, in the form
// [ParseDate] accepts: "2023-03-15" for [DayPrecision], "2024-02" for
// [MonthPrecision].
func FormatISODate(t time.Time, p Precision) string {
	if p == MonthPrecision {
		return t.Format("2006-01")
	}
	return t.Format("2006-01-02")
}
