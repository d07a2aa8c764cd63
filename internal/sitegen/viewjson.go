package sitegen

import (
	"github.com/pcmt/pcmt/internal/derive"
)

// In a unit page's and a sub-page's view, the texts the layouts only
// paste are not JSON strings but the number of a block of the page's body
// (pageBlocks, viewbody.go): each chart's option, its table's rows and
// its sources line, and the reform's predecessors and sums. Hugo decoded them from JSON
// strings for every page (5.65 s of CPU nationally, and the garbage), and
// pcmt escaped them into JSON (and encoding/json checked them byte by
// byte). layouts/unit.html and unit-part.html give chart.html and
// reform.html the blocks. Elsewhere (indicator pages, embed pages) a chart
// keeps its option as a string (derive.ChartOption).
//
// The types below are the views' as encoding/json writes them, with
// those fields in the place of the derive types' fields of the same names
// (a field of the outer struct hides the embedded one's).

// figureRef is a chart that is all HTML, a block (derive.Chart.AppendFigureHTML):
// every chart but a province's, which has an embed page (chartRef).
type figureRef struct {
	HTML int `json:"html"`
}

// chartRef is a chart with its option, its table's rows and its sources
// line as blocks, which chart.html lays out.
type chartRef struct {
	derive.Chart
	Option  int      `json:"option"` // the option's JSON; an empty block when it has none
	Table   tableRef `json:"table"`
	Sources int      `json:"sources"` // the sources' links as links-inline.html wrote them (derive.AppendLinksInline); empty when none
}

// tableRef is a chart's table with its rows as a block.
type tableRef struct {
	Caption string   `json:"caption"`
	Columns []string `json:"columns"`
	Rows    int      `json:"rows"` // the rows' HTML (derive.Table.AppendRowsHTML); empty when none
}

// reformRef is a reform view with its lists as blocks.
type reformRef struct {
	derive.ReformView
	Predecessors int `json:"predecessors"` // derive.PredecessorList's HTML; empty when none
	Sums         int `json:"sums"`         // derive.SumRows' HTML; empty when none
}

// unitViewRef is a unit page's view. Its groups are in its figure
// tables, the first blocks: the layouts only ask whether there are any,
// so the view says that (true or false) and not their indicators and
// definitions (3.9 MB of the 6.1 MB of views of the 1-province site,
// which Hugo decoded for every page). What the head and the footer read
// (share tags, last update) is in the front matter (sitegen.go), and is
// left out of the body's view.
//
// Its lists of links and its checks are blocks of their HTML
// (derive/listhtml.go), left out when empty; a unit page's block 0 is
// always its figure table, so a list's number is never 0 and the layouts
// can test it as they tested the list.
type unitViewRef struct {
	derive.UnitView
	Groups       bool       `json:"groups"`
	Places       []placeRef `json:"places"`
	Charts       []any      `json:"charts"` // figureRef or chartRef
	Reform       *reformRef `json:"reform,omitempty"`
	Social       *omitted   `json:"social,omitempty"`
	LastUpdated  *omitted   `json:"last_updated,omitempty"`
	Children     int        `json:"children,omitempty"`     // links-list.html, link-list--columns
	Predecessors int        `json:"predecessors,omitempty"` // links-list.html, link-list--columns
	Plans        int        `json:"plans,omitempty"`        // links-list.html
	Sources      int        `json:"sources,omitempty"`      // links-list.html, in cited-sources.html
	Checks       int        `json:"checks,omitempty"`       // derive.AppendChecksHTML
	TOC          int        `json:"toc,omitempty"`          // derive.UnitView.AppendTOCHTML; none with two sections or fewer
}

// placeRef is a place without its groups: its figure table is a block
// (AppendGroupsHTML), the place's number among them.
type placeRef struct {
	ID          string `json:"id"`
	Name        string `json:"name"`
	Description string `json:"description"`
}

// omitted hides a field of an embedded view: always nil, so omitempty
// leaves it out.
type omitted struct{}

// unitPartRef is a sub-page's view, its lists as a unit page's are (its
// block 0 is its figure table, empty when it has none:
// derive.UnitPartView.AppendGroupsHTML).
type unitPartRef struct {
	derive.UnitPartView
	Groups      bool       `json:"groups,omitempty"`
	Charts      []any      `json:"charts,omitempty"`
	Reform      *reformRef `json:"reform,omitempty"`
	Social      *omitted   `json:"social,omitempty"`
	LastUpdated *omitted   `json:"last_updated,omitempty"`
	Children    int        `json:"children,omitempty"`
	Sources     int        `json:"sources,omitempty"`
	Checks      int        `json:"checks,omitempty"`
}

// marshalUnitView encodes a unit view whose figure tables begin blocks
// (newPageBlocks(v.AppendGroupsHTML)), with its groups left out (but
// whether it has any) and its charts, lists and reform's texts added to
// blocks. The JSON is in bufs, valid until they are given back.
func marshalUnitView(v derive.UnitView, blocks *pageBlocks, bufs *pageBuffers) ([]byte, error) {
	var places []placeRef
	if v.Places != nil {
		places = make([]placeRef, len(v.Places))
		for i, pl := range v.Places {
			places[i] = placeRef{pl.ID, pl.Name, pl.Description}
		}
	}
	return bufs.view.encode(unitViewRef{UnitView: v, Groups: len(v.Groups) > 0, Places: places,
		Charts: chartRefs(v.Charts, blocks), Reform: reformRefs(v.Reform, blocks),
		Children: linksRef(v.Children, "link-list--columns", blocks), Predecessors: linksRef(v.Predecessors, "link-list--columns", blocks),
		Plans: linksRef(v.Plans, "", blocks), Sources: linksRef(v.Sources, "", blocks), Checks: checksRef(v.Checks, blocks),
		TOC: tocRef(v, blocks)})
}

// marshalUnitPart is marshalUnitView for a sub-page.
func marshalUnitPart(v derive.UnitPartView, blocks *pageBlocks, bufs *pageBuffers) ([]byte, error) {
	return bufs.view.encode(unitPartRef{UnitPartView: v, Groups: len(v.Groups) > 0,
		Charts: chartRefs(v.Charts, blocks), Reform: reformRefs(v.Reform, blocks),
		Children: linksRef(v.Children, "link-list--columns", blocks), Sources: linksRef(v.Sources, "", blocks), Checks: checksRef(v.Checks, blocks)})
}

// linksRef adds the list of links as links-list.html writes it (with
// class) to blocks; 0 (left out of the view) when there are none.
func linksRef(links []derive.Link, class string, blocks *pageBlocks) int {
	if len(links) == 0 {
		return 0
	}
	return blocks.html(func(b []byte) []byte { return derive.AppendLinksList(b, links, class) })
}

// checksRef adds the checks as unit.html wrote them to blocks; 0 when
// there are none.
func checksRef(checks []derive.Check, blocks *pageBlocks) int {
	if len(checks) == 0 {
		return 0
	}
	return blocks.html(func(b []byte) []byte { return derive.AppendChecksHTML(b, checks) })
}

// chartRefs adds each chart's HTML to blocks (figureRef), or its option,
// rows and sources (chartRef); nil stays nil (null in the view, as
// encoding/json writes a nil slice).
func chartRefs(charts []derive.Chart, blocks *pageBlocks) []any {
	if charts == nil {
		return nil
	}
	out := make([]any, len(charts))
	for i, c := range charts {
		if c.HasFigureHTML() {
			out[i] = figureRef{blocks.html(c.AppendFigureHTML)}
			continue
		}
		sources := c.Sources
		out[i] = chartRef{Chart: c, Option: blocks.json(c.Option),
			Table:   tableRef{Caption: c.Table.Caption, Columns: c.Table.Columns, Rows: blocks.html(c.Table.AppendRowsHTML)},
			Sources: blocks.html(func(b []byte) []byte { return derive.AppendLinksInline(b, sources) })}
	}
	return out
}

// reformRefs adds the reform's predecessors and sums to blocks.
func reformRefs(r *derive.ReformView, blocks *pageBlocks) *reformRef {
	if r == nil {
		return nil
	}
	return &reformRef{ReformView: *r, Predecessors: blocks.html(r.Predecessors.AppendHTML), Sums: blocks.html(r.Sums.AppendHTML)}
}

// tocRef adds the unit page's table of contents to blocks; 0 when it has
// none.
func tocRef(v derive.UnitView, blocks *pageBlocks) int {
	if len(v.AppendTOCHTML(nil)) == 0 {
		return 0
	}
	return blocks.html(v.AppendTOCHTML)
}
