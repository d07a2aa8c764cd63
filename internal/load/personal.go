package load

import (
	"strings"

	"github.com/pcmt/pcmt/internal/privacy"
)

// The site publishes aggregate figures only (chỉ đăng số liệu tổng hợp):
// input that carries a person's data is refused before anything is
// written. A column or key that names such data, or a value shaped like an
// ID-card or phone number, stops the file; the messages never repeat the
// value itself. The patterns live in internal/privacy, shared with the
// checks of commune pages.

// checkPersonalName reports a column or key that names personal data.
func (l *loader) checkPersonalName(rel string, line, col int, name string) bool {
	if what := privacy.Name(name); what != "" {
		l.r.addCol(rel, line, col, strings.TrimSpace(name), "looks like a person's data (%s): %s; remove it and its values", what, privacy.AggregateOnly)
		return true
	}
	return false
}

// checkPersonalValue reports a value shaped like an ID-card or phone
// number, without repeating it.
func (l *loader) checkPersonalValue(rel string, line, col int, field, value string) bool {
	if what, at := privacy.Value(value); what != "" {
		l.r.addCol(rel, line, col+at-1, field, "looks like a person's %s: %s; remove it", what, privacy.AggregateOnly)
		return true
	}
	return false
}

// checkPersonalLines scans text (TOML or front matter; firstLine is the
// file line of its first line) for values shaped like personal data. Keys
// are checked by decodeTOML among the keys it does not know.
// Web addresses are skipped: article ids in them are long numbers.
func (l *loader) checkPersonalLines(rel, text string, firstLine int) bool {
	found := false
	for i, ln := range strings.Split(text, "\n") {
		if t := strings.TrimSpace(ln); strings.HasPrefix(t, "url") || strings.Contains(t, "://") {
			continue
		}
		found = l.checkPersonalValue(rel, firstLine+i, 1, "", ln) || found
	}
	return found
}
