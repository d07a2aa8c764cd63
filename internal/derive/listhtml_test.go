package derive

import (
	"strings"
	"testing"
)

// linksData is links as the templates get them from a view's JSON (url
// left out when empty), with the texts as they are: JSON would have
// replaced a fuzzer's invalid UTF-8.
func linksData(links []Link) []any {
	data := make([]any, len(links))
	for i, l := range links {
		m := map[string]any{"name": l.Name}
		if l.URL != "" {
			m["url"] = l.URL
		}
		data[i] = m
	}
	return data
}

func checksData(checks []Check) []any {
	data := make([]any, len(checks))
	for i, c := range checks {
		data[i] = map[string]any{"text": c.Text, "ok": c.OK}
	}
	return data
}

// formerChecks is layouts/_partials/checks.html as it was when unit pages
// laid out their checks with it (AppendChecksHTML writes them now).
const formerChecks = `
{{- /* Check views (parts against their total) as a list: unit pages and
     their doi-chieu sub-page. */ -}}
<ul class="checks">
    {{- range . }}
      <li class="check check--{{ if .ok }}ok{{ else }}mismatch{{ end }}"><span class="check__label">{{ if .ok }}Khớp{{ else }}Chưa khớp{{ end }}:</span> {{ .text }}</li>
    {{- end }}
    </ul>`

// execData executes layouts/_partials/<name> (checks.html: formerChecks)
// over data.
func execData(t testing.TB, name string, data any) string {
	t.Helper()
	tpl := parse(t, name, formerChecks)
	if name != "checks.html" {
		tpl = partial(t, name)
	}
	var out strings.Builder
	if err := tpl.Execute(&out, data); err != nil {
		t.Fatal(err)
	}
	return out.String()
}

// TestListHTML holds the lists made in Go to what links-list.html and
// checks.html write, and to what a reader's browser gets.
func TestListHTML(t *testing.T) {
	links := []Link{{Name: "Xã <A> & \"B\"", URL: "/don-vi/a b/?x=<1>"}, {Name: "Trại tạm"}, {Name: "js", URL: "javascript:x"}}
	for _, c := range []struct {
		name  string
		links []Link
		class string
		want  string
	}{
		{"none", nil, "link-list--columns", "\n"},
		{"columns", links, "link-list--columns", `
<ul class="link-list link-list--columns">
  <li><a href="/don-vi/a%20b/?x=%3c1%3e">Xã &lt;A&gt; &amp; &#34;B&#34;</a></li>
  <li>Trại tạm</li>
  <li><a href="#ZgotmplZ">js</a></li>
</ul>
`},
		{"no class", links[1:2], "", "\n<ul class=\"link-list\">\n  <li>Trại tạm</li>\n</ul>\n"},
	} {
		got := string(AppendLinksList(nil, c.links, c.class))
		if got != c.want {
			t.Errorf("%s: AppendLinksList\n got %q\nwant %q", c.name, got, c.want)
		}
		data := map[string]any{"links": linksData(c.links)}
		if c.class != "" {
			data["class"] = c.class
		}
		if was := execData(t, "links-list.html", data); got != was {
			t.Errorf("%s: links-list.html writes\n%q\nGo\n%q", c.name, was, got)
		}
	}
	checks := []Check{{Text: "Cai nghiện (năm 2021): tổng 3/3 đơn vị là 12 người, khớp", OK: true}, {Text: "Tổng <5> & \"x\" 'y'"}}
	want := `<ul class="checks">
      <li class="check check--ok"><span class="check__label">Khớp:</span> Cai nghiện (năm 2021): tổng 3/3 đơn vị là 12 người, khớp</li>
      <li class="check check--mismatch"><span class="check__label">Chưa khớp:</span> Tổng &lt;5&gt; &amp; &#34;x&#34; &#39;y&#39;</li>
    </ul>`
	if got := string(AppendChecksHTML(nil, checks)); got != want {
		t.Errorf("AppendChecksHTML\n got %q\nwant %q", got, want)
	}
	for _, cs := range [][]Check{checks, checks[1:], nil} {
		if got, was := string(AppendChecksHTML(nil, cs)), execData(t, "checks.html", checksData(cs)); got != was {
			t.Errorf("checks.html writes\n%q\nGo\n%q", was, got)
		}
	}
}

func FuzzLinksListHTML(f *testing.F) {
	f.Add("Xã A", "/don-vi/a/", "<b> & \"c\"", "", "link-list--columns")
	f.Add("\xff\xfe", "javascript:x", "\u2028é", "/a b/?x=<1>&y=%41", "")
	f.Fuzz(func(t *testing.T, n1, u1, n2, u2, class string) {
		links := []Link{{n1, u1}, {n2, u2}}
		data := map[string]any{"links": linksData(links)}
		if class != "" {
			data["class"] = class
		}
		if got, was := string(AppendLinksList(nil, links, class)), execData(t, "links-list.html", data); got != was {
			t.Errorf("links %q class %q:\nlinks-list.html writes\n%q\nGo\n%q", links, class, was, got)
		}
	})
}

func FuzzChecksHTML(f *testing.F) {
	f.Add("Tổng 7 huyện: 986 người, khớp", true, "<x> & \"y\"")
	f.Add("\xff", false, "\u2028")
	f.Fuzz(func(t *testing.T, a string, ok bool, b string) {
		checks := []Check{{a, ok}, {b, !ok}}
		if got, was := string(AppendChecksHTML(nil, checks)), execData(t, "checks.html", checksData(checks)); got != was {
			t.Errorf("checks %+v:\nchecks.html writes\n%q\nGo\n%q", checks, was, got)
		}
	})
}
