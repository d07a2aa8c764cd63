package sitegen

import (
	"bytes"
	"encoding/json"
	"reflect"
	"strings"
	"testing"
)

// hugoMarkup is what Hugo's page lexer acts on in a page's body
// (parser/pageparser: shortcodes {{< >}} and {{% %}}, the summary divider
// <!--more-->). A view's body must hold none of it.
func hugoMarkup(body []byte) string {
	for _, m := range []string{"{{", "<!--more"} {
		if bytes.Contains(body, []byte(m)) {
			return m
		}
	}
	return ""
}

// sameJSON tells whether a and b are valid JSON of the same value.
func sameJSON(t *testing.T, a, b []byte) bool {
	t.Helper()
	decode := func(b []byte) (any, error) {
		d := json.NewDecoder(bytes.NewReader(b))
		d.UseNumber()
		var v any
		err := d.Decode(&v)
		return v, err
	}
	va, err := decode(a)
	if err != nil {
		t.Fatalf("%s: %v", a, err)
	}
	vb, err := decode(b)
	if err != nil {
		return false
	}
	return reflect.DeepEqual(va, vb)
}

func TestViewBody(t *testing.T) {
	for _, c := range []struct{ in, want string }{
		{`{"a":1}`, `{"a":1}`},
		{`{"name":"{{< x >}}"}`, `{"name":"{\u007b< x >}}"}`},
		{`{"name":"{{% y %}}"}`, `{"name":"{\u007b% y %}}"}`},
		{`{"name":"a {{{ b"}`, `{"name":"a {\u007b{ b"}`},
		{`{"name":"{{{{"}`, `{"name":"{\u007b{\u007b"}`},
		{`{"name":"{{"}`, `{"name":"{\u007b"}`},
		{`{"rows":"<tr><!--more--></tr>"}`, `{"rows":"<tr>\u003c!--more--></tr>"}`},
		{`{"a":"<!--<!--more-->{{<"}`, `{"a":"\u003c!--\u003c!--more-->{\u007b<"}`},
		{`{"a":"<{{!--"}`, `{"a":"<{\u007b!--"}`},
		{`{"a":"\\{{","b":"\"{{"}`, `{"a":"\\{\u007b","b":"\"{\u007b"}`},
		{`[{"a":[{}]},{"b":"<!-"}]`, `[{"a":[{}]},{"b":"<!-"}]`},
		{`{"vi":"Tỉnh {{ Hà Nội"}`, `{"vi":"Tỉnh {\u007b Hà Nội"}`},
	} {
		got := viewBody(nil, []byte(c.in))
		if string(got) != c.want {
			t.Errorf("viewBody(%s) = %s, want %s", c.in, got, c.want)
		}
		if m := hugoMarkup(got); m != "" {
			t.Errorf("viewBody(%s) = %s, still holds %s", c.in, got, m)
		}
		if !sameJSON(t, []byte(c.in), got) {
			t.Errorf("viewBody(%s) = %s, not the same value", c.in, got)
		}
	}
}

// TestViewPage: a page's file is its front matter and its view, the body
// starting on the line after the front matter.
func TestViewPage(t *testing.T) {
	front, err := marshal(map[string]string{"title": "{{< x >}}"})
	if err != nil {
		t.Fatal(err)
	}
	got, err := viewPage(nil, front, []byte(`{"name":"{{< x >}}"}`+"\n"), nil, nil)
	want := `{"title":"{{< x >}}"}` + "\n" + `{"name":"{\u007b< x >}}"}` + "\n"
	if err != nil || string(got) != want {
		t.Errorf("viewPage = %q, %v; want %q", got, err, want)
	}
	// Blocks follow, each after the separator the layouts split on, with
	// no {{ left for Hugo's lexer: in HTML the second { is a character
	// reference, in JSON (a chart's option) an escape in its string.
	blocks := newPageBlocks(func(b []byte) ([]byte, []int) {
		b = append(b, `<td>{{% y %}} {{{</td>`...)
		n := len(b)
		b = append(b, `<td>{{</td>`...)
		return b, []int{n, len(b)}
	})
	defer blocks.put()
	for i, n := range []int{
		blocks.json([]byte(`{"a":"{{\u003c x \u003e}}"}`)),
		blocks.html(func(b []byte) []byte { return b }),
		blocks.html(func(b []byte) []byte { return append(b, "\n<tr>"...) }),
	} {
		if n != 2+i {
			t.Errorf("block %d numbered %d", 2+i, n)
		}
	}
	got, err = viewPage(nil, front, []byte(`{}`+"\n"), blocks, nil)
	want = `{"title":"{{< x >}}"}` + "\n{}\n" + blockSeparator + `<td>{&#123;% y %}} {&#123;{</td>` + blockSeparator + `<td>{&#123;</td>` +
		blockSeparator + `{"a":"{\u007b\u003c x \u003e}}"}` + blockSeparator + blockSeparator + "\n<tr>"
	if err != nil || string(got) != want {
		t.Errorf("viewPage with blocks = %q, %v;\nwant %q", got, err, want)
	}
	for _, table := range []string{`<td><!--pcmt:html--></td>`, `<!--more-->`} {
		blocks := newPageBlocks(func(b []byte) ([]byte, []int) { return append(b, table...), []int{len(table)} })
		if _, err := viewPage(nil, front, []byte(`{}`), blocks, nil); err == nil {
			t.Errorf("a table holding a comment (%s), which could be taken for the separator, is written", table)
		}
		blocks.put()
	}
}

// FuzzViewBody: any JSON (valid, as views are) becomes a body with the
// same value and no markup Hugo acts on; a string in a view, as marshal
// writes it, likewise.
func FuzzViewBody(f *testing.F) {
	for _, s := range []string{`{"a":"{{< x >}}"}`, `["<!--more-->",{"b":[{}]}]`, `"{{{{%"`, `{"a":"\\{{"}`, "{{<", "<!--more-->", "Tỉnh {{% y %}} <!--more-->"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		var inputs [][]byte
		if json.Valid([]byte(s)) {
			inputs = append(inputs, []byte(s))
		}
		if b, err := marshal(map[string][]string{"name": {s, strings.ToUpper(s)}}); err == nil {
			inputs = append(inputs, b)
		}
		for _, in := range inputs {
			got := viewBody(nil, in)
			if m := hugoMarkup(got); m != "" {
				t.Errorf("viewBody(%s) = %s, still holds %s", in, got, m)
			}
			if !sameJSON(t, in, got) {
				t.Errorf("viewBody(%s) = %s, not the same value", in, got)
			}
		}
	})
}
