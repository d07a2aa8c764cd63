package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"strings"
	"time"

	"github.com/pcmt/pcmt/internal/load"
	"github.com/pcmt/pcmt/internal/model"
	"github.com/pcmt/pcmt/internal/units"
)

const unitsUsage = `usage:
  pcmt units resolve NAME [--in PARENT] [--on DATE] [--source DIR]
      print the unit NAME denotes: code, full name, period, what it became
      (or what it was made of). NAME may be a code; PARENT a code, a name
      or names from the nearest up ("Hiệp Hòa, Bắc Giang"); DATE is
      YYYY-MM-DD, YYYY-MM or YYYY (the day a figure refers to; without it
      both the list before and the list from 01/07/2025 are searched).
  pcmt units gaps [--source DIR]
      list what the crosswalk does not cover (see data/ATTRIBUTION.md)
`

// runUnits runs `pcmt units ...`; args start after "units".
func runUnits(args []string, stdout, stderr io.Writer) int {
	if len(args) == 0 || args[0] == "-h" || args[0] == "--help" || args[0] == "help" {
		fmt.Fprint(stderr, unitsUsage)
		if len(args) == 0 {
			return 2
		}
		return 0
	}
	fs := flag.NewFlagSet("pcmt units "+args[0], flag.ContinueOnError)
	fs.SetOutput(stderr)
	source := fs.String("source", ".", "the site's root `directory`")
	var in, on *string
	switch args[0] {
	case "resolve":
		in = fs.String("in", "", "the `parent` unit: code or name")
		on = fs.String("on", "", "the `date` (YYYY-MM-DD, YYYY-MM or YYYY)")
	case "gaps":
	default:
		fmt.Fprintf(stderr, "pcmt units: unknown command %q\n\n%s", args[0], unitsUsage)
		return 2
	}
	// Flags may come before or after NAME.
	var rest []string
	list := args[1:]
	for len(list) > 0 {
		if err := fs.Parse(list); err != nil {
			return 2
		}
		if fs.NArg() == 0 {
			break
		}
		rest = append(rest, fs.Arg(0))
		list = fs.Args()[1:]
	}
	ds, err := load.Load(*source)
	if err != nil {
		var ps load.Problems
		if !errors.As(err, &ps) || ds == nil || len(ds.Units) == 0 {
			return report(err, stderr)
		}
		// Problems elsewhere in the input do not stop a look-up in the unit lists.
		fmt.Fprintf(stderr, "pcmt: note: the input has %d problem(s) (run pcmt check); the unit lists loaded\n", len(ps))
	}
	switch args[0] {
	case "gaps":
		if len(rest) > 0 {
			fmt.Fprintf(stderr, "pcmt units gaps: unexpected argument %q\n", rest[0])
			return 2
		}
		printGaps(ds, stdout)
		return 0
	}
	if len(rest) == 0 {
		fmt.Fprintf(stderr, "pcmt units resolve: give a NAME\n\n%s", unitsUsage)
		return 2
	}
	var day time.Time
	if *on != "" {
		day, err = parseDay(*on)
		if err != nil {
			fmt.Fprintf(stderr, "pcmt units resolve: --on %q: %v\n", *on, err)
			return 2
		}
	}
	m, err := units.New(ds).Resolve(strings.Join(rest, " "), *in, day) // unquoted words make one name
	if err != nil {
		fmt.Fprintf(stderr, "pcmt: %v\n", err)
		return 1
	}
	printMatch(m, stdout)
	return 0
}

func printMatch(m units.Match, w io.Writer) {
	u := m.Unit
	fmt.Fprintf(w, "code:      %s\n", u.Key.Code)
	fmt.Fprintf(w, "name:      %s\n", u.FullName)
	if len(m.Ancestors) > 0 {
		fmt.Fprintf(w, "in:        %s\n", strings.TrimPrefix(m.Path(), u.FullName+", "))
	}
	fmt.Fprintf(w, "level:     %s\n", u.Level)
	fmt.Fprintf(w, "period:    %s (list %s)\n", m.Period(), u.Key.Era)
	if u.Key.Era == model.Era2022 {
		if len(m.Successors) == 0 {
			fmt.Fprintln(w, "successor: none in the crosswalk of 01/07/2025 (see pcmt units gaps)")
		}
		for i, s := range m.Successors {
			label := "successor:"
			if i > 0 {
				label = "          "
			}
			fmt.Fprintf(w, "%s %s %s\n", label, s.Key.Code, s.FullName)
		}
		if len(m.Successors) > 1 && u.Level == model.Commune {
			fmt.Fprintln(w, "           (split: its figures are never added into either)")
		}
	} else {
		for i, p := range m.Predecessors {
			label := "made of:  "
			if i > 0 {
				label = "          "
			}
			fmt.Fprintf(w, "%s %s %s\n", label, p.Key.Code, p.FullName)
		}
	}
	if m.Note != "" {
		fmt.Fprintf(w, "note:      %s\n", m.Note)
	}
}

func printGaps(ds *model.Dataset, w io.Writer) {
	g := units.CrosswalkCoverage(ds)
	fmt.Fprintf(w, "crosswalk rows naming a unit absent from a list: %d\n", len(ds.CrosswalkGapRows))
	for _, r := range ds.CrosswalkGapRows {
		fmt.Fprintf(w, "  %s: %s %s -> %s %s\n", r.Pos, r.OldCode, r.OldName, r.NewCode, r.NewName)
	}
	fmt.Fprintf(w, "communes of the 2022 list with no successor: %d (of %d)\n", len(g.OrphanOld), g.OldCommunes)
	for _, u := range g.OrphanOld {
		fmt.Fprintf(w, "  %s %s (%s)\n", u.Key.Code, u.FullName, u.Parent)
	}
	fmt.Fprintf(w, "units of the 2025 list with no predecessor: %d (of %d)\n", len(g.OrphanNew), g.NewUnits)
	for _, u := range g.OrphanNew {
		fmt.Fprintf(w, "  %s %s\n", u.Key.Code, u.FullName)
	}
}

func parseDay(s string) (time.Time, error) {
	for _, layout := range []string{"2006-01-02", "2006-01", "2006", "02/01/2006", "2/1/2006"} {
		if t, err := time.Parse(layout, s); err == nil {
			return t, nil
		}
	}
	return time.Time{}, fmt.Errorf("not a date: use YYYY-MM-DD, YYYY-MM, YYYY or DD/MM/YYYY")
}
