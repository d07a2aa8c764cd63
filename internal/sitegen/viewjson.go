package sitegen

import (
	"bytes"

	"github.com/pcmt/pcmt/internal/derive"
)

// marshalUnitView is marshal(v), faster: the charts' ECharts options and
// their tables go into the JSON as their AppendJSON writes them.
// encoding/json checks and compacts the output of every MarshalJSON, byte
// by byte with its scanner; both are compact JSON already (an option is a
// JSON string, derive.ChartOption; derive.Table.AppendJSON). The rest of the view is encoded
// by encoding/json with the charts left out (null), and they are put in
// the place of that null. (A unit page's figure rows are not in its view:
// they are HTML blocks after it, viewbody.go.) Where the null is not where
// it should be (the view types changed), the view is encoded by marshal.
// TestMarshalUnitView compares the two. The JSON is in bufs, valid until
// they are given back.
func marshalUnitView(v derive.UnitView, bufs *pageBuffers) ([]byte, error) {
	if b, ok := spliceUnitView(v, v.Charts, bufs); ok {
		return b, nil
	}
	return bufs.view.encode(v)
}

var (
	chartsKey  = []byte(`"charts":`)
	null       = []byte("null")
	chartsNull = []byte(`"charts":null`)
	optionKey  = []byte(`"option":`)
	optionNull = []byte(`"option":null`)
	tableKey   = []byte(`"table":`)
	tableEmpty = []byte(`"table":{"caption":"","columns":null,"rows":null}`)
)

func spliceUnitView(v derive.UnitView, charts []derive.Chart, bufs *pageBuffers) ([]byte, bool) {
	v.Charts = nil
	rest, err := bufs.view.encode(v)
	if err != nil {
		return nil, false
	}
	// The first "charts":null is the view's own: no field before it holds
	// a "charts" key, and a JSON string cannot hold `s":` unescaped.
	c := bytes.Index(rest, chartsNull)
	if c < 0 {
		return nil, false
	}
	// Room for all of it, so that out is not copied as it grows.
	size := len(rest) + len(charts)*1024
	for _, c := range charts {
		size += len(c.Option) + 256*len(c.Table.Rows) // a table row's HTML, escaped
	}
	out := bufs.whole[:0]
	if cap(out) < size {
		out = make([]byte, 0, size)
	}
	out = append(out, rest[:c+len(chartsKey)]...)
	out, ok := appendCharts(out, charts, &bufs.bare)
	if !ok {
		return nil, false
	}
	out = append(out, rest[c+len(chartsNull):]...)
	bufs.whole = out
	return out, true
}

// appendCharts appends the charts as encoding/json does, with each
// chart's option and table as their AppendJSON writes them.
func appendCharts(out []byte, charts []derive.Chart, enc *jsonBuffer) ([]byte, bool) {
	if charts == nil {
		return append(out, null...), true
	}
	bare := make([]derive.Chart, len(charts))
	for i, c := range charts {
		c.Option, c.Table = nil, derive.Table{}
		bare[i] = c
	}
	b, err := enc.encode(bare)
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
		out = charts[i].Option.AppendJSON(out) // a JSON string
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
