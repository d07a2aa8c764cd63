package load

import (
	"errors"
	"fmt"
	"regexp"
	"strings"
	"time"

	"github.com/BurntSushi/toml"

	"github.com/pcmt/pcmt/internal/model"
	"github.com/pcmt/pcmt/internal/period"
	"github.com/pcmt/pcmt/internal/privacy"
)

// idPattern is what ids of indicators, sources and places look like: they
// become URL paths, so nothing else is allowed ("../x" is refused).
var idPattern = regexp.MustCompile(`^[a-z0-9]+(-[a-z0-9]+)*$`)

const idRule = "must be lower-case ASCII letters, digits and single hyphens (like tiep-can-dich-vu)"

// decodeTOML decodes text into v and reports syntax errors and unknown keys.
// It returns false when nothing usable was decoded.
func (l *loader) decodeTOML(rel, text string, lineOffset int, v any) (toml.MetaData, bool) {
	// personal.go: reported; the build stops, so nothing of it is published.
	l.checkPersonalLines(rel, text, lineOffset+1)
	md, err := toml.Decode(text, v)
	if err != nil {
		var pe toml.ParseError
		if errors.As(err, &pe) {
			l.r.add(rel, pe.Position.Line+lineOffset, "", "TOML syntax error: %s", pe.Message)
		} else {
			l.r.add(rel, 0, "", "TOML: %v", err)
		}
		return md, false
	}
	lines := newTOMLLines(text, lineOffset)
	for _, k := range md.Undecoded() {
		line := 0
		if len(k) >= 2 {
			// [[table]] key: find the first table holding it.
			for i := 0; ; i++ {
				h := lines.table(k[0], i)
				if h == 0 {
					break
				}
				if ln := lines.key(k[0], i, k[len(k)-1]); ln != h {
					line = ln
					break
				}
			}
		} else {
			line = lines.key("", 0, k[0])
		}
		if what := privacy.Name(k[len(k)-1]); what != "" { // personal.go
			l.r.add(rel, line, k.String(), "looks like a person's data (%s): %s; remove it and its values", what, privacy.AggregateOnly)
			continue
		}
		l.r.add(rel, line, k.String(), "unknown key (misspelt?)")
	}
	return md, true
}

type indicatorFile struct {
	Indicator []struct {
		ID         string `toml:"id"`
		Name       string `toml:"name"`
		NameEn     string `toml:"name_en"`
		Measure    string `toml:"measure"`
		Counted    string `toml:"counted"`
		Definition string `toml:"definition"`
		PartOf     string `toml:"part_of"`
	} `toml:"indicator"`
}

func (l *loader) loadIndicators(rel string) {
	text, ok := l.readText(rel)
	if !ok {
		return
	}
	var f indicatorFile
	if _, ok := l.decodeTOML(rel, text, 0, &f); !ok {
		return
	}
	lines := newTOMLLines(text, 0)
	for i, in := range f.Indicator {
		line := lines.table("indicator", i)
		at := func(key string) int { return lines.key("indicator", i, key) }
		if !idPattern.MatchString(in.ID) {
			l.r.add(rel, at("id"), "id", "%q %s", in.ID, idRule)
			continue
		}
		if prev, dup := l.ds.Indicators[in.ID]; dup {
			l.r.add(rel, line, "id", "indicator %q is defined twice (first at line %d)", in.ID, prev.Pos.Line)
			continue
		}
		m := model.Measure(in.Measure)
		switch m {
		case model.Count, model.Percent, model.Fraction:
		default:
			l.r.add(rel, at("measure"), "measure", "%q is not a measure: use count, percent or fraction", in.Measure)
		}
		for key, v := range map[string]string{"name": in.Name, "name_en": in.NameEn, "counted": in.Counted, "definition": in.Definition} {
			if strings.TrimSpace(v) == "" {
				l.r.add(rel, at(key), key, "indicator %q needs a %s", in.ID, key)
			}
		}
		l.ds.Indicators[in.ID] = &model.Indicator{
			ID: in.ID, Name: in.Name, NameEn: in.NameEn, Measure: m, Counted: in.Counted,
			Definition: in.Definition, PartOf: in.PartOf, Pos: model.Pos{File: rel, Line: line},
		}
	}
	for i, in := range f.Indicator {
		if in.PartOf != "" && l.ds.Indicators[in.PartOf] == nil {
			l.r.add(rel, lines.key("indicator", i, "part_of"), "part_of", "unknown indicator %q", in.PartOf)
		}
	}
}

type sourceFile struct {
	Source []struct {
		ID        string `toml:"id"`
		Kind      string `toml:"kind"`
		Title     string `toml:"title"`
		Publisher string `toml:"publisher"`
		Author    string `toml:"author"`
		Date      any    `toml:"date"`
		URL       string `toml:"url"`
		Seed      string `toml:"seed"`
		Summary   string `toml:"summary"`
		Plan      string `toml:"plan"`
	} `toml:"source"`
}

func (l *loader) loadSources(rel string) {
	text, ok := l.readText(rel)
	if !ok {
		return
	}
	var f sourceFile
	if _, ok := l.decodeTOML(rel, text, 0, &f); !ok {
		return
	}
	lines := newTOMLLines(text, 0)
	for i, s := range f.Source {
		line := lines.table("source", i)
		at := func(key string) int { return lines.key("source", i, key) }
		if !idPattern.MatchString(s.ID) {
			l.r.add(rel, at("id"), "id", "%q %s", s.ID, idRule)
			continue
		}
		if prev, dup := l.ds.Sources[s.ID]; dup {
			l.r.add(rel, line, "id", "source %q is defined twice (first at line %d)", s.ID, prev.Pos.Line)
			continue
		}
		src := &model.Source{ID: s.ID, Kind: model.SourceKind(s.Kind), Title: s.Title, Publisher: s.Publisher,
			Author: s.Author, URL: s.URL, Seed: s.Seed, Summary: s.Summary, Plan: s.Plan, Pos: model.Pos{File: rel, Line: line}}
		switch src.Kind {
		case model.News, model.Plan:
		default:
			l.r.add(rel, at("kind"), "kind", "%q is not a kind of source: use news or plan", s.Kind)
		}
		if strings.TrimSpace(s.Title) == "" {
			l.r.add(rel, line, "title", "source %q needs a title", s.ID)
		}
		d, month, err := parseDocDate(s.Date)
		if err != nil {
			l.r.add(rel, at("date"), "date", "%v", err)
		}
		src.Date, src.DateMonth = d, month
		if s.URL != "" && !strings.HasPrefix(s.URL, "https://") && !strings.HasPrefix(s.URL, "http://") {
			l.r.add(rel, at("url"), "url", "%q is not a web address (http:// or https://); leave it empty when unknown", s.URL)
		}
		if src.Kind == model.Plan && s.Plan == "" {
			l.r.add(rel, line, "plan", "a plan source needs plan = the path of its document under content/")
		}
		l.ds.Sources[s.ID] = src
	}
}

// parseDocDate reads a document date: "2023-03-15", "2024-02" (the
// document gives only the month) or a TOML date.
func parseDocDate(v any) (time.Time, bool, error) {
	switch d := v.(type) {
	case nil:
		return time.Time{}, false, fmt.Errorf("missing date: write date = \"YYYY-MM-DD\" (or \"YYYY-MM\" when the document gives only the month)")
	case time.Time:
		return time.Date(d.Year(), d.Month(), d.Day(), 0, 0, 0, 0, time.UTC), false, nil
	case string:
		t, prec, err := period.ParseDate(d)
		if err != nil {
			return time.Time{}, false, err
		}
		return t, prec == period.MonthPrecision, nil
	default:
		return time.Time{}, false, fmt.Errorf("date must be a string like \"2023-03-15\", not %T", v)
	}
}

type placeFile struct {
	Place []struct {
		ID          string `toml:"id"`
		Name        string `toml:"name"`
		Parent      string `toml:"parent"`
		Description string `toml:"description"`
	} `toml:"place"`
}

func (l *loader) loadPlaces(rel string) {
	text, ok := l.readText(rel)
	if !ok {
		return
	}
	var f placeFile
	if _, ok := l.decodeTOML(rel, text, 0, &f); !ok {
		return
	}
	lines := newTOMLLines(text, 0)
	for i, p := range f.Place {
		line := lines.table("place", i)
		if !idPattern.MatchString(p.ID) {
			l.r.add(rel, lines.key("place", i, "id"), "id", "%q %s", p.ID, idRule)
			continue
		}
		if _, dup := l.ds.Places[p.ID]; dup {
			l.r.add(rel, line, "id", "place %q is defined twice", p.ID)
			continue
		}
		if !l.codeExists(p.Parent) {
			l.r.add(rel, lines.key("place", i, "parent"), "parent", "unknown unit code %q", p.Parent)
		}
		if strings.TrimSpace(p.Name) == "" {
			l.r.add(rel, line, "name", "place %q needs a name", p.ID)
		}
		l.ds.Places[p.ID] = &model.Place{ID: p.ID, Name: p.Name, Parent: p.Parent, Description: p.Description, Pos: model.Pos{File: rel, Line: line}}
	}
}
