// Package jsontext writes JSON text by hand as encoding/json writes it:
// where pcmt writes JSON for millions of figures, encoding/json's
// reflection and its checking of every MarshalJSON's output cost more
// than the figures (bench/README.md), but the bytes must stay the same.
package jsontext

import (
	"math"
	"strconv"
	"unicode/utf8"

	"github.com/pcmt/pcmt/internal/swar"
)

const hexDigits = "0123456789abcdef"

// AppendString appends s quoted as encoding/json quotes it without HTML
// escaping (SetEscapeHTML(false)): \", \\, \b \f \n \r \t, other
// control characters as \u00XX, invalid UTF-8 as \ufffd, U+2028 and
// U+2029 escaped. Vietnamese letters (two- and three-byte characters) are
// checked inline, without decoding them.
func AppendString[S string | []byte](b []byte, s S) []byte {
	b = append(b, '"')
	start := 0
	for i := 0; i < len(s); {
		// Eight bytes at a time while they are all written as they are
		// (ids, links, numbers): no control byte, none above ASCII, no "
		// or \.
		for i+8 <= len(s) {
			x := swar.Load(s, i)
			if ((x-0x20*swar.Ones)|x|swar.Has(x, '"')|swar.Has(x, '\\'))&swar.High != 0 {
				break
			}
			i += 8
		}
		if i >= len(s) {
			break
		}
		c := s[i]
		if jsonSafe[c] {
			i++
			continue
		}
		if c < utf8.RuneSelf {
			b = append(b, s[start:i]...)
			b = appendControl(b, c)
			i++
			start = i
			continue
		}
		// Valid two-byte characters, and three-byte ones of lead E1–EC or
		// EE–EF (no surrogates or overlong forms among them), as they are;
		// of E2 80 xx only U+2028 and U+2029 are escaped.
		if c >= 0xC2 && c <= 0xDF && i+1 < len(s) && s[i+1]&0xC0 == 0x80 {
			i += 2
			continue
		}
		if c >= 0xE1 && c <= 0xEF && c != 0xED && i+2 < len(s) && s[i+1]&0xC0 == 0x80 && s[i+2]&0xC0 == 0x80 {
			if c == 0xE2 && s[i+1] == 0x80 && s[i+2]&^1 == 0xA8 {
				b = append(b, s[start:i]...)
				b = append(b, '\\', 'u', '2', '0', '2', hexDigits[s[i+2]-0xA0])
				start = i + 3
			}
			i += 3
			continue
		}
		r, size := utf8.DecodeRuneInString(string(s[i:min(i+utf8.UTFMax, len(s))]))
		if r == utf8.RuneError && size == 1 {
			b = append(b, s[start:i]...)
			b = append(b, `\ufffd`...)
			i += size
			start = i
			continue
		}
		i += size
	}
	b = append(b, s[start:]...)
	return append(b, '"')
}

// jsonSafe: the bytes written as they are (printable ASCII but " and \).
var jsonSafe = func() (t [256]bool) {
	for c := 0x20; c < utf8.RuneSelf; c++ {
		t[c] = c != '"' && c != '\\'
	}
	return t
}()

func appendControl(b []byte, c byte) []byte {
	switch c {
	case '"', '\\':
		return append(b, '\\', c)
	case '\b':
		return append(b, '\\', 'b')
	case '\f':
		return append(b, '\\', 'f')
	case '\n':
		return append(b, '\\', 'n')
	case '\r':
		return append(b, '\\', 'r')
	case '\t':
		return append(b, '\\', 't')
	}
	return append(b, '\\', 'u', '0', '0', hexDigits[c>>4], hexDigits[c&0xF])
}

// AppendFloat appends f as encoding/json writes a float64 (encode.go,
// floatEncoder).
func AppendFloat(b []byte, f float64) []byte {
	abs := math.Abs(f)
	format := byte('f')
	if abs != 0 && (abs < 1e-6 || abs >= 1e21) {
		format = 'e'
	}
	b = strconv.AppendFloat(b, f, format, -1, 64)
	if format == 'e' {
		// clean up e-09 to e-9
		n := len(b)
		if n >= 4 && b[n-4] == 'e' && b[n-3] == '-' && b[n-2] == '0' {
			b[n-2] = b[n-1]
			b = b[:n-1]
		}
	}
	return b
}
