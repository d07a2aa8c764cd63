package load

import (
	"hash/maphash"
	"math"
	"runtime"
	"slices"
	"sort"
	"strings"
	"sync"
	"unicode/utf8"

	"github.com/pcmt/pcmt/internal/model"
	"github.com/pcmt/pcmt/internal/period"
	"github.com/pcmt/pcmt/internal/vntext"
)

// figureColumns is the header of every data/figures/*.csv file.
var figureColumns = []string{"unit", "indicator", "period", "kind", "value", "qualifier", "numerator", "denominator", "source", "evidence", "note"}

// maxEvidence bounds the quoted snippet: the news articles are copyrighted,
// so a figure carries a short quote as evidence, never a paragraph.
const maxEvidence = 300

// figureInput is one figure as written, from a CSV row or a plan's
// front matter, before it is checked.
type figureInput struct {
	file  string
	line  int
	col   func(field string) int // column of a field, 0 when unknown
	field map[string]string      // by the names in figureColumns
	// get, when set, reads the fields instead of field: a CSV row is read
	// in place, with no map made per figure.
	get func(field string) string
}

// loadFigureFiles reads and checks the figure files on one worker per CPU
// (a row needs only the catalogues read before it), then adds their
// figures in file order: duplicates, and the problems of every file, come
// out as when the files are read one by one.
func (l *loader) loadFigureFiles(files []string) {
	res := make([]checkedFigures, len(files))
	next := make(chan int)
	var wg sync.WaitGroup
	for range min(runtime.GOMAXPROCS(0), len(files)) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			// Its own report and blocks; the dataset's maps are only read.
			sub := &loader{root: l.root, ds: l.ds}
			for i := range next {
				sub.r = report{}
				sub.csvRows(files[i], figureColumns, func(get func(string) string, line int, col func(string) int) {
					in := figureInput{file: files[i], line: line, col: col, get: get}
					if f := sub.checkFigure(in); f != nil {
						res[i].figs = append(res[i].figs, f)
						res[i].hashes = append(res[i].hashes, maphash.Comparable(l.seed, keyOf(f)))
					}
				})
				res[i].r = sub.r
			}
		}()
	}
	for i := range files {
		next <- i
	}
	close(next)
	wg.Wait()
	l.addFigures(res)
}

// checkedFigures are the checked figures of a file, the hash of each
// figure's key (addChecked) and the file's problems.
type checkedFigures struct {
	figs   []*model.Figure
	hashes []uint64
	r      report
}

// addFigures adds the figures of res in order, with the problems of each,
// as addChecked would one by one.
func (l *loader) addFigures(res []checkedFigures) {
	n := 0
	for _, x := range res {
		n += len(x.figs)
	}
	if len(l.ds.Figures) > 0 {
		// Not the first figures: added one by one.
		for _, x := range res {
			l.r.ps = append(l.r.ps, x.r.ps...)
			for k, f := range x.figs {
				l.addChecked(f, x.hashes[k])
			}
		}
		return
	}
	// The first figures (two million nationally): duplicates are found on
	// every CPU, each taking the keys of one shard of the hashes, as
	// addChecked would find them, then the figures are added in file order.
	figs := make([]*model.Figure, 0, n)
	hashes := make([]uint64, 0, n)
	for _, x := range res {
		figs = append(figs, x.figs...)
		hashes = append(hashes, x.hashes...)
	}
	dupOf := make([]int32, n) // the first figure of the same key, -1 for none
	shards := make([]map[uint64]int32, len(l.seen))
	more := make([]map[figureKey]int32, len(l.seen))
	var sw sync.WaitGroup
	for s := range shards {
		sw.Go(func() {
			m := make(map[uint64]int32, n/len(shards))
			for i, h := range hashes {
				if h%uint64(len(shards)) != uint64(s) {
					continue
				}
				dupOf[i] = -1
				first, ok := m[h]
				if !ok {
					m[h] = int32(i)
					continue
				}
				key := keyOf(figs[i])
				if keyOf(figs[first]) == key {
					dupOf[i] = first
					continue
				}
				if more[s] == nil {
					more[s] = map[figureKey]int32{}
				}
				if j, ok := more[s][key]; ok {
					dupOf[i] = j
					continue
				}
				more[s][key] = int32(i)
			}
			shards[s] = m
		})
	}
	sw.Wait()
	l.ds.Figures = slices.Grow(l.ds.Figures, n)
	at := make([]int32, n) // each figure's position in the dataset
	i := 0
	for _, x := range res {
		l.r.ps = append(l.r.ps, x.r.ps...)
		for _, f := range x.figs {
			if j := dupOf[i]; j >= 0 {
				l.duplicate(f, figs[j].Pos)
			} else {
				at[i] = int32(len(l.ds.Figures))
				f.At = at[i] + 1 // its position (model.Figure.At)
				l.ds.Figures = append(l.ds.Figures, f)
			}
			i++
		}
	}
	// What addChecked finds later figures' duplicates by.
	for s, m := range shards {
		sw.Go(func() {
			for h, i := range m {
				m[h] = at[i]
			}
			l.seen[s] = m
		})
	}
	sw.Wait()
	for _, m := range more {
		for k, i := range m {
			l.seenMore[k] = figs[i].Pos
		}
	}
}

// addFigure checks one figure and adds it to the dataset.
func (l *loader) addFigure(in figureInput) {
	if f := l.checkFigure(in); f != nil {
		l.addChecked(f, maphash.Comparable(l.seed, keyOf(f)))
	}
}

// duplicate reports f as a duplicate of the figure at prev.
func (l *loader) duplicate(f *model.Figure, prev model.Pos) {
	l.r.add(f.Pos.File, f.Pos.Line, "", "duplicate figure: the same unit, indicator, period, kind and source as %s", prev)
}

// addChecked adds a checked figure, whose key has hash h, unless it
// duplicates one added before.
func (l *loader) addChecked(f *model.Figure, h uint64) {
	key := keyOf(f)
	seen := l.seen[h%uint64(len(l.seen))]
	if i, ok := seen[h]; ok {
		if first := l.ds.Figures[i]; keyOf(first) == key {
			l.duplicate(f, first.Pos)
			return
		}
		if prev, ok := l.seenMore[key]; ok {
			l.duplicate(f, prev)
			return
		}
		l.seenMore[key] = f.Pos
	} else {
		seen[h] = int32(len(l.ds.Figures))
	}
	f.At = int32(len(l.ds.Figures)) + 1 // its position (model.Figure.At)
	l.ds.Figures = append(l.ds.Figures, f)
}

// checkFigure checks one figure and returns it, or nil when it has a
// problem. It reports every problem of the row, not just the first. It
// only reads the dataset, and may run on several files at once.
func (l *loader) checkFigure(in figureInput) *model.Figure {
	bad := false
	fail := func(field, format string, args ...any) {
		bad = true
		c := 0
		if in.col != nil {
			c = in.col(field)
		}
		l.r.addCol(in.file, in.line, c, field, format, args...)
	}
	get := in.get
	if get == nil {
		get = func(k string) string { return in.field[k] }
	}
	// A CSV row's fields are slices of its whole line: a kept figure
	// holds no field of the row itself, or the line stays alive with it
	// (~200 MB of lines nationally). Ids and codes are taken from the
	// catalogue entries they name, and the free texts are copied.
	f := &model.Figure{Indicator: get("indicator"), Source: get("source"), Evidence: strings.Clone(get("evidence")), Note: strings.Clone(get("note")),
		Pos: model.Pos{File: in.file, Line: in.line}}

	p, err := l.parsePeriod(get("period"))
	if err != nil {
		fail("period", "%v", err)
	}
	f.Period = p

	ind := l.ds.Indicators[f.Indicator]
	if ind == nil {
		fail("indicator", "unknown indicator %q%s", f.Indicator, suggest(f.Indicator, keys(l.ds.Indicators)))
	} else {
		f.Indicator = ind.ID
	}
	src := l.ds.Sources[f.Source]
	if src == nil {
		fail("source", "unknown source %q%s", f.Source, suggest(f.Source, keys(l.ds.Sources)))
	} else {
		f.Source = src.ID
	}

	// The constants, not the row's field (which would keep the row alive).
	switch f.Kind = model.Kind(get("kind")); f.Kind {
	case model.Target:
		f.Kind = model.Target
	case model.Result:
		f.Kind = model.Result
	case model.Baseline:
		f.Kind = model.Baseline
	default:
		fail("kind", "%q is not a kind of figure: use target (chỉ tiêu), result (kết quả) or baseline (số liệu nền)", get("kind"))
	}
	if f.Kind == model.Baseline && err == nil && p.Kind() != period.AsOf {
		fail("period", "a baseline is a count as of a day: write the period as a date like 2022-12-31, not %q", get("period"))
	}

	switch f.Qualifier = model.Qualifier(get("qualifier")); f.Qualifier {
	case model.Exact:
		f.Qualifier = model.Exact
	case model.GT, model.GE, model.Approx, model.LT, model.LE:
		f.Qualifier = qualifiers[f.Qualifier]
	default:
		fail("qualifier", "%q is not a qualifier: leave it empty or use gt (trên), ge (ít nhất), approx (khoảng), lt (dưới), le (tối đa)", get("qualifier"))
	}

	num := func(field string) *float64 {
		s := get(field)
		if s == "" {
			return nil
		}
		v, err := vntext.ParseNumber(s)
		if err != nil {
			fail(field, "%v", err)
			return nil
		}
		if v < 0 {
			fail(field, "%s is negative: a count or a rate cannot be below zero", s)
			return nil
		}
		return l.number(v)
	}
	f.Value = num("value")
	f.Numerator = num("numerator")
	f.Denominator = num("denominator")

	if (f.Numerator == nil) != (f.Denominator == nil) && get("numerator")+get("denominator") != "" && !bad {
		fail("denominator", "a fraction needs both numerator and denominator (31/31 → numerator 31, denominator 31)")
	}
	if f.Numerator != nil && f.Denominator != nil {
		if *f.Denominator == 0 {
			fail("denominator", "denominator is 0")
		} else if *f.Numerator > *f.Denominator {
			fail("numerator", "numerator %s is above denominator %s", get("numerator"), get("denominator"))
		}
	}
	if ind != nil {
		switch ind.Measure {
		case model.Count:
			if f.Numerator != nil || f.Denominator != nil {
				fail("numerator", "indicator %q is a count: it has no numerator/denominator", ind.ID)
			}
			if f.Value != nil && *f.Value != math.Trunc(*f.Value) {
				fail("value", "%s is not a whole number, but indicator %q counts %s", get("value"), ind.ID, ind.Counted)
			}
		case model.Percent, model.Fraction:
			if f.Value != nil && *f.Value > 100 && f.Qualifier == model.Exact {
				fail("value", "%s%% is over 100%% without a qualifier", get("value"))
			}
			if ind.Measure == model.Percent && f.Numerator != nil {
				fail("numerator", "indicator %q is a percentage: give the value in %%, or make the indicator a fraction", ind.ID)
			}
		}
	}
	if f.Value == nil && f.Numerator == nil && !bad && strings.TrimSpace(f.Note) == "" {
		fail("value", "the value is empty (missing, not zero): add a note saying why the document gives no number, or write 0 if the document says there are none")
	}
	if strings.TrimSpace(f.Evidence) == "" {
		fail("evidence", "quote the words of the source that give this figure")
	} else if len(f.Evidence) > maxEvidence { // no more characters than bytes
		if n := utf8.RuneCountInString(f.Evidence); n > maxEvidence {
			fail("evidence", "the quote is %d characters; keep it to at most %d (a snippet, not the article)", n, maxEvidence)
		}
	}

	// The unit: a code looked up in the list in force at the end of the
	// period, or a place.
	unit := get("unit")
	if unit == "" {
		fail("unit", "empty unit: give a unit code (08, 072, 07840) or a place id")
	} else if err == nil {
		era := model.EraOf(p.End())
		if allDigits(unit) {
			f.Unit = model.UnitKey{Code: unit, Era: era}
			if u := l.ds.Units[f.Unit]; u == nil {
				fail("unit", "no unit has code %q in the list in force on %s%s", unit, vntext.FormatDate(p.End()), otherEra(l.ds, unit, era))
			} else {
				f.Unit = u.Key
			}
		} else if pl := l.ds.Places[unit]; pl != nil {
			f.Place = pl.ID
			f.Unit = model.UnitKey{Code: pl.Parent, Era: era}
			if l.ds.Units[f.Unit] == nil {
				fail("unit", "place %q belongs to unit %q, which is not in the list in force on %s", unit, pl.Parent, vntext.FormatDate(p.End()))
			}
		} else {
			fail("unit", "unknown unit or place %q%s", unit, suggest(unit, keys(l.ds.Places)))
		}
	}
	// A result or baseline cannot be of a time after its source was
	// written. Judged against the source's date, not the clock, so that a
	// build of the same input gives the same answer next year.
	if src != nil && err == nil && f.Kind != model.Target && !src.Date.IsZero() {
		written := src.Date
		if src.DateMonth {
			written = written.AddDate(0, 1, -1) // the document gives only the month: its last day
		}
		if p.End().After(written) {
			fail("period", "a %s for %s ends on %s, after its source %q is dated %s: a source cannot report what had not happened yet; check the period or the source's date",
				f.Kind, p, vntext.FormatDate(p.End()), src.ID, vntext.FormatDate(written))
		}
	}
	if bad {
		return nil
	}
	return l.keep(f)
}

// qualifiers give each qualifier as the constant string, not as the CSV
// row's field (checkFigure).
var qualifiers = map[model.Qualifier]model.Qualifier{model.GT: model.GT, model.GE: model.GE, model.Approx: model.Approx, model.LT: model.LT, model.LE: model.LE}

// allDigits reports whether s is digits only (a unit code), as
// strings.Trim(s, "0123456789") == "" does, without making a set a call.
func allDigits(s string) bool {
	for i := range len(s) {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}

// parsePeriod is period.Parse, remembering the last text: a file's
// figures come in runs of one period.
func (l *loader) parsePeriod(s string) (period.Period, error) {
	if l.lastPeriod.ok && s == l.lastPeriod.text {
		return l.lastPeriod.p, nil
	}
	p, err := period.Parse(s)
	if err == nil {
		l.lastPeriod.text, l.lastPeriod.p, l.lastPeriod.ok = strings.Clone(s), p, true
	}
	return p, err
}

func keyOf(f *model.Figure) figureKey {
	return figureKey{f.Unit, f.Place, f.Indicator, f.Period, f.Kind, f.Source}
}

type figureKey struct {
	unit      model.UnitKey
	place     string
	indicator string
	period    period.Period // comparable: equal periods are equal text
	kind      model.Kind
	source    string
}

func otherEra(ds *model.Dataset, code string, era model.Era) string {
	other := model.Era2025
	if era == model.Era2025 {
		other = model.Era2022
	}
	if u := ds.Units[model.UnitKey{Code: code, Era: other}]; u != nil {
		if other == model.Era2022 {
			return " (" + code + " was " + u.FullName + " before 1/7/2025: check the period)"
		}
		return " (" + code + " is " + u.FullName + " from 1/7/2025: check the period)"
	}
	return ""
}

func keys[V any](m map[string]V) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

// suggest names the closest known ids, for a misspelt one.
func suggest(s string, known []string) string {
	type cand struct {
		id string
		d  int
	}
	var cs []cand
	for _, k := range known {
		d := levenshtein(s, k)
		if d <= len(k)/3+1 || (len(s) >= 4 && strings.Contains(k, s)) {
			cs = append(cs, cand{k, d})
		}
	}
	if len(cs) == 0 {
		return ""
	}
	sort.Slice(cs, func(i, j int) bool { return cs[i].d < cs[j].d || cs[i].d == cs[j].d && cs[i].id < cs[j].id })
	if len(cs) > 3 {
		cs = cs[:3]
	}
	names := make([]string, len(cs))
	for i, c := range cs {
		names[i] = c.id
	}
	return "; did you mean " + strings.Join(names, ", ") + "?"
}

func levenshtein(a, b string) int {
	ra, rb := []rune(a), []rune(b)
	prev := make([]int, len(rb)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(ra); i++ {
		cur := make([]int, len(rb)+1)
		cur[0] = i
		for j := 1; j <= len(rb); j++ {
			cost := 1
			if ra[i-1] == rb[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev = cur
	}
	return prev[len(rb)]
}
