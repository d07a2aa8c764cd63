// Package load reads the site's input files (data/ and the plan documents
// under content/) and checks them, producing a model.Dataset. Every problem
// is reported with the file, the line and what is wrong, and all problems
// of a run are reported together.
package load

import (
	"fmt"
	"sort"
	"strings"
)

// Problem is one thing wrong with the input.
type Problem struct {
	File  string // relative to the site root, slash-separated
	Line  int    // 1-based; 0 when the problem is about the whole file
	Col   int    // 1-based; 0 when unknown
	Field string // column or key, where it helps
	Msg   string
}

func (p Problem) String() string {
	var b strings.Builder
	b.WriteString(p.File)
	if p.Line > 0 {
		fmt.Fprintf(&b, ":%d", p.Line)
		if p.Col > 0 {
			fmt.Fprintf(&b, ":%d", p.Col)
		}
	}
	b.WriteString(": ")
	if p.Field != "" {
		fmt.Fprintf(&b, "%s: ", p.Field)
	}
	b.WriteString(p.Msg)
	return b.String()
}

// Problems is every problem found in one run. As an error it prints one
// problem a line, sorted by file and line.
type Problems []Problem

func (ps Problems) Error() string {
	lines := make([]string, len(ps))
	for i, p := range ps {
		lines[i] = p.String()
	}
	return strings.Join(lines, "\n")
}

func (ps Problems) sorted() Problems {
	out := append(Problems(nil), ps...)
	sort.SliceStable(out, func(i, j int) bool {
		if out[i].File != out[j].File {
			return out[i].File < out[j].File
		}
		if out[i].Line != out[j].Line {
			return out[i].Line < out[j].Line
		}
		return out[i].Col < out[j].Col
	})
	return out
}

// report collects problems while loading.
type report struct{ ps Problems }

func (r *report) add(file string, line int, field, format string, args ...any) {
	r.ps = append(r.ps, Problem{File: file, Line: line, Field: field, Msg: fmt.Sprintf(format, args...)})
}

func (r *report) addCol(file string, line, col int, field, format string, args ...any) {
	r.ps = append(r.ps, Problem{File: file, Line: line, Col: col, Field: field, Msg: fmt.Sprintf(format, args...)})
}
