package derive

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"math"
	"os"
	"strconv"
	"strings"
	"testing"

	"github.com/pcmt/pcmt/internal/load"
	"github.com/pcmt/pcmt/internal/vntext"
)

// The downloads as encoding/csv and encoding/json wrote them before their
// encoders were written by hand: the reference the encoders must match
// byte for byte.
func referenceDataCSV(t testing.TB, rows []DataRow) string {
	var b bytes.Buffer
	b.WriteString("\uFEFF")
	cw := csv.NewWriter(&b)
	cw.UseCRLF = true
	_ = cw.Write(dataColumns)
	for _, r := range rows {
		_ = cw.Write([]string{r.UnitCode, r.UnitEra, r.UnitName, r.PlaceID, r.PlaceName, r.IndicatorID, r.IndicatorName,
			r.Period, r.PeriodLabel, r.Kind, r.KindLabel, plainNumber(r.Value), r.Qualifier, plainNumber(r.Numerator), plainNumber(r.Denominator),
			r.Counted, r.ValueText, strconv.FormatBool(r.Suppressed), r.SourceID, r.SourceTitle, r.SourcePublisher, r.SourceDate,
			r.Evidence, r.Note, r.LastChanged, r.Permalink})
	}
	cw.Flush()
	if err := cw.Error(); err != nil {
		t.Fatal(err)
	}
	return b.String()
}

func referenceDataJSON(t testing.TB, title, caption, page, updated string, rows []DataRow) string {
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	if rows == nil {
		rows = []DataRow{}
	}
	if err := enc.Encode(dataFile{Title: title, Caption: caption, Page: page, Updated: updated, Note: dataNote, Rows: rows}); err != nil {
		t.Fatal(err)
	}
	return b.String()
}

func fp(v float64) *float64 { return &v }

// trickyRows: quotes, commas, line breaks, leading spaces, withheld rows
// ("dưới 5"), fractions, empty and odd values, and runs of rows that share
// a unit, indicator or source and rows that share all but one cell of them.
func trickyRows() []DataRow {
	base := DataRow{UnitCode: "072", UnitEra: "2022", UnitName: "Huyện Na Hang", IndicatorID: "nguoi-nghien-co-ho-so",
		IndicatorName: "Người nghiện có hồ sơ quản lý", Period: "2022-12-31", PeriodLabel: "Tính đến 31/12/2022", Kind: "baseline",
		KindLabel: "Số liệu nền", Value: fp(986), Counted: "người", ValueText: "986 người", SourceID: "ldxh-2023-03-15-tuyen-quang",
		SourceTitle: `Tuyên Quang hỗ trợ "người sau cai", tái hòa nhập`, SourcePublisher: "Báo điện tử Lao động và Xã hội (LĐXH)",
		SourceDate: "2023-03-15", Evidence: "Toàn tỉnh có 986 người nghiện,\ncó hồ sơ quản lý.", Permalink: "/don-vi/072-na-hang/#f-x"}
	var rows []DataRow
	add := func(f func(r *DataRow)) {
		r := base
		f(&r)
		rows = append(rows, r)
	}
	add(func(r *DataRow) {})
	add(func(r *DataRow) { r.Value, r.Suppressed, r.ValueText, r.Evidence = nil, true, "dưới 5 người", "" })
	add(func(r *DataRow) {
		r.Value, r.Numerator, r.Denominator, r.ValueText, r.Counted = fp(100.0/3), fp(1), fp(3), "1/3 xã (33,3%)", "%"
	})
	add(func(r *DataRow) { r.Value, r.Qualifier, r.ValueText = fp(80.5), "gt", "trên 80,5%" })
	add(func(r *DataRow) { r.Value, r.ValueText = fp(2.125), "2,125" })
	add(func(r *DataRow) { r.Value, r.ValueText = fp(-0.5), "-0,5" })
	add(func(r *DataRow) { r.Value, r.ValueText = fp(1e21), "big" })
	add(func(r *DataRow) { r.Value, r.ValueText = fp(1e-7), "small" })
	add(func(r *DataRow) {
		r.Value, r.Note, r.ValueText = nil, "Văn bản để trống số người", "chưa có số liệu"
	})
	add(func(r *DataRow) { r.UnitName = " Huyện Na Hang" }) // same code, another name
	add(func(r *DataRow) { r.UnitEra = "2025" })
	add(func(r *DataRow) { r.PlaceID, r.PlaceName = "tuyen-quang-trai-tam", "Trại tạm, tạm giữ" })
	add(func(r *DataRow) { r.IndicatorName = "Người nghiện\r\ncó hồ sơ" })
	add(func(r *DataRow) { r.SourcePublisher = "" })
	add(func(r *DataRow) { r.SourceDate = "2023-03" })
	add(func(r *DataRow) { r.SourceTitle = "\tTab đầu" })
	add(func(r *DataRow) { r.SourceID = "khac" })
	add(func(r *DataRow) { r.Note, r.LastChanged = `\.`, "2027-02-03" })
	add(func(r *DataRow) { r.Evidence = "<b>&amp;</b> \u2028 \x01 bad \xff" })
	add(func(r *DataRow) { r.Evidence = "\u00a0khoảng trắng" })
	add(func(r *DataRow) {})
	return rows
}

func TestDataDownloadsMatchEncodingPackages(t *testing.T) {
	for name, rows := range map[string][]DataRow{"tricky": trickyRows(), "none": nil, "one": trickyRows()[1:2]} {
		var b bytes.Buffer
		if err := writeDataCSV(&b, rows); err != nil {
			t.Fatal(err)
		}
		if want := referenceDataCSV(t, rows); b.String() != want {
			t.Errorf("%s: CSV\n%q\nencoding/csv:\n%q", name, b.String(), want)
		}
		for _, head := range [][4]string{{"Số người", "Bảng: “số người”", "/don-vi/08/", "2027-02-03"}, {"", "", "", ""}} {
			b.Reset()
			if err := writeDataJSON(&b, head[0], head[1], head[2], head[3], rows); err != nil {
				t.Fatal(err)
			}
			if want := referenceDataJSON(t, head[0], head[1], head[2], head[3], rows); b.String() != want {
				t.Errorf("%s: JSON\n%s\nencoding/json:\n%s", name, b.String(), want)
			}
		}
	}
}

func TestAppendPlainMatchesFormatPlain(t *testing.T) {
	for _, v := range []float64{0, 1, -1, 986, 1100, 80.5, 2.125, -2.125, 0.125, 12.125, 123.125, 1234.125, 100.0 / 3, 1e21, 1e-7,
		math.Inf(1), math.Inf(-1), math.NaN(), math.Copysign(0, -1), 999.999, 1.5e300} {
		if got, want := string(appendPlain([]byte("x"), v)), "x"+vntext.FormatPlain(v); got != want {
			t.Errorf("%v: %s, FormatPlain %s", v, got, want)
		}
	}
}

// On the default site, with and without figures withheld, every
// download CSV is what encoding/csv writes of the rows it holds, and every
// chart's JSON what encoding/json writes of them.
func TestDownloadsOfDefaultSite(t *testing.T) {
	ds, settings := defaultSiteSettings(t)
	for name, cfg := range settings {
		t.Run(name, func(t *testing.T) {
			s, err := Build(ds, cfg)
			if err != nil {
				t.Fatal(err)
			}
			var csvs, jsons, suppressed int
			for _, f := range allFiles(s) {
				if !strings.HasPrefix(f.Path, DownloadDir+"/") {
					continue
				}
				var b bytes.Buffer
				if err := f.Write(&b); err != nil {
					t.Fatal(err)
				}
				switch {
				case strings.HasSuffix(f.Path, ".csv"):
					csvs++
					rows := readDataCSV(t, f.Path, b.Bytes())
					for _, r := range rows {
						if r.Suppressed {
							suppressed++
						}
					}
					if want := referenceDataCSV(t, rows); b.String() != want {
						t.Errorf("%s: CSV differs from encoding/csv's:\n%q\n%q", f.Path, b.String(), want)
					}
				case strings.HasPrefix(f.Path, DownloadDir+"/bieu-do/"):
					jsons++
					var got dataFile
					if err := json.Unmarshal(b.Bytes(), &got); err != nil {
						t.Fatalf("%s: %v", f.Path, err)
					}
					if want := referenceDataJSON(t, got.Title, got.Caption, got.Page, got.Updated, got.Rows); b.String() != want {
						t.Errorf("%s: JSON differs from encoding/json's", f.Path)
					}
				}
			}
			if csvs == 0 || jsons == 0 || (name != "default" && suppressed == 0) {
				t.Errorf("%d CSV files, %d chart JSON files, %d withheld rows: the test checks nothing", csvs, jsons, suppressed)
			}
		})
	}
}

// TestFilesWithTheNext: a unit page's CSV and JSON written in one pass
// (File.With, as sitegen writes them) are the same bytes as each written
// alone, with and without figures withheld.
func TestFilesWithTheNext(t *testing.T) {
	ds, settings := defaultSiteSettings(t)
	for name, cfg := range settings {
		t.Run(name, func(t *testing.T) {
			s, err := Build(ds, cfg)
			if err != nil {
				t.Fatal(err)
			}
			pairs := 0
			for i := range s.Units {
				files := s.UnitPage(i).Files
				for j, f := range files {
					if f.With == nil {
						continue
					}
					if j+1 >= len(files) {
						t.Fatalf("%s: With and no next file", f.Path)
					}
					pairs++
					next := files[j+1]
					var a, b, wantA, wantB bytes.Buffer
					if err := f.With(&a, &b); err != nil {
						t.Fatal(err)
					}
					if err := f.Write(&wantA); err != nil {
						t.Fatal(err)
					}
					if err := next.Write(&wantB); err != nil {
						t.Fatal(err)
					}
					if a.String() != wantA.String() || a.Len() == 0 {
						t.Errorf("%s: written With the next:\n%.300q\nalone:\n%.300q", f.Path, a.String(), wantA.String())
					}
					if b.String() != wantB.String() || b.Len() == 0 {
						t.Errorf("%s: written With the one before:\n%.300q\nalone:\n%.300q", next.Path, b.String(), wantB.String())
					}
				}
			}
			if pairs == 0 {
				t.Error("no unit page writes its files in one pass: the test checks nothing")
			}
		})
	}
}

// allFiles are the files of s and of its unit pages.
func allFiles(s *Site) []File {
	files := append([]File(nil), s.Files...)
	for i := range s.Units {
		files = append(files, s.UnitPage(i).Files...)
	}
	return files
}

// readDataCSV reads a download CSV back into its rows.
func readDataCSV(t *testing.T, path string, b []byte) []DataRow {
	r := csv.NewReader(bytes.NewReader(bytes.TrimPrefix(b, []byte("\uFEFF"))))
	recs, err := r.ReadAll()
	if err != nil {
		t.Fatalf("%s: %v", path, err)
	}
	if strings.Join(recs[0], ",") != strings.Join(dataColumns, ",") {
		t.Fatalf("%s: header %q", path, recs[0])
	}
	num := func(s string) *float64 {
		if s == "" {
			return nil
		}
		v, err := strconv.ParseFloat(s, 64)
		if err != nil {
			t.Fatalf("%s: %v", path, err)
		}
		return &v
	}
	var rows []DataRow
	for _, c := range recs[1:] {
		rows = append(rows, DataRow{UnitCode: c[0], UnitEra: c[1], UnitName: c[2], PlaceID: c[3], PlaceName: c[4], IndicatorID: c[5],
			IndicatorName: c[6], Period: c[7], PeriodLabel: c[8], Kind: c[9], KindLabel: c[10], Value: num(c[11]), Qualifier: c[12],
			Numerator: num(c[13]), Denominator: num(c[14]), Counted: c[15], ValueText: c[16], Suppressed: c[17] == "true", SourceID: c[18],
			SourceTitle: c[19], SourcePublisher: c[20], SourceDate: c[21], Evidence: c[22], Note: c[23], LastChanged: c[24], Permalink: c[25]})
	}
	return rows
}

// BenchmarkDownloads writes every download (unit and chart CSV and JSON)
// of the site in $PCMT_BENCH_SOURCE (e.g. one province of `pcmt synth`),
// else of the repository's data, to nowhere: their encoding only.
func BenchmarkDownloads(b *testing.B) {
	src := os.Getenv("PCMT_BENCH_SOURCE")
	if src == "" {
		src = "../.."
	}
	ds, err := load.Load(src)
	if err != nil {
		b.Fatal(err)
	}
	s, err := Build(ds)
	if err != nil {
		b.Fatal(err)
	}
	files := allFiles(s) // the unit pages' views made first: not what is measured
	var n int64
	for b.Loop() {
		n = 0
		for i := 0; i < len(files); i++ {
			f, c := files[i], &countingWriter{}
			var err error
			if f.With != nil && i+1 < len(files) { // as sitegen writes them
				err = f.With(c, c)
				i++
			} else {
				err = f.Write(c)
			}
			if err != nil {
				b.Fatal(err)
			}
			n += c.n
		}
	}
	b.ReportMetric(float64(n), "bytes")
}

type countingWriter struct{ n int64 }

func (c *countingWriter) Write(p []byte) (int, error) { c.n += int64(len(p)); return len(p), nil }
