package render

import (
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// collatorWaiting looks for a goroutine of hugolib's by name, because of
// a flaw in hugolib's renderPages. This test reads the hugolib this module
// builds with: if either is gone (a new Hugo), the watch must be looked at
// again, and may be dropped when the walk's send watches Done.
func TestHugoStillNeedsTheWatch(t *testing.T) {
	out, err := exec.Command("go", "list", "-m", "-f", "{{.Dir}}", "github.com/gohugoio/hugo").Output()
	if err != nil {
		t.Fatalf("go list: %v", err)
	}
	dir := strings.TrimSpace(string(out))
	read := func(name string) string {
		b, err := os.ReadFile(filepath.Join(dir, "hugolib", name))
		if err != nil {
			t.Fatal(err)
		}
		return string(b)
	}
	// The deferred func that hands over the errors: errorCollator.func1.
	if !regexp.MustCompile(`func \(s \*Site\) errorCollator\(results <-chan error, errs chan<- error\) \{\s+var errors \[\]error\s+defer func\(\) \{\s+errs <- `).MatchString(read("site.go")) {
		t.Errorf("hugolib's errorCollator no longer hands over its errors in its first deferred func: collatorWaiting would never see a stuck build")
	}
	if !regexp.MustCompile(`default:\s+pages <- p`).MatchString(read("site_render.go")) {
		t.Errorf("hugolib's renderPages no longer sends pages in a select's default: the hang may be fixed, and the watch with it")
	}
}

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
