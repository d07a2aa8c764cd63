package derive

import (
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
	for i, p := range site.Units {
		v, ok := p.View.(UnitView)
		if !ok {
			continue
		}
		slug := strings.TrimPrefix(p.Path, "don-vi/")
		seen := map[string]int{}
		for j := range v.Charts {
			c := &v.Charts[j]
			if c.Key == "" {
				c.Key = "bieu-do"
			}
			if seen[c.Key]++; seen[c.Key] > 1 { // the same kind of chart twice (two sources): number the later ones
				c.Key += "-" + strconv.Itoa(seen[c.Key])
			}
			base := DownloadDir + "/bieu-do/" + slug + "/" + c.Key
			c.Downloads = &ChartDownloads{CSV: "/" + base + ".csv", JSON: "/" + base + ".json",
				Embed: "/" + EmbedDir + "/" + slug + "/" + c.Key + "/", PNG: slug + "-" + c.Key + ".png"}
			page := "/" + p.Path + "/"
			site.Files = append(site.Files,
				File{Path: base + ".csv", Body: DataCSV(c.Data)},
				File{Path: base + ".json", Body: DataJSON(c.Title, c.Table.Caption, page, v.LastUpdated.Date, c.Data)})
			framed := *c
			framed.Downloads = nil // the embed page is the chart, its table and its source only
			site.Embeds = append(site.Embeds, Page{Path: EmbedDir + "/" + slug + "/" + c.Key, Title: c.Title + " — " + v.FullName,
				View: EmbedView{Charts: []Chart{framed}, Unit: Link{Name: v.FullName, URL: page}, Updated: v.LastUpdated}})
		}
		// The unit's own figures and its places', as the page lists them.
		figs := append([]*model.Figure(nil), d.byUnit[unitKeyOf(v)]...)
		for _, pl := range v.Places {
			for _, f := range d.byPlace[pl.ID] {
				if f.Unit == unitKeyOf(v) {
					figs = append(figs, f)
				}
			}
		}
		if len(figs) > 0 {
			rows := d.dataRows(figs)
			base := DownloadDir + "/don-vi/" + slug
			v.Downloads = &ChartDownloads{CSV: "/" + base + ".csv", JSON: "/" + base + ".json"}
			site.Files = append(site.Files, File{Path: base + ".csv", Body: DataCSV(rows)},
				File{Path: base + ".json", Body: DataJSON("Số liệu của "+v.FullName, "", "/"+p.Path+"/", v.LastUpdated.Date, rows)})
		}
		site.Units[i].View = v
	}
	for i, p := range site.Indicators {
		v, ok := p.View.(IndicatorView)
		if !ok || len(v.Rows) == 0 {
			continue
		}
		figs := append([]*model.Figure(nil), d.index().byIndicator[v.ID]...)
		d.sortLikeIndicatorPage(figs)
		rows := d.dataRows(figs)
		base := DownloadDir + "/chi-so/" + v.ID
		v.Downloads = &ChartDownloads{CSV: "/" + base + ".csv", JSON: "/" + base + ".json"}
		site.Files = append(site.Files, File{Path: base + ".csv", Body: DataCSV(rows)},
			File{Path: base + ".json", Body: DataJSON(v.Name, v.Definition, "/"+p.Path+"/", v.LastUpdated.Date, rows)})
		site.Indicators[i].View = v
	}
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
