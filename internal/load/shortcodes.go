package load

import (
	"fmt"
	"regexp"
	"sort"
	"strings"

	"github.com/pcmt/pcmt/internal/model"
	"github.com/pcmt/pcmt/internal/period"
)

// The figure shortcodes (layouts/_shortcodes/): a page shows a number or a
// chart of the dataset by naming it; the number, its format and its source
// come from the data, never retyped.
//
//	{{< so-lieu unit="07840" indicator="cai-nghien-bat-buoc" period="2024" kind="target" >}}
//	{{< bieu-do unit="08" indicator="nguoi-nghien-co-ho-so" >}}
const (
	FigureShortcode = "so-lieu" // số liệu: one figure, with its source
	ChartShortcode  = "bieu-do" // biểu đồ: a unit's figures of one indicator
)

// allowedShortcodes are the only shortcodes a commune page may use (Hugo's
// own would embed other sites: youtube, x, instagram...).
var allowedShortcodes = map[string]bool{FigureShortcode: true, ChartShortcode: true}

func allowedList() string { return FigureShortcode + " or " + ChartShortcode }

// shortcodeCall is one {{< name key="value" >}} in a page.
type shortcodeCall struct {
	start, end int // byte offsets in the text
	name       string
	args       map[string]string
	order      []string // keys as written
	positional []string
	closing    bool // {{< /name >}}
	comment    bool // {{</* ... */>}}
	err        string
}

var shortcodeRe = regexp.MustCompile(`(?s)\{\{([<%])(.*?)([>%])\}\}`)

// findShortcodes returns every shortcode call in text, in order.
func findShortcodes(text string) []shortcodeCall {
	var out []shortcodeCall
	for _, m := range shortcodeRe.FindAllStringSubmatchIndex(text, -1) {
		inner := strings.TrimSpace(strings.TrimSuffix(strings.TrimPrefix(text[m[4]:m[5]], "-"), "-"))
		c := shortcodeCall{start: m[0], end: m[1], args: map[string]string{}}
		switch {
		case strings.HasPrefix(inner, "/*"):
			c.comment = true
		case strings.HasPrefix(inner, "/"):
			c.closing = true
			c.name = strings.TrimSpace(inner[1:])
		default:
			c.name, c.args, c.order, c.positional, c.err = parseShortcodeArgs(inner)
		}
		out = append(out, c)
	}
	return out
}

// parseShortcodeArgs reads `name key="value" key2=value2`.
func parseShortcodeArgs(s string) (name string, args map[string]string, order, positional []string, errText string) {
	args = map[string]string{}
	i := 0
	next := func() (string, bool) { // one token: bare word or quoted string
		for i < len(s) && (s[i] == ' ' || s[i] == '\t' || s[i] == '\n' || s[i] == '\r') {
			i++
		}
		if i >= len(s) {
			return "", false
		}
		if q := s[i]; q == '"' || q == '`' {
			j := strings.IndexByte(s[i+1:], q)
			if j < 0 {
				errText = "a quoted value is not closed"
				i = len(s)
				return "", false
			}
			v := s[i+1 : i+1+j]
			i += j + 2
			return v, true
		}
		j := i
		for j < len(s) && s[j] != ' ' && s[j] != '\t' && s[j] != '\n' && s[j] != '\r' && s[j] != '=' {
			j++
		}
		v := s[i:j]
		i = j
		return v, true
	}
	name, _ = next()
	for {
		tok, ok := next()
		if !ok {
			return
		}
		if i < len(s) && s[i] == '=' {
			i++
			v, ok := next()
			if !ok {
				if errText == "" {
					errText = fmt.Sprintf("%s= has no value", tok)
				}
				return
			}
			if _, dup := args[tok]; !dup {
				order = append(order, tok)
			}
			args[tok] = v
			continue
		}
		positional = append(positional, tok)
	}
}

// figureRef is what a so-lieu call names.
type figureRef struct{ unit, indicator, period, kind string }

func (r figureRef) String() string {
	return fmt.Sprintf(`unit=%q indicator=%q period=%q kind=%q`, r.unit, r.indicator, r.period, r.kind)
}

// figureRefOf is how a so-lieu call names a figure: the unit as written in
// the figures files (unit code or place id), the period in its ISO form.
func figureRefOf(f *model.Figure) figureRef {
	u := f.Unit.Code
	if f.Place != "" {
		u = f.Place
	}
	return figureRef{u, f.Indicator, f.Period.String(), string(f.Kind)}
}

// checkShortcodes checks the figure shortcodes of every page under
// content/: each must name a figure (or figures, for a chart) of the
// dataset, or the build fails here with the page, the line and the
// nearest matches — before Hugo runs.
func (l *loader) checkShortcodes() {
	for _, rel := range l.walkMarkdown("content") {
		text, ok := l.readText(rel)
		if !ok {
			continue
		}
		if !strings.Contains(text, "{{") {
			continue
		}
		for _, c := range findShortcodes(text) {
			if c.closing || c.comment || (c.name != FigureShortcode && c.name != ChartShortcode) {
				continue
			}
			line := 1 + strings.Count(text[:c.start], "\n")
			l.checkShortcode(rel, line, c)
			l.addShortcodeRef(c)
		}
	}
}

// addShortcodeRef records the key the shortcode will look up, built from
// the values as written, as layouts/_shortcodes/ builds it.
func (l *loader) addShortcodeRef(c shortcodeCall) {
	a := c.args
	refs := &l.ds.Shortcodes
	if c.name == FigureShortcode {
		if refs.Figures == nil {
			refs.Figures = map[string]bool{}
		}
		refs.Figures[a["unit"]+"|"+a["indicator"]+"|"+a["period"]+"|"+a["kind"]] = true
		return
	}
	if refs.Charts == nil {
		refs.Charts = map[string]bool{}
	}
	key := a["unit"] + "|" + a["indicator"]
	if a["period"] != "" {
		key += "|" + a["period"]
	}
	refs.Charts[key] = true
}

func (l *loader) checkShortcode(rel string, line int, c shortcodeCall) {
	fail := func(format string, args ...any) {
		l.r.add(rel, line, "", "{{< %s >}}: %s", c.name, fmt.Sprintf(format, args...))
	}
	if c.err != "" {
		fail("%s", c.err)
		return
	}
	if len(c.positional) > 0 {
		fail("write every parameter as name=\"value\" (unit, indicator, period, kind), not %q", c.positional[0])
		return
	}
	allowed := map[string]bool{"unit": true, "indicator": true, "period": true, "kind": true, "source": true}
	if c.name == ChartShortcode {
		allowed = map[string]bool{"unit": true, "indicator": true, "period": true, "title": true}
	}
	for _, k := range c.order {
		if !allowed[k] {
			fail("unknown parameter %q%s", k, suggest(k, keys(allowed)))
			return
		}
	}
	ref := figureRef{c.args["unit"], c.args["indicator"], c.args["period"], c.args["kind"]}
	need := []string{"unit", "indicator", "period", "kind"}
	if c.name == ChartShortcode {
		need = []string{"unit", "indicator"}
	}
	for _, k := range need {
		if strings.TrimSpace(c.args[k]) == "" {
			fail("needs %s=\"…\"", k)
			return
		}
	}
	if ref.period != "" {
		p, err := period.Parse(ref.period)
		if err != nil {
			fail("%v", err)
			return
		}
		ref.period = p.String()
	}
	if c.name == ChartShortcode {
		l.checkChartRef(fail, ref)
		return
	}
	var found []*model.Figure
	for _, f := range l.ds.Figures {
		if figureRefOf(f) == ref && (c.args["source"] == "" || c.args["source"] == f.Source) {
			found = append(found, f)
		}
	}
	switch {
	case len(found) == 1:
		return
	case len(found) > 1:
		var srcs []string
		for _, f := range found {
			srcs = append(srcs, f.Source)
		}
		sort.Strings(srcs)
		fail("%d sources give this figure: add source=\"…\" (one of %s)", len(found), strings.Join(srcs, ", "))
		return
	}
	fail("no figure %s in the dataset%s", ref, l.nearestFigures(ref))
}

// checkChartRef: a chart needs at least one figure with a number for the
// unit and indicator (and period), all in one era.
func (l *loader) checkChartRef(fail func(string, ...any), ref figureRef) {
	eras := map[model.Era]bool{}
	for _, f := range l.ds.Figures {
		r := figureRefOf(f)
		if r.unit == ref.unit && r.indicator == ref.indicator && (ref.period == "" || r.period == ref.period) && !f.Missing() {
			eras[f.Unit.Era] = true
		}
	}
	switch len(eras) {
	case 0:
		ref.kind = "…"
		if ref.period == "" {
			ref.period = "…"
		}
		fail("no figure with a number for unit=%q indicator=%q%s in the dataset%s", ref.unit, ref.indicator,
			map[bool]string{true: "", false: fmt.Sprintf(" period=%q", ref.period)}[ref.period == "…"], l.nearestFigures(ref))
	case 1:
	default:
		fail("unit %q has figures for %s before and after 1/7/2025 (two different units with the same code): add period=\"…\"", ref.unit, ref.indicator)
	}
}

// nearestFigures names up to three figures closest to ref, written as
// the shortcode parameters to copy.
func (l *loader) nearestFigures(ref figureRef) string {
	type cand struct {
		r figureRef
		d int
	}
	seen := map[figureRef]bool{}
	var cs []cand
	for _, f := range l.ds.Figures {
		r := figureRefOf(f)
		if seen[r] {
			continue
		}
		seen[r] = true
		d := 0
		for _, pair := range [][2]string{{ref.unit, r.unit}, {ref.indicator, r.indicator}, {ref.period, r.period}, {ref.kind, r.kind}} {
			if pair[0] == "…" {
				continue
			}
			d += levenshtein(pair[0], pair[1])
		}
		if ref.unit != r.unit {
			d += 3 // another unit is further than another period or kind
		}
		cs = append(cs, cand{r, d})
	}
	sort.Slice(cs, func(i, j int) bool {
		if cs[i].d != cs[j].d {
			return cs[i].d < cs[j].d
		}
		return cs[i].r.String() < cs[j].r.String()
	})
	if len(cs) == 0 {
		return ""
	}
	if len(cs) > 3 {
		cs = cs[:3]
	}
	var names []string
	for _, c := range cs {
		names = append(names, c.r.String())
	}
	return "; did you mean " + strings.Join(names, " or ") + "?"
}
