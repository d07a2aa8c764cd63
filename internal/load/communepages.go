package load

import (
	"fmt"
	"os"
	"path"
	"path/filepath"
	"sort"
	"strings"

	"github.com/pcmt/pcmt/internal/model"
	"github.com/pcmt/pcmt/internal/units"
	"github.com/pcmt/pcmt/internal/vntext"
)

// CommuneDir is where commune pages live: content/xa/<commune code>/<slug>.md.
// A folder per commune code keeps a commune's pages together (names repeat
// across the country and change; codes do not), and is the path the web
// editor (Decap CMS, path "{{commune}}/{{slug}}") writes.
const CommuneDir = "content/xa"

// communeFront is the front matter of a commune page. The editor writes
// these keys in this order; `pcmt new` writes the same.
type communeFront struct {
	Title       string   `toml:"title"`
	Commune     string   `toml:"commune"` // unit code (07840), or a name the unit resolver finds
	Kind        string   `toml:"kind"`    // tin-chien-dich | ke-hoach | ket-qua
	Date        any      `toml:"date"`    // "YYYY-MM-DD"
	Office      string   `toml:"office"`  // the office responsible
	Description string   `toml:"description"`
	Draft       bool     `toml:"draft"`
	Aliases     []string `toml:"aliases"`
}

// walkMarkdown lists the Markdown files under dir (relative,
// slash-separated), sorted, skipping section pages (_index.md).
func (l *loader) walkMarkdown(dir string) []string {
	var out []string
	root := filepath.Join(l.root, filepath.FromSlash(dir))
	err := filepath.WalkDir(root, func(p string, d os.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if strings.HasPrefix(d.Name(), ".") && p != root {
			if d.IsDir() {
				return filepath.SkipDir
			}
			return nil
		}
		if !d.IsDir() && strings.HasSuffix(d.Name(), ".md") && d.Name() != "_index.md" {
			rel, _ := filepath.Rel(l.root, p)
			out = append(out, filepath.ToSlash(rel))
		}
		return nil
	})
	if err != nil && !os.IsNotExist(err) {
		l.r.add(dir, 0, "", "cannot read folder: %v", err)
	}
	sort.Strings(out)
	return out
}

func (l *loader) loadCommunePages() {
	for _, rel := range l.walkMarkdown(CommuneDir) {
		l.loadCommunePage(rel)
	}
	// A commune's plan documents are commune pages too: the same rules
	// for what may be published apply to their text.
	for _, rel := range l.glob(PlanDir, ".md") {
		if path.Base(rel) == "_index.md" {
			continue
		}
		if text, ok := l.readText(rel); ok {
			if _, off, ok := splitFrontMatter(text); ok {
				l.checkPublishable(rel, text, off)
			}
		}
	}
}

func (l *loader) loadCommunePage(rel string) {
	text, ok := l.readText(rel)
	if !ok {
		return
	}
	front, off, ok := splitFrontMatter(text)
	if !ok {
		l.r.add(rel, 1, "", "a commune page starts with TOML front matter between +++ lines (title, commune, kind, date, office)")
		return
	}
	var fm communeFront
	if _, ok := l.decodeTOML(rel, front, off, &fm); !ok {
		return
	}
	lines := newTOMLLines(front, off)
	at := func(key string) int {
		if n := lines.key("", 0, key); n > 0 {
			return n
		}
		return off + 1
	}
	pg := &model.CommunePage{Path: strings.TrimPrefix(rel, "content/"), Title: strings.TrimSpace(fm.Title),
		Kind: model.PageKind(fm.Kind), Office: strings.TrimSpace(fm.Office), Pos: model.Pos{File: rel, Line: 1}}
	bad := false
	fail := func(line int, field, format string, args ...any) {
		bad = true
		l.r.add(rel, line, field, format, args...)
	}
	if pg.Title == "" {
		fail(at("title"), "title", "a commune page needs a title")
	}
	if pg.Office == "" {
		fail(at("office"), "office", "a commune page needs office = \"...\": the office responsible for it (UBND xã ..., Công an xã ...)")
	}
	if _, known := model.PageKindLabel[pg.Kind]; !known {
		fail(at("kind"), "kind", "%q is not a kind of commune page: use %s", fm.Kind, kindList())
	}
	if fm.Date == nil {
		fail(at("date"), "date", "a commune page needs date = \"YYYY-MM-DD\"")
	} else if d, month, err := parseDocDate(fm.Date); err != nil {
		fail(at("date"), "date", "%v", err)
	} else if month {
		fail(at("date"), "date", "give the day too: date = \"YYYY-MM-DD\"")
	} else {
		pg.Date = d
	}
	code := strings.TrimSpace(fm.Commune)
	switch {
	case code == "":
		fail(at("commune"), "commune", "a commune page needs commune = \"<code>\" (the commune's code, like \"07840\")")
	case !pg.Date.IsZero():
		era := model.EraOf(pg.Date)
		if strings.Trim(code, "0123456789") != "" {
			// A name ("Hiệp Hoà, Bắc Ninh"): the unit resolver finds
			// the one unit it denotes on the page's date.
			m, err := units.New(l.ds).Resolve(code, "", pg.Date)
			if err != nil {
				fail(at("commune"), "commune", "%v", err)
				break
			}
			code = m.Unit.Key.Code
		}
		pg.Unit = model.UnitKey{Code: code, Era: era}
		u := l.ds.Units[pg.Unit]
		switch {
		case u == nil:
			fail(at("commune"), "commune", "no unit has code %q in the list in force on %s%s", code, vntext.FormatDate(pg.Date), otherEra(l.ds, code, era))
		case u.Level != model.Commune:
			fail(at("commune"), "commune", "%s (%s) is not a commune: commune pages belong to a xã, phường or thị trấn", code, u.FullName)
		}
	}
	// The folder is the commune's code, so that a page cannot sit under
	// another commune's pages.
	if dir := path.Base(path.Dir(rel)); code != "" && dir != code {
		fail(1, "commune", "the page is in folder %q but names commune %q: move it to %s/%s/", dir, code, CommuneDir, code)
	}
	for _, f := range scanPersonalData(fm.Title + "\n" + fm.Office + "\n" + fm.Description) {
		fail(at("title"), "", "%s", f)
	}
	l.checkPublishable(rel, text, off)
	if !bad {
		l.ds.CommunePages = append(l.ds.CommunePages, pg)
	}
}

func kindList() string {
	var s []string
	for _, k := range model.PageKinds {
		s = append(s, fmt.Sprintf("%s (%s)", k, strings.ToLower(model.PageKindLabel[k])))
	}
	return strings.Join(s, ", ")
}
