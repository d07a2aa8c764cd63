package sitegen

import (
	"encoding/xml"
	"errors"
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"sync"
	"time"

	"github.com/BurntSushi/toml"

	"github.com/pcmt/pcmt/internal/datapackage"
	"github.com/pcmt/pcmt/internal/derive"
	"github.com/pcmt/pcmt/internal/ogimage"
)

// BaseURL reads the site's canonical address, config.toml's baseURL. Pages
// link to each other with root-relative links and work on any host; the
// sitemap, the feed, the JSON-LD blocks, the share tags and the data files
// need absolute addresses, and take them from here.
func BaseURL(repo string) (*url.URL, error) {
	var cfg struct {
		BaseURL string `toml:"baseURL"`
	}
	if _, err := toml.DecodeFile(filepath.Join(repo, "config.toml"), &cfg); err != nil {
		return nil, fmt.Errorf("config.toml: %w", err)
	}
	u, err := url.Parse(cfg.BaseURL)
	if err != nil || (u.Scheme != "https" && u.Scheme != "http") || u.Host == "" {
		return nil, fmt.Errorf("config.toml: baseURL: %q is not an absolute address: set it to the address the site is published at, like \"https://<tên miền>/\"", cfg.BaseURL)
	}
	if u.Path != "/" || u.RawQuery != "" || u.Fragment != "" {
		return nil, fmt.Errorf("config.toml: baseURL: %q: the site links to its pages from the root of its host, so baseURL must be a host and \"/\" only, like \"https://<tên miền>/\"", cfg.BaseURL)
	}
	return u, nil
}

// writePublication writes what derive.Publication holds: the data package
// under static/du-lieu/, the dataset page, the JSON-LD blocks
// (data/pcmt/jsonld.json, by page URL), the share tags of pages without a
// view of their own (data/pcmt/social.json, by page URL), the preview
// images under static/anh/chia-se/ and the Atom feed of changes.
func writePublication(s *derive.Site, repo string, st *staging) error {
	p := s.Publication
	if p == nil {
		return nil
	}
	base, err := BaseURL(repo)
	if err != nil {
		return err
	}
	dir := st.dir
	data := filepath.Join(dir, "static", filepath.FromSlash(strings.Trim(derive.DataDir, "/")))
	if err := os.MkdirAll(data, 0o755); err != nil {
		return err
	}
	if err := datapackage.Write(p, base, data); err != nil {
		return fmt.Errorf("data package: %w", err)
	}
	if err := writePage(repo, st, p.DataPage(), "du-lieu", "dataset"); err != nil {
		return err
	}

	ld := map[string]any{derive.DataDir: jsonLD(p.Dataset, p, base)}
	for _, l := range p.Indicators {
		ld[l.URL] = jsonLD(l, p, base)
	}
	info := map[string]any{
		"licence": derive.LicenceView{Name: p.Licence.Title, URL: p.Licence.URL, Note: p.Licence.Note},
		"data":    derive.DataDir,
	}
	if len(p.Feed) > 0 {
		info["feed"] = derive.FeedPath
		b, err := atom(p, base)
		if err != nil {
			return err
		}
		if err := writeFile(filepath.Join(dir, "static", filepath.FromSlash(strings.TrimPrefix(derive.FeedPath, "/"))), b); err != nil {
			return err
		}
	}
	for name, v := range map[string]any{"jsonld.json": ld, "publication.json": info, "social.json": p.Shared} {
		b, err := marshal(v)
		if err != nil {
			return fmt.Errorf("data/pcmt/%s: %w", name, err)
		}
		if err := st.writeFile(filepath.Join(dir, "data", "pcmt", name), b); err != nil {
			return err
		}
	}
	return writePreviews(p.Previews, dir)
}

// writePreviews draws the preview images, as many at once as there are
// processors (each takes about 13 ms; see BenchmarkDraw in internal/ogimage).
func writePreviews(list []derive.Preview, dir string) error {
	jobs := make(chan derive.Preview)
	errs := make([]error, runtime.GOMAXPROCS(0))
	var wg sync.WaitGroup
	for w := range errs {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for pv := range jobs {
				if errs[w] != nil {
					continue
				}
				b, err := ogimage.Draw(ogimage.Card{Site: "Phòng, chống ma túy — số liệu và kế hoạch", Kicker: pv.Kicker, Figure: pv.Figure,
					Title: pv.Label, Where: pv.Where, Source: pv.Source})
				if err == nil {
					err = writeFile(filepath.Join(dir, "static", filepath.FromSlash(strings.TrimPrefix(pv.Image, "/"))), b)
				}
				errs[w] = err
			}
		}()
	}
	for _, pv := range list {
		jobs <- pv
	}
	close(jobs)
	wg.Wait()
	return errors.Join(errs...)
}

// jsonLD is a schema.org Dataset for a JSON-LD block: the fields search
// engines' dataset search reads.
func jsonLD(l derive.DatasetLD, p *derive.Publication, base *url.URL) map[string]any {
	abs := func(rel string) string {
		s, err := datapackage.Resolve(base, rel)
		if err != nil {
			return rel
		}
		return s
	}
	creator := map[string]any{"@type": "Organization", "name": p.Creator, "url": base.String()}
	var vars []any
	for _, v := range l.Variables {
		pv := map[string]any{"@type": "PropertyValue", "name": v.Name, "unitText": v.Unit, "description": v.Definition, "url": abs(v.URL), "propertyID": v.ID}
		if v.NameEn != "" {
			pv["alternateName"] = v.NameEn
		}
		vars = append(vars, pv)
	}
	var dist []any
	for _, d := range l.Downloads {
		dist = append(dist, map[string]any{"@type": "DataDownload", "name": d.Name, "encodingFormat": d.Format, "contentUrl": abs(d.URL)})
	}
	var places []any
	for _, name := range l.Coverage.Places {
		places = append(places, map[string]any{"@type": "AdministrativeArea", "name": name})
	}
	out := map[string]any{
		"@context":            "https://schema.org",
		"@type":               "Dataset",
		"@id":                 abs(l.URL) + "#dataset",
		"name":                l.Name,
		"description":         l.Description + " " + p.Licence.Note,
		"url":                 abs(l.URL),
		"inLanguage":          "vi",
		"keywords":            l.Keywords,
		"creator":             creator,
		"publisher":           creator,
		"license":             p.Licence.URL,
		"isAccessibleForFree": true,
		"temporalCoverage":    l.Coverage.Temporal(),
		"spatialCoverage":     map[string]any{"@type": "Place", "name": "Việt Nam", "containsPlace": places},
		"variableMeasured":    vars,
		"distribution":        dist,
	}
	if !l.Modified.IsZero() {
		out["dateModified"] = l.Modified.Format(time.DateOnly)
	}
	if l.PartOf != "" {
		out["isPartOf"] = map[string]any{"@type": "Dataset", "@id": abs(l.PartOf) + "#dataset", "name": p.Title, "url": abs(l.PartOf)}
	}
	return out
}

// atom is the feed of changes to the figures (RFC 4287).
func atom(p *derive.Publication, base *url.URL) ([]byte, error) {
	abs := func(rel string) string {
		s, err := datapackage.Resolve(base, rel)
		if err != nil {
			return rel
		}
		return s
	}
	type link struct {
		Rel  string `xml:"rel,attr,omitempty"`
		Type string `xml:"type,attr,omitempty"`
		Href string `xml:"href,attr"`
	}
	type text struct {
		Type string `xml:"type,attr"`
		Body string `xml:",chardata"`
	}
	type entry struct {
		ID      string `xml:"id"`
		Title   string `xml:"title"`
		Updated string `xml:"updated"`
		Link    link   `xml:"link"`
		Content text   `xml:"content"`
	}
	type feed struct {
		XMLName xml.Name `xml:"http://www.w3.org/2005/Atom feed"`
		Lang    string   `xml:"xml:lang,attr"`
		ID      string   `xml:"id"`
		Title   string   `xml:"title"`
		Updated string   `xml:"updated"`
		Links   []link   `xml:"link"`
		Author  struct {
			Name string `xml:"name"`
			URI  string `xml:"uri"`
		} `xml:"author"`
		Rights  string  `xml:"rights"`
		Entries []entry `xml:"entry"`
	}
	stamp := func(t time.Time) string { return t.UTC().Format(time.RFC3339) }
	f := feed{Lang: "vi", ID: abs("/cap-nhat/"), Title: "Cập nhật số liệu — " + p.Title, Updated: stamp(p.Feed[0].Date),
		Links:  []link{{Rel: "self", Type: "application/atom+xml", Href: abs(derive.FeedPath)}, {Rel: "alternate", Type: "text/html", Href: abs("/cap-nhat/")}},
		Rights: "Số liệu: " + p.Licence.ID + " (" + p.Licence.URL + ")"}
	f.Author.Name, f.Author.URI = p.Creator, base.String()
	for _, e := range p.Feed {
		var html strings.Builder
		html.WriteString("<ul>")
		for _, l := range e.Lines {
			html.WriteString("<li>")
			xml.EscapeText(&html, []byte(l))
			html.WriteString("</li>")
		}
		html.WriteString("</ul>")
		f.Entries = append(f.Entries, entry{ID: abs(e.ID), Title: e.Title, Updated: stamp(e.Date), Link: link{Rel: "alternate", Type: "text/html", Href: abs(e.URL)},
			Content: text{Type: "html", Body: html.String()}})
	}
	b, err := xml.MarshalIndent(f, "", "  ")
	if err != nil {
		return nil, fmt.Errorf("atom feed: %w", err)
	}
	return append([]byte(xml.Header), append(b, '\n')...), nil
}
