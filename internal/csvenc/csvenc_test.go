package csvenc

import (
	"bytes"
	"encoding/csv"
	"errors"
	"strings"
	"testing"
)

// stdlib is what encoding/csv writes for the records (Comma ',', UseCRLF).
func stdlib(t testing.TB, records ...[]string) string {
	var b bytes.Buffer
	w := csv.NewWriter(&b)
	w.UseCRLF = true
	for _, r := range records {
		if err := w.Write(r); err != nil {
			t.Fatal(err)
		}
	}
	w.Flush()
	return b.String()
}

var tricky = []string{"", "986", "80.5", "-0.25", "1e+21", "dưới 5 người", "Huyện Sơn Dương (Tỉnh Tuyên Quang)",
	`“Tuyên Quang” "quoted"`, `"`, `""`, "a,b", ",", "line\nbreak", "cr\rlf", "crlf\r\nend", "\r", "\n", "\r\n",
	" leading space", "\tleading tab", "\u00a0nbsp first", "\u3000ideographic space", "\u2028line sep", "trailing space ",
	`\.`, `\.x`, `x\.`, "\x85next line", "\u0085NEL", "bad \xff utf-8", "\xe1\xba", "\xff", "😀 đ Đ", "Báo LĐXH, 15/03/2023",
	"/don-vi/00001-phuc-xa-truoc-2025/#f-ty-le-2021-target", "false", "true", "=1+1", "a\"b\nc,d\re",
	// A special byte at each place of the eight bytes needsQuotes reads at once, and after them.
	"abcdefg,", "abcdefgh,", "abcdefghijklmno\n", "abcdefghijklmnop\r", "abcdefghijklmnopq\"", "Phường,Ba Đình xã", "Đình xã\r"}

// Each field, and records of them, come out byte for byte as encoding/csv
// writes them, through AppendField, AppendRecord and the Writer.
func TestMatchesEncodingCSV(t *testing.T) {
	for _, s := range tricky {
		if got, want := string(AppendRecord(nil, []string{s})), stdlib(t, []string{s}); got != want {
			t.Errorf("field %q: %q, encoding/csv %q", s, got, want)
		}
		if got, want := string(AppendField(nil, []byte(s))), strings.TrimSuffix(stdlib(t, []string{s}), "\r\n"); got != want {
			t.Errorf("field %q as bytes: %q, encoding/csv %q", s, got, want)
		}
	}
	records := [][]string{tricky, {"a"}, {"", ""}, {" x", "y\n", `z"`}, tricky[3:9]}
	want := stdlib(t, records...)
	if got := string(appendAll(records)); got != want {
		t.Errorf("records:\n%q\nencoding/csv:\n%q", got, want)
	}
	var b bytes.Buffer
	w := NewWriter(&b)
	for i, r := range records {
		switch i % 3 {
		case 0:
			w.Record(r)
		case 1:
			for _, f := range r {
				w.FieldBytes([]byte(f))
			}
			w.End()
		default:
			w.Encoded(AppendField(nil, r[0]))
			for _, f := range r[1:] {
				w.Field(f)
			}
			w.End()
		}
	}
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	if b.String() != want {
		t.Errorf("Writer:\n%q\nencoding/csv:\n%q", b.String(), want)
	}
}

func appendAll(records [][]string) []byte {
	var b []byte
	for _, r := range records {
		b = AppendRecord(b, r)
	}
	return b
}

// A Writer writes more than its buffer in pieces, all of it, and says
// when the file could not be written.
func TestWriterLargeAndErrors(t *testing.T) {
	var records [][]string
	for i := range 5000 {
		records = append(records, []string{strings.Repeat("x", i%97), tricky[i%len(tricky)], "Tỷ lệ người nghiện"})
	}
	var b bytes.Buffer
	w := NewWriter(&b)
	for _, r := range records {
		w.Record(r)
	}
	if err := w.Flush(); err != nil {
		t.Fatal(err)
	}
	if want := stdlib(t, records...); b.String() != want {
		t.Errorf("large output differs from encoding/csv (%d bytes, want %d)", b.Len(), len(want))
	}
	w.Close()
	w = NewWriter(failing{})
	for _, r := range records {
		w.Record(r)
	}
	if err := w.Close(); err == nil {
		t.Error("no error from a writer that fails")
	}
	// A buffer given back is not written again by the Writer that had it.
	w2 := NewWriter(&b)
	w2.Record([]string{"x"})
	w.Record([]string{"y"})
	if err := w.Flush(); err == nil {
		t.Error("a closed Writer writes")
	}
	w2.Close()
}

type failing struct{}

func (failing) Write([]byte) (int, error) { return 0, errors.New("disk full") }

func FuzzAppendField(f *testing.F) {
	for _, s := range tricky {
		f.Add(s, "x")
	}
	f.Fuzz(func(t *testing.T, a, b string) {
		if got, want := string(AppendRecord(nil, []string{a, b})), stdlib(t, []string{a, b}); got != want {
			t.Errorf("fields %q, %q: %q, encoding/csv %q", a, b, got, want)
		}
	})
}

func BenchmarkNeedsQuotes(b *testing.B) {
	cells := []string{"Phường Ba Đình", "[Dữ liệu giả lập] Báo cáo chỉ tiêu và kết quả năm 2021 — Tỉnh Hà Nam",
		"/don-vi/13594-tran-hung-dao-truoc-2025/#f-ty-le-nguoi-nghien-duoc-lap-ho-so-2021-target", "Dữ liệu giả lập: 96%", "96"}
	for b.Loop() {
		for _, c := range cells {
			if needsQuotes(c) {
				b.Fatal(c)
			}
		}
	}
}
