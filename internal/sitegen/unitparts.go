package sitegen

import (
	"fmt"
	"path/filepath"
	"strings"
	"sync"

	"github.com/pcmt/pcmt/internal/derive"
)

// PartsDir is the content folder of the sub-pages of unit pages
// (derive/subpages.go). A sub-page cannot live under its unit page's
// address in content/don-vi/ (a <slug>.md holds no pages), so each is a
// page of its own here and sets its address under the unit's (front
// matter url: /don-vi/<unit>/<part>/).
const PartsDir = "don-vi-phan"

// writeUnitParts writes the sub-pages of a unit page, each one file as
// writeUnitFile writes a unit page: front matter with the fields head and
// footer read, the whole view as the body, then its blocks (viewbody.go,
// viewjson.go); index writes their section's _index.md once.
func writeUnitParts(st *staging, parts []derive.Page, index *sync.Once) error {
	if len(parts) == 0 {
		return nil
	}
	var err error
	index.Do(func() {
		// The section is not a page and lists nothing; its pages are in
		// the sitemap and linked from their unit pages.
		idx := []byte(`{"title": "Trang con của đơn vị", "build": {"render": "never", "list": "never"}}` + "\n")
		err = st.writeFile(filepath.Join(st.dir, "content", PartsDir, "_index.md"), idx)
	})
	if err != nil {
		return err
	}
	for _, p := range parts {
		v, ok := p.View.(derive.UnitPartView)
		name := strings.TrimPrefix(p.Path, PartsDir+"/")
		if !ok || !strings.HasPrefix(p.Path, PartsDir+"/") || strings.ContainsAny(name, `/\`) || strings.Contains(name, "..") {
			return fmt.Errorf("sub-page %q: not a unit's sub-page", p.Path)
		}
		bufs := getPageBuffers()
		blocks := newPageBlocks(v.AppendGroupsHTML)   // block 0, empty without groups
		view, err := marshalUnitPart(v, blocks, bufs) // viewjson.go
		if err != nil {
			blocks.put()
			return fmt.Errorf("%s: %w", p.Path, err)
		}
		type light struct {
			FullName    string         `json:"full_name"`
			LastUpdated derive.Updated `json:"last_updated"`
			Social      *derive.Social `json:"social,omitempty"`
			HasCharts   bool           `json:"has_charts,omitempty"`
		}
		front := struct {
			Title  string `json:"title"`
			Type   string `json:"type"`
			Layout string `json:"layout"`
			URL    string `json:"url"`
			View   light  `json:"view"`
		}{p.Title, "don-vi", "unit-part", v.Unit.URL + v.Part + "/",
			light{v.FullName, v.LastUpdated, v.Social, len(v.Charts) > 0}}
		b, err := bufs.front.encode(front)
		if err != nil {
			return fmt.Errorf("%s: %w", p.Path, err)
		}
		body, err := viewPage(bufs.page[:0], b, view, blocks, st.blocks)
		blocks.put()
		if err != nil {
			return fmt.Errorf("%s: %w", p.Path, err)
		}
		bufs.page = body
		err = st.writePageFile(filepath.Join(st.dir, "content", filepath.FromSlash(p.Path)+".md"), body)
		bufs.put()
		if err != nil {
			return err
		}
	}
	return nil
}
