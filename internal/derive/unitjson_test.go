package derive

import (
	"bytes"
	"encoding/json"
	"math"
	"testing"
)

// The unit download's encoder writes strings and numbers byte for byte as
// encoding/json (SetEscapeHTML(false)) does.
func TestUnitJSONEncoderMatchesEncodingJSON(t *testing.T) {
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
		"<b>&amp;</b>", "bad \xff utf-8 \xe1\xba", "line\u2028para\u2029end", "😀 đ Đ"} {
		if got, want := string(appendJSONString(nil, s)), marshal(s); got != want {
			t.Errorf("string %q: %s, encoding/json %s", s, got, want)
		}
	}
	for _, f := range []float64{0, 1, -1, 268, 1100, 80.5, 100.0 / 3, 1e-7, 1e21, 123456789012, 1e20, -2.5e-9, math.SmallestNonzeroFloat64} {
		if got, want := string(appendJSONFloat(nil, f)), marshal(f); got != want {
			t.Errorf("number %v: %s, encoding/json %s", f, got, want)
		}
	}
}
