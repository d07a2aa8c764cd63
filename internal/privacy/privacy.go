// Package privacy finds what looks like a person's data in text that the
// site would publish: a citizen ID number (CCCD, 12 digits), a phone
// number or a birth date next to words that point at a person in
// treatment (người nghiện, học viên, đối tượng...). The site publishes
// aggregates only; such text is refused at input, never published.
//
// It has no project imports, so that the checks of content pages
// (internal/load, commune pages) and of data files can share the patterns.
package privacy

import (
	"regexp"
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// Finding is one piece of text that looks like a person's data.
type Finding struct {
	Line int    // 1-based line of the text
	Col  int    // 1-based column, in characters
	What string // "số định danh (CCCD) 12 chữ số", "số điện thoại", "ngày sinh"
	Text string // the matched text
	Near string // the word about a person it is next to ("" for an ID number)
}

// Message says what was found and what to do, for an error report.
func (f Finding) Message() string {
	// The message never repeats the value: error output is seen by more
	// people than the file.
	if f.Near == "" {
		return "looks like a person's " + f.whatEn() + ": " + AggregateOnly + "; remove it"
	}
	return "looks like a person's " + f.whatEn() + " next to \u201c" + f.Near + "\u201d: " + AggregateOnly + "; remove it"
}

func (f Finding) whatEn() string {
	switch f.What {
	case WhatID:
		return "ID number (CCCD, 12 digits)"
	case WhatPhone:
		return "phone number"
	default:
		return "birth date"
	}
}

// What a finding is.
const (
	WhatID    = "số định danh cá nhân (CCCD)"
	WhatPhone = "số điện thoại"
	WhatBirth = "ngày sinh"
)

// PersonWords point at a person in treatment or under management. A phone
// number or birth date within Window characters of one is refused; the
// same number elsewhere (the commune office's hotline) is allowed.
var PersonWords = []string{
	"người nghiện", "người sử dụng trái phép", "người sau cai", "học viên", "đối tượng", "bệnh nhân",
	"người bệnh", "người được quản lý", "người cai nghiện",
}

// Window is how near (in characters, either side) a number must be to a
// person word to be refused.
const Window = 80

var (
	// 12 digits (CCCD), alone or in groups of 3 or 4 split by spaces, or 9
	// digits (CMND). Groups split by points are amounts (120.000.000 đồng).
	cccdRe = regexp.MustCompile(`(?:^|[^0-9.,])(\d{12}|\d{3} \d{3} \d{3} \d{3}|\d{4} \d{4} \d{4})(?:$|[^0-9.,]|[.,]$|[.,][^0-9])`)
	cmndRe = regexp.MustCompile(`(?:^|[^0-9.,])(\d{9})(?:$|[^0-9.,]|[.,]$|[.,][^0-9])`)
	// Vietnamese phone numbers: mobile 0[35789]x and landline 02x, 10
	// digits, or +84/84 and 9 digits, with optional separators.
	phoneRe = regexp.MustCompile(`(?:^|[^0-9])((?:\+84|\(\+84\)|0)[ .-]?[235789]\d{1,2}(?:[ .-]?\d{2,4}){2,3})(?:$|[^0-9])`)
	// A birth date: "sinh ngày 12/3/1990", "ngày sinh: 12-03-1990",
	// "sinh năm 1990", "SN 1990", "NS: 1990".
	birthRe = regexp.MustCompile(`(?i)(?:^|[^\p{L}])((?:sinh ngày|ngày sinh|năm sinh|sinh năm|ngày, tháng, năm sinh|sn|ns)\s*:?\s*(?:\d{1,2}[/.-]\d{1,2}[/.-])?(?:19|20)\d{2})(?:$|[^\p{N}])`)
)

// AggregateOnly is the reason every refusal gives.
const AggregateOnly = "the site publishes aggregate figures only, never a person's data"

// names maps a column or key name, folded (lower case, no
// diacritics, letters and digits only), to what it names.
var names = map[string]string{
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

// nameParts are folded names that mark a column or key as personal
// wherever they appear in it ("ho_ten_nguoi_nghien", "dia_chi_thuong_tru").
var nameParts = []string{"hoten", "ngaysinh", "namsinh", "cccd", "cmnd", "cancuoc", "dienthoai", "diachi",
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

// Name returns what personal data a column or key name names ("họ tên"),
// or "": such a column or key is refused with all its values.
func Name(name string) string {
	f := foldName(name)
	if what, ok := names[f]; ok {
		return what
	}
	for _, p := range nameParts {
		if strings.Contains(f, p) {
			return names[p]
		}
	}
	return ""
}

// Value returns what personal data a value from a data file looks like
// (in English, for the message) and the 1-based character column where
// it starts, or "". Unlike Scan it needs no nearby word: a data cell has
// no reason to hold an ID-card or phone number at all.
func Value(s string) (string, int) {
	// Every pattern matches at least 9 digits in a row of digits and
	// separators (space . - + ( )); most text has no such run (a quote's
	// numbers and dates are apart), and the regular expressions are slow
	// on very long lines.
	n := 0
	for i := 0; i < len(s) && n < 9; i++ {
		switch numberByte[s[i]] {
		case digit:
			n++
		case other:
			n = 0
		}
	}
	if n < 9 {
		return "", 0
	}
	return value(s)
}

// numberByte is what a byte is to Value's shortcut: a digit, a separator
// the patterns allow between digits, or anything else.
var numberByte = func() (t [256]byte) {
	for c := '0'; c <= '9'; c++ {
		t[c] = digit
	}
	for _, c := range " .-+()" {
		t[c] = separator
	}
	return t
}()

const (
	other byte = iota
	digit
	separator
)

// value is Value without its shortcut.
func value(s string) (string, int) {
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

// Scan returns what in text looks like a person's data, in text order.
func Scan(text string) []Finding {
	text = norm.NFC.String(text)
	var out []Finding
	lines := strings.Split(text, "\n")
	for i, line := range lines {
		for _, m := range cccdRe.FindAllStringSubmatchIndex(line, -1) {
			out = append(out, finding(i+1, line, m[2], m[3], WhatID, ""))
		}
		for _, m := range phoneRe.FindAllStringSubmatchIndex(line, -1) {
			digits := countDigits(line[m[2]:m[3]])
			if digits < 10 || digits > 12 || cccdRe.MatchString(" "+line[m[2]:m[3]]+" ") {
				continue
			}
			if w := nearWord(line, m[2], m[3]); w != "" {
				out = append(out, finding(i+1, line, m[2], m[3], WhatPhone, w))
			}
		}
		for _, m := range birthRe.FindAllStringSubmatchIndex(line, -1) {
			if w := nearWord(line, m[2], m[3]); w != "" {
				out = append(out, finding(i+1, line, m[2], m[3], WhatBirth, w))
			}
		}
	}
	return out
}

func finding(line int, s string, from, to int, what, near string) Finding {
	return Finding{Line: line, Col: utf8.RuneCountInString(s[:from]) + 1, What: what, Text: s[from:to], Near: near}
}

func countDigits(s string) int {
	n := 0
	for _, r := range s {
		if '0' <= r && r <= '9' {
			n++
		}
	}
	return n
}

// nearWord returns the person word within Window characters either side
// of line[from:to], or "".
func nearWord(line string, from, to int) string {
	around := strings.ToLower(line[backRunes(line, from, Window):fwdRunes(line, to, Window)])
	for _, w := range PersonWords {
		if strings.Contains(around, w) {
			return w
		}
	}
	return ""
}

func backRunes(s string, i, n int) int {
	for ; n > 0 && i > 0; n-- {
		_, size := utf8.DecodeLastRuneInString(s[:i])
		i -= size
	}
	return i
}

func fwdRunes(s string, i, n int) int {
	for ; n > 0 && i < len(s); n-- {
		_, size := utf8.DecodeRuneInString(s[i:])
		i += size
	}
	return i
}
