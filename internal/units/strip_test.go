package units

import (
	"testing"

	"github.com/pcmt/pcmt/internal/vntext"
)

func TestStripType(t *testing.T) {
	for in, want := range map[string]string{
		"tp. hà nội": "hà nội", "tp.hà nội": "hà nội", "tp hà nội": "hà nội", "tphà nội": "tphà nội",
		"p rao": "p rao", "p.1": "1", "tt thắng": "thắng", "xã": "xã", "phường 1": "1",
	} {
		if got, _ := stripType(vntext.NameKey(in)); got != vntext.NameKey(want) {
			t.Errorf("stripType(%q) = %q, want %q", in, got, want)
		}
	}
}
