package datapackage

import (
	"bytes"
	"encoding/csv"
	"io"
	"net/url"
	"os"
	"strconv"
	"strings"
	"testing"

	"github.com/pcmt/pcmt/internal/derive"
	"github.com/pcmt/pcmt/internal/load"
)

// A table is written byte for byte as encoding/csv writes it (BOM, CRLF),
// its site links made absolute as Resolve makes them, on a base where the
// links are joined as they are and on one where they are resolved.
func TestTableMatchesEncodingCSV(t *testing.T) {
	tbl := derive.DataTable{Name: "t", Fields: []derive.DataField{{Name: "id"}, {Name: "text"}, {Name: "page", SiteURL: true}, {Name: "n"}}}
	tbl.Rows = [][]string{
		{"a", "Tuyên Quang, “trích” \"dẫn\"", "/don-vi/08-tuyen-quang/#f-x", "986"},
		{"b", "dòng\nmới\r\nvà CR\r", "", ""},
		{"c", " khoảng trắng đầu", "/nguon/có dấu/", "80.5"},
		{"d", `\.`, "/a/../b", "-1"},
		{"e", "\u00a0", "https://other.example/x", "2.1250"},
	}
	for _, b := range []string{"https://pcmt.invalid/", "https://example.org/sub/"} {
		u, _ := url.Parse(b)
		got, err := CSV(tbl, u)
		if err != nil {
			t.Fatal(err)
		}
		want := encodingCSV(t, tbl, u)
		if !bytes.Equal(got, want) {
			t.Errorf("base %s:\n%q\nencoding/csv:\n%q", b, got, want)
		}
	}
}

// BenchmarkTables encodes every table of the package of the repository's
// data, or of the site in $PCMT_BENCH_SOURCE, to nowhere: the CSV
// encoding only, without files, hashes or the ZIP.
func BenchmarkTables(b *testing.B) {
	s := benchSite(b)
	var n int64
	for b.Loop() {
		n = 0
		for _, t := range resources(s.Publication) {
			c := &counter{w: io.Discard}
			if err := writeTable(c, t, base); err != nil {
				b.Fatal(err)
			}
			n += int64(c.n)
		}
	}
	b.ReportMetric(float64(n), "bytes")
}

// refPlainPath is plainPath as it was before its bytes were looked up in
// a table.
func refPlainPath(s string) bool {
	if len(s) == 0 || s[0] != '/' || strings.HasPrefix(s, "//") || strings.Contains(s, "/.") {
		return false
	}
	hash := false
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c >= 'a' && c <= 'z', c >= 'A' && c <= 'Z', c >= '0' && c <= '9', c == '-', c == '_', c == '~', c == '/':
		case c == '.' && i > 0 && s[i-1] != '/':
		case c == '#' && !hash:
			hash = true
		default:
			return false
		}
	}
	return true
}

func TestPlainPathAsBefore(t *testing.T) {
	cases := []string{"", "/", "//x", "/a/./b", "/a/../b", "/a.b/c", "/don-vi/08-tuyen-quang/#f-x", "/a#b#c", "/a b", "/có", "/a?x", "/A_Z~9", "x/a", "/a,b", "/a\"b", "/a\nb", "/.", "/a.", "/#", "/a%20"}
	for c := range 256 { // every byte after a path
		cases = append(cases, "/a"+string(rune(c)), "/a"+string([]byte{byte(c)})+"b")
	}
	for _, s := range cases {
		if got, want := plainPath(s), refPlainPath(s); got != want {
			t.Errorf("plainPath(%q) = %v, before %v", s, got, want)
		}
	}
}

// A table whose links are written as they are (base of scheme and host)
// and one whose base has to be quoted in CSV: the same bytes as
// encoding/csv writes of the resolved links.
func TestLinksQuotedAsEncodingCSV(t *testing.T) {
	tbl := derive.DataTable{Name: "t", Fields: []derive.DataField{{Name: "page", SiteURL: true}, {Name: "unit"}}}
	for i := range 200 { // long enough for a column to stop being cached
		tbl.Rows = append(tbl.Rows, []string{"/don-vi/x/#f-" + strconv.Itoa(i), []string{"Xã A", "Xã \"B\"", "Xã A"}[i%3] + strconv.Itoa(i/7)})
	}
	for _, b := range []string{"https://pcmt.invalid/", "https://a,b.example/"} {
		u, err := url.Parse(b)
		if err != nil {
			t.Fatal(err)
		}
		got, err := CSV(tbl, u)
		if err != nil {
			t.Fatal(err)
		}
		want := encodingCSV(t, tbl, u)
		if !bytes.Equal(got, want) {
			t.Errorf("base %s:\n%.500q\nencoding/csv:\n%.500q", b, got, want)
		}
	}
}

// encodingCSV is tbl as encoding/csv writes it after a BOM, with CRLF, the
// site links (fields with SiteURL, when not empty) resolved against base.
func encodingCSV(t *testing.T, tbl derive.DataTable, base *url.URL) []byte {
	t.Helper()
	var out bytes.Buffer
	out.Write(bom)
	w := csv.NewWriter(&out)
	w.UseCRLF = true
	header := make([]string, len(tbl.Fields))
	for i, f := range tbl.Fields {
		header[i] = f.Name
	}
	_ = w.Write(header)
	for _, r := range tbl.Rows {
		r = append([]string(nil), r...)
		for i, f := range tbl.Fields {
			if f.SiteURL && r[i] != "" {
				var err error
				if r[i], err = Resolve(base, r[i]); err != nil {
					t.Fatal(err)
				}
			}
		}
		_ = w.Write(r)
	}
	w.Flush()
	return out.Bytes()
}

// benchSite is the derived site of the repository's data, or of the site
// in $PCMT_BENCH_SOURCE (e.g. one province of `pcmt synth`).
func benchSite(b *testing.B) *derive.Site {
	b.Helper()
	src := os.Getenv("PCMT_BENCH_SOURCE")
	if src == "" {
		src = repo
	}
	ds, err := load.Load(src)
	if err != nil {
		b.Fatal(err)
	}
	s, err := derive.Build(ds)
	if err != nil {
		b.Fatal(err)
	}
	return s
}
