package derive

import (
	"cmp"
	"fmt"
	"hash/maphash"
	"math/bits"
	"runtime"
	"slices"
	"sort"
	"strings"
	"sync"

	"github.com/pcmt/pcmt/internal/model"
	"github.com/pcmt/pcmt/internal/period"
	"github.com/pcmt/pcmt/internal/vntext"
)

// anchorOf is f's id on its unit page. Where two sources give the same
// figure, the one published first keeps the plain id and the others add
// their source id, so a new source never moves an existing link.
func (d *deriver) anchorOf(f *model.Figure) string {
	d.prepareRows()
	if i, ok := d.ds.FigureAt(f); ok {
		if d.rows == nil { // while the rows are made
			return d.anchors[i]
		}
		return rowAnchor(f, d.rows[i].sourced)
	}
	// A figure not in the dataset (a withdrawn one) adds its source id
	// when a figure of the dataset has its plain id.
	a := anchor(f)
	list := d.byUnit[f.Unit]
	if f.Place != "" {
		list = d.byPlace[f.Place]
	}
	for _, g := range list {
		if g.Unit == f.Unit && d.anchorOf(g) == a {
			return a + "-" + f.Source
		}
	}
	return a
}

// prepareRows makes what figureRow gives each figure of the dataset, once:
// the unit page, its downloads, the Data Package and the headlines all
// ask for the same rows (millions at national scale). Rows are made on
// every CPU; figureRow then copies one. A figure's row is found by its
// position in the dataset (model.Figure.At).
func (d *deriver) prepareRows() {
	if d.rows != nil || d.makingRows {
		return
	}
	d.makingRows = true
	if d.anchors == nil {
		d.anchors, d.sourced = anchorsOf(d.ds)
	}
	figs := d.ds.Figures
	// What rows of one indicator or source say alike is one string, not
	// one a row (two million rows nationally).
	d.indicatorURLs = make(map[string]string, len(d.ds.Indicators))
	for _, in := range d.ds.Indicators {
		d.indicatorURLs[in.ID] = "/chi-so/" + in.ID + "/"
	}
	d.sourceTexts = make(map[string]sourceText, len(d.ds.Sources))
	for _, src := range d.ds.Sources {
		d.sourceTexts[src.ID] = sourceText{url: "/nguon/" + src.ID + "/", cite: sourceCite(src)}
	}
	var wg sync.WaitGroup
	wg.Go(func() {
		d.unitsThen = make(map[model.UnitKey]string, len(d.ds.Units))
		for k, u := range d.ds.Units {
			d.unitsThen[k] = unitThenOf(d.ds, u)
		}
	})
	wg.Go(func() {
		d.unitPages = make(map[model.UnitKey]unitPages, len(d.pages))
		for k := range d.pages {
			u := d.ds.Units[k]
			p := unitPages{page: unitURL(u)}
			if y, ok := d.latestYear(u); ok {
				p.earlier, p.latest = p.page+PartEarlierYears+"/", y
			}
			d.unitPages[k] = p
		}
	})
	d.targets = d.targetsOf(figs)
	wg.Wait()
	rows := make([]storedRow, len(figs))
	parallelChunks(len(figs), func(i int) {
		rows[i] = d.rowTexts(figs[i], d.figAt(d.targets[i]), d.sourced[i])
	})
	d.rows = rows
	d.anchors, d.sourced = nil, nil // each row's anchor is made again from its figure (rowAnchor)
}

// anchorsOf makes the anchor (anchorOf) of each figure of ds, for while
// the rows are made: where figures of a unit share a plain anchor, all but
// the one published first add their source id (sourced). It reads what
// disclosure control leaves as it is (Build runs it on the loaded figures,
// beside disclosure control).
func anchorsOf(ds *model.Dataset) (anchors []string, sourced []bool) {
	figs := ds.Figures
	anchors = make([]string, len(figs))
	// The figures of a unit sharing a plain anchor are found by a hash of
	// both, each CPU taking the hashes of one shard: a map of numbers,
	// not of two million keys of three strings (the hashes of different
	// keys that collide are told apart by a chain of the keys' first
	// figures). The one published first is the same as one pass finds.
	hashes := make([]uint64, len(figs))
	seed := maphash.MakeSeed()
	parallelChunks(len(figs), func(i int) {
		f := figs[i]
		anchors[i] = anchor(f)
		hashes[i] = maphash.String(seed, anchors[i]) ^ bits.RotateLeft64(maphash.String(seed, f.Unit.Code), 1)
	})
	shards := uint64(runtime.GOMAXPROCS(0))
	// For each figure the first figure of its unit and anchor; for a first
	// figure, the one of them published first, and the next first figure
	// of the same hash (-1 for none).
	first, best, next := make([]int32, len(figs)), make([]int32, len(figs)), make([]int32, len(figs))
	parallel(int(shards), func(s int) {
		heads := make(map[uint64]int32, len(figs)/int(shards))
		for i, g := range figs {
			h := hashes[i]
			if h%shards != uint64(s) {
				continue
			}
			at := int32(i)
			first[i], best[i], next[i] = at, at, -1
			j, ok := heads[h]
			if !ok {
				heads[h] = at
				continue
			}
			for {
				if figs[j].Unit == g.Unit && anchors[j] == anchors[i] {
					first[i] = j
					if publishedBefore(ds, g, figs[best[j]]) {
						best[j] = at
					}
					break
				}
				if next[j] < 0 {
					next[j] = at // a key of its own, whose hash another key has
					break
				}
				j = next[j]
			}
		}
	})
	sourced = make([]bool, len(figs))
	parallelChunks(len(figs), func(i int) {
		if best[first[i]] != int32(i) {
			sourced[i] = true
			anchors[i] += "-" + figs[i].Source
		}
	})
	return anchors, sourced
}

// storedRow is what prepareRows keeps of a figure's row: the texts made
// for it alone. The rest (indicator, period, source, value, and the
// anchor, unit and link made from them) is the figure's or shared by many
// rows, and is put back when the row is asked for (figureRow): whole
// FigureRows were ~400 B a figure, ~0.8 GB nationally; their anchors and
// links were another ~230 MB kept for the whole build.
type storedRow struct {
	valueText, progress string
	history             *rowHistory // nil for most figures
	sourced             bool        // the anchor adds the source id (anchorOf)
}

// unitPages are the pages of a unit page's rows (rowPage), made once.
type unitPages struct {
	page    string // the unit page
	earlier string // its PartEarlierYears page, "" when no row moves there
	latest  int    // rows of periods ending before this year move there
}

// rowAnchor is the anchor of a figure of the dataset: its plain anchor,
// or with its source id added when sourced (anchorOf).
func rowAnchor(f *model.Figure, sourced bool) string {
	_, a := rowLink("", f, sourced)
	return a
}

// rowLink is page + "#" + rowAnchor(f, sourced) when page is not "",
// made as one string whose end is the anchor (two million rows
// nationally, each made again whenever it is asked for).
func rowLink(page string, f *model.Figure, sourced bool) (link, anchor string) {
	per := f.Period.String()
	n := len("f-") + len(f.Indicator) + 1 + len(per) + 1 + len(f.Kind)
	if f.Place != "" {
		n += len(f.Place) + 1
	}
	if sourced {
		n += 1 + len(f.Source)
	}
	var b strings.Builder
	if page != "" {
		b.Grow(len(page) + 1 + n)
		b.WriteString(page)
		b.WriteByte('#')
	} else {
		b.Grow(n)
	}
	start := b.Len()
	b.WriteString("f-")
	if f.Place != "" {
		b.WriteString(f.Place)
		b.WriteByte('-')
	}
	b.WriteString(f.Indicator)
	b.WriteByte('-')
	for i := range len(per) {
		if c := per[i]; c == '/' {
			b.WriteByte('-')
		} else {
			b.WriteByte(c)
		}
	}
	b.WriteByte('-')
	b.WriteString(string(f.Kind))
	if sourced {
		b.WriteByte('-')
		b.WriteString(f.Source)
	}
	s := b.String()
	if page == "" {
		return "", s
	}
	return s, s[start:]
}

// rowHistory is what a row shows of its figure's history (addHistory).
type rowHistory struct{ added, lastChanged, correctedText, correctedURL string }

// rowTexts are the texts of f's row made for it alone (what prepareRows
// stores, makeRow puts in a row): its value, its progress against target
// (targetFor, or nil) and its history.
func (d *deriver) rowTexts(f, target *model.Figure, sourced bool) storedRow {
	ind := d.ds.Indicators[f.Indicator]
	s := storedRow{sourced: sourced}
	if f.Withheld != "" { // disclosure.go
		s.valueText = withheldText(f, ind)
	} else {
		s.valueText = valueText(f, ind)
	}
	if f.Kind == model.Result && target != nil {
		s.progress = progressText(f, target, ind)
	}
	var r FigureRow
	d.addHistory(&r, f) // history.go; the citation is made with the unit's download (cite.go)
	if r.Added != "" || r.LastChanged != "" || r.CorrectedText != "" || r.CorrectedURL != "" {
		s.history = &rowHistory{r.Added, r.LastChanged, r.CorrectedText, r.CorrectedURL}
	}
	return s
}

// row is f's row from what prepareRows stored of it (s): makeRow's row,
// but for the texts s holds.
func (d *deriver) row(f *model.Figure, s *storedRow) FigureRow {
	r := d.baseRow(f)
	// Unit, link and anchor as makeRow makes them (unitLink, rowPage).
	u := d.ds.Units[f.Unit]
	r.Unit.Name = f.Unit.Code
	if u != nil {
		r.Unit.Name = u.FullName
	}
	if f.Place != "" {
		r.Unit.Name = d.ds.Places[f.Place].Name + " (" + u.FullName + ")"
	}
	page := ""
	if p, ok := d.unitPages[f.Unit]; ok {
		page = p.page
		if f.Place == "" && p.earlier != "" && f.Period.End().Year() < p.latest {
			page = p.earlier
		}
	}
	r.Unit.URL, r.Anchor = rowLink(page, f, s.sourced)
	r.Permalink = r.Unit.URL
	r.ValueText, r.Progress = s.valueText, s.progress
	if h := s.history; h != nil {
		r.Added, r.LastChanged, r.CorrectedText, r.CorrectedURL = h.added, h.lastChanged, h.correctedText, h.correctedURL
	}
	return r
}

// figAt is the figure at position i of the dataset, nil for -1.
func (d *deriver) figAt(i int32) *model.Figure {
	if i < 0 {
		return nil
	}
	return d.ds.Figures[i]
}

// targetsOf gives the position of each result's target (targetFor),
// -1 for none, looking through each unit's and place's figures of one
// indicator at a time.
func (d *deriver) targetsOf(figs []*model.Figure) []int32 {
	out := make([]int32, len(figs))
	for i := range out {
		out[i] = -1
	}
	lists := make([][]*model.Figure, 0, len(d.byUnit)+len(d.byPlace))
	for _, l := range d.byUnit {
		lists = append(lists, l)
	}
	for _, l := range d.byPlace {
		lists = append(lists, l)
	}
	// Each figure is in one list: results are written concurrently.
	parallel(len(lists), func(li int) {
		list := lists[li]
		for start := 0; start < len(list); {
			end := start + 1
			for end < len(list) && list[end].Indicator == list[start].Indicator {
				end++
			}
			group := list[start:end]
			for _, res := range group {
				if res.Kind != model.Result {
					continue
				}
				for _, t := range group {
					if t.Kind == model.Target && !t.Missing() && t.Period.Contains(res.Period) {
						out[res.At-1] = t.At - 1 // the lists are of the dataset's figures
						break
					}
				}
			}
			start = end
		}
	})
	return out
}

// publishedBefore reports whether a's source was published before b's.
func publishedBefore(ds *model.Dataset, a, b *model.Figure) bool {
	sa, sb := ds.Sources[a.Source], ds.Sources[b.Source]
	if !sa.Date.Equal(sb.Date) {
		return sa.Date.Before(sb.Date)
	}
	return a.Source < b.Source
}

// figureRow is f's row as pages and downloads show it.
func (d *deriver) figureRow(f *model.Figure) FigureRow {
	d.prepareRows()
	if i, ok := d.ds.FigureAt(f); ok && d.rows != nil {
		return d.row(f, &d.rows[i])
	}
	var target *model.Figure
	if f.Kind == model.Result {
		target = d.targetFor(f)
	}
	return d.makeRow(f, d.anchorOf(f), target)
}

// makeRow makes f's row, whose anchor is anchorOf(f); target is the
// target a result is measured against (targetFor), or nil.
func (d *deriver) makeRow(f *model.Figure, anchorID string, target *model.Figure) FigureRow {
	r := d.baseRow(f)
	r.Anchor = anchorID
	r.Unit = d.unitLink(f.Unit)
	if f.Place != "" {
		pl := d.ds.Places[f.Place]
		r.Unit = Link{Name: pl.Name + " (" + d.ds.Units[f.Unit].FullName + ")", URL: r.Unit.URL}
	}
	if r.Unit.URL != "" {
		r.Unit.URL = d.rowPage(f, r.Unit.URL) + "#" + r.Anchor // the figure itself, on its unit's page or the sub-page it moved to (scale.go)
	}
	r.Permalink = r.Unit.URL
	s := d.rowTexts(f, target, false)
	r.ValueText, r.Progress = s.valueText, s.progress
	if h := s.history; h != nil {
		r.Added, r.LastChanged, r.CorrectedText, r.CorrectedURL = h.added, h.lastChanged, h.correctedText, h.correctedURL
	}
	return r
}

// baseRow is the part of f's row that is the figure's own or shared with
// other rows, cheap to make again each time a row is asked for (no
// allocation but the value): all but the anchor, unit, value text,
// progress and history (makeRow, row).
func (d *deriver) baseRow(f *model.Figure) FigureRow {
	ind := d.ds.Indicators[f.Indicator]
	src := d.ds.Sources[f.Source]
	srcText := d.sourceText(src)
	r := FigureRow{
		Indicator:   Link{Name: ind.Name, URL: d.indicatorURL(ind)},
		Period:      f.Period.String(),
		PeriodLabel: f.Period.Label(),
		Kind:        string(f.Kind),
		KindLabel:   kindLabel[f.Kind],
		Missing:     f.Missing(),
		Counted:     ind.Counted,
		Note:        f.Note,
		Source:      Link{Name: src.Title, URL: srcText.url},
		SourceCite:  srcText.cite,
		Evidence:    f.Evidence,
	}
	if ind.Measure != model.Count {
		r.Counted = "%"
	}
	if f.Withheld != "" { // disclosure.go
		r.Suppressed, r.Missing = true, false
	}
	r.Discrepancy = d.discrepancy[f]
	if v, ok := f.Share(); ok {
		r.Value = &v
	}
	if f.Place != "" {
		r.UnitNote = "Không phải đơn vị hành chính"
	}
	return r
}

// sourceText is what rows say of their source alike: its page and cite.
type sourceText struct{ url, cite string }

// sourceText and indicatorURL give the strings rows share (prepareRows).
func (d *deriver) sourceText(src *model.Source) sourceText {
	if t, ok := d.sourceTexts[src.ID]; ok {
		return t
	}
	return sourceText{url: "/nguon/" + src.ID + "/", cite: sourceCite(src)}
}

func (d *deriver) indicatorURL(in *model.Indicator) string {
	if u, ok := d.indicatorURLs[in.ID]; ok {
		return u
	}
	return "/chi-so/" + in.ID + "/"
}

// targetFor finds the target a result is measured against: same unit,
// place and indicator, with a period containing the result's.
func (d *deriver) targetFor(res *model.Figure) *model.Figure {
	list := d.byUnit[res.Unit]
	if res.Place != "" {
		list = d.byPlace[res.Place]
	}
	// The list is in page order, indicators first (lessFigure): only the
	// result's indicator is looked through.
	want := d.indOrder[res.Indicator]
	i, _ := slices.BinarySearchFunc(list, want, func(f *model.Figure, want int) int { return cmp.Compare(d.indOrder[f.Indicator], want) })
	for _, f := range list[i:] {
		if f.Indicator != res.Indicator {
			break
		}
		if f.Kind == model.Target && !f.Missing() && f.Period.Contains(res.Period) {
			return f
		}
	}
	return nil
}

// groups splits figures (already in page order) by indicator.
func (d *deriver) groups(figs []*model.Figure) []IndicatorGroup {
	var out []IndicatorGroup
	for start := 0; start < len(figs); {
		end := start + 1
		for end < len(figs) && figs[end].Indicator == figs[start].Indicator {
			end++
		}
		ind := d.ds.Indicators[figs[start].Indicator]
		g := IndicatorGroup{Indicator: Link{Name: ind.Name, URL: "/chi-so/" + ind.ID + "/"},
			Definition: ind.Definition, Measure: string(ind.Measure), Rows: d.groupRows(figs[start:end])} // each row made when written (rowhtml.go)
		out = append(out, g)
		start = end
	}
	return out
}

func (d *deriver) unitView(u *model.Unit) UnitView {
	v := UnitView{Code: u.Key.Code, Level: string(u.Level), LevelLabel: levelLabel(u), Name: u.Name, FullName: u.FullName,
		EraLabel: eraLabel(u.Key.Era), Groups: d.groups(d.byUnit[u.Key])}
	for _, a := range d.ds.Ancestors(u) {
		v.Parents = append(v.Parents, d.unitLink(a.Key))
	}
	v.Now, v.NowLinks = d.nowText(u)
	// Children with pages, in Vietnamese order, then places.
	var kids []*model.Unit
	for _, c := range d.children[u.Key] {
		if d.pages[c.Key] {
			kids = append(kids, c)
		}
	}
	vntext.SortFunc(kids, func(c *model.Unit) string { return c.Name })
	for _, c := range kids {
		v.Children = append(v.Children, d.unitLink(c.Key))
	}
	for _, pl := range d.placesOf(u) {
		v.Places = append(v.Places, PlaceView{ID: pl.ID, Name: pl.Name, Description: pl.Description, Groups: d.groups(d.byPlaceEra(pl, u.Key.Era))})
		v.Children = append(v.Children, Link{Name: pl.Name + " (không phải đơn vị hành chính)", URL: unitURL(u) + "#noi-" + pl.ID})
	}
	for _, p := range d.predecessorPages(u) {
		v.Predecessors = append(v.Predecessors, d.unitLink(p.Key))
	}
	for _, p := range d.ds.Plans {
		if p.Unit == u.Key {
			v.Plans = append(v.Plans, Link{Name: p.Title, URL: "/" + strings.TrimSuffix(p.Path, ".md") + "/"})
		}
	}
	v.Charts, v.Checks = d.unitCharts(u)
	v.Reform = d.reformView(u) // reform.go
	// Commune pages of the unit and its communes (communepages.go).
	v.Pages = d.pagesOf(u, d.communeList)
	seen := map[string]bool{}
	addSrc := func(rows GroupRows) {
		for _, r := range rows {
			if src := r.Source(); !seen[src.URL] {
				seen[src.URL] = true
				v.Sources = append(v.Sources, src)
			}
		}
	}
	for _, g := range v.Groups {
		addSrc(g.Rows)
	}
	for _, p := range v.Places {
		for _, g := range p.Groups {
			addSrc(g.Rows)
		}
	}
	return v
}

// predecessorPages are the former units with pages that became (part
// of) u, a unit from 1/7/2025, in Vietnamese order; none for a former unit.
func (d *deriver) predecessorPages(u *model.Unit) []*model.Unit {
	if u.Key.Era != model.Era2025 {
		return nil
	}
	var preds []*model.Unit
	for _, p := range d.predecessors(u) {
		if d.pages[p.Key] {
			preds = append(preds, p)
		}
	}
	return preds
}

// unitHeadline is the figure u's page is shared with: the first of its
// own figures a reader can quote (headline), as the page lists them.
func (d *deriver) unitHeadline(u *model.Unit) (FigureRow, bool) {
	for _, f := range d.byUnit[u.Key] {
		if r := d.figureRow(f); !r.Missing && !suppressed(r) {
			return r, true
		}
	}
	return FigureRow{}, false
}

func (d *deriver) placesOf(u *model.Unit) []*model.Place {
	var out []*model.Place
	for _, pl := range d.ds.Places {
		if pl.Parent == u.Key.Code && len(d.byPlaceEra(pl, u.Key.Era)) > 0 {
			out = append(out, pl)
		}
	}
	sort.Slice(out, func(i, j int) bool { return out[i].ID < out[j].ID })
	return out
}

func (d *deriver) byPlaceEra(pl *model.Place, era model.Era) []*model.Figure {
	var out []*model.Figure
	for _, f := range d.byPlace[pl.ID] {
		if f.Unit.Era == era {
			out = append(out, f)
		}
	}
	return out
}

// nowText says what a former unit became on 1/7/2025.
func (d *deriver) nowText(u *model.Unit) (string, []Link) {
	if u.Key.Era != model.Era2022 {
		return "", nil
	}
	var links []Link
	succ := u.Successors
	if u.Level == model.District {
		// Districts were abolished; their communes went on into new communes.
		seen := map[string]bool{}
		for _, c := range d.children[u.Key] {
			for _, s := range c.Successors {
				if !seen[s] {
					seen[s] = true
					succ = append(succ, s)
				}
			}
		}
	}
	var units []*model.Unit
	for _, code := range succ {
		if s := d.ds.Units[model.UnitKey{Code: code, Era: model.Era2025}]; s != nil {
			units = append(units, s)
		}
	}
	vntext.SortFunc(units, func(s *model.Unit) string { return s.Name })
	names := make([]string, len(units))
	for i, s := range units {
		links = append(links, d.unitLink(s.Key))
		names[i] = s.FullName
	}
	switch {
	case len(units) == 0:
		return "Từ 01/7/2025 đơn vị này không còn trong danh mục đơn vị hành chính.", nil
	case u.Level == model.District:
		return fmt.Sprintf("Từ 01/7/2025 không còn cấp huyện. Các xã, thị trấn của %s nay thuộc %d xã, phường: %s.", u.FullName, len(units), strings.Join(names, ", ")), links
	case len(units) == 1:
		// Name the other units that went into the same new unit.
		var with []string
		for _, code := range d.ds.Predecessors[units[0].Key.Code] {
			if p := d.ds.Units[model.UnitKey{Code: code, Era: model.Era2022}]; p != nil && p.Key != u.Key {
				with = append(with, p.FullName)
			}
		}
		vntext.Sort(with)
		s := units[0]
		switch {
		case len(with) == 0:
			return fmt.Sprintf("Từ 01/7/2025 là %s (mã %s).", s.FullName, s.Key.Code), links
		case len(with) <= 6:
			return fmt.Sprintf("Từ 01/7/2025 %s cùng %s hợp thành %s (mã %s); số liệu trên trang này là của %s trước sắp xếp.",
				u.FullName, strings.Join(with, ", "), s.FullName, s.Key.Code, u.FullName), links
		default:
			return fmt.Sprintf("Từ 01/7/2025 thuộc %s (mã %s), cùng %d đơn vị khác.", s.FullName, s.Key.Code, len(with)), links
		}
	default:
		return fmt.Sprintf("Từ 01/7/2025 được chia vào %d đơn vị: %s.", len(units), strings.Join(names, ", ")), links
	}
}

func (d *deriver) indicatorView(in *model.Indicator) IndicatorView {
	v := IndicatorView{ID: in.ID, Name: in.Name, NameEn: in.NameEn, Measure: string(in.Measure),
		MeasureLabel: measureLabel[in.Measure], Counted: in.Counted, Definition: in.Definition}
	if p := d.ds.Indicators[in.PartOf]; p != nil {
		v.PartOf = &Link{Name: p.Name, URL: "/chi-so/" + p.ID + "/"}
	}
	// Province-level rows only when there are too many (scale.go).
	figs, note := d.listRows(d.index().byIndicator[in.ID])
	figs = append([]*model.Figure(nil), figs...)
	v.RowsNote = note
	d.sortLikeIndicatorPage(figs)
	for _, f := range figs {
		v.Rows = append(v.Rows, d.figureRow(f))
	}
	return v
}

func (d *deriver) sourceView(s *model.Source) SourceView {
	v := SourceView{ID: s.ID, Title: s.Title, Publisher: s.Publisher, Author: s.Author, DateText: sourceDate(s), URL: s.URL, Summary: s.Summary}
	if v.Publisher == "" {
		v.Publisher = "Không ghi rõ"
	}
	v.KindLabel, v.Copyright = sourceKind(s)
	if s.Kind == model.Plan {
		v.Plan = &Link{Name: s.Title, URL: "/" + strings.TrimSuffix(s.Plan, ".md") + "/"}
		for _, p := range d.ds.Plans {
			if p.Source == s.ID {
				v.Plan.Name = p.Title
			}
		}
	}
	figs := append([]*model.Figure(nil), d.index().bySource[s.ID]...)
	d.sortByUnit(figs, true)
	shown, note := d.listRows(figs) // scale.go
	v.RowsNote = note
	for _, f := range shown {
		v.Rows = append(v.Rows, d.figureRow(f))
	}
	seen := map[model.UnitKey]bool{}
	for i, f := range figs {
		if (i == 0 || f.Unit != figs[i-1].Unit) && !seen[f.Unit] { // figures come by unit
			seen[f.Unit] = true
			v.Units = append(v.Units, d.unitLink(f.Unit))
		}
	}
	return v
}

// sourceKind is what a source's page says of its kind and copyright.
func sourceKind(s *model.Source) (label, copyright string) {
	switch s.Kind {
	case model.News:
		return "Bài báo", "Bài báo thuộc bản quyền của cơ quan báo chí. Trang này chỉ đăng các số liệu, kèm trích dẫn ngắn làm bằng chứng cho từng số, không đăng lại nội dung bài."
	case model.Plan:
		return "Văn bản kế hoạch", "Văn bản hành chính nhà nước, được đăng lại toàn văn."
	}
	return "", ""
}

var levelRank = map[model.Level]string{model.Province: "1", model.District: "2", model.Commune: "3"}

// unitOrder sorts a source's figures: the higher level first, then code.
func (d *deriver) unitOrder(f *model.Figure) string {
	u := d.ds.Units[f.Unit]
	s := levelRank[u.Level] + u.Key.Code
	if f.Place != "" {
		s += "~" + f.Place // places after the units
	}
	return s
}

func (d *deriver) homeView(units []*model.Unit, inds []*model.Indicator, srcs []*model.Source) HomeView {
	var v HomeView
	listed, note := listUnits(units)
	for _, u := range listed {
		v.Units = append(v.Units, d.unitLink(u.Key))
	}
	v.UnitsNote = note
	for _, in := range inds {
		v.Indicators = append(v.Indicators, Link{Name: in.Name, URL: "/chi-so/" + in.ID + "/"})
	}
	for _, s := range srcs {
		v.Sources = append(v.Sources, Link{Name: s.Title + " (" + sourceCite(s) + ")", URL: "/nguon/" + s.ID + "/"})
	}
	for _, p := range d.ds.Plans {
		v.Plans = append(v.Plans, Link{Name: p.Title, URL: "/" + strings.TrimSuffix(p.Path, ".md") + "/"})
	}
	// Latest: the figures of the newest sources, a few from each.
	for _, s := range srcs {
		if len(v.Latest) == 9 {
			break // no need to sort the other sources' figures
		}
		n := 0
		for _, f := range d.sourceFigures(s.ID) {
			if n == 3 || len(v.Latest) == 9 {
				break
			}
			if f.Missing() {
				continue
			}
			v.Latest = append(v.Latest, d.figureRow(f))
			n++
		}
	}
	withFigures := 0
	for range d.byUnit {
		withFigures++
	}
	v.Counts = fmt.Sprintf("%s số liệu từ %s văn bản, cho %s đơn vị hành chính.", vntext.FormatNumber(float64(len(d.ds.Figures))),
		vntext.FormatNumber(float64(len(d.ds.Sources))), vntext.FormatNumber(float64(withFigures)))
	return v
}

func (d *deriver) sourceFigures(id string) []*model.Figure {
	out := append([]*model.Figure(nil), d.index().bySource[id]...)
	d.sortByUnit(out, false)
	return out
}

// sortByUnit sorts figures (of the dataset, in its order) by unitOrder,
// then lessFigure, equal figures keeping their order: by unitOrder alone
// where the figures are of another unit or place (unitApart), else where
// the unitOrders differ. What each compares is made into numbers once a
// figure — unitOrder's rank among figs' and lessFigure's key
// (sortedOrder) — so that comparing two figures reads no figure and makes
// no string: a source has a hundred thousand figures nationally. Each
// comparison says what it said on the figures, so the order is the same.
func (d *deriver) sortByUnit(figs []*model.Figure, unitApart bool) {
	type where struct {
		unit  model.UnitKey
		place string
	}
	s := make(unitOrdered, len(figs))
	ids := map[where]int32{}
	orders := map[string]int{}
	periods, sources := map[period.Period]int{}, map[string]int{}
	var order string
	for i, f := range figs {
		// Figures come in runs of one unit and place, period and source.
		if i == 0 || f.Unit != figs[i-1].Unit || f.Place != figs[i-1].Place {
			w := where{f.Unit, f.Place}
			id, ok := ids[w]
			if !ok {
				id = int32(len(ids))
				ids[w] = id
			}
			s[i].where = id
			order = d.unitOrder(f)
			orders[order] = 0
		} else {
			s[i].where = s[i-1].where
		}
		s[i].f, s[i].order = f, order
		if i == 0 || f.Period != figs[i-1].Period {
			periods[f.Period] = 0
		}
		if i == 0 || f.Source != figs[i-1].Source {
			sources[f.Source] = 0
		}
	}
	rank(orders, strings.Compare)
	rank(periods, period.Compare)
	rank(sources, strings.Compare)
	var per, src uint64
	for i := range s {
		e, f := &s[i], s[i].f
		if i > 0 && e.order == s[i-1].order {
			e.rank = s[i-1].rank
		} else {
			e.rank = int32(orders[e.order])
		}
		if i == 0 || f.Period != s[i-1].f.Period {
			per = uint64(periods[f.Period])
		}
		if i == 0 || f.Source != s[i-1].f.Source {
			src = uint64(sources[f.Source])
		}
		e.hi = uint64(d.indOrder[f.Indicator])<<32 | per
		e.lo = uint64(kindOrder[f.Kind])<<32 | src
		if !unitApart {
			e.where = e.rank // apart where the unitOrders differ
		}
	}
	// Where the figures of each unitOrder are of one unit and place (all
	// but where a code names a unit of each era), Less compares figures
	// as (rank, hi, lo) do, a strict weak order: any stable sort by it
	// gives this order, here one by rank (counting) and then, within a
	// unit's figures, by (hi, lo). Else sort.Stable, as figures were.
	whereOf := make([]int32, len(orders))
	for i := range whereOf {
		whereOf[i] = -1
	}
	oneWhere := true
	for i := range s {
		e := &s[i]
		if w := whereOf[e.rank]; w < 0 {
			whereOf[e.rank] = e.where
		} else if w != e.where {
			oneWhere = false
		}
	}
	if !oneWhere {
		sort.Stable(s)
	} else {
		start := make([]int, len(orders)+1)
		for i := range s {
			start[s[i].rank+1]++
		}
		for r := range len(orders) {
			start[r+1] += start[r]
		}
		sorted := make(unitOrdered, len(s))
		next := slices.Clone(start[:len(orders)])
		for i := range s {
			sorted[next[s[i].rank]] = s[i]
			next[s[i].rank]++
		}
		for r := range len(orders) {
			slices.SortStableFunc(sorted[start[r]:start[r+1]], func(a, b unitOrderedFigure) int {
				if a.hi != b.hi {
					return cmp.Compare(a.hi, b.hi)
				}
				return cmp.Compare(a.lo, b.lo)
			})
		}
		s = sorted
	}
	for i := range s {
		figs[i] = s[i].f
	}
}

// unitOrdered are figures with what sortByUnit compares them by.
type unitOrdered []unitOrderedFigure

type unitOrderedFigure struct {
	f      *model.Figure
	order  string
	rank   int32  // unitOrder's rank
	where  int32  // the unit and place, or rank: the figures are apart where these differ
	hi, lo uint64 // lessFigure's order, as sortedOrder's key
}

func (s unitOrdered) Len() int      { return len(s) }
func (s unitOrdered) Swap(i, j int) { s[i], s[j] = s[j], s[i] }
func (s unitOrdered) Less(i, j int) bool {
	a, b := &s[i], &s[j]
	if a.where != b.where {
		return a.rank < b.rank
	}
	return a.hi < b.hi || a.hi == b.hi && a.lo < b.lo
}
