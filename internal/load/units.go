package load

import (
	"encoding/csv"
	"errors"
	"io"
	"slices"
	"strings"

	"github.com/pcmt/pcmt/internal/model"
)

// csvRows reads a CSV file with a header row and calls fn for each record
// with a getter by column name and the record's line. It checks that the
// header has exactly the wanted columns.
func (l *loader) csvRows(rel string, want []string, fn func(get func(string) string, line int, col func(string) int)) bool {
	text, ok := l.readText(rel)
	if !ok {
		return false
	}
	r := csv.NewReader(strings.NewReader(text))
	r.ReuseRecord = false
	header, err := r.Read()
	if errors.Is(err, io.EOF) {
		l.r.add(rel, 0, "", "the file is empty: it needs at least the header line: %s", strings.Join(want, ","))
		return false
	}
	if err != nil {
		l.csvError(rel, err)
		return false
	}
	idx := map[string]int{}
	personal := false
	for i, h := range header {
		idx[strings.TrimSpace(h)] = i
		if !slices.Contains(want, strings.TrimSpace(h)) { // the columns a file must have are not personal
			_, col := r.FieldPos(i)
			personal = l.checkPersonalName(rel, 1, col, h) || personal // personal.go
		}
	}
	if personal {
		return false // nothing of the file is read
	}
	var missing []string
	for _, w := range want {
		if _, ok := idx[w]; !ok {
			missing = append(missing, w)
		}
	}
	if len(missing) > 0 {
		hint := ""
		if len(header) == 1 && strings.ContainsAny(header[0], ";\t") {
			hint = " (the file seems to use ';' or tabs: separate columns with commas)"
		}
		l.r.add(rel, 1, "", "header lacks column(s) %s; the header must be: %s%s", strings.Join(missing, ", "), strings.Join(want, ","), hint)
		return false
	}
	if len(header) != len(want) {
		for _, h := range header {
			found := false
			for _, w := range want {
				if strings.TrimSpace(h) == w {
					found = true
				}
			}
			if !found {
				l.r.add(rel, 1, "", "unknown column %q; the header must be: %s", h, strings.Join(want, ","))
			}
		}
	}
	// One record and one pair of field readers for the whole file: fn
	// reads the fields before the next row is read, and keeps only strings.
	r.ReuseRecord = true
	var rec []string
	// A field's column, found among the few wanted names (callers ask
	// for those) without hashing the name: ~13 lookups a figure.
	wantAt := make([]int, len(want))
	for k, w := range want {
		wantAt[k] = idx[w]
	}
	column := func(name string) int {
		for k, w := range want {
			if w == name {
				return wantAt[k]
			}
		}
		return idx[name]
	}
	get := func(name string) string { return strings.TrimSpace(rec[column(name)]) }
	col := func(name string) int { _, c := r.FieldPos(column(name)); return c }
	for {
		var err error
		rec, err = r.Read()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			l.csvError(rel, err)
			// A field-count error still returns the record; anything else ends the file.
			var pe *csv.ParseError
			if errors.As(err, &pe) && errors.Is(pe.Err, csv.ErrFieldCount) {
				continue
			}
			return false
		}
		line, _ := r.FieldPos(0)
		personal := false
		for i, v := range rec {
			ln, col := r.FieldPos(i)
			personal = l.checkPersonalValue(rel, ln, col, strings.TrimSpace(header[min(i, len(header)-1)]), v) || personal // personal.go
		}
		if personal {
			continue
		}
		fn(get, line, col)
	}
	return true
}

func (l *loader) csvError(rel string, err error) {
	var pe *csv.ParseError
	if errors.As(err, &pe) {
		msg := pe.Err.Error()
		switch {
		case errors.Is(pe.Err, csv.ErrFieldCount):
			msg = "wrong number of fields (a comma inside a value needs the value in double quotes)"
		case errors.Is(pe.Err, csv.ErrQuote), errors.Is(pe.Err, csv.ErrBareQuote):
			msg = "bad quoting: a value with quotes must be wrapped in double quotes and its quotes doubled (\"\")"
		}
		l.r.addCol(rel, pe.Line, pe.Column, "", "CSV: %s", msg)
		return
	}
	l.r.add(rel, 0, "", "CSV: %v", err)
}

// loadUnits reads the two official unit lists and the crosswalk between them.
func (l *loader) loadUnits() {
	const dir = "data/units/"
	l.csvRows(dir+"units-vn-2022.csv", []string{"level", "code", "name", "type", "full_name", "parent_code"},
		func(get func(string) string, line int, _ func(string) int) {
			l.addUnit(dir+"units-vn-2022.csv", line, &model.Unit{
				Key: model.UnitKey{Code: get("code"), Era: model.Era2022}, Level: model.Level(get("level")),
				Type: get("type"), Name: get("name"), FullName: get("full_name"), Parent: get("parent_code"),
			})
		})
	l.csvRows(dir+"units-vn-2025-07.csv", []string{"level", "code", "name", "full_name", "name_en", "parent_code"},
		func(get func(string) string, line int, _ func(string) int) {
			l.addUnit(dir+"units-vn-2025-07.csv", line, &model.Unit{
				Key: model.UnitKey{Code: get("code"), Era: model.Era2025}, Level: model.Level(get("level")),
				Name: get("name"), FullName: get("full_name"), NameEn: get("name_en"), Parent: get("parent_code"),
			})
		})
	cw := dir + "crosswalk-vn-2025-07.csv"
	l.csvRows(cw, []string{"level", "old_code", "old_name", "new_code", "new_name"},
		func(get func(string) string, line int, _ func(string) int) {
			// The 2022 list predates the commune mergers of 2023–2025, so a
			// few crosswalk rows name units neither list has; they are kept
			// aside, not treated as an input error.
			old := l.ds.Units[model.UnitKey{Code: get("old_code"), Era: model.Era2022}]
			nu := get("new_code")
			if old == nil || l.ds.Units[model.UnitKey{Code: nu, Era: model.Era2025}] == nil {
				l.ds.CrosswalkGaps = append(l.ds.CrosswalkGaps, model.Pos{File: cw, Line: line})
				l.ds.CrosswalkGapRows = append(l.ds.CrosswalkGapRows, model.CrosswalkRow{Level: model.Level(get("level")),
					OldCode: get("old_code"), OldName: get("old_name"), NewCode: nu, NewName: get("new_name"), Pos: model.Pos{File: cw, Line: line}})
				return
			}
			old.Successors = append(old.Successors, nu)
			l.ds.Predecessors[nu] = append(l.ds.Predecessors[nu], old.Key.Code)
		})
}

func (l *loader) addUnit(rel string, line int, u *model.Unit) {
	switch u.Level {
	case model.Province, model.District, model.Commune:
	default:
		l.r.add(rel, line, "level", "%q is not a level: use province, district or commune", u.Level)
		return
	}
	if u.Key.Code == "" || strings.Trim(u.Key.Code, "0123456789") != "" {
		l.r.add(rel, line, "code", "%q is not a unit code (digits only)", u.Key.Code)
		return
	}
	if _, dup := l.ds.Units[u.Key]; dup {
		l.r.add(rel, line, "code", "unit code %s is listed twice", u.Key.Code)
		return
	}
	l.ds.Units[u.Key] = u
}

// codeExists reports whether code names a unit in either era.
func (l *loader) codeExists(code string) bool {
	return l.ds.Units[model.UnitKey{Code: code, Era: model.Era2022}] != nil ||
		l.ds.Units[model.UnitKey{Code: code, Era: model.Era2025}] != nil
}
