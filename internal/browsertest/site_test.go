package browsertest

import (
	"testing"
)

// TestHomeAndProvincePages builds the default site (data/, content/,
// layouts/, static/ of this repository) and checks its pages in Chromium: no
// console error, every chart drawn, no request off 127.0.0.1, no failed
// request, no axe-core violation.
func TestHomeAndProvincePages(t *testing.T) {
	b := NewBrowser(t) // before the build: skips early when Chromium is absent
	dest := defaultSite(t)
	srv := Serve(t, dest)

	for _, p := range []struct {
		name, path string
		minCharts  int
	}{
		{"home", "/", 0},
		{"province-08", "/don-vi/08-tuyen-quang-truoc-2025/", 1},
	} {
		t.Run(p.name, func(t *testing.T) {
			r := b.Check(t, srv.URL+p.path, CheckOptions{MinCharts: p.minCharts})
			AssertClean(t, r)
			t.Logf("requests: %q", r.Requests)
			for _, c := range r.Charts {
				t.Logf("%v", c)
			}
		})
	}
}
