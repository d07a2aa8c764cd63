package derive

import (
	"bytes"
	"encoding/json"
	"strings"
)

// Rows are figure rows as a page's front matter (and data/pcmt) carries
// them. Hugo keeps every page's front matter as maps for the whole build
// and a province or commune page has hundreds of rows, so a row is a short
// array and what rows share is given once (layouts/_partials/rows-table.html
// reads it; a unit page's rows are HTML instead: rowhtml.go):
//
//	{"s": [[source_cite, source url], …],
//	 "u": [[unit name, unit page url, unit_note], …],
//	 "i": [[indicator name, indicator url], …],
//	 "k": {"target": "Chỉ tiêu", …},
//	 "r": [[anchor, period_label, kind, value_text, s, evidence, progress, u, i, extra], …]}
//
// s, u and i are positions in those lists; extra is null or holds what few
// rows have: {"n": note, "d": discrepancy, "c": corrected_text,
// "cu": corrected_url, "m": true when the value is missing, "p": the page
// showing the row when not its unit's page}. The citation,
// sources box and history of each row are in the unit page's download
// (citable.go). No rows encode as null, so templates can test them.
type Rows []FigureRow

// rowExtra is the rare part of a row.
type rowExtra struct {
	Note          string `json:"n,omitempty"`
	Discrepancy   string `json:"d,omitempty"`
	CorrectedText string `json:"c,omitempty"`
	CorrectedURL  string `json:"cu,omitempty"`
	Missing       bool   `json:"m,omitempty"`
	// Page is the page showing the row when it is not its unit's page (an
	// earlier year of a split province page, scale.go): the unit's name
	// links to the unit page, the period to the row where it is.
	Page string `json:"p,omitempty"`
}

// MarshalJSON writes rs in the compact form above.
func (rs Rows) MarshalJSON() ([]byte, error) {
	if len(rs) == 0 {
		return []byte("null"), nil
	}
	type list struct {
		pos   map[string]int
		items [][]string
	}
	add := func(l *list, item ...string) int {
		k := item[0] + "\x00" + item[1] + "\x00"
		if len(item) > 2 {
			k += item[2]
		}
		if i, ok := l.pos[k]; ok {
			return i
		}
		l.pos[k] = len(l.items)
		l.items = append(l.items, item)
		return len(l.items) - 1
	}
	srcs, units, inds := &list{pos: map[string]int{}}, &list{pos: map[string]int{}}, &list{pos: map[string]int{}}
	kinds := map[string]string{}
	rows := make([][]any, len(rs))
	for j, r := range rs {
		unitURL, _, _ := strings.Cut(r.Unit.URL, "#") // the row adds its own anchor
		var page string
		if u, ok := strings.CutSuffix(unitURL, PartEarlierYears+"/"); ok {
			unitURL, page = u, unitURL
		}
		var extra *rowExtra
		if r.Note != "" || r.Discrepancy != "" || r.CorrectedText != "" || r.Missing || page != "" {
			extra = &rowExtra{Note: r.Note, Discrepancy: r.Discrepancy, CorrectedText: r.CorrectedText, CorrectedURL: r.CorrectedURL, Missing: r.Missing, Page: page}
		}
		kinds[r.Kind] = r.KindLabel
		rows[j] = []any{r.Anchor, r.PeriodLabel, r.Kind, r.ValueText, add(srcs, r.SourceCite, r.Source.URL), r.Evidence, r.Progress,
			add(units, r.Unit.Name, unitURL, r.UnitNote), add(inds, r.Indicator.Name, r.Indicator.URL), extra}
	}
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	err := enc.Encode(struct {
		S [][]string        `json:"s"`
		U [][]string        `json:"u"`
		I [][]string        `json:"i"`
		K map[string]string `json:"k"`
		R [][]any           `json:"r"`
	}{srcs.items, units.items, inds.items, kinds, rows})
	return bytes.TrimSuffix(b.Bytes(), []byte("\n")), err
}
