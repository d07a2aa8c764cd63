package vntext

import (
	"math"
	"strconv"
	"strings"
	"time"
)

// FormatNumber formats v for a page the Vietnamese way: "." between groups
// of thousands and "," before decimals, with at most two decimals and no
// trailing zeros, rounding halves away from zero: 1100 gives "1.100",
// 80.5 gives "80,5", 1234567 gives "1.234.567", -12 gives "-12". Values
// that round to zero give "0". NaN and infinities give "NaN", "+Inf" and
// "-Inf".
func FormatNumber(v float64) string {
	if math.IsNaN(v) || math.IsInf(v, 0) {
		return strconv.FormatFloat(v, 'f', -1, 64)
	}
	neg := v < 0
	intPart, frac := roundHalfUp(strconv.FormatFloat(math.Abs(v), 'f', -1, 64), 2)
	if intPart == "0" && frac == "" {
		return "0" // no "-0"
	}
	var b strings.Builder
	if neg {
		b.WriteByte('-')
	}
	b.WriteString(groupThousands(intPart))
	if frac != "" {
		b.WriteByte(',')
		b.WriteString(frac)
	}
	return b.String()
}

// roundHalfUp rounds the non-negative decimal number s to at most places
// decimals, rounding halves away from zero, and returns its integer digits
// and its decimals without trailing zeros. It works on the shortest
// decimal that identifies the float, so 1.005 rounds to 1.01 as a reader
// of the data would expect, not to 1.00 as its binary value would.
func roundHalfUp(s string, places int) (intPart, frac string) {
	intPart, frac, _ = strings.Cut(s, ".")
	if len(frac) > places {
		up := frac[places] >= '5'
		frac = frac[:places]
		if up {
			digits := []byte(intPart + frac)
			i := len(digits) - 1
			for ; i >= 0 && digits[i] == '9'; i-- {
				digits[i] = '0'
			}
			if i >= 0 {
				digits[i]++
			} else {
				digits = append([]byte{'1'}, digits...)
			}
			intPart, frac = string(digits[:len(digits)-places]), string(digits[len(digits)-places:])
		}
	}
	return intPart, strings.TrimRight(frac, "0")
}

// FormatPercent formats v, a percentage, like [FormatNumber] followed by
// "%": 80 gives "80%", 80.5 gives "80,5%".
func FormatPercent(v float64) string {
	return FormatNumber(v) + "%"
}

// FormatInt formats n with "." between groups of thousands: 1234567 gives
// "1.234.567".
func FormatInt(n int64) string {
	s := strconv.FormatInt(n, 10)
	if n < 0 {
		return "-" + groupThousands(s[1:])
	}
	return groupThousands(s)
}

// groupThousands inserts "." between groups of three digits of the
// unsigned decimal integer digits.
func groupThousands(digits string) string {
	if len(digits) <= 3 {
		return digits
	}
	var b strings.Builder
	b.Grow(len(digits) + len(digits)/3)
	first := len(digits) % 3
	if first == 0 {
		first = 3
	}
	b.WriteString(digits[:first])
	for i := first; i < len(digits); i += 3 {
		b.WriteByte('.')
		b.WriteString(digits[i : i+3])
	}
	return b.String()
}

// FormatDate formats the day of t for a page: "15/03/2023".
func FormatDate(t time.Time) string {
	return t.Format("02/01/2006")
}

// FormatMonth formats the month of t for a page: "02/2024".
func FormatMonth(t time.Time) string {
	return t.Format("01/2006")
}
