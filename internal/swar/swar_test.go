package swar

import (
	"bytes"
	"testing"
)

// TestHasFindsEveryPlace: Has says whether any of the eight bytes is c,
// whatever its place and whatever the others are (a byte one above or
// below c, a zero byte, bytes with the high bit set).
func TestHasFindsEveryPlace(t *testing.T) {
	fills := []byte{'a', 0x00, 0xFF, 0x80, ',' - 1, ',' + 1}
	for _, c := range []byte{',', '"', '\n', '\r', '\\', 0x00, 0x7F} {
		for _, fill := range fills {
			if fill == c {
				continue
			}
			s := bytes.Repeat([]byte{fill}, 8)
			if Has(Load(s, 0), c)&High != 0 {
				t.Errorf("Has(%q, %q): found in none", s, c)
			}
			for at := range 8 {
				s := bytes.Repeat([]byte{fill}, 8)
				s[at] = c
				if Has(Load(s, 0), c)&High == 0 {
					t.Errorf("Has(%q, %q): not found at %d", s, c, at)
				}
			}
		}
	}
}

func TestLoadIsLittleEndian(t *testing.T) {
	if got, want := Load("xabcdefgh", 1), uint64(0x6867666564636261); got != want {
		t.Errorf("Load = %#x, want %#x", got, want)
	}
	if got, want := Load([]byte("abcdefgh"), 0), Load("abcdefgh", 0); got != want {
		t.Errorf("Load of bytes %#x, of a string %#x", got, want)
	}
}

func FuzzHas(f *testing.F) {
	f.Add([]byte("abcdefgh"), byte(','))
	f.Add([]byte("\x00\xff,\"\n\r\\x"), byte('\\'))
	f.Fuzz(func(t *testing.T, s []byte, c byte) {
		if len(s) < 8 {
			return
		}
		got := Has(Load(s, 0), c)&High != 0
		if want := bytes.IndexByte(s[:8], c) >= 0; got != want {
			t.Errorf("Has(%q, %q) = %v, want %v", s[:8], c, got, want)
		}
	})
}
