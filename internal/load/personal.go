package load

import (
	"regexp"
	"strings"
	"unicode"

	"golang.org/x/text/unicode/norm"
)

// The site publishes aggregate figures only (chỉ đăng số liệu tổng hợp):
// input that carries a person's data is refused before anything is
// written. A column or key that names such data, or a value shaped like an
// ID-card or phone number, stops the file; the messages never repeat the
// value itself.

// personalNames maps a column or key name, folded (lower case, no
// diacritics, letters and digits only), to what it names.
var personalNames = map[string]string{
	"hoten": "họ tên", "hovaten": "họ tên", "hotendaydu": "họ tên", "tennguoi": "họ tên", "fullname": "họ tên",
	"firstname": "họ tên", "lastname": "họ tên", "surname": "họ tên", "givenname": "họ tên", "familyname": "họ tên",
	"personname": "họ tên", "patientname": "họ tên",
	"ngaysinh": "ngày sinh", "namsinh": "ngày sinh", "ngaythangnamsinh": "ngày sinh", "sinhngay": "ngày sinh",
	"dateofbirth": "ngày sinh", "birthdate": "ngày sinh", "dob": "ngày sinh", "birthday": "ngày sinh", "yearofbirth": "ngày sinh",
	"cccd": "CCCD/CMND", "socccd": "CCCD/CMND", "cmnd": "CCCD/CMND", "socmnd": "CCCD/CMND", "cancuoc": "CCCD/CMND",
	"socancuoc": "CCCD/CMND", "cancuoccongdan": "CCCD/CMND", "sodinhdanh": "CCCD/CMND", "madinhdanh": "CCCD/CMND",
	"chungminhnhandan": "CCCD/CMND", "idcard": "CCCD/CMND", "idnumber": "CCCD/CMND", "nationalid": "CCCD/CMND",
	"citizenid": "CCCD/CMND", "passport": "CCCD/CMND", "ssn": "CCCD/CMND",
	"sodienthoai": "số điện thoại", "dienthoai": "số điện thoại", "sdt": "số điện thoại", "didong": "số điện thoại",
	"phone": "số điện thoại", "phonenumber": "số điện thoại", "telephone": "số điện thoại", "tel": "số điện thoại",
	"mobile": "số điện thoại", "cellphone": "số điện thoại",
	"diachi": "địa chỉ", "noio": "địa chỉ", "noicutru": "địa chỉ", "thuongtru": "địa chỉ", "tamtru": "địa chỉ",
	"quequan": "địa chỉ", "address": "địa chỉ", "homeaddress": "địa chỉ", "streetaddress": "địa chỉ", "residence": "địa chỉ",
}

// personalParts are folded names that mark a column or key as personal
// wherever they appear in it ("ho_ten_nguoi_nghien", "dia_chi_thuong_tru").
var personalParts = []string{"hoten", "ngaysinh", "namsinh", "cccd", "cmnd", "cancuoc", "dienthoai", "diachi",
	"dateofbirth", "birthdate", "phonenumber", "address", "idcard"}

// foldName lower-cases s, drops diacritics (đ → d) and keeps letters and
// digits: only to recognise column names, never to match unit names.
func foldName(s string) string {
	var b strings.Builder
	for _, r := range norm.NFD.String(strings.ToLower(s)) {
		switch {
		case r == 'đ':
			b.WriteRune('d')
		case unicode.Is(unicode.Mn, r):
		case r < 128 && (unicode.IsLetter(r) || unicode.IsDigit(r)):
			b.WriteRune(r)
		}
	}
	return b.String()
}

// personalName returns what personal data a column or key name names
// ("họ tên"), or "".
func personalName(name string) string {
	f := foldName(name)
	if what, ok := personalNames[f]; ok {
		return what
	}
	for _, p := range personalParts {
		if strings.Contains(f, p) {
			return personalNames[p]
		}
	}
	return ""
}

var (
	// 12 digits (CCCD), alone or in groups of 3 or 4 split by spaces, or 9
	// digits (CMND). Groups split by points are amounts (120.000.000 đồng).
	cccdRe = regexp.MustCompile(`(?:^|[^0-9.,])(\d{12}|\d{3} \d{3} \d{3} \d{3}|\d{4} \d{4} \d{4})(?:$|[^0-9.,]|[.,]$|[.,][^0-9])`)
	cmndRe = regexp.MustCompile(`(?:^|[^0-9.,])(\d{9})(?:$|[^0-9.,]|[.,]$|[.,][^0-9])`)
	// Vietnamese phone numbers: mobile 0[35789]x and landline 02x, 10
	// digits, or +84/84 and 9 digits, with optional separators.
	phoneRe = regexp.MustCompile(`(?:^|[^0-9])((?:\+84|\(\+84\)|0)[ .-]?[235789]\d{1,2}(?:[ .-]?\d{2,4}){2,3})(?:$|[^0-9])`)
)

// personalValue returns what personal data s looks like and the 1-based
// character column where it starts, or "".
func personalValue(s string) (string, int) {
	// Every pattern has at least 9 digits; most text has fewer, and the
	// regular expressions are slow on very long lines.
	n := 0
	for i := 0; i < len(s) && n < 9; i++ {
		if s[i] >= '0' && s[i] <= '9' {
			n++
		}
	}
	if n < 9 {
		return "", 0
	}
	for _, c := range []struct {
		re   *regexp.Regexp
		what string
	}{
		{cccdRe, "ID-card number (CCCD, 12 digits)"},
		{phoneRe, "phone number"},
		{cmndRe, "ID-card number (CMND, 9 digits)"},
	} {
		if m := c.re.FindStringSubmatchIndex(s); m != nil {
			digits := strings.Map(func(r rune) rune {
				if r >= '0' && r <= '9' {
					return r
				}
				return -1
			}, s[m[2]:m[3]])
			if c.re == phoneRe && (len(digits) < 10 || len(digits) > 12) {
				continue
			}
			return c.what, len([]rune(s[:m[2]])) + 1
		}
	}
	return "", 0
}

const aggregateOnly = "the site publishes aggregate figures only, never a person's data"

// checkPersonalName reports a column or key that names personal data.
func (l *loader) checkPersonalName(rel string, line, col int, name string) bool {
	if what := personalName(name); what != "" {
		l.r.addCol(rel, line, col, strings.TrimSpace(name), "looks like a person's data (%s): %s; remove it and its values", what, aggregateOnly)
		return true
	}
	return false
}

// checkPersonalValue reports a value shaped like an ID-card or phone
// number, without repeating it.
func (l *loader) checkPersonalValue(rel string, line, col int, field, value string) bool {
	if what, at := personalValue(value); what != "" {
		l.r.addCol(rel, line, col+at-1, field, "looks like a person's %s: %s; remove it", what, aggregateOnly)
		return true
	}
	return false
}

// checkPersonalLines scans text (TOML or front matter; firstLine is the
// file line of its first line) for values shaped like personal data. Keys
// are checked by decodeTOML among the keys it does not know.
// Web addresses are skipped: article ids in them are long numbers.
func (l *loader) checkPersonalLines(rel, text string, firstLine int) bool {
	found := false
	for i, ln := range strings.Split(text, "\n") {
		if t := strings.TrimSpace(ln); strings.HasPrefix(t, "url") || strings.Contains(t, "://") {
			continue
		}
		found = l.checkPersonalValue(rel, firstLine+i, 1, "", ln) || found
	}
	return found
}
