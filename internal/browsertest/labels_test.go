package browsertest

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
)

// chartTextJS reads what the drawn bar charts of the page print: the text
// of every element ECharts painted (bar labels and axis labels), and the
// value each bar's tooltip shows (the series' tooltip valueFormatter that
// ECharts calls, on the bar's value and index).
const chartTextJS = `(() => {
  const r = {texts: [], tooltips: [], error: ''};
  try {
    document.querySelectorAll('[data-chart]').forEach(el => {
      const inst = echarts.getInstanceByDom(el);
      if (!inst) { return; }
      inst.getZr().storage.getDisplayList(true).forEach(d => {
        if (d.style && typeof d.style.text === 'string' && d.style.text !== '') { r.texts.push(d.style.text); }
      });
      inst.getModel().eachSeriesByType('bar', s => {
        const fmt = s.get(['tooltip', 'valueFormatter']);
        const data = s.getData();
        for (let i = 0; i < data.count(); i++) {
          r.tooltips.push(fmt ? String(fmt(data.get(data.mapDimension('x'), i), data.getRawIndex(i))) : String(data.getRawValue(i)));
        }
      });
    });
  } catch (e) { r.error = String(e); }
  return r;
})()`

type chartText struct {
	Texts    []string `json:"texts"`
	Tooltips []string `json:"tooltips"`
	Error    string   `json:"error"`
}

// TestChartLabelsInVietnamese: the options carry plain numbers, and
// static/js/charts.js writes bar labels and tooltips as the pages do
// (4.986, trên 80%), never as ECharts would (4986, 4,986).
func TestChartLabelsInVietnamese(t *testing.T) {
	b := NewBrowser(t)
	dest := defaultSite(t)
	srv := Serve(t, dest)
	for _, p := range []struct {
		path        string
		labels      []string // painted on the bars
		notPainted  []string
		tooltipWith []string // in some tooltip
	}{
		{"/don-vi/01-ha-noi-truoc-2025/", []string{"4.986", "6.500", "1.100", "2.100"}, []string{"4986", "4,986", "6500"}, []string{"4.986"}},
		// A qualified target ("trên 80%") keeps its words; a plain share gets its "%".
		{"/don-vi/08-tuyen-quang-truoc-2025/", []string{"trên 80%", "986"}, nil, []string{"trên 80%"}},
	} {
		t.Run(strings.Trim(p.path, "/"), func(t *testing.T) {
			AssertClean(t, b.Check(t, srv.URL+p.path, CheckOptions{MinCharts: 1}))
			tab, closeTab := chromedp.NewContext(b.ctx)
			defer closeTab()
			ctx, cancel := context.WithTimeout(tab, time.Minute)
			defer cancel()
			if _, err := chromedp.Run(ctx, chromedp.NavigateResponse(srv.URL+p.path)); err != nil {
				t.Fatal(err)
			}
			if _, err := waitCharts(ctx, 15*time.Second); err != nil {
				t.Fatal(err)
			}
			got, err := chromedp.Run(ctx, chromedp.Evaluate[chartText](chartTextJS))
			if err != nil {
				t.Fatal(err)
			}
			if got.Error != "" {
				t.Fatalf("reading the charts: %s", got.Error)
			}
			painted := map[string]bool{}
			for _, s := range got.Texts {
				painted[s] = true
			}
			for _, want := range p.labels {
				if !painted[want] {
					t.Errorf("no bar label %q; painted: %q", want, got.Texts)
				}
			}
			for _, bad := range p.notPainted {
				if painted[bad] {
					t.Errorf("a label reads %q, not in Vietnamese format", bad)
				}
			}
			tips := strings.Join(got.Tooltips, " | ")
			for _, want := range p.tooltipWith {
				if !strings.Contains(tips, want) {
					t.Errorf("no tooltip says %q; tooltips: %s", want, tips)
				}
			}
		})
	}
}
