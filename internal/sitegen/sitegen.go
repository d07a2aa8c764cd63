// Package sitegen writes the Hugo site that internal/render builds: the
// repository's own config, layouts, static files and content, plus one
// generated page per unit, indicator and source (JSON front matter holding
// the page's view) and the data files the hand-written pages read.
package sitegen

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"sync"

	"github.com/pcmt/pcmt/internal/derive"
	"github.com/spf13/afero"
)

// Copied is what is taken from the repository into the staging site.
var Copied = []string{"config.toml", "layouts", "static", "content", "assets", "i18n", "archetypes"}

// EChartsFile is the ECharts bundle built by `make deps` from npm's
// ECharts (package.json pins the version) with only the parts the site
// draws (scripts/echarts-entry.js); it is served from the site itself,
// never from a CDN. It goes into the staging site's assets/, where Hugo
// gives it a name with its content hash (layouts/_partials/echarts-script.html).
const EChartsFile = "node_modules/.pcmt/echarts.min.js"

// Write lays out the complete Hugo site for s in dir, which must be empty
// or absent. repo is the site's repository root.
func Write(s *derive.Site, repo, dir string) error {
	_, err := WriteInto(s, repo, dir, Into{})
	return err
}

// WriteInto is Write with some of the site elsewhere (Into). It returns
// the site as Hugo is to read it: dir, with what Into.Memory keeps in
// memory. With Into.Public the downloads go straight there, the empty
// directory Hugo will render the site into, instead of into the staging
// site's static/ (from where render would link them there): a file made
// once instead of a file and a link, ~39,000 of each nationally.
func WriteInto(s *derive.Site, repo, dir string, into Into) (afero.Fs, error) {
	st := &staging{dir: dir, blocks: into.Blocks}
	if into.Memory {
		st.mem = afero.NewMemMapFs()
	}
	if err := st.write(s, repo, into.Public); err != nil {
		return nil, err
	}
	return st.source(), nil
}

func (st *staging) write(s *derive.Site, repo, public string) error {
	dir := st.dir
	for _, name := range Copied {
		src := filepath.Join(repo, name)
		if _, err := os.Stat(src); errors.Is(err, fs.ErrNotExist) {
			if name == "config.toml" || name == "layouts" {
				return fmt.Errorf("%s: missing: the site needs it", name)
			}
			continue
		}
		if name == "content" {
			continue // with the jobs, below
		}
		if err := st.copyTree(src, filepath.Join(dir, name)); err != nil {
			return err
		}
	}
	// The hand-written content (~3,300 campaign pages nationally) is
	// copied by jobs beside the others', not before them: file creation
	// is most of its time on a slow disk.
	copyContent, err := st.contentCopyJobs(filepath.Join(repo, "content"), filepath.Join(dir, "content"))
	if err != nil {
		return err
	}
	if err := st.copyFile(filepath.Join(repo, EChartsFile), filepath.Join(dir, "assets", "js", "vendor", "echarts.min.js")); err != nil {
		if errors.Is(err, fs.ErrNotExist) {
			return fmt.Errorf("%s: missing: ECharts is not installed; run `make deps` (npm ci)", EChartsFile)
		}
		return err
	}
	downloads, err := newDownloads(dir, public, repo)
	if err != nil {
		return err
	}
	pages := []struct {
		typ, layout string
		list        []derive.Page
	}{
		{"don-vi", "unit", s.Units},
		{"chi-so", "indicator", s.Indicators},
		{"nguon", "source", s.Sources},
		{"ban-do", "map", s.Maps},
	}
	// The big writers first (the commune figures, the data package, the
	// downloads), so that the pages' jobs fill the other worker meanwhile.
	jobs := []func() error{
		// Commune pages, figure shortcodes and the web editor (admin.go).
		func() error { return writeCommuneData(s, st) },
		// Data package, JSON-LD, preview images, feed (publication.go).
		func() error { return writePublication(s, repo, st) },
		// Changelog and embed pages (citable.go).
		func() error { return writeCitable(s, repo, st) },
		func() error { return writeAdmin(s, repo, st) },
	}
	jobs = append(jobs, copyContent...)
	jobs = append(jobs, downloadJobs(s, downloads)...) // one per file, each made as it is written (citable.go)
	// The embed pages' section, written with the first (writeUnitPage).
	var embeds sync.Once
	// The unit sub-pages' section, likewise (unitparts.go).
	var parts sync.Once
	for _, group := range pages {
		for i, p := range group.list {
			if group.typ == "don-vi" {
				// The view is made here, written and dropped (derive.UnitPage).
				jobs = append(jobs, func() error {
					up := s.UnitPage(i)
					if err := writeUnitPage(repo, st, downloads, up, &embeds); err != nil {
						return err
					}
					return writeUnitParts(st, up.Parts, &parts) // sub-pages of a big province page (unitparts.go)
				})
				continue
			}
			jobs = append(jobs, func() error { return writePage(repo, st, p, group.typ, group.layout) })
		}
	}
	data := []struct {
		name string
		v    any
	}{
		{"home.json", s.Home},
		{"sources.json", planSources(s.SourceData)},
		{"units_by_code.json", s.UnitsByCode},
	}
	for _, d := range data {
		jobs = append(jobs, func() error {
			b, err := marshal(d.v)
			if err != nil {
				return fmt.Errorf("data/pcmt/%s: %w", d.name, err)
			}
			return st.writeFile(filepath.Join(dir, "data", "pcmt", d.name), b)
		})
	}
	return runAll(jobs)
}

// writePage writes a generated page; it refuses to replace a page written
// by hand at the same path.
func writePage(repo string, st *staging, p derive.Page, typ, layout string) error {
	rel := filepath.FromSlash("content/" + p.Path + ".md")
	if strings.Contains(p.Path, "..") || filepath.IsAbs(p.Path) {
		return fmt.Errorf("generated page path %q leaves the content folder", p.Path)
	}
	if _, err := os.Stat(filepath.Join(repo, rel)); err == nil {
		return fmt.Errorf("%s: a hand-written page has the path of a generated page; rename or remove it", filepath.ToSlash(rel))
	}
	front := struct {
		Title  string `json:"title"`
		Type   string `json:"type"`
		Layout string `json:"layout"`
		Weight int    `json:"weight"`
		View   any    `json:"view"`
	}{p.Title, typ, layout, p.Weight, p.View}
	bufs := getPageBuffers()
	defer bufs.put()
	b, err := bufs.front.encode(front)
	if err != nil {
		return fmt.Errorf("%s: %w", rel, err)
	}
	return st.writeFile(filepath.Join(st.dir, rel), append(b, '\n'))
}

// unitListFields are the fields of a unit's view that pages other than the
// unit's own read (lists, <head>, footer: section.html, page-list.html,
// baseof.html, share-meta.html, footer.html). Only they go into the unit
// page's front matter; see writeUnitPage.
var unitListFields = []string{"code", "level", "level_label", "name", "full_name", "era_label", "now", "social", "last_updated"}

// writeUnitPage writes a unit page, then its downloads and embed pages
// (citable.go); embeds writes the embed pages' section once.
func writeUnitPage(repo string, st *staging, downloads *downloads, p derive.UnitPage, embeds *sync.Once) error {
	if err := writeUnitFile(repo, st, p.Page); err != nil {
		return err
	}
	if err := downloads.writeAll(p.Files); err != nil {
		return err
	}
	if len(p.Embeds) > 0 {
		var err error
		embeds.Do(func() { err = writeEmbedIndex(st) })
		if err != nil {
			return err
		}
	}
	for _, e := range p.Embeds {
		if err := writeEmbed(st, e); err != nil {
			return err
		}
	}
	return nil
}

// writeUnitFile writes a unit page as one file, content/don-vi/<slug>.md
// (viewbody.go): front matter with only the view's unitListFields (and
// has_charts, for baseof.html), and the whole view as the body, then
// the blocks it refers to (figure tables, chart options, rows), which
// layouts/unit.html reads; with a block store, their markers
// (internal/splice). Hugo keeps every page's front matter in memory,
// as maps, for the whole build; nationally the unit views are about 900 MB
// of JSON, gigabytes as maps. The body is parsed when the page is
// rendered, in Hugo's evicting cache (dynacache), and is never published.
// The body is the page's source, so Hugo's server re-renders the page
// when its view changes (pcmt serve, bench/servelatency).
func writeUnitFile(repo string, st *staging, p derive.Page) error {
	if strings.Contains(p.Path, "..") || filepath.IsAbs(p.Path) {
		return fmt.Errorf("generated page path %q leaves the content folder", p.Path)
	}
	page := filepath.FromSlash("content/" + p.Path)
	for _, rel := range []string{page + ".md", filepath.Join(page, "index.md")} {
		if _, err := os.Stat(filepath.Join(repo, rel)); err == nil {
			return fmt.Errorf("%s: a hand-written page has the path of a generated page; rename or remove it", filepath.ToSlash(rel))
		}
	}
	bufs := getPageBuffers()
	defer bufs.put()
	var view []byte
	var blocks *pageBlocks
	var light any
	var err error
	if v, ok := p.View.(derive.UnitView); ok {
		blocks = newPageBlocks(v.AppendGroupsHTML)
		defer blocks.put()
		view, err = marshalUnitView(v, blocks, bufs) // viewjson.go
		light = unitListView(v)
	} else if view, err = bufs.view.encode(p.View); err == nil {
		light, err = listFields(view)
	}
	if err != nil {
		return fmt.Errorf("%s: %w", filepath.ToSlash(page), err)
	}
	front := struct {
		Title  string `json:"title"`
		Type   string `json:"type"`
		Layout string `json:"layout"`
		Weight int    `json:"weight"`
		View   any    `json:"view"`
	}{p.Title, "don-vi", "unit", p.Weight, light}
	b, err := bufs.front.encode(front)
	if err != nil {
		return fmt.Errorf("%s: %w", filepath.ToSlash(page), err)
	}
	body, err := viewPage(bufs.page[:0], b, view, blocks, st.blocks)
	if err != nil {
		return fmt.Errorf("%s: %w", filepath.ToSlash(page), err)
	}
	bufs.page = body
	return st.writePageFile(filepath.Join(st.dir, page+".md"), body)
}

// unitList is a unit view's unitListFields and has_charts, in the order
// of listFields' map (its keys sorted), so that the front matter is the
// same bytes; decoding the whole view again for them was a sixth of
// sitegen's CPU (TestUnitListView).
type unitList struct {
	Code        string         `json:"code"`
	EraLabel    string         `json:"era_label"`
	FullName    string         `json:"full_name"`
	HasCharts   bool           `json:"has_charts,omitempty"`
	LastUpdated derive.Updated `json:"last_updated"`
	Level       string         `json:"level"`
	LevelLabel  string         `json:"level_label"`
	Name        string         `json:"name"`
	Now         string         `json:"now"`
	Social      *derive.Social `json:"social,omitempty"`
}

func unitListView(v derive.UnitView) unitList {
	return unitList{v.Code, v.EraLabel, v.FullName, len(v.Charts) > 0, v.LastUpdated, v.Level, v.LevelLabel, v.Name, v.Now, v.Social}
}

// listFields takes the unitListFields and has_charts from an encoded
// view of any type.
func listFields(view []byte) (map[string]any, error) {
	var fields map[string]json.RawMessage
	if err := json.Unmarshal(view, &fields); err != nil {
		return nil, err
	}
	light := make(map[string]any, len(unitListFields)+1)
	for _, k := range unitListFields {
		if v, ok := fields[k]; ok {
			light[k] = v
		}
	}
	if c := fields["charts"]; len(c) > 0 && string(c) != "null" && string(c) != "[]" {
		light["has_charts"] = true
	}
	return light, nil
}

// runAll runs the jobs (each encodes and writes its own files) on two
// workers per CPU: encoding is most of sitegen's time, but a worker also
// waits on the file system (creating a file took 12-300 µs on the
// machine of bench/README.md), and a second worker keeps the CPU busy
// meanwhile: nationally sitegen took 0.3-1.4 s less than with one per
// CPU (round 10). The files are independent, so the output is the same
// as one by one. It returns the error of the first job in list order
// that failed, so a broken site reports the same problem every run.
func runAll(jobs []func() error) error {
	errs := make([]error, len(jobs))
	next := make(chan int)
	var wg sync.WaitGroup
	for range min(2*runtime.GOMAXPROCS(0), len(jobs)) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range next {
				errs[i] = jobs[i]()
			}
		}()
	}
	for i := range jobs {
		next <- i
	}
	close(next)
	wg.Wait()
	return firstErr(errs)
}

func firstErr(errs []error) error {
	for _, err := range errs {
		if err != nil {
			return err
		}
	}
	return nil
}

func marshal(v any) ([]byte, error) {
	var buf bytes.Buffer
	if err := newEncoder(&buf).Encode(v); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

// newEncoder is how every file sitegen writes is encoded.
func newEncoder(w io.Writer) *json.Encoder {
	// Compact, not indented: at national scale the front matter of the
	// unit pages is gigabytes, and indenting it cost a third of its size
	// and of sitegen's time (bench/README.md).
	enc := json.NewEncoder(w)
	// Only Hugo reads these files, and never as HTML: < > & as \u003c
	// would add a third to the unit views, whose figure rows are HTML
	// (derive/rowhtml.go).
	enc.SetEscapeHTML(false)
	return enc
}

func writeFile(path string, b []byte) error {
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		return err
	}
	return os.WriteFile(path, b, 0o644)
}

// generatedSections are the content folders that sitegen writes pages
// into without refusing a hand-written page at the same path (embed pages,
// unit sub-pages and their sections' _index.md): their hand-written files,
// if any, are copied before the jobs start, so that the generated ones
// replace them as they always did.
var generatedSections = []string{derive.EmbedDir, PartsDir}

// contentCopyJobs makes the folders of the content tree src under dst and
// returns jobs that copy its files into them, a few dozen files a job.
// The generated pages' jobs may run before or after them: a generated
// page never has the path of a hand-written one (writePage and
// writeUnitFile look in the repository, not in the staging site), except
// in generatedSections, copied here, now.
func (st *staging) contentCopyJobs(src, dst string) ([]func() error, error) {
	if _, err := os.Stat(src); errors.Is(err, fs.ErrNotExist) {
		return nil, nil
	}
	var files []string // relative to src
	err := filepath.WalkDir(src, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(src, path)
		target := filepath.Join(dst, rel)
		switch {
		case d.IsDir():
			if path != src && filepath.Dir(rel) == "." && slices.Contains(generatedSections, rel) {
				if err := st.copyTree(path, target); err != nil {
					return err
				}
				return filepath.SkipDir
			}
			return st.mkdirAll(target)
		case d.Type().IsRegular():
			files = append(files, rel)
		}
		return nil // links and devices are not part of a site
	})
	if err != nil {
		return nil, err
	}
	const perJob = 64
	var jobs []func() error
	for len(files) > 0 {
		chunk := files[:min(perJob, len(files))]
		files = files[len(chunk):]
		jobs = append(jobs, func() error {
			for _, rel := range chunk {
				if err := st.copyInto(filepath.Join(src, rel), filepath.Join(dst, rel)); err != nil {
					return err
				}
			}
			return nil
		})
	}
	return jobs, nil
}

// copyInto copies the file src to dst, whose folder exists.
func copyInto(src, dst string) error {
	in, err := os.Open(src)
	if err != nil {
		return err
	}
	defer in.Close()
	out, err := os.Create(dst)
	if err != nil {
		return err
	}
	if _, err := io.Copy(out, in); err != nil {
		out.Close()
		return err
	}
	return out.Close()
}
