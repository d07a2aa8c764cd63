package derive

import (
	"io"
	"sort"
	"time"

	"github.com/pcmt/pcmt/internal/jsontext"
	"github.com/pcmt/pcmt/internal/model"
	"github.com/pcmt/pcmt/internal/vntext"
)

// refWriteUnitJSON is writeUnitJSON as it was before its rows were
// encoded from parts made once per unit (indicator, period, source): the
// reference unitjson_test.go holds the encoder to, byte for byte.
func (d *deriver) refWriteUnitJSON(w io.Writer, title, page, updated string, figs []*model.Figure, also func(*model.Figure, FigureRow)) error {
	if len(figs) == 0 {
		return nil
	}
	d.prepareRows()
	unit := figs[0].Unit // a page's figures are all of its unit
	then, ok := d.unitsThen[unit]
	if !ok {
		then = unit.Code
	}
	var inds, srcs, places, kinds []string
	seen := [4]map[string]bool{{}, {}, {}, {}}
	add := func(n int, list *[]string, id string) {
		if id != "" && !seen[n][id] {
			seen[n][id] = true
			*list = append(*list, id)
		}
	}
	for _, f := range figs {
		add(0, &inds, f.Indicator)
		add(1, &srcs, f.Source)
		add(2, &places, f.Place)
		add(3, &kinds, string(f.Kind))
	}
	for _, l := range [][]string{inds, srcs, places, kinds} {
		sort.Strings(l)
	}

	j := newJSONWriter(w)
	defer j.release()
	j.open('{')
	j.str("title", title)
	j.str("page", page)
	j.strOmit("updated", updated)
	j.str("note", unitNote)
	j.key("unit")
	j.open('{')
	j.str("code", unit.Code)
	j.str("era", string(unit.Era))
	j.str("then", then) // as named when published, with the units above it
	j.close('}')
	if len(places) > 0 {
		j.key("places")
		j.open('{')
		for _, id := range places {
			j.str(id, d.ds.Places[id].Name)
		}
		j.close('}')
	}
	j.key("kinds")
	j.open('{')
	for _, k := range kinds {
		j.key(k)
		j.open('{')
		j.str("label", kindLabel[model.Kind(k)])
		j.str("en", kindEN[model.Kind(k)])
		j.close('}')
	}
	j.close('}')
	j.key("indicators")
	j.open('{')
	for _, id := range inds {
		ind := d.ds.Indicators[id]
		j.key(id)
		j.open('{')
		j.str("name", ind.Name)
		j.strOmit("name_en", ind.NameEn)
		j.str("measure", string(ind.Measure))
		j.str("counted", ind.Counted)
		j.str("page", "/chi-so/"+id+"/")
		j.close('}')
	}
	j.close('}')
	j.key("sources")
	j.open('{')
	for _, id := range srcs {
		src := d.ds.Sources[id]
		pub := src.Publisher
		if pub == "" {
			pub = "Không ghi rõ" // as the sources box says it
		}
		date := src.Date.Format("2006-01-02")
		if src.DateMonth {
			date = src.Date.Format("2006-01")
		}
		vi, en := sourceCitation(src)
		j.key(id)
		j.open('{')
		j.str("title", src.Title)
		j.str("kind", string(src.Kind))
		j.str("kind_label", sourceKindLabel[src.Kind])
		j.str("publisher", pub)
		j.str("date", date)
		j.str("date_text", sourceDate(src))
		j.str("date_en", sourceDateEN(src))
		j.strOmit("original", src.URL)
		j.str("page", "/nguon/"+id+"/")
		j.key("cite")
		j.open('{')
		j.str("vi", vi)
		j.str("en", en)
		j.close('}')
		j.close('}')
	}
	j.close('}')
	j.key("rows")
	j.open('[')
	periodsEN := map[string]string{} // the unit's few periods, in English once
	for _, f := range figs {
		row := d.figureRow(f)
		r := &row
		if also != nil {
			also(f, row)
		}
		ind := d.ds.Indicators[f.Indicator]
		j.elem()
		j.open('{')
		j.str("anchor", r.Anchor)
		j.strOmit("place_id", f.Place)
		j.str("indicator", f.Indicator)
		j.str("period", r.Period)
		j.str("period_label", r.PeriodLabel)
		en, known := periodsEN[r.Period]
		if !known {
			en = periodEN(f.Period)
			periodsEN[r.Period] = en
		}
		j.str("period_en", en)
		j.str("kind", r.Kind)
		j.key("value")
		if r.Value == nil {
			j.b = append(j.b, "null"...)
		} else {
			j.b = jsontext.AppendFloat(j.b, *r.Value)
		}
		if r.Value != nil && !r.Suppressed { // a withheld figure has no fraction or qualifier either
			j.strOmit("qualifier", string(f.Qualifier))
			j.num("numerator", f.Numerator)
			j.num("denominator", f.Denominator)
		}
		j.str("value_text", r.ValueText)
		j.str("value_en", valueEN(f, ind))
		if r.Suppressed {
			j.key("suppressed")
			j.b = append(j.b, "true"...)
		}
		j.strOmit("note", r.Note)
		j.strOmit("discrepancy", r.Discrepancy)
		j.strOmit("progress", r.Progress)
		j.str("source", f.Source)
		j.strOmit("evidence", r.Evidence)
		if r.LastChanged != "" {
			t, _ := time.Parse(time.DateOnly, r.LastChanged)
			j.str("last_changed", r.LastChanged)
			j.str("last_changed_text", vntext.FormatDate(t))
			j.str("last_changed_en", dateEN(t))
		}
		// What the parts above do not say: only when it is not the usual.
		want := then
		if f.Place != "" && ok {
			want = d.ds.Places[f.Place].Name + ", " + then
		}
		if t := d.unitThen(f); t != want {
			j.str("unit_then", t)
		}
		if p := r.Permalink; len(p) != len(page)+1+len(r.Anchor) || p[:len(page)] != page || p[len(page)] != '#' || p[len(page)+1:] != r.Anchor { // not page#anchor
			j.str("permalink", r.Permalink)
		}
		if h := d.historyEntries(f); len(h) > 0 {
			j.key("history")
			j.open('[')
			for _, e := range h {
				j.elem()
				j.open('{')
				j.str("id", e.ID)
				j.str("date", e.Date)
				j.str("date_text", e.DateText)
				j.str("action", e.Action)
				j.str("label", e.Label)
				j.strOmit("old", e.Old)
				j.strOmit("new", e.New)
				j.strOmit("reason", e.Reason)
				j.close('}')
			}
			j.close(']')
		}
		j.close('}')
		if err := j.flushIfFull(); err != nil {
			return err
		}
	}
	j.close(']')
	j.close('}')
	j.b = append(j.b, '\n')
	return j.flush()
}
