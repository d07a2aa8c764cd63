package vntext

import "unicode/utf8"

// ValidUTF8Text reports whether b is valid UTF-8. If it is not, it returns
// the 1-based line and column of the first invalid byte, so that callers
// can report "path:line:col: not UTF-8". Lines end at '\n'; columns count
// characters (runes), not bytes. When ok is true, line and col are 0.
func ValidUTF8Text(b []byte) (line, col int, ok bool) {
	if utf8.Valid(b) {
		return 0, 0, true
	}
	line, col = 1, 1
	for len(b) > 0 {
		r, size := utf8.DecodeRune(b)
		if r == utf8.RuneError && size <= 1 {
			return line, col, false
		}
		if r == '\n' {
			line, col = line+1, 1
		} else {
			col++
		}
		b = b[size:]
	}
	return 0, 0, true // not reached
}
