package load

import (
	"testing"
	"unsafe"
)

// A kept figure's ids are its catalogue entries' own strings, not slices
// of the CSV line it was read from, which would keep the line alive with
// it for the whole build.
func TestFiguresKeepNoPartOfTheirRow(t *testing.T) {
	ds, err := Load("../..")
	if err != nil {
		t.Fatal(err)
	}
	if len(ds.Figures) == 0 {
		t.Fatal("no figures")
	}
	same := func(a, b string) bool { return unsafe.StringData(a) == unsafe.StringData(b) }
	for _, f := range ds.Figures {
		if !same(f.Indicator, ds.Indicators[f.Indicator].ID) || !same(f.Source, ds.Sources[f.Source].ID) {
			t.Fatalf("%s: the figure's indicator or source id is its row's text, not the catalogue's", f.Pos)
		}
		if f.Place == "" && !same(f.Unit.Code, ds.Units[f.Unit].Key.Code) {
			t.Fatalf("%s: the figure's unit code is its row's text, not the unit list's", f.Pos)
		}
	}
}
