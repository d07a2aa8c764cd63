package sitegen

import (
	"bytes"
	"encoding/json"
	"sync"
)

// pageBuffers are what a generated page's file is encoded and put together
// in, reused from page to page: grown anew for every unit page they were
// a third of sitegen's garbage, and at national scale every ~500 MB of
// garbage costs a collection over a heap of more than a gigabyte.
type pageBuffers struct {
	view  jsonBuffer // a view, encoded (viewjson.go)
	front jsonBuffer // the page's front matter
	page  []byte     // the page's file (viewPage)
}

// maxPooled is the largest buffer kept for the next page: a province page
// is tens of MB nationally, which the pool should not pin.
const maxPooled = 4 << 20

var pagePool = sync.Pool{New: func() any { return new(pageBuffers) }}

func getPageBuffers() *pageBuffers { return pagePool.Get().(*pageBuffers) }

// put gives p back for the next page; nothing encoded in it may be used
// after.
func (p *pageBuffers) put() {
	p.view.drop()
	p.front.drop()
	p.page = keep(p.page)
	pagePool.Put(p)
}

// keep is b emptied, or nil when it is too large to keep.
func keep(b []byte) []byte {
	if cap(b) > maxPooled {
		return nil
	}
	return b[:0]
}

// jsonBuffer encodes values as marshal does, into one reused buffer.
type jsonBuffer struct {
	buf bytes.Buffer
	enc *json.Encoder
}

// encode is marshal(v), in j's buffer: valid until j encodes again or is
// given back.
func (j *jsonBuffer) encode(v any) ([]byte, error) {
	if j.enc == nil {
		j.enc = newEncoder(&j.buf)
	}
	j.buf.Reset()
	if err := j.enc.Encode(v); err != nil {
		return nil, err
	}
	return j.buf.Bytes(), nil
}

// drop empties j, and lets go of its buffer when it is too large to keep.
func (j *jsonBuffer) drop() {
	if j.buf.Cap() > maxPooled {
		*j = jsonBuffer{}
		return
	}
	j.buf.Reset()
}
