package derive

import (
	"bytes"
	"math"
	"testing"

	"github.com/pcmt/pcmt/internal/model"
)

// trickyDataset is the repository's data with texts and numbers the
// encoders must quote and format as before: quotes, commas, line breaks,
// U+2028, a leading space, invalid UTF-8 in evidence, notes, names,
// words counted and titles; halves, thousands, tiny and huge values,
// negative zero, fractions and qualifiers; and runs of rows whose
// indicator, period, kind, place or source changes from row to row.
func trickyDataset(t *testing.T) *model.Dataset {
	ds, _ := defaultSiteSettings(t)
	texts := []string{`"trích" dẫn, có dấu phẩy`, "dòng\nmới\r\nvà CR\r", " khoảng trắng đầu", "\u2028tách\u2029", "sai \xff\xc3 mã", `\.`, "tab\tvà \\ gạch", "\u00a0nbsp", ""}
	values := []float64{2.125, 1234567, 1100, 80.5, 0.125, 100.0 / 3, 1e21, 1e-7, math.Copysign(0, -1), 999.999, -12, 1e15, 123456789012, 0.005}
	quals := []model.Qualifier{"", model.GT, model.GE, model.Approx, model.LT, model.LE}
	for _, in := range ds.Indicators {
		in.Counted += `, "đơn vị"`
		in.Name += "\n" + texts[len(in.ID)%len(texts)]
		break
	}
	for _, src := range ds.Sources {
		src.Title += ` "tựa", ` + texts[len(src.ID)%len(texts)]
	}
	for _, pl := range ds.Places {
		pl.Name += `, "nơi"` + "\n"
	}
	for i, f := range ds.Figures {
		f.Evidence = texts[i%len(texts)] + f.Evidence
		f.Note = texts[(i/3)%len(texts)]
		f.Qualifier = quals[(i/2)%len(quals)]
		if f.Value != nil && f.Numerator == nil {
			v := values[i%len(values)]
			f.Value = &v
		}
	}
	return ds
}

// TestUnitDownloadsMatchReference: every unit page's JSON download is
// byte for byte what the encoder wrote before its rows were made of
// shared parts (refWriteUnitJSON), and its CSV what encoding/csv writes
// of its rows, on the repository's data and on tricky texts and numbers,
// with and without figures withheld.
func TestUnitDownloadsMatchReference(t *testing.T) {
	_, settings := defaultSiteSettings(t)
	for _, data := range []string{"default", "tricky"} {
		for name, cfg := range settings {
			t.Run(data+"/"+name, func(t *testing.T) {
				ds, _ := defaultSiteSettings(t)
				if data == "tricky" {
					ds = trickyDataset(t)
				}
				s, err := Build(ds, cfg)
				if err != nil {
					t.Fatal(err)
				}
				units := 0
				for i := range s.Units {
					files := s.UnitPage(i).Files
					if len(files) == 0 || files[0].unit == nil {
						continue
					}
					u, path, jsonPath := files[0].unit, files[0].Path, files[1].Path
					units++
					var got, want, gotCSV bytes.Buffer
					var rows []DataRow
					m := rowMaker{d: u.d}
					if err := u.d.writeUnitFiles(&gotCSV, &got, u.title, u.page, u.updated, u.figs); err != nil {
						t.Fatal(err)
					}
					if err := u.d.refWriteUnitJSON(&want, u.title, u.page, u.updated, u.figs, func(f *model.Figure, r FigureRow) { rows = append(rows, m.rowOf(f, &r)) }); err != nil {
						t.Fatal(err)
					}
					if at := diffAt(got.Bytes(), want.Bytes()); got.String() != want.String() {
						t.Errorf("%s: JSON download differs from the reference at byte %d:\n%.400q\nreference:\n%.400q", jsonPath, at, got.Bytes()[max(0, at-100):], want.Bytes()[max(0, at-100):])
					}
					if wantCSV := referenceDataCSV(t, rows); gotCSV.String() != wantCSV {
						at := diffAt(gotCSV.Bytes(), []byte(wantCSV))
						t.Errorf("%s: CSV download differs from encoding/csv at byte %d:\n%.400q\nencoding/csv:\n%.400q", path, at, gotCSV.Bytes()[max(0, at-100):], wantCSV[max(0, at-100):])
					}
				}
				if units == 0 {
					t.Fatal("no unit page has downloads: the test checks nothing")
				}
			})
		}
	}
}

func diffAt(a, b []byte) int {
	for i := range min(len(a), len(b)) {
		if a[i] != b[i] {
			return i
		}
	}
	return min(len(a), len(b))
}

func TestAppendValueENMatchesValueEN(t *testing.T) {
	inds := []*model.Indicator{{Measure: model.Count, Counted: "người"}, {Measure: model.Count, Counted: `"lạ", từ`}, {Measure: model.Percent}, {Measure: model.Fraction, Counted: "xã"}}
	vals := []float64{0, 1, -1, 986, 1100, 80.5, 2.125, -2.125, 1.005, 12.345, 1234567, -1234567, 999999.995, 1e15, 1e15 - 1, 1e21, 1e-7, 100.0 / 3,
		math.Copysign(0, -1), math.Inf(1), math.NaN(), 1 << 53, 123456789012345}
	var figs []*model.Figure
	for _, v := range vals {
		for _, q := range []model.Qualifier{"", model.GT, model.Approx} {
			figs = append(figs, &model.Figure{Value: fp(v), Qualifier: q})
		}
		figs = append(figs, &model.Figure{Numerator: fp(v), Denominator: fp(31)}, &model.Figure{Numerator: fp(3), Denominator: fp(v)})
	}
	figs = append(figs, &model.Figure{}, &model.Figure{Withheld: "dưới 5"}, &model.Figure{Withheld: "ẩn"}, &model.Figure{Value: fp(3), Withheld: "dưới 10"})
	for _, in := range inds {
		for _, f := range figs {
			if got, want := string(appendValueEN([]byte("x"), f, in)), "x"+valueEN(f, in); got != want {
				t.Errorf("%+v of %+v: %q, valueEN %q", f, in, got, want)
			}
		}
	}
}
