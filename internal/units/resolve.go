// Package units finds administrative units by the names people write:
// "TT Thắng", "huyện Hiệp Hoà", "TP. Tuyên Quang", "Xã Văn Lăng".
//
// A unit is identified by its code AND the era of its list (model.UnitKey):
// province 24 is Bắc Giang until 30/06/2025 and Bắc Ninh from 01/07/2025.
// A name is therefore always resolved on a date (or in both eras when no
// date is given, where it is then usually ambiguous) and, optionally,
// within a parent unit.
//
// Names are compared with vntext.NameKey: NFC, lower case, old and new tone
// placement folded (Hòa = Hoà, Thủy = Thuỷ), and every other diacritic kept
// (Văn Lang ≠ Văn Lăng). A leading type word or its abbreviation (Thành
// phố, TP., Tỉnh, Huyện, Quận, Thị xã, TX, Thị trấn, TT, Xã, Phường, P.,
// Đặc khu) is stripped; when it names a type it also picks among units of
// different types with the same name. Names stripped of diacritics are never
// matched; they only appear as hints in a "not found" error.
package units

import (
	"fmt"
	"sort"
	"strings"
	"time"

	"github.com/pcmt/pcmt/internal/model"
	"github.com/pcmt/pcmt/internal/vntext"
)

// LastDay2022 is the last day the 2022 list was in force.
var LastDay2022 = model.ReformDate.AddDate(0, 0, -1)

// Match is one unit a name resolved to.
type Match struct {
	Unit *model.Unit
	// Ancestors are the unit's parents in its era, top first.
	Ancestors []*model.Unit
	// From and Until bound the period the unit's list was in force; a zero
	// From means the list does not say (era 2022: "until 30/06/2025"), a
	// zero Until means it is in force now.
	From, Until time.Time
	// Successors are the era-2025 units an era-2022 unit became (from the
	// crosswalk). For a district, the units its communes became.
	Successors []*model.Unit
	// Predecessors are the era-2022 units an era-2025 unit was made of.
	Predecessors []*model.Unit
	// Note says how the name matched when it was not plainly: the type
	// word given differs from the unit's ("Xã Thắng" for Thị trấn Thắng).
	Note string
}

// Period is the match's period of validity as a page writes it.
func (m Match) Period() string {
	switch {
	case !m.Until.IsZero() && m.From.IsZero():
		return "đến " + vntext.FormatDate(m.Until)
	case !m.Until.IsZero():
		return vntext.FormatDate(m.From) + "–" + vntext.FormatDate(m.Until)
	default:
		return "từ " + vntext.FormatDate(m.From)
	}
}

// Path is the unit's full name followed by its parents: "Thị trấn Thắng,
// Huyện Hiệp Hòa, Tỉnh Bắc Giang".
func (m Match) Path() string {
	parts := []string{m.Unit.FullName}
	for i := len(m.Ancestors) - 1; i >= 0; i-- {
		parts = append(parts, m.Ancestors[i].FullName)
	}
	return strings.Join(parts, ", ")
}

// String is the one-line form used in errors and by `pcmt units resolve`:
// code, full name with parents, period, and what it became.
func (m Match) String() string {
	s := fmt.Sprintf("%s %s (%s)", m.Unit.Key.Code, m.Path(), m.Period())
	if len(m.Successors) > 0 {
		s += " → từ 01/07/2025: " + unitList(m.Successors)
	} else if m.Unit.Key.Era == model.Era2022 {
		s += " → không có trong bảng chuyển đổi 01/07/2025"
	}
	return s
}

func unitList(us []*model.Unit) string {
	names := make([]string, len(us))
	for i, u := range us {
		names[i] = u.FullName + " (" + u.Key.Code + ")"
	}
	return strings.Join(names, ", ")
}

// Error is a name that did not resolve to exactly one unit. It lists the
// candidates, with their codes and periods.
type Error struct {
	Name   string
	Parent string
	On     time.Time
	// Ambiguous is true when several units match; Candidates are then the
	// matches. Otherwise nothing matched and Candidates are units the
	// person may have meant: the same name in the other era or in another
	// parent, or the same letters with other diacritics (never matched).
	Ambiguous  bool
	Candidates []Match
	// Hint says where the candidates come from when nothing matched.
	Hint string
}

func (e *Error) Error() string {
	var b strings.Builder
	where := ""
	if e.Parent != "" {
		where += " in " + e.Parent
	}
	if !e.On.IsZero() {
		where += " on " + vntext.FormatDate(e.On)
	}
	if e.Ambiguous {
		fmt.Fprintf(&b, "unit name %q%s is ambiguous: %d units match; give a code, a parent or a date", e.Name, where, len(e.Candidates))
	} else {
		fmt.Fprintf(&b, "no unit named %q%s", e.Name, where)
		if e.Hint != "" {
			b.WriteString("; " + e.Hint)
		}
	}
	for _, c := range e.Candidates {
		b.WriteString("\n  " + c.String())
	}
	return b.String()
}

// Resolver resolves unit names and codes in a dataset. Build it with New;
// it is safe for concurrent use once built.
type Resolver struct {
	ds *model.Dataset
	// byKey maps a name key to the units bearing it, both eras.
	byKey map[string][]*model.Unit
	// bySlug maps the ASCII slug of a short name to units, for hints only.
	bySlug map[string][]*model.Unit
	succ   map[model.UnitKey][]*model.Unit
}

// New indexes the units of ds.
func New(ds *model.Dataset) *Resolver {
	r := &Resolver{ds: ds, byKey: map[string][]*model.Unit{}, bySlug: map[string][]*model.Unit{}, succ: map[model.UnitKey][]*model.Unit{}}
	keys := make([]model.UnitKey, 0, len(ds.Units))
	for k := range ds.Units {
		keys = append(keys, k)
	}
	sort.Slice(keys, func(i, j int) bool {
		if keys[i].Era != keys[j].Era {
			return keys[i].Era < keys[j].Era
		}
		return keys[i].Code < keys[j].Code
	})
	for _, k := range keys {
		u := ds.Units[k]
		seen := map[string]bool{}
		full, _ := stripType(vntext.NameKey(u.FullName))
		for _, key := range []string{vntext.NameKey(u.Name), vntext.NameKey(u.FullName), full} {
			if key != "" && !seen[key] {
				seen[key] = true
				r.byKey[key] = append(r.byKey[key], u)
			}
		}
		slug := vntext.Slug(u.Name)
		r.bySlug[slug] = append(r.bySlug[slug], u)
	}
	return r
}

// Resolve returns the one unit that name denotes within parent (a code, a
// name, or names from the nearest up: "Hiệp Hòa, Bắc Giang"; "" for
// anywhere) on day on (the zero time for either era). name may be a code.
// When parent is "" and name holds commas, the part after the first comma
// is the parent: "Thắng, Hiệp Hòa, Bắc Giang". Anything but exactly one
// match is an *Error listing the candidates.
func (r *Resolver) Resolve(name, parent string, on time.Time) (Match, error) {
	ms, err := r.Lookup(name, parent, on)
	if err != nil {
		return Match{}, err
	}
	if len(ms) == 1 {
		return ms[0], nil
	}
	e := &Error{Name: name, Parent: parent, On: on, Ambiguous: len(ms) > 1, Candidates: ms}
	if len(ms) == 0 {
		e.Candidates, e.Hint = r.nearMisses(name, parent, on)
	}
	return Match{}, e
}

// Lookup returns every unit name denotes within parent on day on, sorted by
// era then Vietnamese order of their paths. An error means the parent did
// not resolve (or the name is empty); no match is an empty list.
func (r *Resolver) Lookup(name, parent string, on time.Time) ([]Match, error) {
	name = strings.TrimSpace(vntext.NFC(name))
	if parent == "" && strings.Contains(name, ",") {
		name, parent, _ = strings.Cut(name, ",")
		name = strings.TrimSpace(name)
	}
	if name == "" {
		return nil, &Error{Name: name, Parent: parent, On: on}
	}
	eras := erasOn(on)
	var within map[model.UnitKey]bool
	if strings.TrimSpace(parent) != "" {
		ps, err := r.parents(parent, on)
		if err != nil {
			return nil, err
		}
		within = map[model.UnitKey]bool{}
		for _, p := range ps {
			within[p.Key] = true
		}
	}
	return r.matches(name, eras, within), nil
}

// matches finds units named name in eras under one of within (nil: anywhere).
func (r *Resolver) matches(name string, eras []model.Era, within map[model.UnitKey]bool) []Match {
	var found []*model.Unit
	var typ string
	if isCode(name) {
		for _, e := range eras {
			if u := r.ds.Units[model.UnitKey{Code: name, Era: e}]; u != nil {
				found = append(found, u)
			}
		}
	} else {
		key := vntext.NameKey(name)
		stripped, t := stripType(key)
		typ = t
		seen := map[model.UnitKey]bool{}
		for _, k := range []string{key, stripped} {
			for _, u := range r.byKey[k] {
				if !seen[u.Key] && hasEra(eras, u.Key.Era) {
					seen[u.Key] = true
					found = append(found, u)
				}
			}
		}
	}
	if within != nil {
		var in []*model.Unit
		for _, u := range found {
			for _, a := range r.ds.Ancestors(u) {
				if within[a.Key] {
					in = append(in, u)
					break
				}
			}
		}
		found = in
	}
	note := ""
	if typ != "" && len(found) > 0 {
		var same []*model.Unit
		for _, u := range found {
			if unitType(u) == typ {
				same = append(same, u)
			}
		}
		if len(same) > 0 {
			found = same
		} else {
			note = fmt.Sprintf("the name was given with the type word of a %s; the unit is a %s", typeWord[typ], "%s")
		}
	}
	out := make([]Match, len(found))
	for i, u := range found {
		out[i] = r.match(u)
		if note != "" {
			out[i].Note = fmt.Sprintf(note, typeWord[unitType(u)])
		}
	}
	sortMatches(out)
	return out
}

// parents resolves a parent given as a code, a name, or a comma-separated
// chain of names from the nearest up, to provinces and districts.
func (r *Resolver) parents(parent string, on time.Time) ([]*model.Unit, error) {
	parts := strings.Split(parent, ",")
	eras := erasOn(on)
	var within map[model.UnitKey]bool
	var cur []*model.Unit
	for i := len(parts) - 1; i >= 0; i-- {
		p := strings.TrimSpace(parts[i])
		if p == "" {
			continue
		}
		ms := r.matches(p, eras, within)
		cur = cur[:0]
		for _, m := range ms {
			if m.Unit.Level != model.Commune {
				cur = append(cur, m.Unit)
			}
		}
		if len(cur) == 0 {
			e := &Error{Name: p, On: on}
			e.Candidates, e.Hint = r.nearMisses(p, "", on)
			return nil, fmt.Errorf("parent: %w", e)
		}
		within = map[model.UnitKey]bool{}
		for _, u := range cur {
			within[u.Key] = true
		}
	}
	return cur, nil
}

// nearMisses lists what the person may have meant when name matched
// nothing: the name in the other era, the name under other parents, and
// names with the same letters but other diacritics.
func (r *Resolver) nearMisses(name, parent string, on time.Time) ([]Match, string) {
	if parent == "" && strings.Contains(name, ",") {
		name, parent, _ = strings.Cut(name, ",")
	}
	name = strings.TrimSpace(vntext.NFC(name))
	all := []model.Era{model.Era2022, model.Era2025}
	var within map[model.UnitKey]bool
	if parent != "" {
		if ps, err := r.parents(parent, time.Time{}); err == nil {
			within = map[model.UnitKey]bool{}
			for _, p := range ps {
				within[p.Key] = true
			}
		}
	}
	if ms := r.matches(name, all, within); len(ms) > 0 {
		return ms, "units of that name in the other era (a unit is looked up in the list in force on the date given)"
	}
	if within != nil {
		if ms := r.matches(name, erasOn(on), nil); len(ms) > 0 {
			return ms, "units of that name elsewhere"
		}
		if ms := r.matches(name, all, nil); len(ms) > 0 {
			return ms, "units of that name elsewhere, in either era"
		}
	}
	stripped, _ := stripType(vntext.NameKey(name))
	var out, inParent []Match
	for _, u := range r.bySlug[vntext.Slug(stripped)] {
		if hasEra(erasOn(on), u.Key.Era) {
			m := r.match(u)
			out = append(out, m)
			for _, a := range m.Ancestors {
				if within[a.Key] {
					inParent = append(inParent, m)
					break
				}
			}
		}
	}
	if len(inParent) > 0 {
		out = inParent
	}
	if len(out) > 20 {
		out = out[:20]
	}
	sortMatches(out)
	if len(out) > 0 {
		return out, "names with the same letters but other diacritics (never matched: check the spelling)"
	}
	return nil, ""
}

func (r *Resolver) match(u *model.Unit) Match {
	m := Match{Unit: u, Ancestors: r.ds.Ancestors(u)}
	if u.Key.Era == model.Era2022 {
		m.Until = LastDay2022
		m.Successors = r.Successors(u)
	} else {
		m.From = model.ReformDate
		for _, c := range r.ds.Predecessors[u.Key.Code] {
			if p := r.ds.Units[model.UnitKey{Code: c, Era: model.Era2022}]; p != nil {
				m.Predecessors = append(m.Predecessors, p)
			}
		}
	}
	return m
}

// Successors returns the era-2025 units an era-2022 unit became: from the
// crosswalk for provinces and communes; for a district (abolished), the
// units its communes became.
func (r *Resolver) Successors(u *model.Unit) []*model.Unit {
	if u.Key.Era != model.Era2022 {
		return nil
	}
	codes := u.Successors
	if u.Level == model.District {
		seen := map[string]bool{}
		codes = nil
		for _, c := range r.ds.Units {
			if c.Key.Era == model.Era2022 && c.Parent == u.Key.Code && c.Level == model.Commune {
				for _, s := range c.Successors {
					if !seen[s] {
						seen[s] = true
						codes = append(codes, s)
					}
				}
			}
		}
		sort.Strings(codes)
	}
	var out []*model.Unit
	for _, c := range codes {
		if s := r.ds.Units[model.UnitKey{Code: c, Era: model.Era2025}]; s != nil {
			out = append(out, s)
		}
	}
	return out
}

func sortMatches(ms []Match) {
	sort.SliceStable(ms, func(i, j int) bool {
		if ms[i].Unit.Key.Era != ms[j].Unit.Key.Era {
			return ms[i].Unit.Key.Era < ms[j].Unit.Key.Era
		}
		if c := vntext.Compare(ms[i].Path(), ms[j].Path()); c != 0 {
			return c < 0
		}
		return ms[i].Unit.Key.Code < ms[j].Unit.Key.Code
	})
}

func erasOn(on time.Time) []model.Era {
	if on.IsZero() {
		return []model.Era{model.Era2022, model.Era2025}
	}
	return []model.Era{model.EraOf(on)}
}

func hasEra(eras []model.Era, e model.Era) bool {
	for _, x := range eras {
		if x == e {
			return true
		}
	}
	return false
}

func isCode(s string) bool {
	return s != "" && strings.Trim(s, "0123456789") == ""
}

// Type words, as name keys, longest first, with the type they name.
var typePrefixes = []struct{ key, typ string }{
	{"thành phố", "thanh-pho"}, {"tp.", "thanh-pho"}, {"tp", "thanh-pho"},
	{"tỉnh", "tinh"},
	{"huyện", "huyen"},
	{"quận", "quan"},
	{"thị xã", "thi-xa"}, {"tx.", "thi-xa"}, {"tx", "thi-xa"},
	{"thị trấn", "thi-tran"}, {"tt.", "thi-tran"}, {"tt", "thi-tran"},
	{"đặc khu", "dac-khu"},
	{"xã", "xa"},
	{"phường", "phuong"}, {"p.", "phuong"},
}

var typeWord = map[string]string{
	"thanh-pho": "thành phố", "tinh": "tỉnh", "huyen": "huyện", "quan": "quận", "thi-xa": "thị xã",
	"thi-tran": "thị trấn", "dac-khu": "đặc khu", "xa": "xã", "phuong": "phường", "": "unit of unknown type",
}

func init() {
	for i := range typePrefixes {
		typePrefixes[i].key = vntext.NameKey(typePrefixes[i].key)
	}
}

// stripType removes a leading type word from a name key and returns the
// rest and the type. A word ending in "." may be followed directly by the
// name ("tp.hcm", "p.1"); any other needs a space after it.
func stripType(key string) (string, string) {
	for _, p := range typePrefixes {
		if !strings.HasPrefix(key, p.key) {
			continue
		}
		rest := key[len(p.key):]
		switch {
		case strings.HasSuffix(p.key, "."):
		case strings.HasPrefix(rest, " "):
		default:
			continue
		}
		if rest = strings.TrimSpace(rest); rest != "" {
			return rest, p.typ
		}
	}
	return key, ""
}

// unitType is the type word its full name starts with.
func unitType(u *model.Unit) string {
	_, t := stripType(vntext.NameKey(u.FullName))
	return t
}
