package load

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"strings"

	"github.com/pcmt/pcmt/internal/model"
	"github.com/pcmt/pcmt/internal/period"
	"github.com/pcmt/pcmt/internal/vntext"
)

// ChangesFile is the ledger of published figures (nhật ký cập nhật). It is
// how the build knows a value changed: the ledger records every figure the
// site has published and its value, and the value in data/figures/ (or a
// plan's front matter) must be the last value the ledger records. A value
// edited in the figures file without a "corrected" row, with its reason,
// stops the build; so does a figure deleted without a "withdrawn" row.
const ChangesFile = "data/changes.csv"

// changeColumns is the header of the ledger.
var changeColumns = []string{"date", "action", "unit", "indicator", "period", "kind", "source", "old_value", "new_value", "reason"}

// loadChanges reads the ledger, when the site has one, and checks the
// figures against it. It runs after the figures and plans are loaded.
func (l *loader) loadChanges() {
	if _, err := os.Stat(filepath.Join(l.root, filepath.FromSlash(ChangesFile))); errors.Is(err, fs.ErrNotExist) {
		return // a site without a ledger: no history, no changelog
	}
	before := len(l.r.ps)
	l.ds.Changes = []*model.Change{}
	var last *model.Change
	l.csvRows(ChangesFile, changeColumns, func(get func(string) string, line int, col func(string) int) {
		bad := false
		fail := func(field, format string, args ...any) {
			bad = true
			l.r.addCol(ChangesFile, line, col(field), field, format, args...)
		}
		c := &model.Change{Action: model.Action(get("action")), Reason: get("reason"), Pos: model.Pos{File: ChangesFile, Line: line}}
		c.Figure = model.FigureID{Unit: get("unit"), Indicator: get("indicator"), Kind: model.Kind(get("kind")), Source: get("source")}

		d, prec, err := period.ParseDate(get("date"))
		switch {
		case err != nil:
			fail("date", "%v", err)
		case prec != period.DayPrecision:
			fail("date", "give the day the change was published, like %s-01", get("date"))
		default:
			c.Date = d
			if last != nil && d.Before(last.Date) {
				fail("date", "%s is before %s on line %d: the ledger is kept in date order; add new rows at the end",
					get("date"), last.Date.Format("2006-01-02"), last.Pos.Line)
			}
		}
		switch c.Action {
		case model.Added, model.Corrected, model.Withdrawn:
		default:
			fail("action", "%q is not an action: use added (thêm), corrected (sửa) or withdrawn (rút)", get("action"))
		}
		p, perr := period.Parse(get("period"))
		if perr != nil {
			fail("period", "%v", perr)
		} else {
			c.Period = p
			c.Figure.Period = p.String()
		}
		switch c.Figure.Kind {
		case model.Target, model.Result, model.Baseline:
		default:
			fail("kind", "%q is not a kind of figure: use target, result or baseline", get("kind"))
		}
		if l.ds.Indicators[c.Figure.Indicator] == nil {
			fail("indicator", "unknown indicator %q%s", c.Figure.Indicator, suggest(c.Figure.Indicator, keys(l.ds.Indicators)))
		}
		if l.ds.Sources[c.Figure.Source] == nil {
			fail("source", "unknown source %q%s", c.Figure.Source, suggest(c.Figure.Source, keys(l.ds.Sources)))
		}
		if perr == nil {
			era := model.EraOf(p.End())
			u := c.Figure.Unit
			switch {
			case u != "" && strings.Trim(u, "0123456789") == "":
				c.UnitKey = model.UnitKey{Code: u, Era: era}
			case l.ds.Places[u] != nil:
				c.Place = u
				c.UnitKey = model.UnitKey{Code: l.ds.Places[u].Parent, Era: era}
			default:
				fail("unit", "unknown unit or place %q", u)
			}
			if c.UnitKey.Code != "" && l.ds.Units[c.UnitKey] == nil {
				fail("unit", "no unit has code %q in the list in force on %s", c.UnitKey.Code, vntext.FormatDate(p.End()))
			}
		}
		for _, v := range []struct {
			field string
			to    *string
		}{{"old_value", &c.Old}, {"new_value", &c.New}} {
			rec, err := ParseRecorded(get(v.field))
			if err != nil {
				fail(v.field, "%v", err)
			}
			*v.to = rec
		}
		switch c.Action {
		case model.Added:
			if c.Old != "" {
				fail("old_value", "an added figure has no value before: leave old_value empty")
			}
		case model.Corrected:
			if c.Old == c.New {
				fail("new_value", "the value is the same before and after (%s): a correction changes the value", c.Old)
			}
		case model.Withdrawn:
			if c.New != "" {
				fail("new_value", "a withdrawn figure has no value after: leave new_value empty")
			}
		}
		if (c.Action == model.Corrected || c.Action == model.Withdrawn) && strings.TrimSpace(c.Reason) == "" {
			fail("reason", "say why the figure was %s (lý do): readers see it beside the figure and in the changelog", c.Action)
		}
		if !bad {
			l.ds.Changes = append(l.ds.Changes, c)
			last = c
		}
	})
	if len(l.r.ps) == before {
		l.checkLedger(before == 0)
	}
}

// ledgerState is what the ledger says of one figure after replaying it.
type ledgerState struct {
	value string
	live  bool // added or corrected last, not withdrawn
	last  *model.Change
}

// checkLedger replays the ledger and compares it with the figures. Figures
// gone from data/ are only reported when nothing else is wrong: a row
// that did not load would otherwise also be reported as withdrawn.
func (l *loader) checkLedger(clean bool) {
	state := map[model.FigureID]*ledgerState{}
	var order []model.FigureID
	for _, c := range l.ds.Changes {
		s := state[c.Figure]
		switch c.Action {
		case model.Added:
			if s != nil && s.live {
				l.r.addCol(c.Pos.File, c.Pos.Line, 0, "action", "this figure was already added on line %d (value %s): to change its value write a corrected row",
					s.last.Pos.Line, shownValue(s.value))
				continue
			}
		default:
			if s == nil || !s.live {
				l.r.addCol(c.Pos.File, c.Pos.Line, 0, "action", "no published figure to be %s: the figure needs an added row above this one", c.Action)
				continue
			}
			if c.Old != s.value {
				l.r.addCol(c.Pos.File, c.Pos.Line, 0, "old_value", "%s is not the value published before: line %d records %s",
					shownValue(c.Old), s.last.Pos.Line, shownValue(s.value))
			}
		}
		if s == nil {
			s = &ledgerState{}
			state[c.Figure] = s
			order = append(order, c.Figure)
		}
		s.value, s.live, s.last = c.New, c.Action != model.Withdrawn, c
	}
	seen := map[model.FigureID]bool{}
	for _, f := range l.ds.Figures {
		id := f.ID()
		seen[id] = true
		s := state[id]
		rec := f.Recorded()
		switch {
		case s == nil:
			l.r.add(f.Pos.File, f.Pos.Line, "", "figure not in the ledger %s: a new figure needs a row saying when it was published; add at its end: %s",
				ChangesFile, ledgerRow("added", id, "", rec, ""))
		case !s.live:
			l.r.add(f.Pos.File, f.Pos.Line, "", "this figure was withdrawn (%s line %d): to publish it again add at the end of the ledger: %s",
				ChangesFile, s.last.Pos.Line, ledgerRow("added", id, "", rec, "<lý do>"))
		case s.value != rec:
			l.r.add(f.Pos.File, f.Pos.Line, "value", "the value changed from %s to %s with no recorded reason: %s line %d publishes %s; "+
				"a published value only changes with a correction: add at the end of the ledger: %s",
				shownValue(s.value), shownValue(rec), ChangesFile, s.last.Pos.Line, shownValue(s.value), ledgerRow("corrected", id, s.value, rec, "<lý do>"))
		}
	}
	if !clean {
		return
	}
	for _, id := range order {
		if s := state[id]; s.live && !seen[id] {
			l.r.add(s.last.Pos.File, s.last.Pos.Line, "", "the figure %s/%s/%s/%s/%s (value %s) is published but no longer in data/figures/ or a plan: "+
				"to withdraw it add at the end of the ledger: %s", id.Unit, id.Indicator, id.Period, id.Kind, id.Source, shownValue(s.value),
				ledgerRow("withdrawn", id, s.value, "", "<lý do>"))
		}
	}
}

// ledgerRow is a row to paste into the ledger; the editor fills in the
// date and the reason.
func ledgerRow(action string, id model.FigureID, old, new, reason string) string {
	return strings.Join([]string{"YYYY-MM-DD", action, id.Unit, id.Indicator, id.Period, string(id.Kind), id.Source, old, new, reason}, ",")
}

func shownValue(rec string) string {
	if rec == "" {
		return "(empty: no number)"
	}
	return rec
}

// ParseRecorded reads a value as the ledger writes it and returns it in
// its canonical form (model.ParseRecorded says how it is written).
func ParseRecorded(s string) (string, error) {
	q, v, n, d, err := model.ParseRecorded(s)
	if err != nil {
		return "", err
	}
	return model.RecordedValue(q, v, n, d), nil
}
