package vntext

import (
	"errors"
	"math"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"
)

// A NumberError records a number in a data file that [ParseNumber]
// rejected. Its message says what is wrong and, where it can, what to
// write instead.
type NumberError struct {
	Num    string // the input
	Reason string // what is wrong and what to write instead
}

func (e *NumberError) Error() string {
	num := e.Num
	if utf8.RuneCountInString(num) > 40 {
		num = string([]rune(num)[:40]) + "…"
	}
	return "invalid number " + strconv.Quote(num) + ": " + e.Reason
}

// plainForm says what a number in a data file looks like.
const plainForm = "write a plain number: digits 0-9, an optional leading -, and a point before decimals, e.g. 986, 0, 80.5"

// ParseNumber parses a number written in a data file. Data files use one
// plain form only: ASCII digits, an optional leading minus sign, and a
// point before decimals, with no thousands separator: "986", "0", "80.5",
// "-12". Negative numbers are accepted; the caller decides whether they
// make sense.
//
// Everything else is rejected with a [*NumberError] that says what is
// wrong and what to write instead: an empty string, surrounding spaces,
// "+5", "1e3", "NaN", "Inf", leading zeros ("007"), a missing digit
// before or after the point (".5", "5."), thousands separators ("1,100",
// "1 100", "1.234.567"), a decimal comma ("80,5"), words ("2,1 nghìn") and
// signs ("80%").
//
// A point followed by exactly three digits after one to three digits
// ("1.100", "2.125") is rejected as ambiguous: it reads as one thousand
// one hundred in Vietnamese and as one point one in English. Write 1100
// for the whole number, or 1.1 (or 2.1250) for the decimal.
func ParseNumber(s string) (float64, error) {
	if reason := checkNumber(s); reason != "" {
		return 0, &NumberError{Num: s, Reason: reason}
	}
	v, err := strconv.ParseFloat(s, 64)
	if err != nil {
		if errors.Is(err, strconv.ErrRange) {
			return 0, &NumberError{Num: s, Reason: "out of range for a 64-bit floating-point number"}
		}
		return 0, &NumberError{Num: s, Reason: plainForm} // not reached
	}
	return v, nil
}

// FormatPlain formats v in the plain form of data files, the shortest
// string that [ParseNumber] accepts and parses back to v exactly: 1100
// gives "1100", 80.5 gives "80.5", 2.125 gives "2.1250". NaN and
// infinities have no plain form; FormatPlain returns "NaN", "+Inf" and
// "-Inf", which ParseNumber rejects.
func FormatPlain(v float64) string {
	s := strconv.FormatFloat(v, 'f', -1, 64)
	if math.IsNaN(v) || math.IsInf(v, 0) {
		return s
	}
	intPart, frac, _ := strings.Cut(strings.TrimPrefix(s, "-"), ".")
	if ambiguous(intPart, frac) {
		s += "0"
	}
	return s
}

// ambiguous reports whether intPart "." frac could be read as a number
// with a thousands separator: one to three digits, not a lone 0, a point,
// and exactly three digits.
func ambiguous(intPart, frac string) bool {
	return len(frac) == 3 && len(intPart) >= 1 && len(intPart) <= 3 && intPart[0] != '0'
}

// plain returns the plain form of the non-negative decimal number whose
// digits before and after the point are intPart and frac: leading zeros
// and trailing decimal zeros are removed, and a decimal that would be
// ambiguous gets a trailing 0.
func plain(neg bool, intPart, frac string) string {
	intPart = strings.TrimLeft(intPart, "0")
	if intPart == "" {
		intPart = "0"
	}
	frac = strings.TrimRight(frac, "0")
	s := intPart
	if frac != "" {
		s += "." + frac
		if ambiguous(intPart, frac) {
			s += "0"
		}
	}
	if neg && s != "0" {
		s = "-" + s
	}
	return s
}

func allDigits(s string) bool {
	if s == "" {
		return false
	}
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}

// thousandsGroups reports whether s is digits grouped by sep as thousands:
// a first group of one to three digits and further groups of three, with
// at least one separator.
func thousandsGroups(s string, sep string) bool {
	groups := strings.Split(s, sep)
	if len(groups) < 2 || len(groups[0]) < 1 || len(groups[0]) > 3 || !allDigits(groups[0]) {
		return false
	}
	for _, g := range groups[1:] {
		if len(g) != 3 || !allDigits(g) {
			return false
		}
	}
	return true
}

// checkNumber returns "" when s is in the plain form, else the reason it
// is not.
func checkNumber(s string) string {
	if s == "" {
		return "the number is empty; " + plainForm
	}
	if !utf8.ValidString(s) {
		return "not valid UTF-8 text; " + plainForm
	}
	if t := strings.TrimSpace(s); t != s {
		if t == "" {
			return "only white space; " + plainForm
		}
		if checkNumber(t) == "" {
			return "remove the spaces around it: write " + t
		}
		return "remove the spaces around it, and " + checkNumber(t)
	}
	neg := false
	body := s
	switch s[0] {
	case '-':
		neg = true
		body = s[1:]
	case '+':
		if rest := s[1:]; rest != "" && rest[0] != '+' && rest[0] != '-' && checkNumber(rest) == "" {
			return "no plus sign: write " + s[1:]
		}
		return "no plus sign; " + plainForm
	}
	sign := ""
	if neg {
		sign = "-"
	}

	// The plain form, or digits and points used wrongly.
	if strings.Trim(body, "0123456789.") == "" {
		intPart, frac, hasPoint := strings.Cut(body, ".")
		switch {
		case body == "" || body == strings.Repeat(".", len(body)):
			return "no digits; " + plainForm
		case strings.Count(body, ".") > 1:
			if thousandsGroups(body, ".") {
				return "no thousands separator: write " + sign + strings.ReplaceAll(body, ".", "") +
					" (if a decimal was meant, use one point only)"
			}
			return "more than one point; " + plainForm
		case hasPoint && intPart == "":
			return "a digit is needed before the point: write " + plain(neg, "0", frac)
		case hasPoint && frac == "":
			return "a digit is needed after the point: write " + plain(neg, intPart, "")
		case len(intPart) > 1 && intPart[0] == '0':
			return "no leading zeros: write " + plain(neg, intPart, frac)
		case hasPoint && ambiguous(intPart, frac):
			return "ambiguous: the point may separate thousands (Vietnamese style) or decimals; write " +
				sign + intPart + frac + " for the whole number, or " + plain(neg, intPart, frac) +
				" for the decimal"
		}
		return ""
	}

	// Commas: a thousands separator or a decimal comma.
	if strings.Trim(body, "0123456789.,") == "" && strings.Contains(body, ",") {
		switch {
		case thousandsGroups(body, ",") && strings.Count(body, ",") == 1:
			intPart, frac, _ := strings.Cut(body, ",")
			return "no commas in data files (a point before decimals, no thousands separator): write " +
				sign + intPart + frac + " if the comma separates thousands, or " + plain(neg, intPart, frac) +
				" if it is a decimal comma"
		case thousandsGroups(body, ","):
			return "no thousands separator: write " + sign + strings.ReplaceAll(body, ",", "")
		case strings.Count(body, ",") == 1 && !strings.Contains(body, "."):
			intPart, frac, _ := strings.Cut(body, ",")
			if allDigits(intPart) && allDigits(frac) {
				return "use a point, not a comma, before decimals: write " + plain(neg, intPart, frac)
			}
		case strings.Count(body, ",") == 1 && strings.Index(body, ".") < strings.Index(body, ","):
			// Vietnamese style: 1.234,5
			intPart, frac, _ := strings.Cut(body, ",")
			if thousandsGroups(intPart, ".") && allDigits(frac) {
				return "no thousands separator, and a point before decimals: write " +
					plain(neg, strings.ReplaceAll(intPart, ".", ""), frac)
			}
		case strings.Count(body, ".") == 1 && strings.Index(body, ",") < strings.Index(body, "."):
			// English style: 1,234.5
			intPart, frac, _ := strings.Cut(body, ".")
			if thousandsGroups(intPart, ",") && allDigits(frac) {
				return "no thousands separator: write " +
					plain(neg, strings.ReplaceAll(intPart, ",", ""), frac)
			}
		}
		return "commas are not used in data files; " + plainForm
	}

	// Digits grouped by spaces: 1 100.
	if f := strings.FieldsFunc(body, unicode.IsSpace); len(f) > 1 && thousandsGroups(strings.Join(f, " "), " ") {
		return "no spaces between digits: write " + sign + strings.Join(f, "")
	}

	lower := strings.ToLower(body)
	switch lower {
	case "nan", "inf", "infinity", "∞":
		return "not a finite number; " + plainForm
	}
	if strings.HasSuffix(body, "%") && checkNumber(strings.TrimSpace(strings.TrimSuffix(s, "%"))) == "" {
		return "no percent sign (the indicator says what the number measures): write " +
			strings.TrimSpace(strings.TrimSuffix(s, "%"))
	}
	if strings.ContainsAny(body, "eE") {
		if v, err := strconv.ParseFloat(s, 64); err == nil && !math.IsInf(v, 0) && !math.IsNaN(v) {
			if p := FormatPlain(v); len(p) <= 40 {
				return "no exponent: write " + p
			}
			return "no exponent; " + plainForm
		}
	}
	if r := wordNumber(body, neg); r != "" {
		return r
	}
	for _, r := range body {
		if unicode.IsDigit(r) && (r < '0' || r > '9') {
			return "use the ASCII digits 0-9; " + plainForm
		}
	}
	return plainForm
}

// Multipliers written as words after a number in Vietnamese text.
var multipliers = []struct {
	word  string
	zeros int
}{
	{"nghìn", 3}, {"ngàn", 3}, {"ngan", 3}, {"nghin", 3}, {"k", 3},
	{"triệu", 6}, {"trieu", 6},
	{"tỷ", 9}, {"tỉ", 9}, {"ty", 9},
}

// wordNumber recognizes a number followed by a multiplier word, such as
// "2,1 nghìn", and returns the reason to reject it with the number in
// full, or "".
func wordNumber(body string, neg bool) string {
	lower := strings.ToLower(NFC(body))
	for _, m := range multipliers {
		num, ok := strings.CutSuffix(lower, m.word)
		if !ok {
			continue
		}
		num = strings.TrimSpace(num)
		// In Vietnamese text the comma is the decimal mark and the point
		// separates thousands.
		intPart, frac, _ := strings.Cut(num, ",")
		if thousandsGroups(intPart, ".") {
			intPart = strings.ReplaceAll(intPart, ".", "")
		} else if frac == "" {
			intPart, frac, _ = strings.Cut(num, ".")
		}
		if !allDigits(intPart) || frac != "" && !allDigits(frac) {
			return ""
		}
		for len(frac) < m.zeros {
			frac += "0"
		}
		return "no words: give the number in full: write " +
			plain(neg, intPart+frac[:m.zeros], frac[m.zeros:])
	}
	return ""
}
