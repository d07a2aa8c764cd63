package splice

import (
	"bytes"
	"path/filepath"
	"strings"
	"testing"
)

func newStore(t testing.TB) *Store {
	s, err := Create(filepath.Join(t.TempDir(), "blocks"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	return s
}

// put appends blocks to s as one piece, as sitegen does a page's, and
// returns each one's marker.
func put(t testing.TB, s *Store, blocks ...string) []string {
	all := strings.Join(blocks, "")
	off, err := s.Append([]byte(all))
	if err != nil {
		t.Fatal(err)
	}
	var markers []string
	for _, b := range blocks {
		markers = append(markers, string(s.AppendMarker(nil, off, len(b))))
		off += int64(len(b))
	}
	return markers
}

func TestSplice(t *testing.T) {
	s := newStore(t)
	m := put(t, s, `<tr><td>Sơn Dương</td><td>268</td></tr>`, `{"series":[1,2]}`, "x")
	m2 := put(t, s, "<li>Thắng</li>")
	other := newStore(t)
	foreign := put(t, other, "never")[0]
	tests := []struct{ name, page, want string }{
		{"no marker", "<p>Không có khối nào</p>", "<p>Không có khối nào</p>"},
		{"empty page", "", ""},
		{"blocks in their order", "<table>" + m[0] + "</table><script>" + m[1] + "</script>",
			`<table><tr><td>Sơn Dương</td><td>268</td></tr></table><script>{"series":[1,2]}</script>`},
		{"out of order, twice, from two pages", m2[0] + m[2] + m[0] + m[2],
			`<li>Thắng</li>x<tr><td>Sơn Dương</td><td>268</td></tr>x`},
		{"marker at the ends", m[2] + "-" + m[2], "x-x"},
		{"another store's marker stays", "a" + foreign + "b" + m[2], "a" + foreign + "bx"},
		{"an ordinary comment stays", "<!-- pcmt --><!--pcmt:-->" + m[2], "<!-- pcmt --><!--pcmt:-->x"},
	}
	for _, tt := range tests {
		got, err := s.Splice([]byte("head:"), []byte(tt.page))
		if err != nil {
			t.Errorf("%s: %v", tt.name, err)
			continue
		}
		if string(got) != "head:"+tt.want {
			t.Errorf("%s:\n got %q\nwant %q", tt.name, got, "head:"+tt.want)
		}
	}
}

// TestSpliceLongSpan: blocks further apart than maxSpan are read one by
// one, with the same result.
func TestSpliceLongSpan(t *testing.T) {
	s := newStore(t)
	a := put(t, s, "first")
	put(t, s, strings.Repeat("-", 100))
	b := put(t, s, "last")
	page := a[0] + " … " + b[0]
	defer func(n int64) { maxSpan = n }(maxSpan)
	for _, span := range []int64{1 << 20, 10} {
		maxSpan = span
		got, err := s.Splice(nil, []byte(page))
		if err != nil || string(got) != "first … last" {
			t.Errorf("maxSpan %d: %q, %v", span, got, err)
		}
	}
}

func TestSpliceErrors(t *testing.T) {
	s := newStore(t)
	m := put(t, s, "0123456789")[0]
	prefix := m[:strings.LastIndex(m[:len(m)-3], ":")]
	prefix = prefix[:strings.LastIndex(prefix, ":")+1] // "<!--pcmt:<key>:"
	tests := []struct{ name, page, want string }{
		{"past the end", "ab" + prefix + "5:6-->", "block marker at byte 2 names no block of the store"},
		{"not numbers", prefix + "x:1-->", "block marker at byte 0 names no block"},
		{"negative", prefix + "-1:1-->", "names no block"},
		{"one number", prefix + "1-->", "names no block"},
		{"no end", "<p>" + prefix + "0:1", "block marker at byte 3 has no end"},
	}
	for _, tt := range tests {
		_, err := s.Splice(nil, []byte(tt.page))
		if err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("%s: error %v, want it to say %q", tt.name, err, tt.want)
		}
	}
}

// FuzzSplice: a page made of texts and markers splices to the texts and
// blocks in the same order, however the blocks were appended.
func FuzzSplice(f *testing.F) {
	f.Add([]byte("<tr>|{\"a\":1}||<li>"), []byte("<p>a</p>|b|c|d|e"), uint8(2))
	f.Add([]byte("x"), []byte("<!--pcmt:|-->"), uint8(0))
	f.Fuzz(func(t *testing.T, blockText, pageText []byte, perAppend uint8) {
		s := newStore(t)
		blocks := bytes.Split(blockText, []byte("|"))
		texts := bytes.Split(pageText, []byte("|"))
		n := max(1, int(perAppend%5))
		var markers []string
		for i := 0; i < len(blocks); i += n {
			var group []string
			for _, b := range blocks[i:min(i+n, len(blocks))] {
				group = append(group, string(b))
			}
			markers = append(markers, put(t, s, group...)...)
		}
		var page, want []byte
		for i, text := range texts {
			if bytes.Contains(text, s.prefix) {
				return // a text cannot hold the store's random key
			}
			page, want = append(page, text...), append(want, text...)
			if i < len(blocks) {
				page, want = append(page, markers[i]...), append(want, blocks[i]...)
			}
		}
		got, err := s.Splice(nil, page)
		if err != nil {
			// A text ending in the start of a marker can join with it only
			// if it ends in the key, which it cannot hold.
			t.Fatalf("page %q: %v", page, err)
		}
		if !bytes.Equal(got, want) {
			t.Fatalf("page %q:\n got %q\nwant %q", page, got, want)
		}
	})
}
