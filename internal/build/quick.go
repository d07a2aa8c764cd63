package build

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"

	"github.com/pcmt/pcmt/internal/load"
	"github.com/pcmt/pcmt/internal/model"
)

// QuickCommunePages is the fast path of the preview for an edit to commune
// pages (trang của xã, content/xa) only: those files are copied into the
// staging site as they are, so Hugo's server shows them without waiting
// for a full Restage. rels are paths relative to src. It reports false,
// and does nothing, when a path is not an existing commune page (a
// deletion, a data file…). The whole input is checked first, so a page
// that pcmt check refuses (personal data, a wrong commune) never reaches
// the preview. The caller still runs Restage afterwards: lists of pages
// and other views derived from the front matter follow it.
func QuickCommunePages(src, dir string, rels []string) (bool, error) {
	if len(rels) == 0 {
		return false, nil
	}
	for _, rel := range rels {
		rel = filepath.ToSlash(rel)
		if !strings.HasPrefix(rel, load.CommuneDir+"/") || !strings.HasSuffix(rel, ".md") || strings.Contains(rel, "..") {
			return false, nil
		}
		if fi, err := os.Stat(filepath.Join(src, rel)); err != nil || !fi.Mode().IsRegular() {
			return false, nil
		}
		// A new page needs its derived data (data/pcmt/commune_pages.json)
		// before Hugo renders it: that is Restage's work.
		if _, err := os.Stat(filepath.Join(dir, rel)); err != nil {
			return false, nil
		}
	}
	ds, err := load.Load(src)
	if err != nil {
		return true, err
	}
	// The staged data files hold only the figures and charts the pages
	// named at the last Restage: a page naming another one would render
	// a broken shortcode until Restage writes it.
	if !staged(dir, ds.Shortcodes) {
		return false, nil
	}
	for _, rel := range rels {
		b, err := os.ReadFile(filepath.Join(src, rel))
		if err != nil {
			return true, err
		}
		target := filepath.Join(dir, rel)
		if old, err := os.ReadFile(target); err == nil && string(old) == string(b) {
			continue
		}
		if err := os.MkdirAll(filepath.Dir(target), 0o755); err != nil {
			return true, err
		}
		if err := os.WriteFile(target, b, 0o644); err != nil {
			return true, err
		}
	}
	return true, nil
}

// staged reports whether the staging site's data files (data/pcmt/
// figures.json, figure_charts.json) hold every figure and chart refs name.
func staged(dir string, refs model.ShortcodeRefs) bool {
	for name, keys := range map[string]map[string]bool{"figures.json": refs.Figures, "figure_charts.json": refs.Charts} {
		if len(keys) == 0 {
			continue
		}
		b, err := os.ReadFile(filepath.Join(dir, "data", "pcmt", name))
		if err != nil {
			return false
		}
		var have map[string]json.RawMessage
		if err := json.Unmarshal(b, &have); err != nil {
			return false
		}
		for k := range keys {
			if _, ok := have[k]; !ok {
				return false
			}
		}
	}
	return true
}
