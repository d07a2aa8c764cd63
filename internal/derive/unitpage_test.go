package derive

import (
	"encoding/json"
	"testing"
)

// TestUnitPageMadeAgainIsTheSame: sitegen makes each unit page's view when
// it writes it (Site.UnitPage), and a site may be written more than once
// (pcmt serve restages, benchmarks): making a page must not change what
// the deriver holds, so the second page is the first, share tags, last
// update and downloads included.
func TestUnitPageMadeAgainIsTheSame(t *testing.T) {
	s, err := Build(reformDataset())
	if err != nil {
		t.Fatal(err)
	}
	if len(s.Units) == 0 {
		t.Fatal("no unit pages")
	}
	page := func(i int) string {
		p := s.UnitPage(i)
		if p.View == nil {
			t.Fatalf("%s: no view", p.Path)
		}
		files := []string{}
		for _, f := range p.Files {
			files = append(files, f.Path)
		}
		b, err := json.Marshal(struct {
			View   any
			Files  []string
			Embeds []Page
		}{p.View, files, p.Embeds})
		if err != nil {
			t.Fatal(err)
		}
		return string(b)
	}
	first := make([]string, len(s.Units))
	for i := range s.Units {
		first[i] = page(i)
	}
	for i, p := range s.Units {
		if got := page(i); got != first[i] {
			t.Errorf("%s made again:\n%s\nfirst:\n%s", p.Path, got, first[i])
		}
		v := s.UnitView(i)
		if v.Social == nil || v.Social.Title == "" {
			t.Errorf("%s: no share tags: %+v", p.Path, v.Social)
		}
		if len(v.Groups) > 0 && v.Downloads == nil {
			t.Errorf("%s shows figures but links no download", p.Path)
		}
	}
}
