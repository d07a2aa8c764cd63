// Package period holds the period a figure is about: a calendar year
// ("2023"), an inclusive range of months ("2024-01/2024-09", or one month,
// "2024-06"), or a single day for a figure that holds as of that date
// ("2022-12-31"). It also parses the dates of documents ("2023-03-15", or
// "2024-02" when the day is not given).
//
// Periods are written in ISO 8601 forms in data files and with Vietnamese
// labels on pages ([Period.Label]). The package has no project imports.
package period

import (
	"fmt"
	"strconv"
	"sync"
	"sync/atomic"
	"time"
)

// Years outside this range are rejected as typing mistakes.
const (
	MinYear = 1990
	MaxYear = 2100
)

// Kind is the kind of a period.
type Kind int

const (
	Invalid Kind = iota // the zero Period
	Year                // a calendar year: "2023"
	Months              // an inclusive range of whole months: "2024-01/2024-09", "2024-06"
	AsOf                // a single day, for figures that hold as of it: "2022-12-31"
)

var kindNames = [...]string{"invalid", "year", "months", "as-of"}

// String returns "year", "months", "as-of", or "invalid".
func (k Kind) String() string {
	if k < 0 || int(k) >= len(kindNames) {
		return "Kind(" + strconv.Itoa(int(k)) + ")"
	}
	return kindNames[k]
}

// civil is a calendar day.
type civil struct {
	y, m, d int
}

func (c civil) cmp(o civil) int {
	switch {
	case c.y != o.y:
		return cmpInt(c.y, o.y)
	case c.m != o.m:
		return cmpInt(c.m, o.m)
	}
	return cmpInt(c.d, o.d)
}

func cmpInt(a, b int) int {
	switch {
	case a < b:
		return -1
	case a > b:
		return +1
	}
	return 0
}

func (c civil) time() time.Time {
	return time.Date(c.y, time.Month(c.m), c.d, 0, 0, 0, 0, time.UTC)
}

func civilOf(t time.Time) civil {
	y, m, d := t.Date()
	return civil{y, int(m), d}
}

func daysIn(y, m int) int {
	return time.Date(y, time.Month(m)+1, 0, 0, 0, 0, 0, time.UTC).Day()
}

// A Period is a span of whole days: a year, a range of months, or the one
// day a figure holds as of. The zero Period is invalid; see
// [Period.IsZero]. Periods are comparable with ==, and p == q exactly
// when p.String() == q.String().
type Period struct {
	kind       Kind
	start, end civil // first and last day, inclusive
}

// ForYear returns the period of calendar year y.
// It panics if y is outside [MinYear, MaxYear].
func ForYear(y int) Period {
	mustYear(y)
	return Period{Year, civil{y, 1, 1}, civil{y, 12, 31}}
}

// ForMonths returns the period of the months from month m1 of year y1 to
// month m2 of year y2, inclusive.
// It panics if a year is outside [MinYear, MaxYear], a month is outside
// 1-12, or the range ends before it starts.
func ForMonths(y1 int, m1 time.Month, y2 int, m2 time.Month) Period {
	mustYear(y1)
	mustYear(y2)
	if m1 < 1 || m1 > 12 || m2 < 1 || m2 > 12 || y2 < y1 || y2 == y1 && m2 < m1 {
		panic(fmt.Sprintf("period: invalid month range %04d-%02d/%04d-%02d", y1, m1, y2, m2))
	}
	return Period{Months, civil{y1, int(m1), 1}, civil{y2, int(m2), daysIn(y2, int(m2))}}
}

// ForDay returns the as-of period of t's calendar day in t's location.
// It panics if the year is outside [MinYear, MaxYear].
func ForDay(t time.Time) Period {
	c := civilOf(t)
	mustYear(c.y)
	return Period{AsOf, c, c}
}

func mustYear(y int) {
	if y < MinYear || y > MaxYear {
		panic(fmt.Sprintf("period: year %d outside %d-%d", y, MinYear, MaxYear))
	}
}

// Kind returns the kind of p.
func (p Period) Kind() Kind { return p.kind }

// IsZero reports whether p is the zero Period.
func (p Period) IsZero() bool { return p == Period{} }

// Start returns the first day of p at 00:00 UTC.
// For the zero Period it returns the zero time.Time.
func (p Period) Start() time.Time {
	if p.IsZero() {
		return time.Time{}
	}
	return p.start.time()
}

// End returns the last day of p (inclusive) at 00:00 UTC: 2023-12-31 for
// "2023", 2024-09-30 for "2024-01/2024-09", the day itself for an as-of
// period. For the zero Period it returns the zero time.Time.
func (p Period) End() time.Time {
	if p.IsZero() {
		return time.Time{}
	}
	return p.end.time()
}

// String returns p in its canonical ISO form, which [Parse] accepts:
// "2023", "2024-01/2024-09", "2024-06", "2022-12-31". The zero Period
// gives "".
func (p Period) String() string { return p.texts().str }

// Label returns the Vietnamese label of p for pages:
//
//	2023             Năm 2023
//	2024-06          Tháng 06/2024
//	2024-01/2024-09  9 tháng đầu năm 2024
//	2024-07/2024-12  6 tháng cuối năm 2024
//	2024-01/2024-12  12 tháng năm 2024
//	2021-07/2022-06  Từ 07/2021 đến 06/2022
//	2022-12-31       Tính đến 31/12/2022
//
// The zero Period gives "".
func (p Period) Label() string { return p.texts().label }

// A dataset has a few dozen distinct periods and its pages print them
// millions of times: String and Label are made once per period, in a map
// that is replaced (never changed) when a period is added, so reading it
// needs no lock.
type texts struct{ str, label string }

var (
	textsMu  sync.Mutex
	textsMap atomic.Pointer[map[uint64]texts]
)

// maxTexts bounds the map; periods beyond it are formatted every time.
const maxTexts = 4096

func (p Period) texts() texts {
	k, ok := p.key()
	if !ok {
		return texts{p.format(), p.label()}
	}
	if m := textsMap.Load(); m != nil {
		if t, ok := (*m)[k]; ok {
			return t
		}
	}
	t := texts{p.format(), p.label()}
	textsMu.Lock()
	defer textsMu.Unlock()
	var old map[uint64]texts
	if m := textsMap.Load(); m != nil {
		old = *m
	}
	if len(old) < maxTexts {
		m := make(map[uint64]texts, 1+len(old))
		for k, v := range old {
			m[k] = v
		}
		m[k] = t
		textsMap.Store(&m)
	}
	return t
}

// key packs p into a number (a faster map key than the struct), where
// its fields fit.
func (p Period) key() (uint64, bool) {
	s, e := p.start, p.end
	if uint(p.kind) >= 1<<4 || uint(s.y) >= 1<<14 || uint(s.m) >= 1<<4 || uint(s.d) >= 1<<5 ||
		uint(e.y) >= 1<<14 || uint(e.m) >= 1<<4 || uint(e.d) >= 1<<5 {
		return 0, false
	}
	return uint64(p.kind)<<46 | uint64(s.y)<<32 | uint64(s.m)<<28 | uint64(s.d)<<23 |
		uint64(e.y)<<9 | uint64(e.m)<<5 | uint64(e.d), true
}

func (p Period) format() string {
	switch p.kind {
	case Year:
		return fmt.Sprintf("%04d", p.start.y)
	case Months:
		if p.start.y == p.end.y && p.start.m == p.end.m {
			return fmt.Sprintf("%04d-%02d", p.start.y, p.start.m)
		}
		return fmt.Sprintf("%04d-%02d/%04d-%02d", p.start.y, p.start.m, p.end.y, p.end.m)
	case AsOf:
		return fmt.Sprintf("%04d-%02d-%02d", p.start.y, p.start.m, p.start.d)
	}
	return ""
}

func (p Period) label() string {
	s, e := p.start, p.end
	switch p.kind {
	case Year:
		return fmt.Sprintf("Năm %04d", s.y)
	case Months:
		n := (e.y-s.y)*12 + e.m - s.m + 1
		switch {
		case n == 1:
			return fmt.Sprintf("Tháng %02d/%04d", s.m, s.y)
		case s.y == e.y && s.m == 1 && e.m == 12:
			return fmt.Sprintf("12 tháng năm %04d", s.y)
		case s.y == e.y && s.m == 1:
			return fmt.Sprintf("%d tháng đầu năm %04d", n, s.y)
		case s.y == e.y && e.m == 12:
			return fmt.Sprintf("%d tháng cuối năm %04d", n, s.y)
		}
		return fmt.Sprintf("Từ %02d/%04d đến %02d/%04d", s.m, s.y, e.m, e.y)
	case AsOf:
		return fmt.Sprintf("Tính đến %02d/%02d/%04d", s.d, s.m, s.y)
	}
	return ""
}

// Contains reports whether every day of q is a day of p. A zero period
// contains nothing and is contained in nothing.
func (p Period) Contains(q Period) bool {
	if p.IsZero() || q.IsZero() {
		return false
	}
	return p.start.cmp(q.start) <= 0 && q.end.cmp(p.end) <= 0
}

// Overlaps reports whether p and q have a day in common.
func (p Period) Overlaps(q Period) bool {
	if p.IsZero() || q.IsZero() {
		return false
	}
	return p.start.cmp(q.end) <= 0 && q.start.cmp(p.end) <= 0
}

// ContainsDay reports whether t's calendar day, in t's location, is a day
// of p.
func (p Period) ContainsDay(t time.Time) bool {
	if p.IsZero() {
		return false
	}
	c := civilOf(t)
	return p.start.cmp(c) <= 0 && c.cmp(p.end) <= 0
}

// Before reports whether the last day of p comes before t's calendar day,
// in t's location: "2025-06" is before 1 July 2025, "2025" is not.
func (p Period) Before(t time.Time) bool {
	return !p.IsZero() && p.end.cmp(civilOf(t)) < 0
}

// After reports whether the first day of p comes after t's calendar day,
// in t's location.
func (p Period) After(t time.Time) bool {
	return !p.IsZero() && p.start.cmp(civilOf(t)) > 0
}

// Compare orders periods for pages: by first day, then by last day, then
// by kind (Year, Months, AsOf). It returns -1, 0 or +1, and 0 only when
// a == b. The zero Period comes first.
func Compare(a, b Period) int {
	if c := a.start.cmp(b.start); c != 0 {
		return c
	}
	if c := a.end.cmp(b.end); c != 0 {
		return c
	}
	return cmpInt(int(a.kind), int(b.kind))
}

// MarshalText implements [encoding.TextMarshaler] with [Period.String].
func (p Period) MarshalText() ([]byte, error) {
	return []byte(p.String()), nil
}

// UnmarshalText implements [encoding.TextUnmarshaler] with [Parse].
func (p *Period) UnmarshalText(b []byte) error {
	q, err := Parse(string(b))
	if err != nil {
		return err
	}
	*p = q
	return nil
}
