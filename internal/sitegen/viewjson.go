package sitegen

import (
	"github.com/pcmt/pcmt/internal/derive"
)

// In a unit page's and a sub-page's view, the texts the layouts only
// paste are not JSON strings but the number of a block of the page's body
// (pageBlocks, viewbody.go): each chart's option and its table's rows,
// and the reform's predecessors and sums. Hugo decoded them from JSON
// strings for every page (5.65 s of CPU nationally, and the garbage), and
// pcmt escaped them into JSON (and encoding/json checked them byte by
// byte). layouts/unit.html and unit-part.html give chart.html and
// reform.html the blocks. Elsewhere (indicator pages, embed pages) a chart
// keeps its option as a string (derive.ChartOption).
//
// The types below are the views' as encoding/json writes them, with
// those fields in the place of the derive types' fields of the same names
// (a field of the outer struct hides the embedded one's).

// chartRef is a chart with its option and its table's rows as blocks.
type chartRef struct {
	derive.Chart
	Option int      `json:"option"` // the option's JSON; an empty block when it has none
	Table  tableRef `json:"table"`
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

// unitViewRef is a unit page's view (its groups' rows are in its figure
// tables, the first blocks).
type unitViewRef struct {
	derive.UnitView
	Charts []chartRef `json:"charts"`
	Reform *reformRef `json:"reform,omitempty"`
}

// unitPartRef is a sub-page's view.
type unitPartRef struct {
	derive.UnitPartView
	Charts []chartRef `json:"charts,omitempty"`
	Reform *reformRef `json:"reform,omitempty"`
}

// marshalUnitView encodes a unit view whose figure tables begin blocks
// (newPageBlocks(v.AppendGroupsHTML)), with its groups' rows left out and
// its charts' and reform's texts added to blocks. The JSON is in bufs,
// valid until they are given back.
func marshalUnitView(v derive.UnitView, blocks *pageBlocks, bufs *pageBuffers) ([]byte, error) {
	v.Groups = withoutRows(v.Groups)
	if v.Places != nil {
		places := make([]derive.PlaceView, len(v.Places))
		for i, pl := range v.Places {
			pl.Groups = withoutRows(pl.Groups)
			places[i] = pl
		}
		v.Places = places
	}
	return bufs.view.encode(unitViewRef{v, chartRefs(v.Charts, blocks), reformRefs(v.Reform, blocks)})
}

// marshalUnitPart is marshalUnitView for a sub-page.
func marshalUnitPart(v derive.UnitPartView, blocks *pageBlocks, bufs *pageBuffers) ([]byte, error) {
	v.Groups = withoutRows(v.Groups)
	return bufs.view.encode(unitPartRef{v, chartRefs(v.Charts, blocks), reformRefs(v.Reform, blocks)})
}

// chartRefs adds each chart's option and rows to blocks; nil stays nil
// (null in the view, as encoding/json writes a nil slice).
func chartRefs(charts []derive.Chart, blocks *pageBlocks) []chartRef {
	if charts == nil {
		return nil
	}
	out := make([]chartRef, len(charts))
	for i, c := range charts {
		out[i] = chartRef{Chart: c, Option: blocks.json(c.Option),
			Table: tableRef{Caption: c.Table.Caption, Columns: c.Table.Columns, Rows: blocks.html(c.Table.AppendRowsHTML)}}
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
