package derive

import (
	"sort"
	"strings"
	"time"

	"github.com/pcmt/pcmt/internal/model"
	"github.com/pcmt/pcmt/internal/vntext"
)

// CommunePageLink is one page a commune published (trang của xã), as the
// lists on unit pages and in the campaign section show it.
type CommunePageLink struct {
	Name      string `json:"name"`       // the page's title
	URL       string `json:"url"`        // /xa/07840/…/ or /ke-hoach/…/
	Kind      string `json:"kind"`       // tin-chien-dich | ke-hoach | ket-qua
	KindLabel string `json:"kind_label"` // Tin chiến dịch | Kế hoạch | Kết quả
	Date      string `json:"date"`       // ISO, for sorting: 2025-06-01 (2024-02 for a plan dated by month)
	DateText  string `json:"date_text"`  // 01/06/2025 or 02/2024
	Unit      Link   `json:"unit"`       // the commune
	Office    string `json:"office"`     // the office responsible
}

// communePages lists every commune page, newest first: the pages under
// content/xa/ and the plan documents of communes (the Thắng 2024 plan is
// the first), linked where they are rather than copied.
func (d *deriver) communePages() []communePage {
	var out []communePage
	for _, p := range d.ds.CommunePages {
		out = append(out, communePage{unit: p.Unit, date: p.Date, link: CommunePageLink{
			Name: p.Title, URL: "/" + strings.TrimSuffix(p.Path, ".md") + "/", Kind: string(p.Kind),
			KindLabel: model.PageKindLabel[p.Kind], Date: p.Date.Format("2006-01-02"), DateText: vntext.FormatDate(p.Date),
			Unit: d.unitLink(p.Unit), Office: p.Office}})
	}
	for _, p := range d.ds.Plans {
		u := d.ds.Units[p.Unit]
		if u == nil || u.Level != model.Commune {
			continue
		}
		l := CommunePageLink{Name: p.Title, URL: "/" + strings.TrimSuffix(p.Path, ".md") + "/", Kind: string(model.PlanPage),
			KindLabel: model.PageKindLabel[model.PlanPage], Date: p.Issued.Format("2006-01-02"), DateText: vntext.FormatDate(p.Issued),
			Unit: d.unitLink(p.Unit), Office: p.Issuer}
		if p.IssuedMonth {
			l.Date, l.DateText = p.Issued.Format("2006-01"), vntext.FormatMonth(p.Issued)
		}
		out = append(out, communePage{unit: p.Unit, date: p.Issued, link: l})
	}
	sort.SliceStable(out, func(i, j int) bool {
		if !out[i].date.Equal(out[j].date) {
			return out[i].date.After(out[j].date) // newest first
		}
		return vntext.Compare(out[i].link.Name, out[j].link.Name) < 0
	})
	return out
}

type communePage struct {
	unit model.UnitKey
	date time.Time
	link CommunePageLink
}

// pagesOf lists the commune pages of u: its own when it is a commune, its
// communes' when it is a district or province, newest first.
func (d *deriver) pagesOf(u *model.Unit, all []communePage) []CommunePageLink {
	var out []CommunePageLink
	for _, p := range all {
		c := d.ds.Units[p.unit]
		if c == nil {
			continue
		}
		in := c.Key == u.Key
		for _, a := range d.ds.Ancestors(c) {
			in = in || a.Key == u.Key
		}
		if in {
			out = append(out, p.link)
		}
	}
	return out
}

// FigureKey is how the figure shortcode names a figure in the index
// sitegen writes (data/pcmt/figures.json): unit code or place id,
// indicator, period (ISO) and kind, joined by "|".
func FigureKey(unit, indicator, per, kind string) string {
	return unit + "|" + indicator + "|" + per + "|" + kind
}

// figureIndex is every figure a so-lieu shortcode of the content names,
// by the key the shortcode uses; a key holds one row per source. The rows
// are the same FigureRow the unit pages show, so a shortcode prints
// exactly what the unit page prints. Only the figures named are written:
// Hugo holds every data file in memory (all figures: 293 MB at two
// provinces).
func (d *deriver) figureIndex() map[string][]FigureRow {
	out := map[string][]FigureRow{}
	refs := d.ds.Shortcodes.Figures
	if len(refs) == 0 {
		return out
	}
	var figs []*model.Figure
	for _, f := range d.ds.Figures {
		if refs[figureKeyOf(f)] {
			figs = append(figs, f)
		}
	}
	sort.SliceStable(figs, func(i, j int) bool { return figs[i].Source < figs[j].Source })
	for _, f := range figs {
		k := figureKeyOf(f)
		out[k] = append(out[k], d.figureRow(f))
	}
	return out
}

// figureKeyOf is f's key in the so-lieu index.
func figureKeyOf(f *model.Figure) string {
	u := f.Unit.Code
	if f.Place != "" {
		u = f.Place
	}
	return FigureKey(u, f.Indicator, f.Period.String(), string(f.Kind))
}

// chartIndex is the chart of each unit (or place) and indicator, or unit,
// indicator and period, that a bieu-do shortcode of the content names, by
// the key the shortcode uses: "unit|indicator" or "unit|indicator|period".
func (d *deriver) chartIndex() map[string]Chart {
	refs := d.ds.Shortcodes.Charts
	if len(refs) == 0 {
		return map[string]Chart{}
	}
	type group struct {
		unit  *model.Unit
		name  string
		figs  []*model.Figure
		indic string
	}
	groups := map[string]*group{}
	var order []string
	add := func(key string, u *model.Unit, name, ind string, f *model.Figure) {
		g := groups[key]
		if g == nil {
			g = &group{unit: u, name: name, indic: ind}
			groups[key] = g
			order = append(order, key)
		}
		g.figs = append(g.figs, f)
	}
	var figs []*model.Figure
	for _, f := range d.ds.Figures {
		code := f.Unit.Code
		if f.Place != "" {
			code = f.Place
		}
		if k := code + "|" + f.Indicator; refs[k] || refs[k+"|"+f.Period.String()] {
			figs = append(figs, f)
		}
	}
	sort.SliceStable(figs, func(i, j int) bool { return d.lessFigure(figs[i], figs[j]) })
	eras := map[string]map[model.Era]bool{} // "unit|indicator" → eras with figures
	for _, f := range figs {
		if f.Missing() {
			continue
		}
		u := d.ds.Units[f.Unit]
		code, name := f.Unit.Code, u.FullName
		if f.Place != "" {
			code, name = f.Place, d.ds.Places[f.Place].Name+" ("+u.FullName+")"
		}
		k := code + "|" + f.Indicator
		if eras[k] == nil {
			eras[k] = map[model.Era]bool{}
		}
		eras[k][f.Unit.Era] = true
		if refs[k] {
			add(k+"@"+string(f.Unit.Era), u, name, f.Indicator, f)
		}
		if refs[k+"|"+f.Period.String()] {
			add(k+"|"+f.Period.String(), u, name, f.Indicator, f)
		}
	}
	out := map[string]Chart{}
	for _, key := range order {
		g := groups[key]
		ind := d.ds.Indicators[g.indic]
		word, percent := ind.Counted, ind.Measure != model.Count
		if percent {
			word = "%"
		}
		shown := *g.unit
		shown.FullName = g.name
		title := ind.Name + " — " + g.name
		c := d.kindsChart(&shown, 0, g.figs, title, word, percent)
		outKey := key
		if i := strings.LastIndex(key, "@"); i >= 0 {
			base := key[:i]
			if len(eras[base]) > 1 {
				continue // the same code in two eras: the shortcode must give a period
			}
			outKey = base
		}
		c.ID = "bd-" + vntext.Slug(strings.ReplaceAll(outKey, "|", "-"))
		out[outKey] = c
	}
	return out
}

// communeSite fills the site's commune pages and the shortcode indexes.
func (d *deriver) communeSite(site *Site) {
	for _, p := range d.communePages() {
		site.CommunePages = append(site.CommunePages, p.link)
	}
	site.Figures = d.figureIndex()
	site.FigureCharts = d.chartIndex()
	site.Editor = d.editorView()
}

// EditorView is what the web editor (/admin/) offers: the kinds of
// commune page and the communes to choose from.
type EditorView struct {
	Kinds    []EditorOption // value tin-chien-dich, label Tin chiến dịch
	Communes []EditorOption // every commune from 1/7/2025: value 07840, label "Xã Hiệp Hoà — Tỉnh Bắc Ninh (07840)"
}

// EditorOption is one choice of a select in the editor.
type EditorOption struct {
	Value string `json:"value"`
	Label string `json:"label"`
}

func (d *deriver) editorView() EditorView {
	var v EditorView
	for _, k := range model.PageKinds {
		v.Kinds = append(v.Kinds, EditorOption{Value: string(k), Label: model.PageKindLabel[k]})
	}
	type opt struct {
		o         EditorOption
		prov, com string
	}
	var opts []opt
	for _, u := range d.ds.Units {
		if u.Key.Era != model.Era2025 || u.Level != model.Commune {
			continue
		}
		prov := ""
		if p := d.ds.Parent(u); p != nil {
			prov = p.FullName
		}
		opts = append(opts, opt{EditorOption{Value: u.Key.Code, Label: u.FullName + " — " + prov + " (" + u.Key.Code + ")"}, prov, u.Name})
	}
	// By province, then commune, in Vietnamese order; the editor's select
	// filters as one types, so the order only helps browsing.
	sort.Slice(opts, func(i, j int) bool {
		if c := vntext.Compare(opts[i].prov, opts[j].prov); c != 0 {
			return c < 0
		}
		if c := vntext.Compare(opts[i].com, opts[j].com); c != 0 {
			return c < 0
		}
		return opts[i].o.Value < opts[j].o.Value
	})
	for _, o := range opts {
		v.Communes = append(v.Communes, o.o)
	}
	return v
}
