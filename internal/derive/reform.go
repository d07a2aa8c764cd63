package derive

import (
	"fmt"
	"sort"
	"strings"

	"github.com/pcmt/pcmt/internal/model"
	"github.com/pcmt/pcmt/internal/period"
	"github.com/pcmt/pcmt/internal/units"
	"github.com/pcmt/pcmt/internal/vntext"
)

// ReformView is what the page of a unit in force from 1/7/2025 says about
// the units it was made of: each predecessor, linked to its own page with
// how many figures it published there, and the figures added up into this
// unit where every predecessor reported the same indicator, period and
// kind. The predecessors' own rows stay on their pages: repeating them
// here made a commune page grow with predecessors × figures (5 MB of
// front matter at national scale); this view grows with indicators ×
// periods only.
type ReformView struct {
	Intro        string          `json:"intro"`        // "Tỉnh Vĩnh Long từ 01/7/2025 gồm 3 đơn vị trước đây: ..."
	Notes        []string        `json:"notes"`        // gaps in the crosswalk, split predecessors
	Predecessors PredecessorList `json:"predecessors"` // encoded as the list's HTML (tablehtml.go)
	Sums         SumRows         `json:"sums"`         // per indicator, period and kind reported by any predecessor; encoded as the rows' HTML
}

// PredecessorView is one former unit that became (part of) a current unit.
type PredecessorView struct {
	Unit        Link   `json:"unit"` // full name it had, and its page
	Code        string `json:"code"`
	Note        string `json:"note,omitempty"` // "Được chia vào 2 đơn vị ..." for a split commune
	Figures     int    `json:"figures"`        // figure rows on its own page
	FiguresText string `json:"figures_text"`   // "160 số liệu", "chưa có số liệu"
}

// SumRow is one indicator, period and kind over the predecessors: a total
// only when Complete. Rows with no total of the same indicator and period
// for the same reason are one row (Kinds lists them), so the predecessors
// missing are named once per indicator and period.
type SumRow struct {
	Indicator   Link        `json:"indicator"`
	Period      string      `json:"period"`
	PeriodLabel string      `json:"period_label"`
	Kind        string      `json:"kind"` // the first of Kinds
	KindLabel   string      `json:"kind_label"`
	Kinds       []KindLabel `json:"kinds,omitempty"` // when the row stands for more than one kind
	Complete    bool        `json:"complete"`
	ValueText   string      `json:"value_text"` // the total, or "" when not Complete
	Value       *float64    `json:"value"`
	// Parts: what the predecessors that reported gave ("Tỉnh Tuyên
	// Quang: 986 người"), only on rows with no total — a total's parts
	// are on the predecessors' pages.
	Parts   []string `json:"parts,omitempty"`
	Missing []Link   `json:"missing,omitempty"` // predecessors with no figure for it
	Note    string   `json:"note"`              // how the total was made, or why there is none
}

// KindLabel is a kind of figure and its label (Chỉ tiêu).
type KindLabel struct {
	Kind  string `json:"kind"`
	Label string `json:"label"`
}

// reform is the sum of one indicator, period and kind over a current
// unit's predecessors.
type reform struct {
	indicator string
	period    period.Period
	kind      model.Kind
	complete  bool
	sum       *model.Figure // the total as a figure (Complete only)
	parts     []*model.Figure
	missing   []*model.Unit
	note      string
}

// predecessors returns the era-2022 units an era-2025 unit was made of, in
// Vietnamese order.
func (d *deriver) predecessors(u *model.Unit) []*model.Unit {
	var out []*model.Unit
	for _, code := range d.ds.Predecessors[u.Key.Code] {
		if p := d.ds.Units[model.UnitKey{Code: code, Era: model.Era2022}]; p != nil {
			out = append(out, p)
		}
	}
	vntext.SortFunc(out, func(p *model.Unit) string { return p.Name })
	return out
}

// reforms adds up, for a current unit, every indicator, period and kind
// its predecessors reported. A total is made only when every predecessor
// reported it, none was split between several new units, the crosswalk
// names every predecessor, and the figures can be added (counts with the
// same qualifier; fractions with numerator and denominator; a percentage
// only from a single predecessor).
func (d *deriver) reforms(u *model.Unit) []reform {
	preds := d.predecessors(u)
	if u.Key.Era != model.Era2025 || len(preds) == 0 {
		return nil
	}
	type key struct {
		ind, per string
		kind     model.Kind
	}
	// The predecessors' figures by key, in one slice in the order found
	// (a map of maps of slices per key was most of the garbage of a
	// province's reform view nationally).
	type found struct {
		group, pred int // in order; in preds, the first with the unit's key
		f           *model.Figure
	}
	groups := map[key]int{}
	var order []key
	first := make(map[model.UnitKey]int, len(preds))
	size := 0
	for i, p := range preds {
		if _, ok := first[p.Key]; !ok {
			first[p.Key] = i
		}
		size += len(d.byUnit[p.Key])
	}
	all := make([]found, 0, size)
	for _, p := range preds {
		for _, f := range d.byUnit[p.Key] {
			k := key{f.Indicator, f.Period.String(), f.Kind}
			g, ok := groups[k]
			if !ok {
				g = len(order)
				groups[k] = g
				order = append(order, k)
			}
			all = append(all, found{g, first[p.Key], f})
		}
	}
	ends := make([]int, len(order)+1)
	for _, a := range all {
		ends[a.group+1]++
	}
	for g := range order {
		ends[g+1] += ends[g]
	}
	byGroup := make([]found, len(all))
	next := append([]int(nil), ends[:len(order)]...)
	for _, a := range all {
		byGroup[next[a.group]] = a
		next[a.group]++
	}
	blocked := d.blocked(u, preds)
	out := make([]reform, 0, len(order))
	var ok, values []*model.Figure // scratch, per key
	for g, k := range order {
		r := reform{indicator: k.ind, kind: k.kind}
		ind := d.ds.Indicators[k.ind]
		values = values[:0]
		var problems []string
		for _, p := range preds {
			ok = ok[:0]
			pi := first[p.Key]
			for _, a := range byGroup[ends[g]:ends[g+1]] {
				if a.pred != pi {
					continue
				}
				f := a.f
				r.period = f.Period
				if !f.Missing() {
					ok = append(ok, f)
				}
			}
			switch {
			case len(ok) == 0:
				r.missing = append(r.missing, p)
			case !sameValues(ok):
				problems = append(problems, fmt.Sprintf("các nguồn cho %s ghi số khác nhau", p.FullName))
				r.parts = append(r.parts, ok...)
			default:
				r.parts = append(r.parts, ok[0])
				values = append(values, ok[0])
			}
		}
		switch {
		case blocked != "":
			r.note = blocked
		case len(problems) > 0:
			r.note = "Không cộng: " + strings.Join(problems, "; ") + "."
		case len(r.missing) > 0:
			names := make([]string, len(r.missing))
			for i, m := range r.missing {
				names[i] = m.FullName
			}
			r.note = fmt.Sprintf("Không cộng: mới có số của %d/%d đơn vị cũ; thiếu số liệu của %s.", len(preds)-len(r.missing), len(preds), strings.Join(names, ", "))
		default:
			r.sum, r.note = addUp(values, ind)
			r.complete = r.sum != nil
			if r.complete {
				if len(values) == 1 {
					r.note = "Số của " + d.ds.Units[values[0].Unit].FullName + " (trước 01/7/2025), đơn vị cũ duy nhất của " + u.FullName + "."
				} else {
					r.note = fmt.Sprintf("Tổng số của cả %d đơn vị cũ.", len(values))
				}
			}
		}
		out = append(out, r)
	}
	sort.SliceStable(out, func(i, j int) bool {
		if out[i].indicator != out[j].indicator {
			return d.indOrder[out[i].indicator] < d.indOrder[out[j].indicator]
		}
		if c := period.Compare(out[i].period, out[j].period); c != 0 {
			return c < 0
		}
		return kindOrder[out[i].kind] < kindOrder[out[j].kind]
	})
	return out
}

// blocked says why no figure of u can be a total of its predecessors'
// (the crosswalk does not name them all, or one was split between several
// new units), or "" when totals are possible.
func (d *deriver) blocked(u *model.Unit, preds []*model.Unit) string {
	if d.incomplete == nil {
		d.incomplete = units.CrosswalkCoverage(d.ds).IncompleteNew
	}
	if gaps := d.incomplete[u.Key.Code]; len(gaps) > 0 {
		var names []string
		for _, g := range gaps {
			names = append(names, g.OldName+" (mã "+g.OldCode+")")
		}
		return "Không cộng: bảng chuyển đổi còn nêu " + strings.Join(names, ", ") + " là đơn vị cũ của " + u.FullName + ", nhưng danh mục đơn vị trước 01/7/2025 không có đơn vị này, nên không biết đủ các đơn vị cũ."
	}
	var split []string
	for _, p := range preds {
		if len(p.Successors) > 1 {
			split = append(split, p.FullName)
		}
	}
	if len(split) > 0 {
		return "Không cộng: " + strings.Join(split, ", ") + " được chia vào nhiều đơn vị mới, nên số liệu của đơn vị đó không được cộng vào đơn vị nào."
	}
	return ""
}

// sameValues reports whether figures from several sources agree.
func sameValues(fs []*model.Figure) bool {
	a, _ := fs[0].Share()
	for _, f := range fs[1:] {
		if b, _ := f.Share(); b != a || f.Qualifier != fs[0].Qualifier {
			return false
		}
	}
	return true
}

// addUp adds figures of the same indicator, period and kind, or says why
// they cannot be added.
func addUp(fs []*model.Figure, ind *model.Indicator) (*model.Figure, string) {
	if len(fs) == 1 {
		c := *fs[0]
		return &c, ""
	}
	q := fs[0].Qualifier
	for _, f := range fs {
		if f.Qualifier != q {
			return nil, "Không cộng: các số có cách ghi khác nhau (chính xác, trên, khoảng...)."
		}
	}
	sum := &model.Figure{Indicator: fs[0].Indicator, Period: fs[0].Period, Kind: fs[0].Kind, Qualifier: q}
	switch {
	case ind.Measure == model.Count:
		var v float64
		for _, f := range fs {
			v += *f.Value
		}
		sum.Value = &v
	case fs[0].Numerator != nil:
		var n, den float64
		for _, f := range fs {
			if f.Numerator == nil || f.Denominator == nil {
				return nil, "Không cộng: có đơn vị chỉ ghi tỷ lệ, không ghi tử số và mẫu số."
			}
			n += *f.Numerator
			den += *f.Denominator
		}
		sum.Numerator, sum.Denominator = &n, &den
	default:
		return nil, "Không cộng: tỷ lệ (%) của các đơn vị cũ không cộng được với nhau."
	}
	return sum, ""
}

func (d *deriver) reformView(u *model.Unit) *ReformView {
	preds := d.predecessors(u)
	if u.Key.Era != model.Era2025 || len(preds) == 0 {
		if u.Key.Era == model.Era2025 {
			return &ReformView{Intro: "Bảng chuyển đổi ngày 01/7/2025 không nêu đơn vị cũ nào của " + u.FullName + "."}
		}
		return nil
	}
	v := &ReformView{}
	names := make([]string, len(preds))
	for i, p := range preds {
		names[i] = p.FullName
	}
	if len(preds) == 1 && preds[0].Key.Code == u.Key.Code && preds[0].FullName == u.FullName {
		v.Intro = fmt.Sprintf("%s giữ nguyên tên và mã sau ngày 01/7/2025; số liệu dưới đây là của %s trước sắp xếp.", u.FullName, u.FullName)
	} else {
		v.Intro = fmt.Sprintf("Từ 01/7/2025, %s gồm %d đơn vị trước đây: %s.", u.FullName, len(preds), strings.Join(names, ", "))
	}
	if d.incomplete == nil {
		d.incomplete = units.CrosswalkCoverage(d.ds).IncompleteNew
	}
	for _, g := range d.incomplete[u.Key.Code] {
		v.Notes = append(v.Notes, fmt.Sprintf("Bảng chuyển đổi còn nêu %s (mã %s), không có trong danh mục đơn vị trước 01/7/2025 (đơn vị lập sau năm 2022); danh sách trên có thể chưa đủ.", g.OldName, g.OldCode))
	}
	for _, p := range preds {
		n := len(d.byUnit[p.Key])
		pv := PredecessorView{Unit: d.unitLink(p.Key), Code: p.Key.Code, Figures: n, FiguresText: MissingText}
		if n > 0 {
			pv.FiguresText = vntext.FormatNumber(float64(n)) + " số liệu"
		}
		if len(p.Successors) > 1 {
			var to []string
			for _, s := range p.Successors {
				if su := d.ds.Units[model.UnitKey{Code: s, Era: model.Era2025}]; su != nil {
					to = append(to, su.FullName)
				}
			}
			vntext.Sort(to)
			pv.Note = fmt.Sprintf("Được chia vào %d đơn vị: %s; số liệu của đơn vị này không được cộng vào đơn vị nào.", len(to), strings.Join(to, ", "))
		}
		v.Predecessors = append(v.Predecessors, pv)
	}
	// When no total is possible at all, say why once rather than on
	// every row; the figures are on the predecessors' pages.
	if b := d.blocked(u, preds); b != "" {
		v.Notes = append(v.Notes, b)
		return v
	}
	rs := d.reformsOf(u) // a province's were made for the maps (maps.go)
	if len(rs) > 0 {
		v.Sums = make([]SumRow, 0, len(rs))
	}
	for _, r := range rs {
		ind := d.ds.Indicators[r.indicator]
		kind := KindLabel{Kind: string(r.kind), Label: kindLabel[r.kind]}
		row := SumRow{Indicator: Link{Name: ind.Name, URL: "/chi-so/" + ind.ID + "/"}, Period: r.period.String(),
			PeriodLabel: r.period.Label(), Kind: kind.Kind, KindLabel: kind.Label, Complete: r.complete, Note: r.note}
		if r.complete {
			row.ValueText = valueText(r.sum, ind)
			if x, ok := r.sum.Share(); ok {
				row.Value = &x
			}
			v.Sums = append(v.Sums, row)
			continue
		}
		if len(r.parts) > 0 {
			row.Parts = make([]string, len(r.parts))
		}
		for i, f := range r.parts {
			row.Parts[i] = d.ds.Units[f.Unit].FullName + ": " + valueText(f, ind)
		}
		if len(r.missing) > 0 {
			row.Missing = make([]Link, len(r.missing))
		}
		for i, m := range r.missing {
			row.Missing[i] = d.unitLink(m.Key)
		}
		// The same indicator and period, no total for the same reason
		// (the same predecessors missing): one row for its kinds.
		if n := len(v.Sums); n > 0 {
			prev := &v.Sums[n-1]
			if !prev.Complete && prev.Indicator == row.Indicator && prev.Period == row.Period && prev.Note == row.Note {
				if len(prev.Kinds) == 0 {
					prev.Parts = labelled(prev.KindLabel, prev.Parts)
					prev.Kinds = []KindLabel{{Kind: prev.Kind, Label: prev.KindLabel}}
				}
				prev.Kinds = append(prev.Kinds, kind)
				prev.KindLabel += ", " + lowerFirst(kind.Label)
				prev.Parts = append(prev.Parts, labelled(kind.Label, row.Parts)...)
				continue
			}
		}
		v.Sums = append(v.Sums, row)
	}
	return v
}

// labelled puts a kind's label before each of parts, for a row that
// stands for several kinds.
func labelled(label string, parts []string) []string {
	out := make([]string, len(parts))
	for i, p := range parts {
		out[i] = label + " — " + p
	}
	return out
}

// addCurrentProvinces gives every province of the 2025 list a page, with
// or without figures.
func (d *deriver) addCurrentProvinces() {
	for k, u := range d.ds.Units {
		if k.Era == model.Era2025 && u.Level == model.Province {
			d.addPage(k)
		}
	}
}
