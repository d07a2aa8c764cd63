package vntext

import (
	"bytes"
	"slices"
	"strings"
	"sync"

	"golang.org/x/text/collate"
	"golang.org/x/text/language"
)

// A collate.Collator is not safe for concurrent use; each call takes one
// from the pool.
var collators = sync.Pool{
	New: func() any { return collate.New(language.Vietnamese) },
}

// Compare compares a and b in Vietnamese alphabetical order (a ă â b c d đ
// e ê ... ơ ... ư ...), returning -1, 0 or +1. Strings that collate equal
// but differ in their bytes are ordered by their bytes, so Compare returns
// 0 only when a == b and sorting is deterministic.
//
// Compare is safe for concurrent use.
func Compare(a, b string) int {
	c := collators.Get().(*collate.Collator)
	r := c.CompareString(a, b)
	collators.Put(c)
	if r != 0 {
		return r
	}
	return strings.Compare(a, b)
}

// Sort sorts ss in place in the order of [Compare].
func Sort(ss []string) {
	SortFunc(ss, func(s string) string { return s })
}

// SortFunc sorts xs in place in the order of [Compare] applied to key(x).
// key is called once for each element. The sort is stable.
//
// SortFunc is safe for concurrent use on different slices.
func SortFunc[T any](xs []T, key func(T) string) {
	if len(xs) < 2 {
		return
	}
	type item struct {
		ck  []byte // collation key
		s   string
		idx int
	}
	c := collators.Get().(*collate.Collator)
	var buf collate.Buffer
	items := make([]item, len(xs))
	for i, x := range xs {
		s := key(x)
		items[i] = item{ck: c.KeyFromString(&buf, s), s: s, idx: i}
	}
	collators.Put(c)
	slices.SortStableFunc(items, func(a, b item) int {
		if r := bytes.Compare(a.ck, b.ck); r != 0 {
			return r
		}
		return strings.Compare(a.s, b.s)
	})
	sorted := make([]T, len(xs))
	for i, it := range items {
		sorted[i] = xs[it.idx]
	}
	copy(xs, sorted)
}
