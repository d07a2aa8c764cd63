package jsontext

import (
	"bytes"
	"encoding/json"
	"math"
	"strings"
	"testing"
)

// AppendString and AppendFloat write strings and numbers byte for byte
// as encoding/json (SetEscapeHTML(false)) does.
func TestMatchesEncodingJSON(t *testing.T) {
	marshal := func(v any) string {
		var b bytes.Buffer
		enc := json.NewEncoder(&b)
		enc.SetEscapeHTML(false)
		if err := enc.Encode(v); err != nil {
			t.Fatal(err)
		}
		return string(bytes.TrimSuffix(b.Bytes(), []byte("\n")))
	}
	for _, s := range []string{"", "Huyện Sơn Dương (Tỉnh Tuyên Quang)", `“Tuyên Quang” "quoted" \ back`, "tab\tnew\nline\rcr\bbs\fff\x00\x01\x1f\x7f",
		"<b>&amp;</b>", "bad \xff utf-8 \xe1\xba", "line\u2028para\u2029end", "😀 đ Đ", "\u2027\u202a\u2028", "\xe2\x80", "end\xe2", "đ\xe1\xbb", "\\u2028"} {
		if got, want := string(AppendString(nil, s)), marshal(s); got != want {
			t.Errorf("string %q: %s, encoding/json %s", s, got, want)
		}
	}
	// Each byte that is escaped, or starts a character, at each place of
	// runs of ASCII read eight bytes at a time.
	for _, c := range []string{"\"", "\\", "\x00", "\x1f", "\x7f", " ", "~", "đ", "\xff", "\u2028", "\xe2\x80"} {
		for n := range 18 {
			for _, s := range []string{strings.Repeat("a", n) + c + strings.Repeat("b", 17-n), strings.Repeat("a", n) + c} {
				if got, want := string(AppendString(nil, s)), marshal(s); got != want {
					t.Errorf("string %q: %s, encoding/json %s", s, got, want)
				}
			}
		}
	}
	for _, f := range []float64{0, 1, -1, 268, 1100, 80.5, 100.0 / 3, 1e-7, 1e21, 123456789012, 1e20, -2.5e-9, math.SmallestNonzeroFloat64} {
		if got, want := string(AppendFloat(nil, f)), marshal(f); got != want {
			t.Errorf("number %v: %s, encoding/json %s", f, got, want)
		}
	}
}

func FuzzAppendString(f *testing.F) {
	for _, s := range []string{"", "Huyện Sơn Dương", `"q" \ b`, "\x00\x1f\x7f\t\n", "bad \xff \xe2\x80", "\u2028\u2029 \xe2\x80\xa8",
		"<&>", "😀", "\xe2\x80\xa9x\xe2\x80\xa7"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		var b bytes.Buffer
		enc := json.NewEncoder(&b)
		enc.SetEscapeHTML(false)
		if err := enc.Encode(s); err != nil {
			t.Fatal(err)
		}
		if got, want := string(AppendString(nil, s)), strings.TrimSuffix(b.String(), "\n"); got != want {
			t.Errorf("%q: %s, encoding/json %s", s, got, want)
		}
	})
}

func BenchmarkAppendString(b *testing.B) {
	ins := []string{"f-cai-nghien-bat-buoc-tiep-nhan-moi-2021-target", "Dữ liệu giả lập: 2122 người", "2.122 người", "/don-vi/00001-phuc-xa-truoc-2025/#f-x-2021-result", "gia-lap-2021-01-ha-noi"}
	var buf []byte
	for b.Loop() {
		for _, s := range ins {
			buf = AppendString(buf[:0], s)
		}
	}
}
