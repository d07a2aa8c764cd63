package derive

import (
	"encoding/json"
	"fmt"
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
	for i, p := range site.Units {
		v, ok := p.View.(UnitView)
		if !ok {
			continue
		}
		slug := strings.TrimPrefix(p.Path, "don-vi/")
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
			base := DownloadDir + "/don-vi/" + slug
			v.Downloads = &ChartDownloads{CSV: "/" + base + ".csv", JSON: "/" + base + ".json"}
			title, page, updated := "Số liệu của "+v.FullName, "/"+p.Path+"/", v.LastUpdated.Date
			site.Files = append(site.Files,
				File{Path: base + ".csv", Write: func(w io.Writer) error { return writeDataCSV(w, d.dataRows(figs)) }},
				File{Path: base + ".json", Write: func(w io.Writer) error {
					return d.writeUnitJSON(w, title, page, updated, figs, d.pageRows(v, figs))
				}})
		}
		v.Cite = d.pageCitation(v, "/"+p.Path+"/")
		d.chartDownloads(site, &v, p.Path)
		site.Units[i].View = v
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

// chartDownloads gives each chart of a unit page its downloads. A
// province's charts, the ones journalists quote and frame, each get a CSV,
// a JSON and an embed page. A district's or commune's chart of the unit's
// own figures links to the page's CSV and JSON, which hold the same
// figures: nationally 14,000 pages' charts would otherwise be a second
// copy of every figure (200 MB at two provinces). A district's chart of
// its communes keeps files of its own (the page's downloads do not hold
// the communes' figures) but no embed page.
func (d *deriver) chartDownloads(site *Site, v *UnitView, path string) {
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
		site.Files = append(site.Files,
			File{Path: base + ".csv", Write: func(w io.Writer) error { return writeDataCSV(w, rows.take()) }},
			File{Path: base + ".json", Write: func(w io.Writer) error { return writeDataJSON(w, title, caption, page, updated, rows.take()) }})
		if !province {
			continue
		}
		c.Downloads.Embed = "/" + EmbedDir + "/" + slug + "/" + c.Key + "/"
		framed := *c
		framed.Downloads = nil // the embed page is the chart, its table and its source only
		site.Embeds = append(site.Embeds, Page{Path: EmbedDir + "/" + slug + "/" + c.Key, Title: c.Title + " — " + v.FullName,
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

// pageRows are the rows a unit page shows for figs (its own figures, then
// its places', the order of figs), so that the downloads cite exactly what
// the page shows; a figure the page does not hold is made again.
func (d *deriver) pageRows(v UnitView, figs []*model.Figure) []FigureRow {
	var rows []FigureRow
	for _, g := range v.Groups {
		rows = append(rows, g.Rows...)
	}
	for _, pl := range v.Places {
		for _, g := range pl.Groups {
			rows = append(rows, g.Rows...)
		}
	}
	out := make([]FigureRow, len(figs))
	for i, f := range figs {
		if i < len(rows) && rows[i].Anchor == d.anchorOf(f) && rows[i].Source.URL == "/nguon/"+f.Source+"/" {
			out[i] = rows[i]
		} else {
			out[i] = d.figureRow(f)
		}
	}
	return out
}

// The unit page's JSON download: what the page shows of each figure, with
// its citation, sources box and history (static/js/cite.js shows a row's
// citation from it). Indicators and sources are given once; rows name
// them by id.
type unitFile struct {
	Title      string                   `json:"title"`
	Page       string                   `json:"page"` // site-relative address of the page
	Updated    string                   `json:"updated,omitempty"`
	Note       string                   `json:"note"`
	Indicators map[string]unitIndicator `json:"indicators"`
	Sources    map[string]unitSource    `json:"sources"`
	Rows       []unitRow                `json:"rows"`
}

type unitIndicator struct {
	Name    string `json:"name"`
	NameEn  string `json:"name_en,omitempty"`
	Measure string `json:"measure"`
	Counted string `json:"counted"`
	Page    string `json:"page"`
}

// unitSource is a source as the sources box of its figures gives it.
type unitSource struct {
	Title     string `json:"title"`
	Kind      string `json:"kind"`
	KindLabel string `json:"kind_label"` // Bài báo | Văn bản kế hoạch
	Publisher string `json:"publisher"`  // "Không ghi rõ" when the document does not say
	Date      string `json:"date"`       // ISO: YYYY-MM-DD or YYYY-MM
	DateText  string `json:"date_text"`  // 15/03/2023, or 02/2024
	Original  string `json:"original,omitempty"`
	Page      string `json:"page"`
}

type unitRow struct {
	Anchor      string         `json:"anchor"`
	Permalink   string         `json:"permalink"` // site-relative
	UnitCode    string         `json:"unit_code"`
	UnitEra     string         `json:"unit_era"`
	PlaceID     string         `json:"place_id,omitempty"`
	UnitThen    string         `json:"unit_then"` // the unit as named when published, with the units above it
	Indicator   string         `json:"indicator"`
	Period      string         `json:"period"`
	PeriodLabel string         `json:"period_label"`
	Kind        string         `json:"kind"`
	KindLabel   string         `json:"kind_label"`
	Value       *float64       `json:"value"` // null when missing or withheld
	Qualifier   string         `json:"qualifier,omitempty"`
	Numerator   *float64       `json:"numerator,omitempty"`
	Denominator *float64       `json:"denominator,omitempty"`
	ValueText   string         `json:"value_text"`
	Suppressed  bool           `json:"suppressed,omitempty"`
	Note        string         `json:"note,omitempty"`
	Discrepancy string         `json:"discrepancy,omitempty"`
	Progress    string         `json:"progress,omitempty"`
	Source      string         `json:"source"`
	Evidence    string         `json:"evidence,omitempty"`
	LastChanged string         `json:"last_changed,omitempty"`
	Cite        unitCite       `json:"cite"`
	History     []HistoryEntry `json:"history,omitempty"`
}

type unitCite struct {
	VI string `json:"vi"`
	EN string `json:"en"`
}

const unitNote = "Số liệu tổng hợp, không có thông tin cá nhân. Chỉ số (indicators) và nguồn (sources) ghi một lần; mỗi dòng dẫn id của chúng. " +
	"value: số dùng để vẽ (phân số tính ra %); suppressed = true: số nhỏ không được công bố (value để trống). " +
	"cite: lời trích dẫn của số liệu; thêm tên trang và địa chỉ đầy đủ (permalink) khi dẫn."

// writeUnitJSON writes the unit page's JSON download of figs, which the
// page shows as rows shown. The citation, sources box and history of each
// row are made here, as the file is written, and dropped with it.
func (d *deriver) writeUnitJSON(w io.Writer, title, page, updated string, figs []*model.Figure, shown []FigureRow) error {
	doc := unitFile{Title: title, Page: page, Updated: updated, Note: unitNote,
		Indicators: map[string]unitIndicator{}, Sources: map[string]unitSource{}, Rows: make([]unitRow, len(figs))}
	for i, f := range figs {
		r := &shown[i]
		ind, src := d.ds.Indicators[f.Indicator], d.ds.Sources[f.Source]
		box := d.sourceBox(f)
		if _, ok := doc.Indicators[ind.ID]; !ok {
			doc.Indicators[ind.ID] = unitIndicator{Name: ind.Name, NameEn: ind.NameEn, Measure: string(ind.Measure), Counted: ind.Counted, Page: r.Indicator.URL}
		}
		if _, ok := doc.Sources[src.ID]; !ok {
			us := unitSource{Title: src.Title, Kind: string(src.Kind), Date: src.Date.Format("2006-01-02"), DateText: sourceDate(src), Page: r.Source.URL,
				KindLabel: box.KindLabel, Publisher: box.Publisher, Original: box.Original}
			if src.DateMonth {
				us.Date = src.Date.Format("2006-01")
			}
			doc.Sources[src.ID] = us
		}
		cite := d.citation(r, f, box.UnitThen)
		row := unitRow{Anchor: r.Anchor, Permalink: r.Permalink, UnitCode: f.Unit.Code, UnitEra: string(f.Unit.Era), PlaceID: f.Place,
			UnitThen: box.UnitThen, Indicator: ind.ID, Period: r.Period, PeriodLabel: r.PeriodLabel, Kind: r.Kind, KindLabel: r.KindLabel,
			Value: r.Value, ValueText: r.ValueText, Suppressed: r.Suppressed, Note: r.Note, Discrepancy: r.Discrepancy, Progress: r.Progress,
			Source: src.ID, Evidence: r.Evidence, LastChanged: r.LastChanged, History: d.historyEntries(f), Cite: unitCite{VI: cite.VI, EN: cite.EN}}
		if r.Value != nil && !r.Suppressed { // a withheld figure has no fraction or qualifier either
			row.Qualifier, row.Numerator, row.Denominator = string(f.Qualifier), f.Numerator, f.Denominator
		}
		doc.Rows[i] = row
	}
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(doc); err != nil {
		return fmt.Errorf("a unit download: %w", err)
	}
	return nil
}
