package sitegen

import (
	"bytes"

	"github.com/pcmt/pcmt/internal/derive"
)

// marshalUnitView is marshal(v), faster: the figure rows' HTML and the
// charts' ECharts options go into the JSON as they are. encoding/json
// checks and compacts the output of every MarshalJSON, byte by byte with
// its scanner, and the rows' HTML is most of a unit view's bytes; both are
// compact JSON already (derive.GroupRows.MarshalJSON, and internal/charts
// makes the options with json.Marshal). The rest of the view is encoded by
// encoding/json with the groups' rows and the charts' options left out
// (null), and they are put in the places of those nulls. Where the nulls
// are not where they should be (the view types changed), the view is
// encoded by marshal. TestMarshalUnitView compares the two.
func marshalUnitView(v derive.UnitView) ([]byte, error) {
	groups, charts := v.Groups, v.Charts
	if b, ok := spliceUnitView(v, groups, charts); ok {
		return b, nil
	}
	return marshal(v)
}

var (
	groupsKey  = []byte(`"groups":`)
	chartsKey  = []byte(`"charts":`)
	rowsKey    = []byte(`"rows":`)
	optionKey  = []byte(`"option":`)
	null       = []byte("null")
	groupsNull = []byte(`"groups":null,"charts":null`)
	rowsNull   = []byte(`"rows":null`)
	optionNull = []byte(`"option":null`)
	tableKey   = []byte(`"table":`)
	tableEmpty = []byte(`"table":{"caption":"","columns":null,"rows":null}`)
)

func spliceUnitView(v derive.UnitView, groups []derive.IndicatorGroup, charts []derive.Chart) ([]byte, bool) {
	v.Groups, v.Charts = nil, nil
	rest, err := marshal(v)
	if err != nil {
		return nil, false
	}
	// The first "groups":null is the view's own: no field before it holds
	// a "groups" key, and a JSON string cannot hold `s":` unescaped.
	// "charts" is the field after "groups".
	g := bytes.Index(rest, groupsNull)
	if g < 0 {
		return nil, false
	}
	c := g + len(groupsKey) + len(null) + 1
	// Room for all of it, so that out is not copied as it grows: a row's
	// HTML is about 460 bytes escaped.
	size := len(rest) + len(groups)*256 + len(charts)*1024
	for _, g := range groups {
		size += len(g.Rows) * 512
	}
	for _, c := range charts {
		size += len(c.Option) + 256*len(c.Table.Rows) // a table row's HTML, escaped
	}
	out := make([]byte, 0, size)
	out = append(out, rest[:g+len(groupsKey)]...)
	out, ok := appendGroups(out, groups)
	if !ok {
		return nil, false
	}
	out = append(out, ',')
	out = append(out, chartsKey...)
	if out, ok = appendCharts(out, charts); !ok {
		return nil, false
	}
	return append(out, rest[c+len(chartsKey)+len(null):]...), true
}

// appendGroups appends the groups as encoding/json does, with each
// group's rows as GroupRows.MarshalJSON writes them (AppendJSON).
func appendGroups(out []byte, groups []derive.IndicatorGroup) ([]byte, bool) {
	if groups == nil {
		return append(out, null...), true
	}
	bare := make([]derive.IndicatorGroup, len(groups))
	for i, g := range groups {
		g.Rows = nil
		bare[i] = g
	}
	b, err := marshal(bare)
	if err != nil {
		return nil, false
	}
	b = bytes.TrimSuffix(b, []byte{'\n'})
	// A group holds no other "rows" key, so the nth "rows":null is group n's.
	for i := range groups {
		k := bytes.Index(b, rowsNull)
		if k < 0 {
			return nil, false
		}
		out = append(out, b[:k+len(rowsKey)]...)
		out = groups[i].Rows.AppendJSON(out) // as its MarshalJSON
		b = b[k+len(rowsKey)+len(null):]
	}
	if bytes.Contains(b, rowsKey) {
		return nil, false
	}
	return append(out, b...), true
}

// appendCharts appends the charts as encoding/json does, with each
// chart's option as it is and its table as Table.AppendJSON writes it.
func appendCharts(out []byte, charts []derive.Chart) ([]byte, bool) {
	if charts == nil {
		return append(out, null...), true
	}
	bare := make([]derive.Chart, len(charts))
	for i, c := range charts {
		if c.Option != nil && len(c.Option) == 0 {
			return nil, false // encoding/json's error, from marshal
		}
		c.Option, c.Table = nil, derive.Table{}
		bare[i] = c
	}
	b, err := marshal(bare)
	if err != nil {
		return nil, false
	}
	b = bytes.TrimSuffix(b, []byte{'\n'})
	// The option is a chart's fourth field, after its id, title and
	// subtitle (strings), so the nth "option":null is chart n's.
	for i := range charts {
		k := bytes.Index(b, optionNull)
		if k < 0 {
			return nil, false
		}
		out = append(out, b[:k+len(optionKey)]...)
		if charts[i].Option == nil {
			out = append(out, null...)
		} else {
			out = append(out, charts[i].Option...)
		}
		b = b[k+len(optionKey)+len(null):]
		// The table follows; a key in a string would be \"table\":, so
		// the first "table": is this chart's.
		k = bytes.Index(b, tableEmpty)
		if k < 0 {
			return nil, false
		}
		out = append(out, b[:k+len(tableKey)]...)
		out = charts[i].Table.AppendJSON(out)
		b = b[k+len(tableEmpty):]
	}
	if bytes.Contains(b, optionKey) || bytes.Contains(b, tableKey) {
		return nil, false
	}
	return append(out, b...), true
}
