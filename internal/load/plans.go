package load

import (
	"strconv"
	"strings"

	"github.com/pcmt/pcmt/internal/model"
	"github.com/pcmt/pcmt/internal/period"
)

// PlanDir is where plan documents live, under content/.
const PlanDir = "content/ke-hoach"

type planFront struct {
	Title           string `toml:"title"`
	Source          string `toml:"source"`
	Number          string `toml:"number"`
	NumberAsWritten string `toml:"number_as_written"`
	Issued          any    `toml:"issued"`
	Issuer          string `toml:"issuer"`
	Signer          string `toml:"signer"`
	SignerTitle     string `toml:"signer_title"`
	Unit            string `toml:"unit"`
	Period          string `toml:"period"`
	Targets         []struct {
		Indicator   string `toml:"indicator"`
		Value       any    `toml:"value"`
		Qualifier   string `toml:"qualifier"`
		Numerator   any    `toml:"numerator"`
		Denominator any    `toml:"denominator"`
		Evidence    string `toml:"evidence"`
		Note        string `toml:"note"`
	} `toml:"targets"`
	// Keys Hugo reads that a plan may set.
	Draft       bool     `toml:"draft"`
	Weight      int      `toml:"weight"`
	Description string   `toml:"description"`
	Aliases     []string `toml:"aliases"`
}

// splitFrontMatter returns the TOML between the leading +++ lines, and
// the line number the TOML starts on minus one.
func splitFrontMatter(text string) (front string, offset int, ok bool) {
	if !strings.HasPrefix(text, "+++\n") && !strings.HasPrefix(text, "+++\r\n") {
		return "", 0, false
	}
	rest := text[strings.Index(text, "\n")+1:]
	end := strings.Index(rest, "\n+++")
	if end < 0 {
		return "", 0, false
	}
	return rest[:end+1], 1, true
}

func (l *loader) loadPlan(rel string) {
	text, ok := l.readText(rel)
	if !ok {
		return
	}
	front, off, ok := splitFrontMatter(text)
	if !ok {
		l.r.add(rel, 1, "", "a plan document starts with TOML front matter between +++ lines")
		return
	}
	var fm planFront
	if _, ok := l.decodeTOML(rel, front, off, &fm); !ok {
		return
	}
	lines := newTOMLLines(front, off)
	at := func(key string) int { return lines.key("", 0, key) }
	req := map[string]string{"title": fm.Title, "source": fm.Source, "issuer": fm.Issuer, "unit": fm.Unit, "period": fm.Period}
	for _, k := range []string{"title", "source", "issuer", "unit", "period"} {
		if strings.TrimSpace(req[k]) == "" {
			l.r.add(rel, off+1, k, "a plan document needs %s", k)
		}
	}
	doc := &model.PlanDoc{Path: strings.TrimPrefix(rel, "content/"), Title: fm.Title, Source: fm.Source, Number: fm.Number,
		NumberAsWritten: fm.NumberAsWritten, Issuer: fm.Issuer, Signer: fm.Signer, SignerTitle: fm.SignerTitle}
	if fm.Issued != nil {
		d, month, err := parseDocDate(fm.Issued)
		if err != nil {
			l.r.add(rel, at("issued"), "issued", "%v", err)
		}
		doc.Issued, doc.IssuedMonth = d, month
	} else {
		l.r.add(rel, off+1, "issued", "a plan document needs issued = \"YYYY-MM-DD\" (or \"YYYY-MM\")")
	}
	if src := l.ds.Sources[fm.Source]; fm.Source != "" && src == nil {
		l.r.add(rel, at("source"), "source", "unknown source %q%s", fm.Source, suggest(fm.Source, keys(l.ds.Sources)))
	} else if src != nil && src.Plan != doc.Path {
		l.r.add(rel, at("source"), "source", "source %q names plan %q, not this file", fm.Source, src.Plan)
	}
	p, err := period.Parse(fm.Period)
	if fm.Period != "" && err != nil {
		l.r.add(rel, at("period"), "period", "%v", err)
	}
	doc.Period = p
	if err == nil {
		doc.Unit = model.UnitKey{Code: fm.Unit, Era: model.EraOf(p.End())}
		if fm.Unit != "" && l.ds.Units[doc.Unit] == nil {
			l.r.add(rel, at("unit"), "unit", "no unit has code %q in the list in force in %s", fm.Unit, fm.Period)
		}
	}
	l.ds.Plans = append(l.ds.Plans, doc)

	for i, t := range fm.Targets {
		line := lines.table("targets", i)
		in := figureInput{file: rel, line: line, field: map[string]string{
			"unit": fm.Unit, "indicator": t.Indicator, "period": fm.Period, "kind": string(model.Target),
			"qualifier": t.Qualifier, "source": fm.Source, "evidence": t.Evidence, "note": t.Note,
		}}
		for field, v := range map[string]any{"value": t.Value, "numerator": t.Numerator, "denominator": t.Denominator} {
			s, ok := tomlNumber(v)
			if !ok {
				l.r.add(rel, lines.key("targets", i, field), field, "%v is not a number: write it without quotes, like value = 241", v)
				continue
			}
			in.field[field] = s
		}
		l.addFigure(in)
	}
}

// tomlNumber turns a TOML number into the plain text addFigure parses.
func tomlNumber(v any) (string, bool) {
	switch n := v.(type) {
	case nil:
		return "", true
	case int64:
		return strconv.FormatInt(n, 10), true
	case float64:
		return strconv.FormatFloat(n, 'f', -1, 64), true
	}
	return "", false
}
