package period

import (
	"errors"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"
)

func day(y int, m time.Month, d int) time.Time {
	return time.Date(y, m, d, 0, 0, 0, 0, time.UTC)
}

func TestParse(t *testing.T) {
	tests := []struct {
		in         string
		kind       Kind
		start, end time.Time
		label      string
	}{
		{"2023", Year, day(2023, 1, 1), day(2023, 12, 31), "Năm 2023"},
		{"1990", Year, day(1990, 1, 1), day(1990, 12, 31), "Năm 1990"},
		{"2100", Year, day(2100, 1, 1), day(2100, 12, 31), "Năm 2100"},
		{"2024-06", Months, day(2024, 6, 1), day(2024, 6, 30), "Tháng 06/2024"},
		{"2024-02", Months, day(2024, 2, 1), day(2024, 2, 29), "Tháng 02/2024"},
		{"2023-02", Months, day(2023, 2, 1), day(2023, 2, 28), "Tháng 02/2023"},
		{"2024-01/2024-09", Months, day(2024, 1, 1), day(2024, 9, 30), "9 tháng đầu năm 2024"},
		{"2024-01/2024-06", Months, day(2024, 1, 1), day(2024, 6, 30), "6 tháng đầu năm 2024"},
		{"2024-01/2024-02", Months, day(2024, 1, 1), day(2024, 2, 29), "2 tháng đầu năm 2024"},
		{"2024-07/2024-12", Months, day(2024, 7, 1), day(2024, 12, 31), "6 tháng cuối năm 2024"},
		{"2024-01/2024-12", Months, day(2024, 1, 1), day(2024, 12, 31), "12 tháng năm 2024"},
		{"2024-03/2024-05", Months, day(2024, 3, 1), day(2024, 5, 31), "Từ 03/2024 đến 05/2024"},
		{"2021-07/2022-06", Months, day(2021, 7, 1), day(2022, 6, 30), "Từ 07/2021 đến 06/2022"},
		{"2023-01/2024-12", Months, day(2023, 1, 1), day(2024, 12, 31), "Từ 01/2023 đến 12/2024"},
		{"2022-12-31", AsOf, day(2022, 12, 31), day(2022, 12, 31), "Tính đến 31/12/2022"},
		{"2024-02-29", AsOf, day(2024, 2, 29), day(2024, 2, 29), "Tính đến 29/02/2024"},
		{"2000-02-29", AsOf, day(2000, 2, 29), day(2000, 2, 29), "Tính đến 29/02/2000"},
	}
	for _, tt := range tests {
		p, err := Parse(tt.in)
		if err != nil {
			t.Errorf("Parse(%q): %v", tt.in, err)
			continue
		}
		if p.Kind() != tt.kind || !p.Start().Equal(tt.start) || !p.End().Equal(tt.end) {
			t.Errorf("Parse(%q) = %v %v..%v, want %v %v..%v", tt.in, p.Kind(), p.Start(), p.End(), tt.kind, tt.start, tt.end)
		}
		if p.Start().Location() != time.UTC || p.End().Location() != time.UTC {
			t.Errorf("Parse(%q): times not in UTC", tt.in)
		}
		if got := p.String(); got != tt.in {
			t.Errorf("Parse(%q).String() = %q", tt.in, got)
		}
		if got := p.Label(); got != tt.label {
			t.Errorf("Parse(%q).Label() = %q, want %q", tt.in, got, tt.label)
		}
		if p.IsZero() {
			t.Errorf("Parse(%q).IsZero()", tt.in)
		}
	}
}

func TestParseErrors(t *testing.T) {
	// Each error must contain every listed fragment.
	tests := []struct {
		in   string
		want []string
	}{
		{"", []string{"empty"}},
		{"2024-13", []string{"no month 13", "01 to 12"}},
		{"2024-00", []string{"no month 00"}},
		{"2023-02-30", []string{"no day 30", "February 2023", "28 days"}},
		{"2024-02-30", []string{"no day 30", "29 days"}},
		{"2023-02-29", []string{"no day 29"}},
		{"2023-04-31", []string{"no day 31", "April"}},
		{"2023-01-00", []string{"no day 00"}},
		{"2024-09/2024-01", []string{"ends (2024-01) before it starts (2024-09)"}},
		{"2022-06/2021-07", []string{"before it starts"}},
		{"2024-06/2024-06", []string{"one-month range", "write 2024-06"}},
		{" 2023", []string{"white space", "write 2023"}},
		{"2023 ", []string{"white space", "write 2023"}},
		{"2024-01 / 2024-09", []string{"white space", "write 2024-01/2024-09"}},
		{"2024-1", []string{"two digits", "write 2024-01"}},
		{"2022-1-5", []string{"two digits", "write 2022-01-05"}},
		{"2024-13-1", []string{"two digits"}},
		{"2024-001", []string{"two digits"}},
		{"23", []string{"four digits"}},
		{"02023", []string{"four digits"}},
		{"1989", []string{"1989 is outside 1990-2100"}},
		{"2101", []string{"outside"}},
		{"1989-12/1990-01", []string{"start of range", "outside"}},
		{"2024-01/2024-13", []string{"end of range", "no month 13"}},
		{"2024-01/09", []string{"need a year", "write 2024-01/2024-09"}},
		{"2024-01/9", []string{"need a year", "write 2024-01/2024-09"}},
		{"2023/2024", []string{"range of years", "write", "2023-01/2024-12"}},
		{"31/12/2022", []string{"year first", "2022-12-31"}},
		{"06/2024", []string{"year first", "2024-06"}},
		{"6/2024", []string{"year first", "2024-06"}},
		{"2022-01-01/2022-12-31", []string{"from a month to a month"}},
		{"2022/2023/2024", []string{}},
		{"2024-01/2024-02/2024-03", []string{"more than one /"}},
		{"2024-01/", []string{"end of range"}},
		{"/2024-01", []string{"start of range"}},
		{"2024-", []string{"not a year, month or date"}},
		{"-2024", []string{"no sign"}},
		{"+2024", []string{"no sign"}},
		{"2024-06-15-01", []string{"not a year"}},
		{"năm 2023", []string{"white space"}},
		{"２０２３", []string{"not a year"}},
		{"2023Q1", []string{"not a year"}},
		{"\xff", []string{"UTF-8"}},
	}
	for _, tt := range tests {
		p, err := Parse(tt.in)
		if err == nil {
			t.Errorf("Parse(%q) = %v, want error", tt.in, p)
			continue
		}
		var pe *ParseError
		if !errors.As(err, &pe) || pe.Input != tt.in || pe.What != "period" {
			t.Errorf("Parse(%q): error %#v", tt.in, err)
		}
		msg := err.Error()
		if !strings.Contains(msg, "accepted forms: 2023") || !strings.Contains(msg, "2024-01/2024-09") {
			t.Errorf("Parse(%q) error %q does not list the accepted forms", tt.in, msg)
		}
		for _, w := range tt.want {
			if !strings.Contains(msg, w) {
				t.Errorf("Parse(%q) error = %q, want it to contain %q", tt.in, msg, w)
			}
		}
		if !p.IsZero() {
			t.Errorf("Parse(%q) returned non-zero %v with an error", tt.in, p)
		}
	}
}

func TestZero(t *testing.T) {
	var p Period
	if !p.IsZero() || p.Kind() != Invalid || p.String() != "" || p.Label() != "" ||
		!p.Start().IsZero() || !p.End().IsZero() {
		t.Errorf("zero Period: %v %q %q", p.Kind(), p.String(), p.Label())
	}
	if p.Contains(p) || p.Contains(MustParse("2023")) || MustParse("2023").Contains(p) {
		t.Error("zero Period contains or is contained")
	}
}

func TestConstructors(t *testing.T) {
	tests := []struct {
		p    Period
		want string
	}{
		{ForYear(2023), "2023"},
		{ForMonths(2024, time.January, 2024, time.September), "2024-01/2024-09"},
		{ForMonths(2024, time.June, 2024, time.June), "2024-06"},
		{ForMonths(2021, time.July, 2022, time.June), "2021-07/2022-06"},
		{ForDay(time.Date(2022, 12, 31, 23, 0, 0, 0, time.FixedZone("ICT", 7*3600))), "2022-12-31"},
	}
	for _, tt := range tests {
		if tt.p != MustParse(tt.want) || tt.p.String() != tt.want {
			t.Errorf("constructed %q, want %q", tt.p, tt.want)
		}
	}
	for _, f := range []func(){
		func() { ForYear(1989) },
		func() { ForMonths(2024, 9, 2024, 1) },
		func() { ForMonths(2024, 0, 2024, 1) },
		func() { ForMonths(2024, 1, 2024, 13) },
		func() { ForDay(time.Time{}) },
		func() { MustParse("2024-13") },
	} {
		func() {
			defer func() {
				if recover() == nil {
					t.Error("no panic")
				}
			}()
			f()
		}()
	}
}

func TestContains(t *testing.T) {
	tests := []struct {
		p, q string
		want bool
	}{
		{"2023", "2023", true},
		{"2023", "2023-06", true},
		{"2023", "2023-01/2023-12", true},
		{"2023-01/2023-12", "2023", true},
		{"2023", "2023-12-31", true},
		{"2023", "2023-01-01", true},
		{"2023", "2022-12-31", false},
		{"2023", "2024-01-01", false},
		{"2023", "2023-07/2024-06", false},
		{"2023-07/2024-06", "2024", false},
		{"2023-07/2024-06", "2024-01/2024-06", true},
		{"2024-01/2024-09", "2024-09-30", true},
		{"2024-01/2024-09", "2024-10-01", false},
		{"2024-06", "2024", false},
		{"2022-12-31", "2022-12-31", true},
		{"2022-12-31", "2022-12", false},
	}
	for _, tt := range tests {
		p, q := MustParse(tt.p), MustParse(tt.q)
		if got := p.Contains(q); got != tt.want {
			t.Errorf("%s.Contains(%s) = %v, want %v", tt.p, tt.q, got, tt.want)
		}
	}
}

func TestOverlaps(t *testing.T) {
	tests := []struct {
		p, q string
		want bool
	}{
		{"2023", "2023-07/2024-06", true},
		{"2023", "2024-01/2024-06", false},
		{"2023", "2023-12-31", true},
		{"2024-06", "2024-06-30", true},
		{"2024-06", "2024-07-01", false},
		{"2021-07/2022-06", "2022-06/2022-09", true},
	}
	for _, tt := range tests {
		p, q := MustParse(tt.p), MustParse(tt.q)
		if got := p.Overlaps(q); got != tt.want {
			t.Errorf("%s.Overlaps(%s) = %v, want %v", tt.p, tt.q, got, tt.want)
		}
		if got := q.Overlaps(p); got != tt.want {
			t.Errorf("%s.Overlaps(%s) = %v, want %v", tt.q, tt.p, got, tt.want)
		}
	}
}

func TestBeforeAfter(t *testing.T) {
	reform := day(2025, 7, 1)
	tests := []struct {
		p             string
		t             time.Time
		before, after bool
		contains      bool
	}{
		{"2025-06", reform, true, false, false},
		{"2025-06-30", reform, true, false, false},
		{"2025-01/2025-06", reform, true, false, false},
		{"2025", reform, false, false, true},
		{"2025-07", reform, false, false, true},
		{"2025-07-01", reform, false, false, true},
		{"2025-07-02", reform, false, true, false},
		{"2026", reform, false, true, false},
		// t's calendar day is taken in t's location.
		{"2025-06-30", time.Date(2025, 7, 1, 1, 0, 0, 0, time.FixedZone("ICT", 7*3600)), true, false, false},
		{"2025-06-30", time.Date(2025, 6, 30, 23, 0, 0, 0, time.UTC), false, false, true},
	}
	for _, tt := range tests {
		p := MustParse(tt.p)
		if got := p.Before(tt.t); got != tt.before {
			t.Errorf("%s.Before(%v) = %v", tt.p, tt.t, got)
		}
		if got := p.After(tt.t); got != tt.after {
			t.Errorf("%s.After(%v) = %v", tt.p, tt.t, got)
		}
		if got := p.ContainsDay(tt.t); got != tt.contains {
			t.Errorf("%s.ContainsDay(%v) = %v", tt.p, tt.t, got)
		}
	}
}

func TestCompare(t *testing.T) {
	want := []string{
		"2021-07/2022-06",
		"2022",
		"2022-12-31",
		"2023",
		"2023-01/2023-12", // same days as 2023: Year first
		"2023-01/2024-12",
		"2023-06-01", // same start: the shorter period first
		"2023-06",
		"2023-06/2023-07",
		"2024-01/2024-06",
		"2024-01/2024-09",
	}
	ps := make([]Period, len(want))
	for i, s := range want {
		ps[len(want)-1-i] = MustParse(s)
	}
	slices.SortFunc(ps, Compare)
	var got []string
	for _, p := range ps {
		got = append(got, p.String())
	}
	if !slices.Equal(got, want) {
		t.Errorf("sorted:\n got %q\nwant %q", got, want)
	}
	for _, a := range ps {
		for _, b := range ps {
			if c := Compare(a, b); (c == 0) != (a == b) || c != -Compare(b, a) {
				t.Errorf("Compare(%v, %v) = %d", a, b, c)
			}
		}
	}
	if Compare(Period{}, MustParse("1990")) >= 0 {
		t.Error("zero Period does not sort first")
	}
}

func TestText(t *testing.T) {
	p := MustParse("2021-07/2022-06")
	b, err := p.MarshalText()
	if err != nil || string(b) != "2021-07/2022-06" {
		t.Errorf("MarshalText = %q, %v", b, err)
	}
	var q Period
	if err := q.UnmarshalText(b); err != nil || q != p {
		t.Errorf("UnmarshalText(%q) = %v, %v", b, q, err)
	}
	if err := q.UnmarshalText([]byte("2024-13")); err == nil {
		t.Error("UnmarshalText accepted 2024-13")
	}
	if q != p {
		t.Error("failed UnmarshalText changed the Period")
	}
}

func TestKindString(t *testing.T) {
	for k, want := range map[Kind]string{Invalid: "invalid", Year: "year", Months: "months", AsOf: "as-of", 9: "Kind(9)"} {
		if got := k.String(); got != want {
			t.Errorf("Kind(%d).String() = %q, want %q", int(k), got, want)
		}
	}
}

func FuzzParse(f *testing.F) {
	for _, s := range []string{"2023", "2024-06", "2024-01/2024-09", "2021-07/2022-06", "2022-12-31",
		"2024-13", "2023-02-30", "2024-09/2024-01", " 2023", "31/12/2022", "2023/2024", "2024-01/09", "2024-1", "1989", "2024-001"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		p, err := Parse(s)
		if err != nil {
			var pe *ParseError
			if !errors.As(err, &pe) || pe.Input != s || pe.Msg == "" || !p.IsZero() {
				t.Fatalf("Parse(%q): bad error %#v, %v", s, err, p)
			}
			return
		}
		if p.IsZero() || p.String() != s {
			t.Fatalf("Parse(%q) = %q", s, p)
		}
		q, err := Parse(p.String())
		if err != nil || q != p {
			t.Fatalf("Parse(Parse(%q).String()) = %v, %v", s, q, err)
		}
		if p.End().Before(p.Start()) || !p.Contains(p) || p.Label() == "" {
			t.Fatalf("Parse(%q): %v..%v, label %q", s, p.Start(), p.End(), p.Label())
		}
		if y := p.Start().Year(); y < MinYear || p.End().Year() > MaxYear {
			t.Fatalf("Parse(%q): year %d", s, y)
		}
	})
}

// String and Label are kept per period (texts): periods that share a
// field must still each get their own words, read from many goroutines.
func TestTextsPerPeriod(t *testing.T) {
	tests := []struct{ in, label string }{
		{"2024", "Năm 2024"},
		{"2024-01/2024-09", "9 tháng đầu năm 2024"},
		{"2024-01/2024-12", "12 tháng năm 2024"},
		{"2024-06", "Tháng 06/2024"},
		{"2024-12-31", "Tính đến 31/12/2024"},
		{"2024-12", "Tháng 12/2024"},
	}
	var wg sync.WaitGroup
	for range 4 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for range 3 {
				for _, tt := range tests {
					p, err := Parse(tt.in)
					if err != nil {
						t.Error(err)
						return
					}
					if p.String() != tt.in || p.Label() != tt.label {
						t.Errorf("%q: String %q, Label %q; want %q", tt.in, p.String(), p.Label(), tt.label)
					}
				}
			}
		}()
	}
	wg.Wait()
}

// TestKeyPacksEveryField: two periods share a texts key only when they
// are the same period, and a field out of its bits gives none.
func TestKeyPacksEveryField(t *testing.T) {
	base := Period{Months, civil{2024, 1, 1}, civil{2024, 9, 30}}
	k0, ok := base.key()
	if !ok {
		t.Fatalf("key(%v): none", base)
	}
	for _, c := range []struct {
		name string
		p    Period
		fits bool
	}{
		{"kind", Period{Year, base.start, base.end}, true},
		{"start year", Period{Months, civil{2023, 1, 1}, base.end}, true},
		{"start month", Period{Months, civil{2024, 2, 1}, base.end}, true},
		{"start day", Period{Months, civil{2024, 1, 2}, base.end}, true},
		{"end year", Period{Months, base.start, civil{2025, 9, 30}}, true},
		{"end month", Period{Months, base.start, civil{2024, 10, 30}}, true},
		{"end day", Period{Months, base.start, civil{2024, 9, 29}}, true},
		{"year too big", Period{Months, civil{1 << 14, 1, 1}, base.end}, false},
		{"negative day", Period{Months, base.start, civil{2024, 9, -1}}, false},
		{"month too big", Period{Months, base.start, civil{2024, 16, 30}}, false},
	} {
		k, ok := c.p.key()
		if ok != c.fits {
			t.Errorf("%s: key fits %v, want %v", c.name, ok, c.fits)
		}
		if ok && k == k0 {
			t.Errorf("%s: the same key as %v", c.name, base)
		}
	}
	if got, want := base.String(), "2024-01/2024-09"; got != want {
		t.Errorf("String() = %q, want %q", got, want)
	}
}
