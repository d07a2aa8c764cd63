package units_test

import (
	"sync"
	"testing"
	"time"

	"github.com/pcmt/pcmt/internal/load"
	"github.com/pcmt/pcmt/internal/model"
	"github.com/pcmt/pcmt/internal/units"
)

var (
	fuzzOnce sync.Once
	fuzzDS   *model.Dataset
)

// FuzzResolve: any name, parent and day resolve without a panic, and a
// match is a unit of the lists.
func FuzzResolve(f *testing.F) {
	fuzzOnce.Do(func() {
		ds, err := load.Load("../..")
		if err != nil {
			f.Fatal(err)
		}
		fuzzDS = ds
	})
	r := units.New(fuzzDS)
	for _, s := range []string{"TT Thắng", "huyện Hiệp Hoà", "TP. Tuyên Quang", "Xã Văn Lăng", "08", "", "Thi tran Thang", "\xff", "Phường  1"} {
		f.Add(s, "", int64(0))
		f.Add(s, "Bắc Giang", int64(19800))
	}
	f.Fuzz(func(t *testing.T, name, parent string, day int64) {
		var on time.Time
		if day != 0 {
			on = time.Unix(0, 0).UTC().AddDate(0, 0, int(day%40000))
		}
		m, err := r.Resolve(name, parent, on)
		if err == nil && (m.Unit == nil || fuzzDS.Units[m.Unit.Key] != m.Unit) {
			t.Fatalf("Resolve(%q, %q, %v) = %+v: not a unit of the lists", name, parent, on, m)
		}
	})
}
