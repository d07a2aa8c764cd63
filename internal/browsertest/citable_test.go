package browsertest

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/pcmt/pcmt/internal/derive"
	"github.com/pcmt/pcmt/internal/load"
)

// TestCiteAndChartTools loads a unit page and an embed page of the default
// site: both are clean (no console error, charts drawn, nothing off-host,
// no axe violation); static/js/cite.js gives every citation a copy button,
// puts the reader's host in the figure's address, and saves a chart as a
// PNG drawn from the chart on the page; the embed page draws its chart.
func TestCiteAndChartTools(t *testing.T) {
	b := NewBrowser(t)
	dest := defaultSite(t)
	srv := Serve(t, dest)
	const unit = "/don-vi/08-tuyen-quang-truoc-2025/"
	AssertClean(t, b.Check(t, srv.URL+"/nhung/08-tuyen-quang-truoc-2025/so-nguoi/", CheckOptions{MinCharts: 1}))
	AssertClean(t, b.Check(t, srv.URL+"/cap-nhat/", CheckOptions{}))

	tab, closeTab := chromedp.NewContext(b.ctx)
	defer closeTab()
	ctx, cancel := context.WithTimeout(tab, time.Minute)
	defer cancel()
	if err := chromedp.Do(ctx, chromedp.Navigate(srv.URL+unit),
		chromedp.Poll[chromedp.Void](`document.querySelectorAll('.chart--ready canvas').length > 0`, chromedp.WithPollingTimeout(15*time.Second))); err != nil {
		t.Fatal(err)
	}
	eval := func(js string) any {
		t.Helper()
		v, err := chromedp.Run(ctx, chromedp.Evaluate[any](js))
		if err != nil {
			t.Fatalf("%s: %v", js, err)
		}
		return v
	}
	copyButtons := int(eval(`document.querySelectorAll('#trich-dan .tool-button').length`).(float64))
	citations := int(eval(`document.querySelectorAll('#trich-dan [data-cite]').length`).(float64))
	rowButtons := int(eval(`document.querySelectorAll('table.figures tr[id^="f-"] .cite-row .tool-button').length`).(float64))
	pngButtons := int(eval(`document.querySelectorAll('.tool-buttons--png .tool-button').length`).(float64))
	address := eval(`document.querySelector('#trich-dan-vi .cite-url').textContent`).(string)
	// Keep the download in the page: record the data URL instead of following it.
	eval(`HTMLAnchorElement.prototype.click = function () { window.pcmtPNG = this.href; }; document.querySelector('.tool-buttons--png .tool-button').click(); true`)
	if err := chromedp.Do(ctx, chromedp.Poll[chromedp.Void](`!!window.pcmtPNG && window.pcmtPNG.length > 1000`, chromedp.WithPollingTimeout(10*time.Second))); err != nil {
		t.Fatalf("no PNG drawn: %v", err)
	}
	status := eval(`document.querySelector('.tool-buttons--png .tool-status').textContent + ' ' + window.pcmtPNG.slice(0, 22)`).(string)
	if copyButtons != citations || citations != 2 {
		t.Errorf("%d copy buttons for %d citations of %s in its Trích dẫn section, want one for each of its Vietnamese and English citation", copyButtons, citations, unit)
	}
	if rowButtons < 18 {
		t.Errorf("%d Trích dẫn buttons on %s, want one for each of its 18 figures", rowButtons, unit)
	}
	if pngButtons < 3 {
		t.Errorf("%d PNG buttons, want one a chart", pngButtons)
	}
	if want := srv.URL + unit; address != want {
		t.Errorf("citation address = %q, want %q", address, want)
	}
	if !strings.HasPrefix(status, "Đã lưu ảnh. data:image/png;base64,") {
		t.Errorf("after saving the PNG: %q", status)
	}
}

// TestRowCitation: on Sơn Dương's page, a figure row's "Trích dẫn" button
// (static/js/cite.js) fetches the page's download once and shows exactly
// the Vietnamese and English citation of the golden file (derive writes
// it into the download), with the site's name
// and the figure's absolute address on the reader's host (the site's
// address is the .invalid placeholder), each with a copy button; no
// console error.
func TestRowCitation(t *testing.T) {
	b := NewBrowser(t)
	dest := defaultSite(t)
	const unit, anchor = "/don-vi/076-son-duong-truoc-2025/", "f-nguoi-nghien-co-ho-so-2022-12-31-baseline"
	// The citation as internal/build's golden file has it (from the page's
	// download), on the placeholder host: Vietnamese, then English.
	golden, err := os.ReadFile(filepath.Join(RepoRoot(t), "internal/build/testdata/golden/citation-son-duong-2022-12-31.txt"))
	if err != nil {
		t.Fatal(err)
	}
	want := strings.Split(strings.TrimSpace(string(golden)), "\n")
	if len(want) != 2 {
		t.Fatalf("the golden citation has %d lines, want 2", len(want))
	}
	srv := Serve(t, dest)
	AssertClean(t, b.Check(t, srv.URL+unit, CheckOptions{}))

	tab, closeTab := chromedp.NewContext(b.ctx)
	defer closeTab()
	ctx, cancel := context.WithTimeout(tab, time.Minute)
	defer cancel()
	if err := chromedp.Do(ctx, chromedp.Navigate(srv.URL+unit),
		chromedp.Poll[chromedp.Void](`document.querySelectorAll('.cite-row .tool-button').length > 0`, chromedp.WithPollingTimeout(15*time.Second))); err != nil {
		t.Fatal(err)
	}
	eval := func(js string) any {
		t.Helper()
		v, err := chromedp.Run(ctx, chromedp.Evaluate[any](js))
		if err != nil {
			t.Fatalf("%s: %v", js, err)
		}
		return v
	}
	eval(`window.pcmtErrors = []; var e0 = console.error; console.error = function () { window.pcmtErrors.push([].join.call(arguments, ' ')); e0.apply(console, arguments); };
		window.addEventListener('error', function (e) { window.pcmtErrors.push(String(e.message)); });
		window.addEventListener('unhandledrejection', function (e) { window.pcmtErrors.push(String(e.reason)); }); true`)
	eval(`document.querySelector('#` + anchor + ` .cite-row .tool-button').click(); true`)
	if err := chromedp.Do(ctx, chromedp.Poll[chromedp.Void](`!!document.getElementById('`+anchor+`-en')`, chromedp.WithPollingTimeout(10*time.Second))); err != nil {
		t.Fatalf("no citation shown after clicking Trích dẫn: %v (status %v)", err, eval(`document.querySelector('#`+anchor+` .tool-status').textContent`))
	}
	for id, w := range map[string]string{anchor + "-vi": want[0], anchor + "-en": want[1]} {
		got := eval(`document.getElementById('` + id + `').textContent`).(string)
		if w := strings.Replace(w, "https://pcmt.invalid/", srv.URL+"/", 1); got != w {
			t.Errorf("%s reads\n%q\nwant\n%q", id, got, w)
		}
	}
	if n := int(eval(`document.querySelectorAll('#` + anchor + `-cite .tool-button').length`).(float64)); n != 2 {
		t.Errorf("%d copy buttons beside the row's citations, want 2", n)
	}
	if got := eval(`document.querySelector('#` + anchor + ` .cite-row .tool-button').getAttribute('aria-expanded')`); got != "true" {
		t.Errorf("the Trích dẫn button is aria-expanded=%v after showing the citation", got)
	}
	if errs := eval(`window.pcmtErrors.join('\n')`).(string); errs != "" {
		t.Errorf("console errors: %s", errs)
	}
}

// TestEveryRowCitation: on pages whose rows cover a place (Trại tạm), a
// qualifier ("trên 80%"), a fraction (31/31 xã), a figure with no number
// and one the ledger changed, clicking "Trích dẫn" on every row shows
// exactly derive's citation of the figure (cite.go), put together by
// static/js/cite.js from the parts in the page's download, with the
// site's name and the figure's address.
func TestEveryRowCitation(t *testing.T) {
	b := NewBrowser(t)
	dest := defaultSite(t)
	ds, err := load.Load(RepoRoot(t))
	if err != nil {
		t.Fatal(err)
	}
	views, err := derive.Build(ds)
	if err != nil {
		t.Fatal(err)
	}
	const site = "Phòng, chống ma túy — số liệu và kế hoạch"
	srv := Serve(t, dest)
	checked := map[string]bool{}
	for _, page := range []string{"don-vi/076-son-duong-truoc-2025", "don-vi/08-tuyen-quang-truoc-2025", "don-vi/071-lam-binh-truoc-2025",
		"don-vi/07840-thang-truoc-2025", "don-vi/271-ba-vi-truoc-2025"} {
		tab, closeTab := chromedp.NewContext(b.ctx)
		ctx, cancel := context.WithTimeout(tab, time.Minute)
		eval := func(js string) any {
			t.Helper()
			v, err := chromedp.Run(ctx, chromedp.Evaluate[any](js))
			if err != nil {
				t.Fatalf("%s: %s: %v", page, js, err)
			}
			return v
		}
		if err := chromedp.Do(ctx, chromedp.Navigate(srv.URL+"/"+page+"/"),
			chromedp.Poll[chromedp.Void](`document.querySelectorAll('.cite-row .tool-button').length > 0`, chromedp.WithPollingTimeout(15*time.Second))); err != nil {
			t.Fatalf("%s: %v", page, err)
		}
		var ids []string
		for _, id := range eval(`Array.from(document.querySelectorAll('table.figures tr[id^="f-"]')).map(function (tr) { return tr.id; })`).([]any) {
			ids = append(ids, id.(string))
		}
		eval(`document.querySelectorAll('.cite-row .tool-button').forEach(function (b) { b.click(); }); true`)
		if err := chromedp.Do(ctx, chromedp.Poll[chromedp.Void](`document.querySelectorAll('.cite-box__body p[lang="en"]').length === `+
			`document.querySelectorAll('table.figures tr[id^="f-"]').length`, chromedp.WithPollingTimeout(10*time.Second))); err != nil {
			t.Fatalf("%s: not every row shows its citation: %v", page, err)
		}
		for _, id := range ids {
			want, ok := views.Citation(page, id)
			if !ok {
				t.Errorf("%s#%s: derive has no citation of this row", page, id)
				continue
			}
			for lang, w := range map[string]string{"vi": want.VI, "en": want.EN} {
				got := eval(`document.getElementById('` + id + `-` + lang + `').textContent`).(string)
				if w += " " + site + ", " + srv.URL + want.URL; got != w {
					t.Errorf("%s#%s (%s) reads\n%q\nwant\n%q", page, id, lang, got, w)
				}
			}
			for _, w := range []string{"trên 80%", "31/31 xã (100%)", "chưa có số liệu", "Trại tạm", "Số liệu cập nhật lần cuối ngày"} {
				if strings.Contains(want.VI, w) {
					checked[w] = true
				}
			}
		}
		cancel()
		closeTab()
	}
	if len(checked) != 5 {
		t.Errorf("the rows clicked cover only %v", checked)
	}
}
