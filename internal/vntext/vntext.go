// Package vntext holds the Vietnamese text rules of pcmt: Unicode
// normalization, the key used to match unit names, URL slugs, Vietnamese
// collation, and the formats of numbers and dates on pages and in data
// files.
//
// Text is stored and compared in NFC. Names are matched with [NameKey],
// which folds the old and new placement of the tone mark ("Hòa" and "Hoà")
// but never drops a diacritic: "Văn Lang" and "Văn Lăng" are different
// places. [Slug] strips diacritics and is therefore only for URLs.
//
// The package has no project imports.
package vntext

import (
	"strings"
	"sync/atomic"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/cases"
	"golang.org/x/text/language"
	"golang.org/x/text/unicode/norm"
)

// NFC returns s in Unicode Normalization Form C, the form in which pcmt
// stores and compares text.
func NFC(s string) string {
	if inNFC(s) {
		return s // as norm.NFC.String returns it, without its slower check
	}
	return norm.NFC.String(s)
}

// inNFC reports whether s, valid UTF-8, is made only of ASCII and of
// stable runes: then it is in NFC. Most input is (data files are ASCII
// but for names, evidence and notes, whose Vietnamese letters are
// precomposed); norm's own check was a sixth of loading the data.
func inNFC(s string) bool {
	for i := 0; i < len(s); {
		if s[i] < utf8.RuneSelf {
			i++
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		if r > 0xFFFF || r == utf8.RuneError && size == 1 || !stable(r) {
			return false
		}
		i += size
	}
	return true
}

// stableBits marks the runes of the Basic Multilingual Plane that are in
// NFC on their own and begin a new segment, combining with nothing before
// them (norm's BoundaryBefore): text of such runes only is in NFC, since
// NFC changes no segment of it. Combining marks, Hangul jamo and the runes
// NFC replaces are not marked. A word of 64 runes is filled the first
// time one of them is asked about (stableDone), by whichever goroutine
// asks: the same bits every time.
var stableBits, stableDone [1 << 16 / 64]atomic.Uint64

func stable(r rune) bool {
	w := r / 64
	if stableDone[w].Load() == 0 {
		var bits uint64
		for b := range rune(64) {
			c := w*64 + b
			if !utf8.ValidRune(c) {
				continue // surrogates
			}
			s := string(c)
			if norm.NFC.PropertiesString(s).BoundaryBefore() && norm.NFC.IsNormalString(s) {
				bits |= 1 << b
			}
		}
		stableBits[w].Store(bits)
		stableDone[w].Store(1)
	}
	return stableBits[w].Load()&(1<<(r%64)) != 0
}

// The five Vietnamese tone marks as combining characters. The sixth tone
// (ngang) has no mark.
const (
	toneGrave     = '\u0300' // huyền
	toneAcute     = '\u0301' // sắc
	toneTilde     = '\u0303' // ngã
	toneHookAbove = '\u0309' // hỏi
	toneDotBelow  = '\u0323' // nặng
)

func isTone(r rune) bool {
	switch r {
	case toneGrave, toneAcute, toneTilde, toneHookAbove, toneDotBelow:
		return true
	}
	return false
}

// NameKey returns the key used to match unit names: two names denote the
// same name when their keys are equal.
//
// The key is s in NFC, lower-cased with Vietnamese rules, with runs of
// white space collapsed to one space and leading and trailing space
// removed, and with the tone mark of each syllable moved to a canonical
// place, so that the old and new tone placements give the same key:
// "Hòa" and "Hoà", "Thủy" and "Thuỷ", "hòe" and "hoè". All other
// diacritics stay: "Văn Lang" and "Văn Lăng", "Cẩm Giang" and "Cẩm Giàng"
// give different keys.
//
// A syllable is a maximal run of letters and combining marks. Its tone
// marks (U+0300, U+0301, U+0303, U+0309, U+0323) are taken out of the
// decomposed syllable, the rest is recomposed, and the tone marks are
// appended at the end of the syllable in the order they appeared. The key
// is for comparison only: it is not display text and is not in NFC.
func NameKey(s string) string {
	s = cases.Lower(language.Vietnamese).String(norm.NFC.String(s))
	s = strings.Join(strings.Fields(s), " ")
	d := norm.NFD.String(s)

	var b strings.Builder
	b.Grow(len(d) + 8)
	var base, tones []byte
	flush := func() {
		if len(base) > 0 {
			b.Write(norm.NFC.Bytes(base))
		}
		b.Write(tones)
		base, tones = base[:0], tones[:0]
	}
	for _, r := range d {
		switch {
		case isTone(r):
			tones = utf8.AppendRune(tones, r)
		case unicode.IsLetter(r) || unicode.IsMark(r):
			base = utf8.AppendRune(base, r)
		default:
			flush()
			b.WriteRune(r)
		}
	}
	flush()
	return b.String()
}

// Slug returns an ASCII slug of s for use in URLs: lower-case letters and
// digits with runs of anything else replaced by a single hyphen, and no
// leading or trailing hyphen. Diacritics are dropped and đ becomes d, so
// "Thành phố Tuyên Quang" gives "thanh-pho-tuyen-quang". Apostrophes are
// dropped without a hyphen ("Ea H'Leo" gives "ea-hleo"). Letters with no
// ASCII base are treated like punctuation.
//
// Slugs lose information: never match names by slug; use [NameKey].
func Slug(s string) string {
	var b strings.Builder
	b.Grow(len(s))
	hyphen := false
	for _, r := range norm.NFD.String(s) {
		switch {
		case unicode.Is(unicode.Mn, r), r == '\'', r == '\u2019':
			continue
		case r == 'đ', r == 'Đ':
			r = 'd'
		case 'A' <= r && r <= 'Z':
			r += 'a' - 'A'
		}
		if 'a' <= r && r <= 'z' || '0' <= r && r <= '9' {
			if hyphen && b.Len() > 0 {
				b.WriteByte('-')
			}
			hyphen = false
			b.WriteRune(r)
			continue
		}
		hyphen = true
	}
	return b.String()
}
