package publish

import "os"

// exchangeByRename swaps a and b with three renames, for file systems
// without an atomic exchange: dest is missing only between the second
// and third rename, and the old site is never deleted before the new one
// is in place.
func exchangeByRename(a, b string) error {
	tmp := b + ".old"
	if err := os.Rename(b, tmp); err != nil {
		return err
	}
	if err := os.Rename(a, b); err != nil {
		os.Rename(tmp, b)
		return err
	}
	return os.Rename(tmp, a)
}
