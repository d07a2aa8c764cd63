package build

import (
	"slices"
	"strings"
	"testing"
)

// TestReformSectionLinksPredecessors: the section "Đơn vị trước 01/7/2025"
// of a current unit's page links each former unit to its own page with
// how many figures it published there, keeps the totals and the rows
// that could not be added, and no longer repeats the former units' rows.
func TestReformSectionLinksPredecessors(t *testing.T) {
	site := defaultSite(t)
	// text() puts a space between text nodes: "(mã 08, …) : 17 số liệu".
	for _, c := range []struct {
		page     string
		want     []string // in the section's text
		links    []string // in the section's links
		absent   []string
		once     string // a predecessor's value, shown once: in the table of totals
		sumsRows int
	}{
		{"/don-vi/08-tuyen-quang/",
			[]string{"Tỉnh Hà Giang (mã 02, trước 01/7/2025) : chưa có số liệu.", "Tỉnh Tuyên Quang (mã 08, trước 01/7/2025) : 17 số liệu.",
				"Tỉnh Tuyên Quang: 986 người. Không cộng: mới có số của 1/2 đơn vị cũ; thiếu số liệu của Tỉnh Hà Giang."},
			[]string{"/don-vi/08-tuyen-quang-truoc-2025/"},
			[]string{"Trích dẫn (tiếng Việt)", "khớp với tổng"}, "986 người", 17},
		{"/don-vi/01-ha-noi/",
			[]string{"Thành phố Hà Nội (mã 01, trước 01/7/2025) : 17 số liệu.",
				"Năm 2021 Chỉ tiêu 900 người Số của Thành phố Hà Nội (trước 01/7/2025), đơn vị cũ duy nhất của Thành phố Hà Nội."},
			[]string{"/don-vi/01-ha-noi-truoc-2025/"},
			[]string{"Thành phố Hà Nội: 900 người"}, "900 người", 17},
		{"/don-vi/07840-hiep-hoa/",
			[]string{"Thị trấn Thắng (mã 07840, trước 01/7/2025) : 4 số liệu.", "Xã Đông Lỗ (mã 07879, trước 01/7/2025) : chưa có số liệu.",
				"Thị trấn Thắng: 1 người. Không cộng: mới có số của 1/5 đơn vị cũ; thiếu số liệu của Xã Danh Thắng, Xã Đoan Bái, Xã Đông Lỗ, Xã Lương Phong."},
			[]string{"/don-vi/07840-thang-truoc-2025/"},
			[]string{"Cai nghiện ma túy bắt buộc tại Cơ sở cai nghiện ma túy tỉnh là 01 người."}, "", 4},
	} {
		sec := byID(parsePage(t, site, c.page), "don-vi-truoc")
		if sec == nil {
			t.Errorf("%s: no section don-vi-truoc", c.page)
			continue
		}
		got := text(sec)
		for _, w := range c.want {
			if !strings.Contains(got, w) {
				t.Errorf("%s: %q not in the section", c.page, w)
			}
		}
		for _, w := range c.absent {
			if strings.Contains(got, w) {
				t.Errorf("%s: %q repeated from a former unit's page", c.page, w)
			}
		}
		for _, l := range c.links {
			if !slices.Contains(links(sec), l) {
				t.Errorf("%s: no link to %s in %q", c.page, l, links(sec))
			}
		}
		if c.once != "" && strings.Count(got, c.once) != 1 {
			t.Errorf("%s: %q %d times in the section, want once", c.page, c.once, strings.Count(got, c.once))
		}
		if n := len(allByClass(byID(sec, "cong-don-h").Parent, "value__text")); n != c.sumsRows {
			t.Errorf("%s: %d rows of totals, want %d", c.page, n, c.sumsRows)
		}
	}
}
