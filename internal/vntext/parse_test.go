package vntext

import (
	"errors"
	"math"
	"strconv"
	"strings"
	"testing"
)

func TestParseNumber(t *testing.T) {
	tests := []struct {
		in   string
		want float64
	}{
		{"0", 0},
		{"986", 986},
		{"80", 80},
		{"80.5", 80.5},
		{"1100", 1100},
		{"1234567", 1234567},
		{"-12", -12},
		{"-0", 0},
		{"0.125", 0.125},       // three decimals after 0 are not ambiguous
		{"1234.567", 1234.567}, // nor after four digits
		{"1.1", 1.1},
		{"1.10", 1.1},
		{"2.1250", 2.125},
		{"12.5", 12.5},
		{"100.0", 100},
		{"0.0001", 0.0001},
	}
	for _, tt := range tests {
		got, err := ParseNumber(tt.in)
		if err != nil || got != tt.want {
			t.Errorf("ParseNumber(%q) = %v, %v; want %v", tt.in, got, err, tt.want)
		}
	}
}

func TestParseNumberErrors(t *testing.T) {
	// Each error message must contain every listed fragment: what is wrong
	// and what to write instead.
	tests := []struct {
		in   string
		want []string
	}{
		{"", []string{"empty"}},
		{"   ", []string{"white space"}},
		{" 5", []string{"spaces", "write 5"}},
		{"5 ", []string{"spaces", "write 5"}},
		{" 1,5 ", []string{"spaces", "write 1.5"}},
		{"1,100", []string{"no commas", "write 1100", "or 1.1"}},
		{"-1,100", []string{"write -1100", "or -1.1"}},
		{"1,234,567", []string{"thousands separator", "write 1234567"}},
		{"80,5", []string{"point", "write 80.5"}},
		{"1.234,5", []string{"thousands separator", "write 1234.5"}},
		{"1,234.5", []string{"thousands separator", "write 1234.5"}},
		{"1,2,3", []string{"commas"}},
		{"1.100", []string{"ambiguous", "write 1100", "or 1.1"}},
		{"4.986", []string{"ambiguous", "write 4986", "or 4.986"}}, // the decimal form is written 4.9860
		{"2.125", []string{"ambiguous", "write 2125", "or 2.1250"}},
		{"1.000", []string{"ambiguous", "write 1000", "or 1 for"}},
		{"-1.500", []string{"ambiguous", "write -1500", "or -1.5"}},
		{"1.234.567", []string{"thousands separator", "write 1234567"}},
		{"1.2.3", []string{"more than one point"}},
		{"1 100", []string{"spaces between digits", "write 1100"}},
		{"1\u00a0100", []string{"spaces between digits", "write 1100"}},
		{"2,1 nghìn", []string{"no words", "write 2100"}},
		{"2,5 triệu", []string{"no words", "write 2500000"}},
		{"1.500 tỷ", []string{"no words", "write 1500000000000"}},
		{"5k", []string{"no words", "write 5000"}},
		{"NaN", []string{"not a finite number"}},
		{"nan", []string{"not a finite number"}},
		{"Inf", []string{"not a finite number"}},
		{"-Inf", []string{"not a finite number"}},
		{"+Inf", []string{"plus"}},
		{"Infinity", []string{"not a finite number"}},
		{"+5", []string{"no plus sign", "write 5"}},
		{"+-5", []string{"no plus sign"}},
		{"1e3", []string{"no exponent", "write 1000"}},
		{"1.5E-2", []string{"no exponent", "write 0.015"}},
		{"1e400", []string{"digits 0-9"}},
		{"80%", []string{"percent", "write 80"}},
		{"007", []string{"leading zeros", "write 7"}},
		{"00.5", []string{"leading zeros", "write 0.5"}},
		{"-007", []string{"leading zeros", "write -7"}},
		{".5", []string{"before the point", "write 0.5"}},
		{"-.5", []string{"before the point", "write -0.5"}},
		{"5.", []string{"after the point", "write 5"}},
		{".", []string{"no digits"}},
		{"-", []string{"no digits"}},
		{"--5", []string{"digits 0-9"}},
		{"0x10", []string{"digits 0-9"}},
		{"abc", []string{"digits 0-9"}},
		{"٣", []string{"ASCII digits"}},
		{"１２", []string{"ASCII digits"}},
		{"1_000", []string{"digits 0-9"}},
		{"\xff", []string{"UTF-8"}},
		{"1" + strings.Repeat("0", 400), []string{"out of range"}},
	}
	for _, tt := range tests {
		v, err := ParseNumber(tt.in)
		if err == nil {
			t.Errorf("ParseNumber(%q) = %v, want error", tt.in, v)
			continue
		}
		var ne *NumberError
		if !errors.As(err, &ne) || ne.Num != tt.in {
			t.Errorf("ParseNumber(%q): error %T %v is not a *NumberError for the input", tt.in, err, err)
		}
		for _, w := range tt.want {
			if !strings.Contains(err.Error(), w) {
				t.Errorf("ParseNumber(%q) error = %q, want it to contain %q", tt.in, err, w)
			}
		}
	}
}

// TestParseNumberSuggestions checks that every "write X" suggestion is
// itself accepted.
func TestParseNumberSuggestions(t *testing.T) {
	for _, in := range []string{" 5", "1,100", "80,5", "1.100", "2.125", "4.986", "1.234,5", "007", ".5", "5.", "+5", "1e3", "80%", "2,1 nghìn", "1 100", "1.234.567"} {
		_, err := ParseNumber(in)
		if err == nil {
			t.Errorf("ParseNumber(%q) accepted", in)
			continue
		}
		msg := err.Error()
		for _, part := range strings.Split(msg, "write ")[1:] {
			sugg, _, _ := strings.Cut(part, " ")
			sugg = strings.TrimRight(sugg, ",;)")
			if sugg == "a" { // "write a plain number"
				continue
			}
			if _, err := ParseNumber(sugg); err != nil {
				t.Errorf("ParseNumber(%q) suggests %q, which is rejected: %v", in, sugg, err)
			}
		}
	}
}

func TestFormatPlain(t *testing.T) {
	tests := []struct {
		in   float64
		want string
	}{
		{0, "0"},
		{1100, "1100"},
		{80.5, "80.5"},
		{2.125, "2.1250"},
		{0.125, "0.125"},
		{1234.567, "1234.567"},
		{-1.5, "-1.5"},
		{1e21, "1000000000000000000000"},
	}
	for _, tt := range tests {
		got := FormatPlain(tt.in)
		if got != tt.want {
			t.Errorf("FormatPlain(%v) = %q, want %q", tt.in, got, tt.want)
		}
		if v, err := ParseNumber(got); err != nil || v != tt.in {
			t.Errorf("ParseNumber(FormatPlain(%v)) = %v, %v", tt.in, v, err)
		}
	}
}

func FuzzParseNumber(f *testing.F) {
	for _, s := range []string{"986", "80.5", "0", "-12", "1,100", "1.100", "2,1 nghìn", "", "NaN", "Inf", "+5", "1e3", " 5", "0.125", "1.234,5", "٣", "80%"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		v, err := ParseNumber(s)
		if err != nil {
			var ne *NumberError
			if !errors.As(err, &ne) || ne.Num != s || ne.Reason == "" {
				t.Fatalf("ParseNumber(%q): bad error %#v", s, err)
			}
			return
		}
		if math.IsNaN(v) || math.IsInf(v, 0) {
			t.Fatalf("ParseNumber(%q) = %v", s, v)
		}
		if w, err := strconv.ParseFloat(s, 64); err != nil || math.Float64bits(w) != math.Float64bits(v) {
			t.Fatalf("ParseNumber(%q) = %v, strconv.ParseFloat = %v, %v", s, v, w, err)
		}
		for _, back := range []string{strconv.FormatFloat(v, 'f', -1, 64), FormatPlain(v)} {
			if w, err := strconv.ParseFloat(back, 64); err != nil || math.Float64bits(w) != math.Float64bits(v) {
				t.Fatalf("%q → %v → %q → %v, %v", s, v, back, w, err)
			}
		}
		if w, err := ParseNumber(FormatPlain(v)); err != nil || math.Float64bits(w) != math.Float64bits(v) {
			t.Fatalf("ParseNumber(FormatPlain(%v)) = %v, %v", v, w, err)
		}
	})
}
