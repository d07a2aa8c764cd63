package derive

import (
	"fmt"
	"math"
	"strings"

	"github.com/pcmt/pcmt/internal/disclosure"
	"github.com/pcmt/pcmt/internal/model"
	"github.com/pcmt/pcmt/internal/siteconfig"
	"github.com/pcmt/pcmt/internal/vntext"
)

// PeopleWords are the counted words of indicators whose counts are people,
// or one record per person (hồ sơ, quyết định): their results and baselines
// are under disclosure control. Counts of sessions, clubs, communes or
// facilities are not about a person and are published as they are.
var PeopleWords = map[string]bool{"người": true, "lượt": true, "hồ sơ": true, "quyết định": true,
	"bệnh nhân": true, "đối tượng": true, "trường hợp": true}

// ComplementaryText is what a figure withheld to protect another shows.
const ComplementaryText = "ẩn"

// relation is a unit's figure and the same figure (indicator, period, kind,
// source) of its child units and places.
type relation struct {
	unit     *model.Unit
	total    *model.Figure
	parts    []*model.Figure
	names    []string // the parts' names, for messages
	complete bool     // every child unit reported, none left blank
}

func sameFigureKey(f *model.Figure) string {
	return f.Unit.String() + "|" + f.Place + "|" + f.Indicator + "|" + f.Period.String() + "|" + string(f.Kind)
}

// relations lists the parts-of-a-total relations of count figures in ds.
func relations(ds *model.Dataset) []relation {
	// Children and places are sorted once per unit, and figures are found
	// by a struct key: this runs over every figure (two million nationally).
	children := map[model.UnitKey][]*model.Unit{}
	for _, u := range ds.Units {
		if u.Parent != "" {
			pk := model.UnitKey{Code: u.Parent, Era: u.Key.Era}
			children[pk] = append(children[pk], u)
		}
	}
	for _, kids := range children {
		vntext.SortFunc(kids, func(c *model.Unit) string { return c.Key.Code })
	}
	type figKey struct {
		unit                     model.UnitKey
		place, indicator, period string
		kind                     model.Kind
		source                   string
	}
	key := func(k model.UnitKey, place string, f *model.Figure, period string) figKey {
		return figKey{k, place, f.Indicator, period, f.Kind, f.Source}
	}
	byKey := make(map[figKey]*model.Figure, len(ds.Figures))
	for _, f := range ds.Figures {
		byKey[key(f.Unit, f.Place, f, f.Period.String())] = f
	}
	places := map[string][]*model.Place{}
	for _, pl := range ds.Places {
		places[pl.Parent] = append(places[pl.Parent], pl)
	}
	for _, pls := range places {
		vntext.SortFunc(pls, func(p *model.Place) string { return p.ID })
	}
	var out []relation
	for _, f := range ds.Figures {
		ind := ds.Indicators[f.Indicator]
		if f.Place != "" || ind == nil || ind.Measure != model.Count || f.Missing() {
			continue
		}
		u := ds.Units[f.Unit]
		kids, pls := children[u.Key], places[u.Key.Code]
		if len(kids) == 0 && len(pls) == 0 {
			continue
		}
		r := relation{unit: u, total: f, complete: true}
		period := f.Period.String()
		for _, c := range kids {
			if p := byKey[key(c.Key, "", f, period)]; p != nil && !p.Missing() {
				r.parts = append(r.parts, p)
				r.names = append(r.names, c.FullName)
			} else {
				r.complete = false
			}
		}
		for _, pl := range pls {
			if p := byKey[key(u.Key, pl.ID, f, period)]; p != nil && !p.Missing() {
				r.parts = append(r.parts, p)
				r.names = append(r.names, pl.Name)
			}
		}
		if len(r.parts) > 0 {
			out = append(out, r)
		}
	}
	return out
}

// protected reports whether f is under disclosure control: a result or
// baseline counting people.
func protected(ds *model.Dataset, f *model.Figure) bool {
	ind := ds.Indicators[f.Indicator]
	return ind != nil && ind.Measure == model.Count && PeopleWords[ind.Counted] && f.Kind != model.Target && !f.Missing()
}

// threshold is the threshold for f's unit; a place (which is smaller than
// any unit) takes the highest of the thresholds.
func threshold(ds *model.Dataset, f *model.Figure, cfg siteconfig.Config) int {
	if f.Place != "" {
		return max(cfg.Threshold("province"), cfg.Threshold("district"), cfg.Threshold("commune"))
	}
	return cfg.Threshold(string(ds.Units[f.Unit].Level))
}

// withhold returns the dataset as it may be published: a copy in which
// every figure too small to publish, and every figure withheld so that a
// small one cannot be worked out from a total, has no number (Value nil),
// no quote (the evidence would repeat the number) and Withheld set. orig
// maps each published figure to the figure as loaded.
func withhold(ds *model.Dataset, rels []relation, cfg siteconfig.Config) (*model.Dataset, map[*model.Figure]*model.Figure) {
	index := map[*model.Figure]int{}
	cells := make([]disclosure.Cell, len(ds.Figures))
	for i, f := range ds.Figures {
		index[f] = i
		v, _ := f.Share()
		cells[i] = disclosure.Cell{Value: v, Same: sameFigureKey(f)}
		if protected(ds, f) {
			cells[i].Threshold = float64(threshold(ds, f, cfg))
			cells[i].Protect = true
		}
	}
	drels := make([]disclosure.Relation, 0, len(rels))
	for _, r := range rels {
		dr := disclosure.Relation{Total: index[r.total], Complete: r.complete}
		for _, p := range r.parts {
			dr.Parts = append(dr.Parts, index[p])
		}
		drels = append(drels, dr)
	}
	st := disclosure.Suppress(cells, drels)
	out := *ds
	out.Figures = make([]*model.Figure, len(ds.Figures))
	orig := map[*model.Figure]*model.Figure{}
	for i, f := range ds.Figures {
		out.Figures[i] = f
		if st[i] != disclosure.Published {
			c := *f
			c.Value, c.Numerator, c.Denominator, c.Evidence = nil, nil, nil, ""
			if st[i] == disclosure.Primary {
				c.Withheld = fmt.Sprintf("dưới %d", int(cells[i].Threshold))
				c.Note = fmt.Sprintf("Số nhỏ hơn %d không được đăng, để không làm lộ người được tính (xem trang Về số liệu).", int(cells[i].Threshold))
			} else {
				c.Withheld = ComplementaryText
				c.Note = "Số này được ẩn để không ai tính ngược ra được một số nhỏ từ tổng và các số còn lại (xem trang Về số liệu)."
			}
			out.Figures[i] = &c
		}
		orig[out.Figures[i]] = f
	}
	return &out, orig
}

// withheldText is a withheld figure's value as a row prints it.
func withheldText(f *model.Figure, ind *model.Indicator) string {
	if f.Withheld == ComplementaryText {
		return "ẩn để bảo vệ số nhỏ"
	}
	return f.Withheld + " " + ind.Counted
}

// consistency checks the loaded figures (orig: before anything is
// withheld) for parts that do not add up to their total, and the same
// figure given two values by two sources. It returns one message a
// problem, "file:line: …", and notes for the rows of discrepant figures
// (keyed by the published figure).
func (d *deriver) consistency(orig *model.Dataset, rels []relation) ([]string, map[*model.Figure]string) {
	var msgs []string
	for _, r := range rels {
		sum := 0.0
		for _, p := range r.parts {
			v, _ := p.Share()
			sum += v
		}
		total, _ := r.total.Share()
		if (r.complete && sum != total) || sum > total {
			ind := orig.Indicators[r.total.Indicator]
			msgs = append(msgs, fmt.Sprintf("%s: parts do not add up: %s, %s (%s, %s): %s add up to %s, the total is %s",
				r.total.Pos, r.unit.FullName, ind.Name, lowerFirst(r.total.Period.Label()), r.total.Source,
				strings.Join(r.names, " + "), fmtNum(sum), fmtNum(total)))
		}
	}
	// The same figure from two sources.
	groups := map[string][]*model.Figure{}
	var order []string
	for _, f := range d.ds.Figures {
		k := sameFigureKey(f)
		if groups[k] == nil {
			order = append(order, k)
		}
		groups[k] = append(groups[k], f)
	}
	notes := map[*model.Figure]string{}
	for _, k := range order {
		g := groups[k]
		if len(g) < 2 {
			continue
		}
		for _, f := range g {
			var others []string
			for _, o := range g {
				if o == f || sameNumber(d.orig[o], d.orig[f]) {
					continue
				}
				ind := d.ds.Indicators[o.Indicator]
				text := valueText(o, ind)
				if o.Withheld != "" {
					text = withheldText(o, ind)
				}
				others = append(others, text+" ("+sourceCite(d.ds.Sources[o.Source])+")")
			}
			if len(others) > 0 {
				notes[f] = "Nguồn khác cho số khác: " + strings.Join(others, "; ") + ". Cả hai số được giữ nguyên như văn bản."
				msgs = append(msgs, fmt.Sprintf("%s: the same figure (%s) has another value in another source: %s", d.orig[f].Pos, k, strings.Join(others, "; ")))
			}
		}
	}
	return msgs, notes
}

func sameNumber(a, b *model.Figure) bool {
	va, oka := a.Share()
	vb, okb := b.Share()
	return oka == okb && (!oka || math.Abs(va-vb) < 1e-9) && a.Qualifier == b.Qualifier
}

func fmtNum(v float64) string { return vntext.FormatNumber(v) }
