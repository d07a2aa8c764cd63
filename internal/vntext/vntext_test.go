package vntext

import (
	"slices"
	"strings"
	"sync"
	"testing"
	"time"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

func TestNFC(t *testing.T) {
	decomposed := "Ho\u0300a" // o + combining grave
	if got := NFC(decomposed); got != "Hòa" {
		t.Errorf("NFC(%q) = %q, want %q", decomposed, got, "Hòa")
	}
	if got := NFC("Tuyên Quang"); got != "Tuyên Quang" {
		t.Errorf("NFC changed NFC text: %q", got)
	}
}

func TestNameKeySame(t *testing.T) {
	tests := []struct{ a, b string }{
		{"Hiệp Hòa", "Hiệp Hoà"},
		{"Thủy", "Thuỷ"},
		{"hoè", "hòe"},
		{"Khánh Hòa", "Khánh Hoà"},
		{"Thanh Hóa", "Thanh Hoá"},
		{"Thủy Nguyên", "Thuỷ Nguyên"},
		{"Hòa Bình", "Hoà Bình"},
		{"Quỳnh Lưu", "Quỳnh Lưu"},
		{"xã Hòa Thuận", "Xã  Hoà\tThuận "},
		{"  Hiệp Hòa", "HIỆP HÒA"},
		{"Đắk Lắk", "đắk lắk"},
		{"Hòa", "Ho\u0300a"},   // NFD input, old placement
		{"Hoà", "Hoa\u0300"},   // NFD input, new placement
		{"Thủy", "Thu\u0309y"}, // NFD input
		{"Hiệp", "Hie\u0302\u0323p"},
		{"Bà Rịa\u00a0Vũng Tàu", "Bà Rịa Vũng Tàu"}, // no-break space
		{"thành phố Hồ Chí Minh", "Thành Phố Hồ Chí Minh"},
		{"Phường 2", "phường  2"},
		{"Quý", "Qúy"}, // misplaced tone on u of qu: still one syllable, one tone
		{"Ea H'Leo", "ea h'leo"},
	}
	for _, tt := range tests {
		ka, kb := NameKey(tt.a), NameKey(tt.b)
		if ka != kb {
			t.Errorf("NameKey(%q) = %+q, NameKey(%q) = %+q; want equal", tt.a, ka, tt.b, kb)
		}
	}
}

func TestNameKeyDifferent(t *testing.T) {
	tests := []struct{ a, b string }{
		{"Văn Lang", "Văn Lăng"},
		{"Cẩm Giang", "Cẩm Giàng"},
		{"Hòa", "Hoa"},
		{"Hòa", "Hóa"},
		{"Hỏa", "Hõa"},
		{"Hóa", "Họa"},
		{"Đông", "Dong"},
		{"Đông", "Dông"},
		{"Đông", "Đồng"},
		{"Sơn", "Son"},
		{"Sơn", "Sổn"},
		{"Tư", "Tu"},
		{"Tân", "Tấn"},
		{"Yên", "Yến"},
		{"Hòa An", "Hoa Àn"}, // the tone stays with its syllable
		{"Hòa An", "Hòa-An"},
		{"Hòa An", "HòaAn"},
		{"Phường 2", "Phường 3"},
		{"Lăng", "Lâng"},
		{"Nga", "Ngà"},
		{"Thượng", "Thương"},
	}
	for _, tt := range tests {
		ka, kb := NameKey(tt.a), NameKey(tt.b)
		if ka == kb {
			t.Errorf("NameKey(%q) == NameKey(%q) == %+q; want different", tt.a, tt.b, ka)
		}
	}
}

func TestNameKeyForm(t *testing.T) {
	tests := []struct{ in, want string }{
		{"Hiệp Hòa", "hiêp\u0323 hoa\u0300"},
		{"Hiệp Hoà", "hiêp\u0323 hoa\u0300"},
		{"Văn Lăng", "văn lăng"},
		{"  Tuyên   Quang ", "tuyên quang"},
		{"", ""},
		{"   ", ""},
	}
	for _, tt := range tests {
		if got := NameKey(tt.in); got != tt.want {
			t.Errorf("NameKey(%q) = %+q, want %+q", tt.in, got, tt.want)
		}
	}
}

func FuzzNameKey(f *testing.F) {
	for _, s := range []string{"Hiệp Hòa", "Thuỷ", "Văn Lăng", "Ho\u0300a", "\u0300a", "a\xffb", "İstanbul"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		k := NameKey(s)
		if !utf8.ValidString(s) {
			return
		}
		// Equivalent spellings give the same key.
		if k2 := NameKey(norm.NFD.String(s)); k2 != k {
			t.Errorf("NameKey(NFD(%q)) = %+q, NameKey = %+q", s, k2, k)
		}
		if k2 := NameKey(k); k2 != k {
			t.Errorf("NameKey(NameKey(%q)) = %+q, want %+q", s, k2, k)
		}
		if k2 := NameKey(" " + s + " "); k2 != k {
			t.Errorf("NameKey with spaces around %q = %+q, want %+q", s, k2, k)
		}
	})
}

func TestSlug(t *testing.T) {
	tests := []struct{ in, want string }{
		{"Thành phố Tuyên Quang", "thanh-pho-tuyen-quang"},
		{"Đắk Lắk", "dak-lak"},
		{"ĐỒNG THÁP", "dong-thap"},
		{"Bà Rịa - Vũng Tàu", "ba-ria-vung-tau"},
		{"Thị trấn Thắng", "thi-tran-thang"},
		{"Phường 2", "phuong-2"},
		{"Ea H'Leo", "ea-hleo"},
		{"Ea H’Leo", "ea-hleo"},
		{"  --Hòa--  ", "hoa"},
		{"Thuỷ", "thuy"},
		{"Quỳnh Lưu", "quynh-luu"},
		{"Hợp Hưng", "hop-hung"},
		{"Ho\u0300a", "hoa"},
		{"", ""},
		{"中文", ""},
	}
	for _, tt := range tests {
		if got := Slug(tt.in); got != tt.want {
			t.Errorf("Slug(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func FuzzSlug(f *testing.F) {
	f.Add("Thành phố Tuyên Quang")
	f.Add("--a--b--")
	f.Fuzz(func(t *testing.T, s string) {
		got := Slug(s)
		for i := 0; i < len(got); i++ {
			c := got[i]
			if !('a' <= c && c <= 'z' || '0' <= c && c <= '9' || c == '-') {
				t.Fatalf("Slug(%q) = %q: byte %q", s, got, c)
			}
		}
		if strings.HasPrefix(got, "-") || strings.HasSuffix(got, "-") || strings.Contains(got, "--") {
			t.Fatalf("Slug(%q) = %q: bad hyphens", s, got)
		}
	})
}

func TestCompare(t *testing.T) {
	less := []struct{ a, b string }{
		{"Dương", "Đà Nẵng"},
		{"Dương", "Đ"},
		{"Dzũ", "Đa"},
		{"A", "Ă"},
		{"Anh", "Ăn"},
		{"Ăn", "Âu"},
		{"Âu", "Bắc"},
		{"Oanh", "Ôn"},
		{"Ôn", "Ơn"},
		{"Ơn", "Phú"},
		{"Uông", "Ưng"},
		{"Ưng", "Văn"},
		{"Em", "Êm"},
		{"Êm", "Gia"},
		{"Thanh", "Thành"},
		{"Hoà", "Hòa"}, // equal at the primary level; decided later
	}
	for _, tt := range less {
		if c := Compare(tt.a, tt.b); c >= 0 {
			t.Errorf("Compare(%q, %q) = %d, want < 0", tt.a, tt.b, c)
		}
		if c := Compare(tt.b, tt.a); c <= 0 {
			t.Errorf("Compare(%q, %q) = %d, want > 0", tt.b, tt.a, c)
		}
	}
	for _, s := range []string{"", "Hòa", "Đà Nẵng"} {
		if c := Compare(s, s); c != 0 {
			t.Errorf("Compare(%q, %q) = %d", s, s, c)
		}
	}
}

func TestSort(t *testing.T) {
	want := []string{"An Giang", "Ăn", "Âu", "Bắc Ninh", "Cao Bằng", "Dương", "Đà Nẵng", "Điện Biên", "Hà Nội", "Ơn", "Tuyên Quang", "Ưng"}
	got := slices.Clone(want)
	slices.Reverse(got)
	Sort(got)
	if !slices.Equal(got, want) {
		t.Errorf("Sort:\n got %q\nwant %q", got, want)
	}

	type unit struct {
		code, name string
	}
	units := []unit{{"3", "Đà Nẵng"}, {"1", "Dương"}, {"2", "Dương"}, {"4", "An"}}
	SortFunc(units, func(u unit) string { return u.name })
	var codes []string
	for _, u := range units {
		codes = append(codes, u.code)
	}
	if got := strings.Join(codes, ""); got != "4123" {
		t.Errorf("SortFunc order = %s, want 4123 (stable)", got)
	}
}

// TestSortAgreesWithCompare checks that SortFunc's collation keys order
// like Compare.
func TestSortAgreesWithCompare(t *testing.T) {
	ss := []string{"Hòa", "Hoà", "Hoa", "hoa", "Hóa", "Họa", "Hỏa", "Hõa", "Đa", "Da", "da", "Ða", "", " ", "a b", "ab", "Ă", "ă", "Â", "Z", "1", "10", "2"}
	got := slices.Clone(ss)
	Sort(got)
	want := slices.Clone(ss)
	slices.SortFunc(want, Compare)
	if !slices.Equal(got, want) {
		t.Errorf("Sort = %q\nslices.SortFunc(Compare) = %q", got, want)
	}
}

func TestCompareConcurrent(t *testing.T) {
	var wg sync.WaitGroup
	for range 8 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for range 200 {
				if Compare("Dương", "Đà Nẵng") >= 0 {
					t.Error("concurrent Compare gave the wrong order")
					return
				}
				ss := []string{"Đà Nẵng", "Dương", "Ă", "A"}
				Sort(ss)
				if ss[0] != "A" || ss[3] != "Đà Nẵng" {
					t.Errorf("concurrent Sort = %q", ss)
					return
				}
			}
		}()
	}
	wg.Wait()
}

func FuzzCompare(f *testing.F) {
	f.Add("Dương", "Đà Nẵng")
	f.Add("Hòa", "Hoà")
	f.Fuzz(func(t *testing.T, a, b string) {
		ab, ba := Compare(a, b), Compare(b, a)
		if ab != -ba {
			t.Fatalf("Compare(%q, %q) = %d, Compare(%q, %q) = %d", a, b, ab, b, a, ba)
		}
		if (ab == 0) != (a == b) {
			t.Fatalf("Compare(%q, %q) = %d", a, b, ab)
		}
	})
}

func TestFormatNumber(t *testing.T) {
	tests := []struct {
		in   float64
		want string
	}{
		{0, "0"},
		{986, "986"},
		{1100, "1.100"},
		{4986, "4.986"},
		{1234567, "1.234.567"},
		{100000, "100.000"},
		{999999, "999.999"},
		{80.5, "80,5"},
		{80.25, "80,25"},
		{80.125, "80,13"}, // at most two decimals, halves away from zero
		{1.005, "1,01"},
		{0.995, "1"},
		{-0.005, "-0,01"},
		{999.995, "1.000"},
		{0.1 + 0.2, "0,3"},
		{1234.5, "1.234,5"},
		{0.5, "0,5"},
		{1.0 / 3, "0,33"},
		{2.0 / 3 * 100, "66,67"},
		{99.999, "100"},
		{-12, "-12"},
		{-1234.5, "-1.234,5"},
		{-0.001, "0"},
		{0.004, "0"},
		{1e15, "1.000.000.000.000.000"},
	}
	for _, tt := range tests {
		if got := FormatNumber(tt.in); got != tt.want {
			t.Errorf("FormatNumber(%v) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestFormatPercent(t *testing.T) {
	tests := []struct {
		in   float64
		want string
	}{
		{80, "80%"},
		{80.5, "80,5%"},
		{100, "100%"},
		{0, "0%"},
		{1234.56, "1.234,56%"},
	}
	for _, tt := range tests {
		if got := FormatPercent(tt.in); got != tt.want {
			t.Errorf("FormatPercent(%v) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestFormatInt(t *testing.T) {
	tests := []struct {
		in   int64
		want string
	}{
		{0, "0"},
		{7, "7"},
		{986, "986"},
		{1000, "1.000"},
		{1100, "1.100"},
		{1234567, "1.234.567"},
		{-12, "-12"},
		{-1234, "-1.234"},
		{-9223372036854775808, "-9.223.372.036.854.775.808"},
		{9223372036854775807, "9.223.372.036.854.775.807"},
	}
	for _, tt := range tests {
		if got := FormatInt(tt.in); got != tt.want {
			t.Errorf("FormatInt(%d) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestFormatDate(t *testing.T) {
	d := time.Date(2023, 3, 15, 10, 0, 0, 0, time.UTC)
	if got := FormatDate(d); got != "15/03/2023" {
		t.Errorf("FormatDate = %q", got)
	}
	m := time.Date(2024, 2, 1, 0, 0, 0, 0, time.UTC)
	if got := FormatMonth(m); got != "02/2024" {
		t.Errorf("FormatMonth = %q", got)
	}
}

func TestValidUTF8Text(t *testing.T) {
	tests := []struct {
		in        string
		line, col int
		ok        bool
	}{
		{"", 0, 0, true},
		{"Tuyên Quang\nHòa\n", 0, 0, true},
		{"\xff", 1, 1, false},
		{"abc\xff", 1, 4, false},
		{"Hòa\xc3", 1, 4, false},            // truncated sequence; ò counts as one column
		{"a\nbc\nđ\xe2\x82x", 3, 2, false},  // truncated 3-byte sequence
		{"a\r\nb\xed\xa0\x80", 2, 2, false}, // surrogate
		{"\n\n\xc0\x80", 3, 1, false},       // overlong
	}
	for _, tt := range tests {
		line, col, ok := ValidUTF8Text([]byte(tt.in))
		if line != tt.line || col != tt.col || ok != tt.ok {
			t.Errorf("ValidUTF8Text(%q) = %d, %d, %v; want %d, %d, %v", tt.in, line, col, ok, tt.line, tt.col, tt.ok)
		}
	}
}

func FuzzValidUTF8Text(f *testing.F) {
	f.Add([]byte("Hòa\n\xff"))
	f.Fuzz(func(t *testing.T, b []byte) {
		line, col, ok := ValidUTF8Text(b)
		if ok != utf8.Valid(b) {
			t.Fatalf("ok = %v, utf8.Valid = %v", ok, !ok)
		}
		if ok {
			return
		}
		if line < 1 || col < 1 {
			t.Fatalf("line, col = %d, %d", line, col)
		}
		// The reported position is that of the first invalid byte.
		lines := strings.SplitAfter(string(b), "\n")
		if line > len(lines) {
			t.Fatalf("line %d of %d", line, len(lines))
		}
		prefix := strings.Join(lines[:line-1], "")
		rest := lines[line-1]
		valid := 0
		for valid < len(rest) {
			r, size := utf8.DecodeRuneInString(rest[valid:])
			if r == utf8.RuneError && size <= 1 {
				break
			}
			valid += size
		}
		if !utf8.ValidString(prefix) || valid == len(rest) || utf8.RuneCountInString(rest[:valid])+1 != col {
			t.Fatalf("ValidUTF8Text(%q) = %d, %d", b, line, col)
		}
	})
}

// TestNFCAgreesWithNorm: NFC's shortcut for text already in NFC (inNFC)
// gives what norm gives, for every rune of the Basic Multilingual Plane
// alone and next to runes that combine or reorder (tone marks, Hangul
// jamo, a rune NFC replaces), before and after.
func TestNFCAgreesWithNorm(t *testing.T) {
	neighbours := []string{"a", "Ạ", "\u0301", "\u0323", "\u0344", "\u1161", "\u11A8", "\u0CD5", "\u3099", "e\u0302\u0301"}
	check := func(s string) {
		if got, want := NFC(s), norm.NFC.String(s); got != want {
			t.Fatalf("NFC(%+q) = %+q, want %+q", s, got, want)
		}
	}
	marked := 0
	for r := rune(0); r <= 0xFFFF; r++ {
		if !utf8.ValidRune(r) {
			continue
		}
		s := string(r)
		check(s)
		if inNFC(s) {
			marked++
		}
		for _, n := range neighbours {
			check(s + n)
			check(n + s)
		}
	}
	if marked < 40000 {
		t.Errorf("only %d runes taken as in NFC on their own", marked)
	}
	// Thirty-odd marks in a row: norm inserts U+034F (stream-safe text).
	check("a" + strings.Repeat("\u0301", 40))
	check("Ấ" + strings.Repeat("ậ", 40))
}

func FuzzNFC(f *testing.F) {
	for _, s := range []string{"Hòa", "Ho\u0300a", "Tuyên Quang", "\u1100\u1161\u11A8", "ộ\u0323", "x\xffy"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if got, want := NFC(s), norm.NFC.String(s); got != want {
			t.Errorf("NFC(%+q) = %+q, want %+q", s, got, want)
		}
	})
}
