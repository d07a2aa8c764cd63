package derive

import (
	"io"
	"sort"
	"strconv"
	"strings"

	"github.com/pcmt/pcmt/internal/model"
	"github.com/pcmt/pcmt/internal/vntext"
)

// citable adds what makes figures citable and traceable to a derived site:
// "Cập nhật lần cuối" dates, the changelog page, and for every chart and
// unit or indicator table its downloads (and for charts an embed page).
func (d *deriver) citable(site *Site) {
	d.addLastUpdated(site)
	if len(d.ds.Changes) > 0 {
		v, upd := d.changelog()
		site.Changelog = &Page{Path: ChangelogPath, Title: "Nhật ký cập nhật số liệu", View: v}
		site.Updated = upd
	}
	// Unit pages get theirs as each is made (unitDownloads).
	site.rowCitation = func(path, anchor string) (Citation, bool) {
		for i, p := range site.Units {
			if p.Path != path {
				continue
			}
			v := site.UnitView(i)
			figs := d.pageFigures(v)
			for _, f := range figs {
				if r := d.figureRow(f); r.Anchor == anchor { // the row the page shows (GroupRows)
					return d.citation(&r, f, d.unitThen(f)), true
				}
			}
		}
		return Citation{}, false
	}
	for i, p := range site.Indicators {
		v, ok := p.View.(IndicatorView)
		if !ok || len(v.Rows) == 0 || site.Publication == nil {
			continue
		}
		// The indicator's table of the data package (publication.go): the
		// same figures, written once for the package and this link.
		if t, ok := site.Publication.IndicatorTables[v.ID]; ok {
			v.Downloads = &ChartDownloads{CSV: DataDir + t.Name + ".csv"}
		}
		site.Indicators[i].View = v
	}
}

// unitDownloads gives unit page p, whose view is v, its downloads and
// citation, and its charts theirs (chartDownloads): the files and embed
// pages go with the page (UnitPage).
func (d *deriver) unitDownloads(p *UnitPage, v *UnitView) {
	slug := strings.TrimPrefix(p.Path, "don-vi/")
	figs := d.pageFigures(*v)
	if len(figs) > 0 {
		base := DownloadDir + "/don-vi/" + slug
		v.Downloads = &ChartDownloads{CSV: "/" + base + ".csv", JSON: "/" + base + ".json"}
		u := &unitDownload{d: d, title: "Số liệu của " + v.FullName, page: "/" + p.Path + "/", updated: v.LastUpdated.Date, figs: figs}
		p.Files = append(p.Files,
			File{Path: base + ".csv", Write: func(w io.Writer) error { return d.writeFiguresCSV(w, figs) },
				With: func(w, next io.Writer) error { return d.writeUnitFiles(w, next, u.title, u.page, u.updated, figs) }, unit: u},
			File{Path: base + ".json", Write: func(w io.Writer) error { return d.writeUnitJSON(w, u.title, u.page, u.updated, figs, nil) }, unit: u})
	}
	v.Cite = d.pageCitation(*v, "/"+p.Path+"/")
	d.chartDownloads(p, v, p.Path)
}

// unitDownload is what a unit page's CSV and JSON are made of.
type unitDownload struct {
	d                    *deriver
	title, page, updated string
	figs                 []*model.Figure
}

// Citation is the citation derive makes of the row with id anchor on the
// unit page at path (don-vi/<slug>): the reference for the parts the
// page's JSON download gives and static/js/cite.js puts together (tests).
func (s *Site) Citation(path, anchor string) (Citation, bool) {
	if s.rowCitation == nil {
		return Citation{}, false
	}
	return s.rowCitation(path, anchor)
}

// pageFigures are the unit's own figures and its places', as its page
// lists them.
func (d *deriver) pageFigures(v UnitView) []*model.Figure {
	figs := append([]*model.Figure(nil), d.byUnit[unitKeyOf(v)]...)
	for _, pl := range v.Places {
		for _, f := range d.byPlace[pl.ID] {
			if f.Unit == unitKeyOf(v) {
				figs = append(figs, f)
			}
		}
	}
	return figs
}

// chartDownloads gives each chart of a unit page its downloads. A
// province's charts, the ones journalists quote and frame, each get a CSV,
// a JSON and an embed page. A district's or commune's chart of the unit's
// own figures links to the page's CSV and JSON, which hold the same
// figures: nationally 14,000 pages' charts would otherwise be a second
// copy of every figure (200 MB at two provinces). A district's chart of
// its communes keeps files of its own (the page's downloads do not hold
// the communes' figures) but no embed page.
func (d *deriver) chartDownloads(out *UnitPage, v *UnitView, path string) {
	slug := strings.TrimPrefix(path, "don-vi/")
	page := "/" + path + "/"
	own := unitKeyOf(*v)
	province := v.Level == string(model.Province)
	seen := map[string]int{}
	for j := range v.Charts {
		c := &v.Charts[j]
		if c.Key == "" {
			c.Key = "bieu-do"
		}
		if seen[c.Key]++; seen[c.Key] > 1 { // the same kind of chart twice (two sources): number the later ones
			c.Key += "-" + strconv.Itoa(seen[c.Key])
		}
		png := slug + "-" + c.Key + ".png"
		if !province && v.Downloads != nil && allOf(c.figs, own) {
			c.Downloads = &ChartDownloads{CSV: v.Downloads.CSV, JSON: v.Downloads.JSON, PNG: png, Page: true}
			continue
		}
		rows := d.sharedRows(c.figs, 2)
		base := DownloadDir + "/bieu-do/" + slug + "/" + c.Key
		c.Downloads = &ChartDownloads{CSV: "/" + base + ".csv", JSON: "/" + base + ".json", PNG: png}
		title, caption, updated := c.Title, c.Table.Caption, v.LastUpdated.Date
		out.Files = append(out.Files,
			File{Path: base + ".csv", Write: func(w io.Writer) error { return writeDataCSV(w, rows.take()) }},
			File{Path: base + ".json", Write: func(w io.Writer) error { return writeDataJSON(w, title, caption, page, updated, rows.take()) }})
		if !province {
			continue
		}
		c.Downloads.Embed = "/" + EmbedDir + "/" + slug + "/" + c.Key + "/"
		framed := *c
		framed.Downloads = nil // the embed page is the chart, its table and its source only
		out.Embeds = append(out.Embeds, Page{Path: EmbedDir + "/" + slug + "/" + c.Key, Title: c.Title + " — " + v.FullName,
			View: EmbedView{Charts: []Chart{framed}, Unit: Link{Name: v.FullName, URL: page}, Updated: v.LastUpdated}})
	}
}

// allOf says every figure is of unit k (its own or of a place in it): the
// figures the unit page's downloads hold.
func allOf(figs []*model.Figure, k model.UnitKey) bool {
	for _, f := range figs {
		if f.Unit != k {
			return false
		}
	}
	return true
}

// sortLikeIndicatorPage orders an indicator's figures as its page does:
// by unit name (Vietnamese collation), then as on a unit page.
func (d *deriver) sortLikeIndicatorPage(figs []*model.Figure) {
	name := func(f *model.Figure) string {
		n := d.ds.Units[f.Unit].FullName
		if f.Place != "" {
			n += " " + d.ds.Places[f.Place].Name
		}
		return n
	}
	sort.SliceStable(figs, func(i, j int) bool {
		if c := vntext.Compare(name(figs[i]), name(figs[j])); c != 0 {
			return c < 0
		}
		return d.lessFigure(figs[i], figs[j])
	})
}
