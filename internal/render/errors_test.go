package render

import (
	"errors"
	"testing"
)

// With no Hugo build running, the collector is not waiting.
func TestCollatorWaiting(t *testing.T) {
	if collatorWaiting() {
		t.Errorf("collatorWaiting is true with no Hugo build running")
	}
}

// An error names the staging site's files as the repository has them.
func TestSiteRelative(t *testing.T) {
	const dir = "/tmp/pcmt-site-4267344132"
	cases := []struct{ in, want string }{
		{`render: [vi v1.0.0 guest] failed to render pages: render of "` + dir + `/content/don-vi/00001-phuc-xa.md" failed: "` + dir + `/layouts/unit.html:1:3": execute of template failed: template: unit.html:1:3: executing "unit.html" at <div 1 0>: error calling div: can't divide the value by 0`,
			`render: failed to render pages: render of "content/don-vi/00001-phuc-xa.md" failed: "layouts/unit.html:1:3": execute of template failed: template: unit.html:1:3: executing "unit.html" at <div 1 0>: error calling div: can't divide the value by 0`},
		{`hugo config: "` + dir + `/config.toml:3:1": unmarshal failed`, `hugo config: "config.toml:3:1": unmarshal failed`},
		{`a [note] failed to render pages: x`, `a failed to render pages: x`},
		{`nothing to change`, `nothing to change`},
	}
	for _, c := range cases {
		in := errors.New(c.in)
		got := siteRelative(in, dir)
		if got.Error() != c.want {
			t.Errorf("siteRelative(%q)\n got %q\nwant %q", c.in, got, c.want)
		}
		if c.in == c.want && got != in {
			t.Errorf("siteRelative(%q) made a new error", c.in)
		}
	}
}
