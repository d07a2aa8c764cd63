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
	if f.Near == "" {
		return "looks like a person's " + f.whatEn() + " (" + f.Text + "): the site publishes aggregate figures only, never a person's data; remove it"
	}
	return "looks like a person's " + f.whatEn() + " (" + f.Text + ") next to \u201c" + f.Near + "\u201d: the site publishes aggregate figures only, never a person's data; remove it"
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
	// A 12-digit run, alone or grouped as 3-3-3-3 / 4-4-4 (CCCD numbers
	// are 12 digits; nothing else on a campaign page has 12 digits).
	idRe = regexp.MustCompile(`(?:^|[^\p{N}\p{L}.,])(\d{12}|\d{3}[ .]\d{3}[ .]\d{3}[ .]\d{3}|\d{4}[ .]\d{4}[ .]\d{4})(?:$|[^\p{N}\p{L}])`)
	// Vietnamese phone numbers: 0 or +84/84 then 9–10 digits, with optional
	// separators (0912 345 678, 0912.345.678, +84 912 345 678, 0204.3854.123).
	phoneRe = regexp.MustCompile(`(?:^|[^\p{N}\p{L}/.,])((?:\+84|84|0)[ .-]?\d{2,4}(?:[ .-]?\d{2,4}){2,3})(?:$|[^\p{N}\p{L}/])`)
	// A birth date: "sinh ngày 12/3/1990", "ngày sinh: 12-03-1990",
	// "sinh năm 1990", "SN 1990", "NS: 1990".
	birthRe = regexp.MustCompile(`(?i)(?:^|[^\p{L}])((?:sinh ngày|ngày sinh|năm sinh|sinh năm|ngày, tháng, năm sinh|sn|ns)\s*:?\s*(?:\d{1,2}[/.-]\d{1,2}[/.-])?(?:19|20)\d{2})(?:$|[^\p{N}])`)
)

// Scan returns what in text looks like a person's data, in text order.
func Scan(text string) []Finding {
	text = norm.NFC.String(text)
	var out []Finding
	lines := strings.Split(text, "\n")
	for i, line := range lines {
		for _, m := range idRe.FindAllStringSubmatchIndex(line, -1) {
			out = append(out, finding(i+1, line, m[2], m[3], WhatID, ""))
		}
		for _, m := range phoneRe.FindAllStringSubmatchIndex(line, -1) {
			digits := countDigits(line[m[2]:m[3]])
			if digits < 10 || digits > 12 || idRe.MatchString(" "+line[m[2]:m[3]]+" ") {
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
