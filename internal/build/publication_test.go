package build

import (
	"bytes"
	"encoding/json"
	"encoding/xml"
	"image/png"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"golang.org/x/net/html"
)

// findAll returns the elements of n named tag.
func findAll(n *html.Node, tag string) []*html.Node {
	var out []*html.Node
	var walk func(*html.Node)
	walk = func(n *html.Node) {
		if n.Type == html.ElementNode && n.Data == tag {
			out = append(out, n)
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(n)
	return out
}

func attr(n *html.Node, key string) string {
	for _, a := range n.Attr {
		if a.Key == key {
			return a.Val
		}
	}
	return ""
}

// meta is the content of the page's <meta property|name=key>.
func meta(doc *html.Node, key string) string {
	for _, m := range findAll(doc, "meta") {
		if attr(m, "property") == key || attr(m, "name") == key {
			return attr(m, "content")
		}
	}
	return ""
}

// pagesIn lists the URL paths of the built pages under section.
func pagesIn(t *testing.T, site, section string) []string {
	t.Helper()
	var out []string
	filepath.WalkDir(filepath.Join(site, section), func(p string, d fs.DirEntry, err error) error {
		if err == nil && d.Name() == "index.html" && filepath.Dir(p) != filepath.Join(site, section) {
			rel, _ := filepath.Rel(site, filepath.Dir(p))
			out = append(out, "/"+filepath.ToSlash(rel)+"/")
		}
		return nil
	})
	if len(out) == 0 {
		t.Fatalf("no pages under /%s/", section)
	}
	return out
}

const base = "https://pcmt.invalid/" // config.toml's baseURL (a placeholder)

// TestJSONLD: each indicator page and the dataset page carry a schema.org
// Dataset that parses and has the fields dataset search engines read.
func TestJSONLD(t *testing.T) {
	site := defaultSite(t)
	pages := append(pagesIn(t, site, "chi-so"), "/du-lieu/")
	for _, page := range pages {
		doc := parsePage(t, site, page)
		var blocks []*html.Node
		for _, s := range findAll(doc, "script") {
			if attr(s, "type") == "application/ld+json" {
				blocks = append(blocks, s)
			}
		}
		if strings.Contains(text(doc), "Chưa có đơn vị nào có số liệu") {
			if len(blocks) != 0 {
				t.Errorf("%s: an indicator with no figures describes a dataset", page)
			}
			continue
		}
		if len(blocks) != 1 {
			t.Errorf("%s: %d JSON-LD blocks, want 1", page, len(blocks))
			continue
		}
		var ld map[string]any
		if err := json.Unmarshal([]byte(blocks[0].FirstChild.Data), &ld); err != nil {
			t.Errorf("%s: JSON-LD does not parse: %v", page, err)
			continue
		}
		if ld["@context"] != "https://schema.org" || ld["@type"] != "Dataset" {
			t.Errorf("%s: @context %v, @type %v", page, ld["@context"], ld["@type"])
		}
		for _, k := range []string{"name", "description", "creator", "license", "temporalCoverage", "spatialCoverage", "variableMeasured", "distribution", "dateModified"} {
			if v, ok := ld[k]; !ok || v == "" || v == nil {
				t.Errorf("%s: JSON-LD has no %s", page, k)
			}
		}
		if ld["url"] != strings.TrimSuffix(base, "/")+page {
			t.Errorf("%s: url %v", page, ld["url"])
		}
		if tc, _ := ld["temporalCoverage"].(string); len(tc) != 21 || tc[10] != '/' {
			t.Errorf("%s: temporalCoverage %q is not an ISO interval of days", page, tc)
		}
		if dm, _ := ld["dateModified"].(string); len(dm) != 10 {
			t.Errorf("%s: dateModified %q is not an ISO date", page, dm)
		}
		dist, _ := ld["distribution"].([]any)
		for _, d := range dist {
			m, _ := d.(map[string]any)
			u, _ := m["contentUrl"].(string)
			if !strings.HasPrefix(u, base) {
				t.Errorf("%s: download %q is not on the site", page, u)
				continue
			}
			if _, err := os.Stat(filepath.Join(site, filepath.FromSlash(strings.TrimPrefix(u, base)))); err != nil {
				t.Errorf("%s: download %s is not in the built site: %v", page, u, err)
			}
		}
		if len(dist) == 0 {
			t.Errorf("%s: no distribution", page)
		}
	}
	// The dataset page says what each indicator measures.
	doc := parsePage(t, site, "/du-lieu/")
	for _, s := range findAll(doc, "script") {
		if attr(s, "type") == "application/ld+json" && !strings.Contains(s.FirstChild.Data, `"name":"Người nghiện có hồ sơ quản lý","propertyID":"nguoi-nghien-co-ho-so"`) {
			t.Errorf("/du-lieu/: variableMeasured does not name nguoi-nghien-co-ho-so:\n%s", s.FirstChild.Data)
		}
	}
}

// TestPreviewImages: every unit and indicator page names a preview image
// with its size; the image is in the site, a PNG of that size.
func TestPreviewImages(t *testing.T) {
	site := defaultSite(t)
	pages := append(pagesIn(t, site, "don-vi"), pagesIn(t, site, "chi-so")...)
	for _, page := range pages {
		doc := parsePage(t, site, page)
		img := meta(doc, "og:image")
		if img == "" {
			t.Errorf("%s: no og:image", page)
			continue
		}
		if meta(doc, "twitter:image") != img || meta(doc, "twitter:card") != "summary_large_image" {
			t.Errorf("%s: twitter card %q / %q, og:image %q", page, meta(doc, "twitter:card"), meta(doc, "twitter:image"), img)
		}
		if meta(doc, "og:url") != strings.TrimSuffix(base, "/")+page || meta(doc, "og:title") == "" || meta(doc, "og:image:alt") == "" {
			t.Errorf("%s: og:url %q, og:title %q, og:image:alt %q", page, meta(doc, "og:url"), meta(doc, "og:title"), meta(doc, "og:image:alt"))
		}
		if !strings.HasPrefix(img, base) {
			t.Errorf("%s: og:image %q is not absolute on %s", page, img, base)
			continue
		}
		b, err := os.ReadFile(filepath.Join(site, filepath.FromSlash(strings.TrimPrefix(img, base))))
		if err != nil {
			t.Errorf("%s: %v", page, err)
			continue
		}
		cfg, err := png.DecodeConfig(bytes.NewReader(b))
		if err != nil {
			t.Errorf("%s: %s is not a PNG: %v", page, img, err)
			continue
		}
		if cfg.Width != 1200 || cfg.Height != 630 || meta(doc, "og:image:width") != "1200" || meta(doc, "og:image:height") != "630" {
			t.Errorf("%s: image %d×%d, tags say %s×%s; want 1200×630", page, cfg.Width, cfg.Height, meta(doc, "og:image:width"), meta(doc, "og:image:height"))
		}
	}
	// The headline a journalist would quote is in the share text.
	doc := parsePage(t, site, "/don-vi/08-tuyen-quang-truoc-2025/")
	if d := meta(doc, "og:description"); !strings.Contains(d, "986 người") || !strings.Contains(d, "Tính đến 31/12/2022") {
		t.Errorf("Tuyên Quang: og:description %q does not give 986 người at 31/12/2022", d)
	}
	doc = parsePage(t, site, "/chi-so/nguoi-nghien-co-ho-so/")
	if d := meta(doc, "og:image:alt"); !strings.Contains(d, "Tỉnh Tuyên Quang") || !strings.Contains(d, "986 người") {
		t.Errorf("indicator: og:image:alt %q, want the province's 986 người", d)
	}
}

// TestCommunePreviewIsItsProvinces: a commune's page shares its
// province's preview image (drawn once, in the built site) with its own
// headline figure in the share text; the district's likewise.
func TestCommunePreviewIsItsProvinces(t *testing.T) {
	site := defaultSite(t)
	tests := []struct {
		page, image, headline string
	}{
		{"/don-vi/07840-thang-truoc-2025/", "anh/chia-se/don-vi/24-bac-giang-truoc-2025.png", "Thị trấn Thắng"},
		{"/don-vi/076-son-duong-truoc-2025/", "anh/chia-se/don-vi/08-tuyen-quang-truoc-2025.png", "268 người"},
	}
	for _, tt := range tests {
		doc := parsePage(t, site, tt.page)
		img := meta(doc, "og:image")
		if img != base+tt.image {
			t.Errorf("%s: og:image %q, want %s", tt.page, img, base+tt.image)
		}
		if _, err := os.Stat(filepath.Join(site, filepath.FromSlash(strings.TrimPrefix(img, base)))); err != nil {
			t.Errorf("%s: og:image not in the built site: %v", tt.page, err)
		}
		if d := meta(doc, "og:title") + " " + meta(doc, "og:description"); !strings.Contains(d, tt.headline) {
			t.Errorf("%s: share text %q lacks %q", tt.page, d, tt.headline)
		}
	}
	// The pages shared most have images of their own.
	for _, page := range []string{"/", "/du-lieu/", "/nguon/ldxh-2023-03-15-tuyen-quang/", pagesIn(t, site, "ban-do")[0]} {
		doc := parsePage(t, site, page)
		img := meta(doc, "og:image")
		if !strings.HasPrefix(img, base+"anh/chia-se/") || meta(doc, "og:image:alt") == "" || meta(doc, "twitter:card") != "summary_large_image" {
			t.Errorf("%s: og:image %q, alt %q", page, img, meta(doc, "og:image:alt"))
			continue
		}
		if _, err := os.Stat(filepath.Join(site, filepath.FromSlash(strings.TrimPrefix(img, base)))); err != nil {
			t.Errorf("%s: %v", page, err)
		}
	}
}

// TestSitemapAndFeed: the sitemap lists every page at its absolute
// address; robots.txt points to it; the Atom feed parses and has entries.
func TestSitemapAndFeed(t *testing.T) {
	site := defaultSite(t)
	b, err := os.ReadFile(filepath.Join(site, "sitemap.xml"))
	if err != nil {
		t.Fatal(err)
	}
	var sm struct {
		URLs []struct {
			Loc string `xml:"loc"`
		} `xml:"url"`
	}
	if err := xml.Unmarshal(b, &sm); err != nil {
		t.Fatalf("sitemap.xml: %v", err)
	}
	locs := map[string]bool{}
	for _, u := range sm.URLs {
		locs[u.Loc] = true
		if !strings.HasPrefix(u.Loc, base) {
			t.Errorf("sitemap: %q is not absolute on %s", u.Loc, base)
		}
	}
	for _, page := range []string{"/", "/du-lieu/", "/don-vi/076-son-duong-truoc-2025/", "/chi-so/nguoi-nghien-co-ho-so/", "/nguon/ldxh-2023-03-15-tuyen-quang/"} {
		if !locs[strings.TrimSuffix(base, "/")+page] {
			t.Errorf("sitemap does not list %s", page)
		}
	}
	if r, _ := os.ReadFile(filepath.Join(site, "robots.txt")); !strings.Contains(string(r), "Sitemap: "+base+"sitemap.xml") {
		t.Errorf("robots.txt does not point to the sitemap:\n%s", r)
	}

	b, err = os.ReadFile(filepath.Join(site, "cap-nhat", "atom.xml"))
	if err != nil {
		t.Fatal(err)
	}
	var feed struct {
		XMLName xml.Name
		ID      string `xml:"id"`
		Updated string `xml:"updated"`
		Entries []struct {
			ID      string `xml:"id"`
			Title   string `xml:"title"`
			Updated string `xml:"updated"`
			Content string `xml:"content"`
		} `xml:"entry"`
	}
	if err := xml.Unmarshal(b, &feed); err != nil {
		t.Fatalf("atom.xml: %v", err)
	}
	if feed.XMLName.Space != "http://www.w3.org/2005/Atom" || feed.ID == "" || len(feed.Updated) != 20 || len(feed.Entries) == 0 {
		t.Fatalf("atom.xml: %v id %q updated %q, %d entries", feed.XMLName, feed.ID, feed.Updated, len(feed.Entries))
	}
	if e := feed.Entries[0]; !strings.HasPrefix(e.Title, "Cập nhật ") || !strings.Contains(e.Content, "Người nghiện có hồ sơ quản lý, Huyện Sơn Dương, tính đến 31/12/2022 (Số liệu nền): 268") {
		t.Errorf("atom.xml: first entry %q does not list Sơn Dương's 268:\n%.600s", e.Title, e.Content)
	}
	// Every page offers the feed, with a link on the site.
	doc := parsePage(t, site, "/")
	var found bool
	for _, l := range findAll(doc, "link") {
		if attr(l, "rel") == "alternate" && attr(l, "type") == "application/atom+xml" && attr(l, "href") == "/cap-nhat/atom.xml" {
			found = true
		}
	}
	if !found {
		t.Error("the front page has no <link rel=alternate> to the Atom feed")
	}
}

// TestDataPage: the dataset page links every download and says the licence.
func TestDataPage(t *testing.T) {
	site := defaultSite(t)
	doc := parsePage(t, site, "/du-lieu/")
	txt := text(doc)
	for _, w := range []string{"CC BY 4.0", "Frictionless Data", "so-lieu/<mã chỉ số>.csv", "unit_code", "Cập nhật lần cuối", "bản quyền của cơ quan báo chí"} {
		if !strings.Contains(txt, w) {
			t.Errorf("/du-lieu/: %q not on the page", w)
		}
	}
	// The figures table is a file per indicator, each linked.
	if ls := strings.Join(links(doc), " "); !strings.Contains(ls, "/du-lieu/so-lieu/nguoi-nghien-co-ho-so.csv") || !strings.Contains(ls, "#theo-chi-so") {
		t.Errorf("/du-lieu/ does not link the figures' file of nguoi-nghien-co-ho-so and the list of them: %s", ls)
	}
	for _, l := range links(doc) {
		if strings.HasPrefix(l, "/du-lieu/") && l != "/du-lieu/" {
			if _, err := os.Stat(filepath.Join(site, filepath.FromSlash(l))); err != nil {
				t.Errorf("/du-lieu/ links %s: %v", l, err)
			}
		}
	}
	if !strings.Contains(text(parsePage(t, site, "/")), "CC BY 4.0") {
		t.Error("the footer does not give the data licence")
	}
}
