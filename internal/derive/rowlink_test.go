package derive

import (
	"testing"

	"github.com/pcmt/pcmt/internal/model"
	"github.com/pcmt/pcmt/internal/period"
)

// A row's link and anchor, made again each time the row is asked for, are
// the anchor its figure has always had (anchor, and the source id when
// another source's figure took the plain one).
func TestRowLinkIsPageAndAnchor(t *testing.T) {
	year := &model.Figure{Indicator: "cai-nghien-bat-buoc", Period: period.MustParse("2024"), Kind: model.Target, Source: "ubnd-2024"}
	months := &model.Figure{Indicator: "cai-nghien-bat-buoc", Period: period.MustParse("2024-01/2024-09"), Kind: model.Result, Source: "bao-hn"}
	place := &model.Figure{Indicator: "nguoi-nghien-co-ho-so", Period: period.MustParse("2022-12-31"), Kind: model.Baseline, Place: "tuyen-quang-trai-tam", Source: "ubnd-2023"}
	for _, tt := range []struct {
		f          *model.Figure
		page       string
		sourced    bool
		link, want string
	}{
		{year, "/don-vi/ha-noi/", false, "/don-vi/ha-noi/#f-cai-nghien-bat-buoc-2024-target", "f-cai-nghien-bat-buoc-2024-target"},
		{months, "/don-vi/ha-noi/cac-nam-truoc/", true, "/don-vi/ha-noi/cac-nam-truoc/#f-cai-nghien-bat-buoc-2024-01-2024-09-result-bao-hn", "f-cai-nghien-bat-buoc-2024-01-2024-09-result-bao-hn"},
		{place, "/don-vi/tuyen-quang/", false, "/don-vi/tuyen-quang/#f-tuyen-quang-trai-tam-nguoi-nghien-co-ho-so-2022-12-31-baseline", "f-tuyen-quang-trai-tam-nguoi-nghien-co-ho-so-2022-12-31-baseline"},
		{months, "", false, "", "f-cai-nghien-bat-buoc-2024-01-2024-09-result"}, // a unit without a page
	} {
		link, a := rowLink(tt.page, tt.f, tt.sourced)
		if link != tt.link || a != tt.want {
			t.Errorf("rowLink(%q, %s, %v) = %q, %q; want %q, %q", tt.page, anchor(tt.f), tt.sourced, link, a, tt.link, tt.want)
		}
		plain := anchor(tt.f)
		if tt.sourced {
			plain += "-" + tt.f.Source
		}
		if got := rowAnchor(tt.f, tt.sourced); got != plain {
			t.Errorf("rowAnchor = %q, anchorOf made it %q", got, plain)
		}
	}
}
