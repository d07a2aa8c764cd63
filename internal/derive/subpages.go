package derive

import (
	"fmt"
	"strings"

	"github.com/pcmt/pcmt/internal/model"
	"github.com/pcmt/pcmt/internal/vntext"
)

// Moved is a section of a unit page that moved to a sub-page (scale.go):
// the unit page keeps the section's heading, Text and the link.
type Moved struct {
	Text string `json:"text"` // what is there and how much
	Link Link   `json:"link"`
}

// UnitPartView is a sub-page of a unit page: one section of it, at
// /don-vi/<unit>/<part>/ (layouts/unit-part.html). It has the unit's
// breadcrumb, its own title and citation and a link back; a page of rows
// cites them from the unit's downloads, as the unit page does.
type UnitPartView struct {
	Part       string `json:"part"` // PartEarlierYears, PartChecks, PartFormer, PartSubUnits
	Code       string `json:"code"`
	Level      string `json:"level"`
	LevelLabel string `json:"level_label"`
	Name       string `json:"name"`
	FullName   string `json:"full_name"`
	EraLabel   string `json:"era_label"`
	Title      string `json:"title"`   // "Số liệu các năm 2021–2023 của Thành phố Hà Nội"
	Intro      string `json:"intro"`   // what the page holds
	Parents    []Link `json:"parents"` // breadcrumb: the units above and the unit itself
	Unit       Link   `json:"unit"`    // the unit page, for the link back
	// One of these, as on the unit page.
	Groups      []IndicatorGroup `json:"groups,omitempty"`
	Charts      []Chart          `json:"charts,omitempty"`
	Checks      []Check          `json:"checks,omitempty"`
	Children    []Link           `json:"children,omitempty"`
	Reform      *ReformView      `json:"reform,omitempty"`
	Sources     []Link           `json:"sources,omitempty"`
	Social      *Social          `json:"social,omitempty"`
	LastUpdated Updated          `json:"last_updated"`
	Downloads   *ChartDownloads  `json:"downloads,omitempty"`
	Cite        *Citation        `json:"cite,omitempty"`
}

// splitPage moves the sections of the unit page at path (don-vi/<slug>)
// that are beyond their limits (scale.go) to sub-pages, which it returns;
// v keeps a Moved note for each. The rows that move are those rowPage
// sent there, so the page shows a row exactly where its permalink points.
// It runs once v is complete (downloads, citation, chart keys).
func (d *deriver) splitPage(path string, v *UnitView) []Page {
	u := d.ds.Units[unitKeyOf(*v)]
	if !splits(u) {
		return nil
	}
	page := "/" + path + "/"
	part := func(name, title, intro, what, whatEN string) UnitPartView {
		p := UnitPartView{Part: name, Code: v.Code, Level: v.Level, LevelLabel: v.LevelLabel, Name: v.Name, FullName: v.FullName,
			EraLabel: v.EraLabel, Title: title, Intro: intro, Parents: append(append([]Link(nil), v.Parents...), Link{Name: v.FullName, URL: page}),
			Unit: Link{Name: v.FullName, URL: page}, LastUpdated: v.LastUpdated}
		if s := v.Social; s != nil {
			c := *s
			c.Title = title
			p.Social = &c
		}
		if c := v.Cite; c != nil {
			p.Cite = &Citation{VI: strings.Replace(c.VI, ": chỉ tiêu, kết quả cai nghiện ma túy và quản lý sau cai nghiện, kèm văn bản nguồn.", ": "+what+".", 1),
				EN:  strings.Replace(c.EN, ": drug rehabilitation and after-care targets and results, with their source documents.", ": "+whatEN+".", 1),
				URL: page + name + "/"}
		}
		return p
	}
	var out []Page
	add := func(p UnitPartView, id, text string) {
		if v.Moved == nil {
			v.Moved = map[string]Moved{}
		}
		url := page + p.Part + "/"
		v.Moved[id] = Moved{Text: text, Link: Link{Name: p.Title, URL: url}}
		out = append(out, Page{Path: "don-vi-phan/" + strings.TrimPrefix(path, "don-vi/") + "-" + p.Part, Title: p.Title, View: p})
	}

	// Figure rows of the years before the latest (rowPage decided which).
	earlier := page + PartEarlierYears + "/#"
	var keep, moved []IndicatorGroup
	years := map[int]bool{}
	n := 0
	for _, g := range v.Groups {
		k, m := g, g
		k.Rows, m.Rows = nil, nil
		for _, r := range g.Rows {
			if strings.HasPrefix(r.Row().Permalink, earlier) {
				m.Rows = append(m.Rows, r)
			} else {
				k.Rows = append(k.Rows, r)
			}
		}
		if len(k.Rows) > 0 {
			keep = append(keep, k)
		}
		if len(m.Rows) > 0 {
			moved = append(moved, m)
			n += len(m.Rows)
		}
	}
	if len(moved) > 0 {
		for _, f := range d.byUnit[u.Key] {
			if d.rowPage(f, page) != page {
				years[f.Period.End().Year()] = true
			}
		}
		span := yearSpan(years)
		p := part(PartEarlierYears, "Số liệu "+span+" của "+v.FullName,
			fmt.Sprintf("%s số liệu %s của %s, theo chỉ số. Số liệu năm gần nhất có trên trang của đơn vị.", vntext.FormatNumber(float64(n)), span, v.FullName),
			"chỉ tiêu, kết quả cai nghiện ma túy và quản lý sau cai nghiện "+span+", kèm văn bản nguồn",
			"drug rehabilitation and after-care targets and results, "+spanEN(years)+", with their source documents")
		p.Groups, p.Downloads = moved, v.Downloads
		p.Sources = sourcesOf(moved, nil)
		add(p, "so-lieu", fmt.Sprintf("%s số liệu %s, theo chỉ số, ở trang riêng.", vntext.FormatNumber(float64(n)), span))
		v.Groups = keep
		v.Sources = sourcesOf(v.Groups, v.Places)
	}

	if len(v.Checks) > MaxPageChecks {
		ok := 0
		for _, c := range v.Checks {
			if c.OK {
				ok++
			}
		}
		p := part(PartChecks, "Đối chiếu tổng số của "+v.FullName,
			"Tổng số của các đơn vị trực thuộc đối chiếu với số của "+v.FullName+", theo chỉ số, kỳ và loại.",
			"đối chiếu tổng số của các đơn vị trực thuộc", "parts checked against the totals")
		p.Checks = v.Checks
		add(p, "doi-chieu", fmt.Sprintf("%s lần đối chiếu tổng của các đơn vị trực thuộc với số của %s: %s khớp, %s chưa khớp.",
			vntext.FormatNumber(float64(len(v.Checks))), v.FullName, vntext.FormatNumber(float64(ok)), vntext.FormatNumber(float64(len(v.Checks)-ok))))
		v.Checks = nil
	}

	var dist, own []Chart
	bars := len(v.Children)
	for _, c := range v.Charts {
		if strings.HasPrefix(c.Key, "phan-bo-") {
			dist = append(dist, c)
			bars += len(c.Table.Rows)
		} else {
			own = append(own, c)
		}
	}
	if bars > MaxPageParts || len(dist) > MaxPageDistributions {
		word := "đơn vị trực thuộc"
		switch {
		case u.Level == model.Province && u.Key.Era == model.Era2025:
			word = "xã, phường trực thuộc"
		case u.Level == model.Province:
			word = "quận, huyện, thị xã, thành phố trực thuộc"
		}
		p := part(PartSubUnits, "Đơn vị trực thuộc "+v.FullName,
			fmt.Sprintf("Các %s có số liệu, mỗi đơn vị có trang riêng%s.", word, map[bool]string{true: ", và số liệu của " + v.FullName + " phân bố theo các đơn vị ấy", false: ""}[len(dist) > 0]),
			"đơn vị trực thuộc và phân bố số liệu theo đơn vị", "units within it and how its figures are spread over them")
		p.Children, p.Charts = v.Children, dist
		text := fmt.Sprintf("%s %s có số liệu", vntext.FormatNumber(float64(len(v.Children))), word)
		if len(dist) > 0 {
			text += fmt.Sprintf("; %s biểu đồ phân bố số liệu theo đơn vị", vntext.FormatNumber(float64(len(dist))))
		}
		add(p, "don-vi-truc-thuoc", text+".")
		v.Children, v.Charts = nil, own
	}

	if r := v.Reform; r != nil && len(r.Sums) > MaxPageSums {
		total := 0
		for _, s := range r.Sums {
			if s.Complete {
				total++
			}
		}
		p := part(PartFormer, "Đơn vị trước 01/7/2025 của "+v.FullName, r.Intro,
			"số liệu cộng dồn từ các đơn vị trước 01/7/2025", "figures added up over the units before 1 July 2025")
		p.Reform = r
		add(p, "don-vi-truoc", fmt.Sprintf("%s đơn vị trước 01/7/2025; %s dòng cộng dồn số liệu của các đơn vị ấy theo chỉ số, kỳ và loại, %s dòng có tổng.",
			vntext.FormatNumber(float64(len(r.Predecessors))), vntext.FormatNumber(float64(len(r.Sums))), vntext.FormatNumber(float64(total))))
		v.Reform = &ReformView{Intro: r.Intro}
	}
	return out
}

// sourcesOf is every source the rows of groups and places cite, in order.
func sourcesOf(groups []IndicatorGroup, places []PlaceView) []Link {
	var out []Link
	seen := map[string]bool{}
	add := func(gs []IndicatorGroup) {
		for _, g := range gs {
			for _, r := range g.Rows {
				if src := r.Source(); !seen[src.URL] {
					seen[src.URL] = true
					out = append(out, src)
				}
			}
		}
	}
	add(groups)
	for _, p := range places {
		add(p.Groups)
	}
	return out
}

// yearSpan says which years: "năm 2025", "các năm 2021–2023", "các năm 2019, 2021".
func yearSpan(years map[int]bool) string {
	lo, hi, list := yearList(years)
	switch {
	case len(list) == 1:
		return "năm " + list[0]
	case hi-lo+1 == len(list):
		return fmt.Sprintf("các năm %d–%d", lo, hi)
	default:
		return "các năm " + strings.Join(list, ", ")
	}
}

func spanEN(years map[int]bool) string {
	lo, hi, list := yearList(years)
	switch {
	case len(list) == 1:
		return list[0]
	case hi-lo+1 == len(list):
		return fmt.Sprintf("%d–%d", lo, hi)
	default:
		return strings.Join(list, ", ")
	}
}

func yearList(years map[int]bool) (lo, hi int, list []string) {
	lo = 1 << 30
	for y := range years {
		lo, hi = min(lo, y), max(hi, y)
	}
	for y := lo; y <= hi; y++ {
		if years[y] {
			list = append(list, fmt.Sprint(y))
		}
	}
	return lo, hi, list
}
