package period

import (
	"errors"
	"strings"
	"testing"
	"time"
)

func TestParseDate(t *testing.T) {
	tests := []struct {
		in       string
		want     time.Time
		prec     Precision
		page     string
		iso      string
		precName string
	}{
		{"2023-03-15", day(2023, 3, 15), DayPrecision, "15/03/2023", "2023-03-15", "day"},
		{"2024-02", day(2024, 2, 1), MonthPrecision, "02/2024", "2024-02", "month"},
		{"2024-02-29", day(2024, 2, 29), DayPrecision, "29/02/2024", "2024-02-29", "day"},
		{"1990-01", day(1990, 1, 1), MonthPrecision, "01/1990", "1990-01", "month"},
	}
	for _, tt := range tests {
		got, prec, err := ParseDate(tt.in)
		if err != nil || !got.Equal(tt.want) || got.Location() != time.UTC || prec != tt.prec {
			t.Errorf("ParseDate(%q) = %v, %v, %v; want %v, %v", tt.in, got, prec, err, tt.want, tt.prec)
			continue
		}
		if s := FormatDate(got, prec); s != tt.page {
			t.Errorf("FormatDate(%v, %v) = %q, want %q", got, prec, s, tt.page)
		}
		if s := FormatISODate(got, prec); s != tt.iso {
			t.Errorf("FormatISODate(%v, %v) = %q, want %q", got, prec, s, tt.iso)
		}
		if s := prec.String(); s != tt.precName {
			t.Errorf("%v.String() = %q", prec, s)
		}
	}
}

func TestParseDateErrors(t *testing.T) {
	tests := []struct {
		in   string
		want []string
	}{
		{"", []string{"empty"}},
		{"2023", []string{"year alone", "2023-MM"}},
		{"2023-13", []string{"no month 13"}},
		{"2023-02-29", []string{"no day 29", "28 days"}},
		{"2023-3-15", []string{"two digits", "write 2023-03-15"}},
		{"15/03/2023", []string{"year first", "2023-03-15"}},
		{"02/2024", []string{"year first", "2024-02"}},
		{"2024-01/2024-02", []string{"not a range"}},
		{" 2023-03-15", []string{"white space", "write 2023-03-15"}},
		{"1900-01-01", []string{"outside"}},
		{"2023-03-15T10:00", []string{"not a year"}},
		{"\xff", []string{"UTF-8"}},
	}
	for _, tt := range tests {
		_, _, err := ParseDate(tt.in)
		if err == nil {
			t.Errorf("ParseDate(%q) accepted", tt.in)
			continue
		}
		var pe *ParseError
		if !errors.As(err, &pe) || pe.What != "date" || pe.Input != tt.in {
			t.Errorf("ParseDate(%q): error %#v", tt.in, err)
		}
		msg := err.Error()
		if !strings.Contains(msg, "accepted forms: 2023-03-15, or 2024-02") {
			t.Errorf("ParseDate(%q) error %q does not list the accepted forms", tt.in, msg)
		}
		for _, w := range tt.want {
			if !strings.Contains(msg, w) {
				t.Errorf("ParseDate(%q) error = %q, want it to contain %q", tt.in, msg, w)
			}
		}
	}
}

func FuzzParseDate(f *testing.F) {
	for _, s := range []string{"2023-03-15", "2024-02", "2023", "2023-02-29", "15/03/2023", "2023-3-15"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		d, prec, err := ParseDate(s)
		if err != nil {
			var pe *ParseError
			if !errors.As(err, &pe) || pe.Input != s || pe.Msg == "" {
				t.Fatalf("ParseDate(%q): bad error %#v", s, err)
			}
			return
		}
		if got := FormatISODate(d, prec); got != s {
			t.Fatalf("FormatISODate(ParseDate(%q)) = %q", s, got)
		}
		if d.Location() != time.UTC || d.Hour() != 0 || prec == MonthPrecision && d.Day() != 1 {
			t.Fatalf("ParseDate(%q) = %v, %v", s, d, prec)
		}
	})
}
