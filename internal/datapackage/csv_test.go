package datapackage

import (
	"bytes"
	"encoding/csv"
	"net/url"
	"testing"

	"github.com/pcmt/pcmt/internal/derive"
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
		var want bytes.Buffer
		want.Write(bom)
		w := csv.NewWriter(&want)
		w.UseCRLF = true
		_ = w.Write([]string{"id", "text", "page", "n"})
		for _, r := range tbl.Rows {
			r = append([]string(nil), r...)
			if r[2] != "" {
				if r[2], err = Resolve(u, r[2]); err != nil {
					t.Fatal(err)
				}
			}
			_ = w.Write(r)
		}
		w.Flush()
		if !bytes.Equal(got, want.Bytes()) {
			t.Errorf("base %s:\n%q\nencoding/csv:\n%q", b, got, want.Bytes())
		}
	}
}
