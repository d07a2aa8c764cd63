// Package derive turns the validated dataset into what the pages show:
// figures grouped and formatted, progress against targets, parts checked
// against totals, and chart options (through internal/charts). It decides
// which pages exist and what each says; internal/sitegen only writes them.
package derive

import (
	"cmp"
	"fmt"
	"runtime"
	"slices"
	"sort"
	"strings"
	"sync"
	"sync/atomic"

	"github.com/pcmt/pcmt/internal/model"
	"github.com/pcmt/pcmt/internal/period"
	"github.com/pcmt/pcmt/internal/siteconfig"
	"github.com/pcmt/pcmt/internal/units"
	"github.com/pcmt/pcmt/internal/vntext"
)

// Page is one generated page: where it goes and what it shows.
type Page struct {
	Path   string // content path without extension, e.g. don-vi/08-tuyen-quang-truoc-2025
	Title  string
	Weight int // position in its section's list (Vietnamese order)
	View   any
}

// UnitPage is a unit page as it is written: its view (Page.View, a
// UnitView) and the files and embed pages of its figures and charts
// (citable.go). Unit views are most of what derive makes (gigabytes
// nationally): each is made when sitegen writes its page, and dropped
// after, rather than all held from derive to the end of sitegen.
type UnitPage struct {
	Page
	Files  []File
	Embeds []Page
	// Parts are the sub-pages of a big province page (UnitPartView,
	// subpages.go).
	Parts []Page
}

// Site is every generated page and data file of the site.
type Site struct {
	Home HomeView
	// Units are the unit pages without their views: UnitPage(i) makes
	// page i's.
	Units      []Page
	Indicators []Page // IndicatorView
	Sources    []Page // SourceView
	// SourceData is each source's view by id, for the plan pages
	// (site.Data.pcmt.sources).
	SourceData map[string]SourceView
	// UnitsByCode links each plan document's unit code to its page.
	UnitsByCode map[string]Link
	// Warnings are problems of the data the site publishes with a note
	// (parts that do not add up, two sources disagreeing), one a line as
	// "file:line: message", for the person building the site (disclosure.go).
	Warnings []string
	// Maps are the maps of the 34 provinces (MapView), one per indicator,
	// period and kind with a value for at least one province.
	Maps []Page
	// Publication is the dataset as downloads, its schema.org description
	// and the preview images (publication.go).
	Publication *Publication
	// CommunePages are every commune page, newest first; Figures and
	// FigureCharts are what the so-lieu and bieu-do shortcodes show
	// (communepages.go).
	CommunePages []CommunePageLink
	Figures      map[string][]FigureRow
	FigureCharts map[string]Chart
	// Editor is what the web editor at /admin/ offers (communepages.go).
	Editor EditorView
	// For journalists (citable.go): the changelog page (ChangelogView),
	// the date of the newest change and download files other than a unit
	// page's (a unit page's downloads and embed pages come with it:
	// UnitPage).
	Changelog *Page
	Updated   Updated
	Files     []File
	// rowCitation is a unit page row's citation (citable.go, Site.Citation).
	rowCitation func(page, anchor string) (Citation, bool)
	// unitPage makes unit page i (Build); nil for a site made by hand.
	unitPage func(i int) UnitPage
}

// UnitPage makes unit page i of s.Units with its view, files and embed
// pages. Pages are independent: sitegen makes several at once.
func (s *Site) UnitPage(i int) UnitPage {
	if s.unitPage == nil {
		return UnitPage{Page: s.Units[i]} // a site made by hand holds its views
	}
	return s.unitPage(i)
}

// UnitView is the view of unit page i (UnitPage).
func (s *Site) UnitView(i int) UnitView {
	v, _ := s.UnitPage(i).View.(UnitView)
	return v
}

type deriver struct {
	ds       *model.Dataset
	pages    map[model.UnitKey]bool            // units that get a page
	byUnit   map[model.UnitKey][]*model.Figure // figures for the unit itself
	byPlace  map[string][]*model.Figure
	children map[model.UnitKey][]*model.Unit // all child units, from the lists
	indOrder map[string]int
	figs     *figIndex // figures by indicator and source (scale.go)
	// incomplete: era-2025 codes whose predecessors the crosswalk does not
	// fully name (reform.go).
	incomplete map[string][]model.CrosswalkRow
	// orig are the figures as loaded, at the positions of ds's (the
	// published copy, disclosure.go): a withheld figure's is the one
	// loaded (loaded); only the consistency checks and sum checks read it.
	orig []*model.Figure
	// discrepancy notes for figures another source gives another value.
	discrepancy map[*model.Figure]string
	// For history.go: the ledger by figure, and the settings (to withhold
	// small past values as disclosure control does).
	history map[model.FigureID][]*model.Change
	cfg     siteconfig.Config
	// What figureRow gives each figure, made once (prepareRows, views.go),
	// by the figure's position in ds.Figures (model.Figure.At): anchors and
	// sourced while rows are made (anchorsOf), then rows; unitsThen
	// each unit as unitThen names it.
	makingRows bool
	anchors    []string
	sourced    []bool
	rows       []storedRow
	targets    []int32 // each result's target (targetFor), -1 for none
	unitsThen  map[model.UnitKey]string
	unitPages  map[model.UnitKey]unitPages // the pages rows link to (row)
	// What rows of one source or indicator share (sourceText).
	sourceTexts   map[string]sourceText
	indicatorURLs map[string]string
	// Each indicator's headline (indicatorHeadline), by id, found beside
	// the views for their share tags (previews).
	indHeadlines map[string]foundRow
	// The unit pages in site order, and what the site adds to each page's
	// view before it is made (unitPage): its share tags (publication.go).
	pageUnits  []*model.Unit
	unitSocial []*Social
	// withdrawn are the withdrawn figures of each unit (history.go).
	withdrawn map[model.UnitKey][]*model.Change
	// communeList is every commune page, newest first (communePages),
	// made once: each unit view picks its own from it.
	communeList []communePage
	// provinceReforms are the reforms of each province from 1/7/2025, made
	// for the maps (mapPages), for the province pages (reformsOf).
	provinceReforms map[model.UnitKey][]reform
}

// Build derives the site from ds, with pcmt's settings from config.toml
// (siteconfig.Default when none is given).
func Build(ds *model.Dataset, config ...siteconfig.Config) (*Site, error) {
	cfg := siteconfig.Default()
	if len(config) > 0 {
		cfg = config[0]
	}
	// Figures are found by their position in the dataset (model.Figure.At).
	ds.NumberFigures()
	// Disclosure control comes first: every view, chart, table and data
	// file below is made from the published copy, in which figures too
	// small to publish have no number (disclosure.go).
	loaded := ds
	d := &deriver{pages: map[model.UnitKey]bool{}, byUnit: map[model.UnitKey][]*model.Figure{},
		byPlace: map[string][]*model.Figure{}, children: map[model.UnitKey][]*model.Unit{}, indOrder: map[string]int{}}
	d.cfg = cfg // history.go withholds small past values as disclosure control does
	// The published copy shares the loaded dataset's units and indicators.
	for _, u := range loaded.Units {
		if u.Parent != "" {
			pk := model.UnitKey{Code: u.Parent, Era: u.Key.Era}
			d.children[pk] = append(d.children[pk], u)
		}
	}
	// By code, as the units come from a map: units of the same name (Thị
	// trấn and Xã Yên Viên) then keep one order in every build.
	for _, kids := range d.children {
		slices.SortFunc(kids, func(a, b *model.Unit) int { return strings.Compare(a.Key.Code, b.Key.Code) })
	}
	inds := make([]*model.Indicator, 0, len(loaded.Indicators))
	for _, in := range loaded.Indicators {
		inds = append(inds, in)
	}
	sort.Slice(inds, func(i, j int) bool { return inds[i].Pos.Line < inds[j].Pos.Line })
	for i, in := range inds {
		d.indOrder[in.ID] = i
	}
	// Derive ran on one core of two: steps that read the dataset and
	// write only their own result run at once, in phases, each waiting for
	// what it reads. Every result is the same whatever runs first.
	var wg sync.WaitGroup
	// The parts-of-a-total relations of the loaded figures, for disclosure
	// control and the consistency checks alike (one pass over two million
	// figures nationally), then the published copy. Beside it, the figures'
	// page order and anchors: the published copy has each figure at its
	// loaded position, with the same unit, place, indicator, period, kind
	// and source.
	var rels links
	var order []int32
	wg.Go(func() {
		rels = relations(loaded)
		d.ds, d.orig = withhold(loaded, rels, cfg), loaded.Figures
	})
	wg.Go(func() {
		order = d.sortedOrder(loaded.Figures)
		d.anchors, d.sourced = anchorsOf(loaded)
	})
	wg.Wait()
	ds = d.ds

	var warnings []string
	wg.Go(func() {
		// Each figure's list (its place's, else its unit's) is numbered in
		// the dataset's order, where a unit's figures come together: a map
		// lookup a run, not a figure. The lists are then filled in page
		// order, each a part of one block made to its size.
		type listKey struct {
			unit  model.UnitKey // for a place, none: its figures are one list
			place string
		}
		ids := map[listKey]int32{}
		var keys []listKey
		of := make([]int32, len(ds.Figures))
		for i, f := range ds.Figures {
			if i > 0 {
				if p := ds.Figures[i-1]; p.Place == f.Place && (f.Place != "" || p.Unit == f.Unit) {
					of[i] = of[i-1]
					continue
				}
			}
			k := listKey{place: f.Place}
			if f.Place == "" {
				k.unit = f.Unit
			}
			id, ok := ids[k]
			if !ok {
				id = int32(len(keys))
				ids[k] = id
				keys = append(keys, k)
			}
			of[i] = id
		}
		count := make([]int, len(keys))
		for _, id := range of {
			count[id]++
		}
		block := make([]*model.Figure, len(ds.Figures))
		lists := make([][]*model.Figure, len(keys))
		start := 0
		for id, n := range count {
			lists[id] = block[start:start:(start + n)]
			start += n
		}
		for _, at := range order {
			lists[of[at]] = append(lists[of[at]], ds.Figures[at])
		}
		for id, k := range keys {
			if k.place != "" {
				d.byPlace[k.place] = lists[id]
			} else {
				d.byUnit[k.unit] = lists[id]
			}
		}
	})
	wg.Go(func() {
		// A unit's figures mostly come together: its page is added once a run.
		for i, f := range ds.Figures {
			if i == 0 || f.Unit != ds.Figures[i-1].Unit {
				d.addPage(f.Unit)
			}
		}
		for _, p := range ds.Plans {
			d.addPage(p.Unit)
		}
		for _, p := range ds.CommunePages {
			d.addPage(p.Unit)
		}
		d.addCurrentProvinces() // every province from 1/7/2025 has a page (reform.go)
		// Former provinces and communes link to what they became; those get a page too.
		for k := range d.pages {
			u := ds.Units[k]
			if u.Key.Era == model.Era2022 {
				for _, s := range u.Successors {
					d.addPage(model.UnitKey{Code: s, Era: model.Era2025})
				}
			}
		}
	})
	wg.Go(func() { warnings, d.discrepancy = d.consistency(loaded, rels) })
	wg.Go(func() { d.index() })
	wg.Go(d.warmLedger)
	wg.Wait()
	if cfg.PartsTotal == siteconfig.Error {
		var errs []string
		for _, w := range warnings {
			if strings.Contains(w, ": parts do not add up: ") {
				errs = append(errs, w)
			}
		}
		if len(errs) > 0 {
			return nil, fmt.Errorf("%s\n(config.toml: params.pcmt.checks.parts_total = \"error\"; set it to \"warning\" to publish with a data note)", strings.Join(errs, "\n"))
		}
	}
	site := &Site{SourceData: map[string]SourceView{}, UnitsByCode: map[string]Link{}, Warnings: warnings}
	units := d.sortedPageUnits()
	// Unit views are most of derive's work and independent of each other:
	// sitegen makes each when it writes its page (unitPage), on every CPU.
	// warm builds the caches they share first, the rows of every figure
	// among them, which the steps below read too.
	d.warm()
	d.pageUnits, d.unitSocial = units, make([]*Social, len(units))
	for i, u := range units {
		site.Units = append(site.Units, Page{Path: "don-vi/" + unitSlug(u), Title: u.FullName, Weight: i + 1})
	}
	srcs := d.sortedSources()
	for _, p := range ds.Plans {
		if u := ds.Units[p.Unit]; u != nil {
			site.UnitsByCode[u.Key.Code] = Link{Name: u.FullName, URL: unitURL(u)}
		}
	}
	// The list pages, the commune pages, the maps and the data package
	// only read the deriver now: they are made at once, each into its own
	// part of the site.
	indViews := make([]IndicatorView, len(inds))
	srcViews := make([]SourceView, len(srcs))
	var pub *Publication
	wg.Go(func() { parallel(len(inds), func(i int) { indViews[i] = d.indicatorView(inds[i]) }) })
	// The indicators' headlines for their share tags (previews): a pass
	// over each indicator's figures (~100,000 nationally).
	indHeads := make([]foundRow, len(inds))
	wg.Go(func() {
		parallel(len(inds), func(i int) { indHeads[i].row, indHeads[i].ok = d.indicatorHeadline(inds[i].ID) })
	})
	wg.Go(func() { parallel(len(srcs), func(i int) { srcViews[i] = d.sourceView(srcs[i]) }) })
	wg.Go(func() { site.Home = d.homeView(units, inds, srcs) })
	// Commune pages and the shortcodes' figures and charts (communepages.go).
	wg.Go(func() { d.communeSite(site) })
	// The maps of the 34 provinces (maps.go).
	wg.Go(func() { site.Maps = d.mapPages() })
	wg.Go(func() { pub = d.publication(units, inds, srcs) }) // publication.go
	wg.Wait()
	for i, in := range inds {
		site.Indicators = append(site.Indicators, Page{Path: "chi-so/" + in.ID, Title: in.Name, Weight: i + 1, View: indViews[i]})
	}
	for i, s := range srcs {
		site.Sources = append(site.Sources, Page{Path: "nguon/" + s.ID, Title: s.Title, Weight: i + 1, View: srcViews[i]})
		site.SourceData[s.ID] = srcViews[i]
	}
	d.indHeadlines = make(map[string]foundRow, len(inds))
	for i, in := range inds {
		d.indHeadlines[in.ID] = indHeads[i]
	}
	d.previews(site, pub) // share tags, once the pages they describe are made
	site.Publication = pub
	// History, changelog, chart downloads and embeds (citable.go).
	d.citable(site)
	site.unitPage = func(i int) UnitPage { return d.unitPage(site.Units[i], i) }
	return site, nil
}

// unitPage makes unit page i (of d.pageUnits) with what the site adds to
// its view: share tags (publication.go), last update (history.go), its
// downloads, citation and charts' downloads and embed pages (citable.go).
// It only reads the deriver: pages are made concurrently.
func (d *deriver) unitPage(p Page, i int) UnitPage {
	v := d.unitView(d.pageUnits[i])
	v.Social = d.unitSocial[i]
	d.addUnitLastUpdated(&v)
	out := UnitPage{Page: p}
	d.unitDownloads(&out, &v)
	out.Parts = d.splitPage(p.Path, &v) // big sections of a province page move to sub-pages (subpages.go)
	out.View = v
	return out
}

// warm builds the deriver's lazily built caches, which unit pages read
// while sitegen makes them concurrently (unitPage): after it, unitPage
// only reads the deriver. A new cache read by unitPage must be built here
// too (`go test -race ./internal/build` builds the default site). Build
// makes some of them before, beside other steps; each is made once.
func (d *deriver) warm() {
	d.warmLedger()
	d.index()
	var wg sync.WaitGroup
	wg.Go(d.prepareRows)
	wg.Go(func() {
		if d.communeList == nil {
			d.communeList = d.communePages()
		}
	})
	wg.Wait()
}

// warmLedger builds the caches made from the ledger and the crosswalk
// (history.go, reform.go), which only read the dataset.
func (d *deriver) warmLedger() {
	d.historyOf(model.FigureID{})
	if d.withdrawn == nil {
		d.withdrawn = map[model.UnitKey][]*model.Change{}
		for _, c := range d.ds.Changes {
			if c.Action == model.Withdrawn {
				d.withdrawn[c.UnitKey] = append(d.withdrawn[c.UnitKey], c)
			}
		}
	}
	if d.incomplete == nil {
		d.incomplete = units.CrosswalkCoverage(d.ds).IncompleteNew
		if d.incomplete == nil {
			d.incomplete = map[string][]model.CrosswalkRow{} // not nil: not built again
		}
	}
}

// parallel runs fn(0) … fn(n-1) on one worker per CPU and returns when all
// are done. A worker takes the next index as soon as it is free: unit
// views differ a lot in size (a province beside a commune).
func parallel(n int, fn func(i int)) {
	var next atomic.Int64
	var wg sync.WaitGroup
	for range min(runtime.GOMAXPROCS(0), n) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for {
				i := int(next.Add(1)) - 1
				if i >= n {
					return
				}
				fn(i)
			}
		}()
	}
	wg.Wait()
}

// parallelChunks is parallel for many small jobs: a worker takes the
// next indices by the thousand.
func parallelChunks(n int, fn func(i int)) {
	const chunk = 1024
	parallel((n+chunk-1)/chunk, func(c int) {
		for i := c * chunk; i < min(n, (c+1)*chunk); i++ {
			fn(i)
		}
	})
}

// addPage gives k and its ancestors a page (breadcrumbs always lead somewhere).
// A unit that has one already has ancestors with one: addPage is called
// for every figure (two million nationally), so it stops there.
func (d *deriver) addPage(k model.UnitKey) {
	for u := d.ds.Units[k]; u != nil && !d.pages[u.Key]; u = d.ds.Parent(u) {
		d.pages[u.Key] = true
	}
}

func (d *deriver) lessFigure(a, b *model.Figure) bool {
	if a.Indicator != b.Indicator {
		return d.indOrder[a.Indicator] < d.indOrder[b.Indicator]
	}
	if c := period.Compare(a.Period, b.Period); c != 0 {
		return c < 0
	}
	if a.Kind != b.Kind {
		return kindOrder[a.Kind] < kindOrder[b.Kind]
	}
	return a.Source < b.Source
}

// sortedOrder is the positions of figs in page order (lessFigure; equal
// figures keep their order). Each figure's place in it is made into
// numbers once — the indicator's and kind's rank, the period's and
// source's among those of figs — so that comparing two figures reads no
// figure: the whole dataset is sorted so, on every CPU.
func (d *deriver) sortedOrder(figs []*model.Figure) []int32 {
	type key struct {
		hi, lo uint64 // the ranks of indicator and period; of kind and source
		pos    int32
	}
	periods := map[period.Period]int{}
	sources := map[string]int{}
	for i, f := range figs {
		// Figures come in runs of one period or source: each is looked up once a run.
		if i == 0 || f.Period != figs[i-1].Period {
			periods[f.Period] = 0
		}
		if i == 0 || f.Source != figs[i-1].Source {
			sources[f.Source] = 0
		}
	}
	rank(periods, period.Compare)
	rank(sources, strings.Compare)
	keys := make([]key, len(figs))
	parallelChunks(len(figs), func(i int) {
		f := figs[i]
		keys[i] = key{uint64(d.indOrder[f.Indicator])<<32 | uint64(periods[f.Period]),
			uint64(kindOrder[f.Kind])<<32 | uint64(sources[f.Source]), int32(i)}
	})
	// The position decides last: no two keys are equal, and any sort
	// gives the one order.
	sortParallel(keys, func(a, b key) int {
		if a.hi != b.hi {
			return cmp.Compare(a.hi, b.hi)
		}
		if a.lo != b.lo {
			return cmp.Compare(a.lo, b.lo)
		}
		return cmp.Compare(a.pos, b.pos)
	})
	out := make([]int32, len(figs))
	for i, k := range keys {
		out[i] = k.pos
	}
	return out
}

// sortParallel sorts s by compare, a part on each CPU, the parts then
// merged. The order is slices.SortFunc's when compare calls no two
// elements equal.
func sortParallel[E any](s []E, compare func(a, b E) int) {
	parts := runtime.GOMAXPROCS(0)
	if parts < 2 || len(s) < 1<<16 {
		slices.SortFunc(s, compare)
		return
	}
	runs := make([]int, parts+1) // run r is s[runs[r]:runs[r+1]]
	for p := range runs {
		runs[p] = len(s) * p / parts
	}
	parallel(parts, func(p int) { slices.SortFunc(s[runs[p]:runs[p+1]], compare) })
	src, dst := s, make([]E, len(s))
	for len(runs) > 2 {
		n := len(runs) - 1
		next := []int{0}
		for r := 0; r < n; r += 2 {
			next = append(next, runs[min(r+2, n)])
		}
		parallel((n+1)/2, func(m int) {
			r := 2 * m
			lo, hi := runs[r], runs[min(r+2, n)]
			if r+1 >= n {
				copy(dst[lo:hi], src[lo:hi])
				return
			}
			merge(dst[lo:hi], src[lo:runs[r+1]], src[runs[r+1]:hi], compare)
		})
		src, dst = dst, src
		runs = next
	}
	if len(s) > 0 && &src[0] != &s[0] {
		copy(s, src)
	}
}

// merge writes the sorted a and b into out, in order (a's first of equals).
func merge[E any](out, a, b []E, compare func(a, b E) int) {
	i, j, k := 0, 0, 0
	for i < len(a) && j < len(b) {
		if compare(b[j], a[i]) < 0 {
			out[k] = b[j]
			j++
		} else {
			out[k] = a[i]
			i++
		}
		k++
	}
	k += copy(out[k:], a[i:])
	copy(out[k:], b[j:])
}

// rank sets each key of m to its rank in the order of compare; keys
// compare calls equal share a rank.
func rank[K comparable](m map[K]int, compare func(a, b K) int) {
	ks := make([]K, 0, len(m))
	for k := range m {
		ks = append(ks, k)
	}
	slices.SortFunc(ks, compare)
	r := 0
	for i, k := range ks {
		if i > 0 && compare(ks[i-1], k) != 0 {
			r++
		}
		m[k] = r
	}
}

// sortedPageUnits orders unit pages as a reader browses them: former units
// first (where the figures are), each province followed by its units, names
// in Vietnamese order.
func (d *deriver) sortedPageUnits() []*model.Unit {
	var out []*model.Unit
	var walk func(list []*model.Unit)
	walk = func(list []*model.Unit) {
		vntext.SortFunc(list, func(u *model.Unit) string { return u.Name })
		for _, u := range list {
			out = append(out, u)
			var kids []*model.Unit
			for _, c := range d.children[u.Key] {
				if d.pages[c.Key] {
					kids = append(kids, c)
				}
			}
			walk(kids)
		}
	}
	for _, era := range []model.Era{model.Era2022, model.Era2025} {
		var tops []*model.Unit
		for k := range d.pages {
			if u := d.ds.Units[k]; k.Era == era && u.Parent == "" {
				tops = append(tops, u)
			}
		}
		slices.SortFunc(tops, func(a, b *model.Unit) int { return strings.Compare(a.Key.Code, b.Key.Code) })
		walk(tops)
	}
	return out
}

func (d *deriver) sortedSources() []*model.Source {
	out := make([]*model.Source, 0, len(d.ds.Sources))
	for _, s := range d.ds.Sources {
		out = append(out, s)
	}
	sort.Slice(out, func(i, j int) bool {
		if !out[i].Date.Equal(out[j].Date) {
			return out[i].Date.After(out[j].Date) // newest first
		}
		return out[i].ID < out[j].ID
	})
	return out
}

// nameSlugs memoises vntext.Slug of unit names: every link to a unit
// needs its slug, millions of times at national scale.
var nameSlugs sync.Map

func unitSlug(u *model.Unit) string {
	slug, ok := nameSlugs.Load(u.Name)
	if !ok {
		slug, _ = nameSlugs.LoadOrStore(u.Name, vntext.Slug(u.Name))
	}
	s := u.Key.Code + "-" + slug.(string)
	if u.Key.Era == model.Era2022 {
		s += "-truoc-2025"
	}
	return s
}

func unitURL(u *model.Unit) string { return "/don-vi/" + unitSlug(u) + "/" }

func (d *deriver) unitLink(k model.UnitKey) Link {
	u := d.ds.Units[k]
	if u == nil {
		return Link{Name: k.Code}
	}
	l := Link{Name: u.FullName}
	if d.pages[k] {
		l.URL = unitURL(u)
	}
	return l
}
