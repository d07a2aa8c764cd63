package sitegen

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"

	"github.com/pcmt/pcmt/internal/derive"
)

// DecapDir is the Decap CMS bundle installed from npm (package.json pins
// the version). The web editor at /admin/ serves it from the site itself,
// never from a CDN.
const DecapDir = "node_modules/decap-cms/dist"

// AdminDir is where the editor is served from, under static/.
const AdminDir = "static/admin"

// decapFiles are the files of the bundle the editor loads: the main
// script, the chunks it loads on demand, the WebAssembly modules and the
// licence notices. Source maps are left out.
var decapFiles = regexp.MustCompile(`^(decap-cms\.js|[0-9]+\.decap-cms\.js|[0-9a-f]+\.wasm|decap-cms\.js\.LICENSE\.txt)$`)

// writeCommuneData writes what the commune pages, the campaign section and
// the figure shortcodes read under site.Data.pcmt.
func writeCommuneData(s *derive.Site, st *staging) error {
	// Each commune page finds its own entry by address: a lookup, not a
	// walk of the list (3,321 pages nationally).
	byURL := make(map[string]derive.CommunePageLink, len(s.CommunePages))
	for _, p := range s.CommunePages {
		byURL[p.URL] = p
	}
	for name, v := range map[string]any{
		"commune_pages.json":        s.CommunePages,
		"commune_pages_by_url.json": byURL,
		"figures.json":              s.Figures,
		"figure_charts.json":        s.FigureCharts,
	} {
		b, err := marshal(v)
		if err != nil {
			return fmt.Errorf("data/pcmt/%s: %w", name, err)
		}
		if err := st.writeFile(filepath.Join(st.dir, "data", "pcmt", name), b); err != nil {
			return err
		}
	}
	return nil
}

// planSources are the sources the plan pages read by id
// (site.Data.pcmt.sources, layouts/ke-hoach/page.html and the footer of
// ke-hoach pages): those of plan documents. Hugo holds every data file in
// memory, and every source's view with its units and rows is ~110 KB
// (35 MB for the 320 sources of the national dataset).
func planSources(all map[string]derive.SourceView) map[string]derive.SourceView {
	out := map[string]derive.SourceView{}
	for id, v := range all {
		if v.Plan != nil {
			out[id] = v
		}
	}
	return out
}

// writeAdmin copies the Decap CMS bundle and writes the editor's
// configuration, generated from pcmt's model of commune pages.
func writeAdmin(s *derive.Site, repo string, st *staging) error {
	src := filepath.Join(repo, DecapDir)
	entries, err := os.ReadDir(src)
	if errors.Is(err, fs.ErrNotExist) {
		return fmt.Errorf("%s: missing: Decap CMS is not installed; run `make deps` (npm ci)", DecapDir)
	}
	if err != nil {
		return err
	}
	n := 0
	for _, e := range entries {
		if e.Type().IsRegular() && decapFiles.MatchString(e.Name()) {
			if err := st.copyFile(filepath.Join(src, e.Name()), filepath.Join(st.dir, AdminDir, "vendor", e.Name())); err != nil {
				return err
			}
			n++
		}
	}
	if n == 0 {
		return fmt.Errorf("%s: no decap-cms.js: run `make deps` (npm ci)", DecapDir)
	}
	b, err := EditorConfig(s.Editor)
	if err != nil {
		return err
	}
	return st.writeFile(filepath.Join(st.dir, AdminDir, "config.yml"), b)
}

// Placeholders for the YAML anchor and aliases of the communes list.
const (
	communesDef = "@@pcmt-communes-def@@"
	communesRef = "@@pcmt-communes-ref@@"
)

// EditorConfig is the Decap CMS configuration (config.yml) for commune
// pages: one collection per kind of page, all in content/xa/<code>/, with
// the fields internal/load checks, in the order `pcmt new` writes them.
// It is JSON, which YAML reads as it is, plus one YAML anchor so that the
// long list of communes is written once (1.1 MB → about 0.3 MB).
func EditorConfig(v derive.EditorView) ([]byte, error) {
	type field map[string]any
	var collections []any
	for i, k := range v.Kinds {
		// The 3,321 communes are written once, as a YAML anchor the
		// other collections refer to (below).
		communes := communesRef
		if i == 0 {
			communes = communesDef
		}
		fields := []field{
			{"name": "title", "label": "Tiêu đề", "widget": "string"},
			{"name": "commune", "label": "Xã, phường", "widget": "select", "options": communes,
				"hint": "Gõ vài chữ của tên xã, phường để tìm. Trang được lưu vào thư mục mang mã của xã."},
			{"name": "kind", "label": "Loại trang", "widget": "hidden", "default": k.Value},
			// The date is the editor's own day (no picker_utc): in Vietnam
			// the UTC date is a day behind from 0:00 to 7:00.
			{"name": "date", "label": "Ngày", "widget": "datetime", "format": "YYYY-MM-DD", "date_format": "DD/MM/YYYY",
				"time_format": false, "default": "{{now}}"},
			{"name": "office", "label": "Cơ quan chịu trách nhiệm", "widget": "string",
				"hint": "Ví dụ: UBND xã Hiệp Hoà; Công an xã Hiệp Hoà"},
			{"name": "body", "label": "Nội dung", "widget": "markdown", "modes": []string{"rich_text", "raw"},
				"editor_components": []string{"image"},
				"hint":              "Chỉ viết chữ, không dán mã HTML. Không ghi tên, ngày sinh, số CCCD, số điện thoại của người nghiện, học viên. Số liệu lấy từ dữ liệu: {{< so-lieu unit=\"07840\" indicator=\"cai-nghien-bat-buoc\" period=\"2024\" kind=\"target\" >}}"},
		}
		collections = append(collections, map[string]any{
			"name":            k.Value,
			"label":           k.Label,
			"label_singular":  k.Label,
			"folder":          "content/xa",
			"path":            "{{commune}}/{{slug}}",
			"create":          true,
			"format":          "toml-frontmatter",
			"extension":       "md",
			"filter":          map[string]string{"field": "kind", "value": k.Value},
			"summary":         "{{title}} — {{commune}} — {{date}}",
			"sortable_fields": []string{"date", "title", "commune"},
			"fields":          fields,
		})
	}
	cfg := map[string]any{
		// The production backend is the lead's decision (see the report);
		// commune staff without git use the editor through it. On
		// 127.0.0.1 the editor uses the local backend (decap-server).
		"backend":       map[string]any{"name": "git-gateway", "branch": "main"},
		"local_backend": true,
		"locale":        "vi",
		"site_url":      "/",
		"media_folder":  "static/images/xa",
		"public_folder": "/images/xa",
		// File names from titles: ASCII, Vietnamese letters without marks
		// (đ → d), as vntext.Slug and `pcmt new` make them.
		"slug":        map[string]any{"encoding": "ascii", "clean_accents": true, "sanitize_replacement": "-"},
		"collections": collections,
	}
	b, err := json.MarshalIndent(cfg, "", " ")
	if err != nil {
		return nil, err
	}
	list, err := json.Marshal(v.Communes)
	if err != nil {
		return nil, err
	}
	b = bytes.Replace(b, []byte(`"`+communesDef+`"`), append([]byte("&communes "), list...), 1)
	b = bytes.ReplaceAll(b, []byte(`"`+communesRef+`"`), []byte("*communes"))
	return append([]byte("# Generated by pcmt (internal/sitegen/admin.go) from the model of commune pages. Do not edit.\n"), append(b, '\n')...), nil
}
