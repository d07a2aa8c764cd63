package browsertest

import (
	"bytes"
	"context"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/pcmt/pcmt/internal/build"
)

// TestCiteAndChartTools loads a unit page and an embed page of the default
// site: both are clean (no console error, charts drawn, nothing off-host,
// no axe violation); static/js/cite.js gives every citation a copy button,
// puts the reader's host in the figure's address, and saves a chart as a
// PNG drawn from the chart on the page; the embed page draws its chart.
func TestCiteAndChartTools(t *testing.T) {
	b := NewBrowser(t)
	dest := t.TempDir()
	var log bytes.Buffer
	if err := build.Site(build.Options{Source: RepoRoot(t), Destination: dest, Log: &log}); err != nil {
		t.Fatalf("build.Site: %v\n%s", err, log.String())
	}
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
	copyButtons := int(eval(`document.querySelectorAll('.cite-box .tool-button').length`).(float64))
	citations := int(eval(`document.querySelectorAll('.cite-box [data-cite]').length`).(float64))
	pngButtons := int(eval(`document.querySelectorAll('.tool-buttons--png .tool-button').length`).(float64))
	address := eval(`document.querySelector('#f-nguoi-nghien-co-ho-so-2022-12-31-baseline-vi .cite-url').textContent`).(string)
	// Keep the download in the page: record the data URL instead of following it.
	eval(`HTMLAnchorElement.prototype.click = function () { window.pcmtPNG = this.href; }; document.querySelector('.tool-buttons--png .tool-button').click(); true`)
	if err := chromedp.Do(ctx, chromedp.Poll[chromedp.Void](`!!window.pcmtPNG && window.pcmtPNG.length > 1000`, chromedp.WithPollingTimeout(10*time.Second))); err != nil {
		t.Fatalf("no PNG drawn: %v", err)
	}
	status := eval(`document.querySelector('.tool-buttons--png .tool-status').textContent + ' ' + window.pcmtPNG.slice(0, 22)`).(string)
	if copyButtons != citations || citations < 2*18 {
		t.Errorf("%d copy buttons for %d citations on %s, want one for each Vietnamese and English citation of its 18 figures", copyButtons, citations, unit)
	}
	if pngButtons < 3 {
		t.Errorf("%d PNG buttons, want one a chart", pngButtons)
	}
	if want := srv.URL + unit + "#f-nguoi-nghien-co-ho-so-2022-12-31-baseline"; address != want {
		t.Errorf("citation address = %q, want %q", address, want)
	}
	if !strings.HasPrefix(status, "Đã lưu ảnh. data:image/png;base64,") {
		t.Errorf("after saving the PNG: %q", status)
	}
}
