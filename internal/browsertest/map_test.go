package browsertest

import (
	"bytes"
	"context"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/pcmt/pcmt/internal/build"
	"github.com/pcmt/pcmt/internal/derive"
	"github.com/pcmt/pcmt/internal/load"
	"github.com/pcmt/pcmt/internal/vntext"
)

// mapStateJS reads the drawn map: the GeoJSON registered for it, the
// regions ECharts laid out, the values it was given, and the table under it.
const mapStateJS = `(() => {
  const el = document.querySelector('.chart--map');
  const r = {features: 0, regions: 0, data: [], rows: [], error: ''};
  try {
    const inst = echarts.getInstanceByDom(el);
    const geo = echarts.getMap(el.getAttribute('data-geo-name'));
    r.features = geo ? (geo.geoJSON || geo.geoJson).features.length : 0;
    const s = inst.getModel().getSeriesByIndex(0);
    r.regions = s.coordinateSystem ? s.coordinateSystem.regions.length : 0;
    r.data = inst.getOption().series[0].data.map(d => ({code: d.name, value: typeof d.value === 'number' ? d.value : null}));
  } catch (e) { r.error = String(e); }
  r.rows = Array.from(document.querySelectorAll('table.map-table tbody tr')).map(tr =>
    ({code: tr.getAttribute('data-code'), cells: Array.from(tr.children).map(c => c.textContent.trim())}));
  return r;
})()`

type mapState struct {
	Features int `json:"features"`
	Regions  int `json:"regions"`
	Data     []struct {
		Code  string   `json:"code"`
		Value *float64 `json:"value"`
	} `json:"data"`
	Rows []struct {
		Code  string   `json:"code"`
		Cells []string `json:"cells"`
	} `json:"rows"`
	Error string `json:"error"`
}

// TestProvinceMap builds the default site and checks a map of the 34
// provinces in Chromium: it draws with no console error and no request off
// 127.0.0.1 (the GeoJSON is served by the site), it has 34 regions, and
// the values it draws and the table under it are the derived values.
func TestProvinceMap(t *testing.T) {
	b := NewBrowser(t)
	root := RepoRoot(t)
	ds, err := load.Load(root)
	if err != nil {
		t.Fatal(err)
	}
	site, err := derive.Build(ds)
	if err != nil {
		t.Fatal(err)
	}
	if len(site.Maps) == 0 {
		t.Fatal("the default site has no map")
	}
	page := site.Maps[0]
	view := page.View.(derive.MapView)
	dest := t.TempDir()
	var log bytes.Buffer
	if err := build.Site(build.Options{Source: root, Destination: dest, Log: &log}); err != nil {
		t.Fatalf("build.Site: %v\n%s", err, log.String())
	}
	srv := Serve(t, dest)
	url := srv.URL + "/" + page.Path + "/"

	r := b.Check(t, url, CheckOptions{MinCharts: 1})
	AssertClean(t, r)
	geoRequested := false
	for _, u := range r.Requests {
		if u == srv.URL+derive.GeoURL {
			geoRequested = true
		}
	}
	if !geoRequested {
		t.Errorf("the page did not fetch %s from the site: %q", derive.GeoURL, r.Requests)
	}

	tab, closeTab := chromedp.NewContext(b.ctx)
	defer closeTab()
	if err := chromedp.Do(tab); err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithTimeout(tab, time.Minute)
	defer cancel()
	if _, err := chromedp.Run(ctx, chromedp.NavigateResponse(url)); err != nil {
		t.Fatal(err)
	}
	if _, err := waitCharts(ctx, 15*time.Second); err != nil {
		t.Fatal(err)
	}
	st, err := chromedp.Run(ctx, chromedp.Evaluate[mapState](mapStateJS))
	if err != nil {
		t.Fatal(err)
	}
	if st.Error != "" {
		t.Fatalf("reading the map: %s", st.Error)
	}
	if st.Features != 34 || st.Regions != 34 || len(st.Data) != 34 || len(st.Rows) != 34 || len(view.Rows) != 34 {
		t.Errorf("features %d, regions %d, data %d, table rows %d, view rows %d: want 34 each",
			st.Features, st.Regions, len(st.Data), len(st.Rows), len(view.Rows))
	}
	drawn := map[string]*float64{}
	for _, d := range st.Data {
		drawn[d.Code] = d.Value
	}
	withValue := 0
	for i, want := range view.Rows {
		if i >= len(st.Rows) {
			break
		}
		row := st.Rows[i]
		if row.Code != want.Code || len(row.Cells) < 3 || row.Cells[1] != want.Code || row.Cells[2] != want.ValueText {
			t.Errorf("table row %d = %q (code %s), want %s %q", i, row.Cells, row.Code, want.Code, want.ValueText)
		}
		got, ok := drawn[want.Code]
		switch {
		case !ok:
			t.Errorf("province %s is not in the map's data", want.Code)
		case (got == nil) != (want.Value == nil) || got != nil && *got != *want.Value:
			t.Errorf("province %s: the map draws %v, the table says %q", want.Code, fmtPtr(got), want.ValueText)
		}
		if want.Value != nil {
			withValue++
		}
	}
	if withValue == 0 {
		t.Error("the map has no province with a value")
	}
	t.Logf("%s: %d/34 provinces with a value", url, withValue)
}

func fmtPtr(v *float64) string {
	if v == nil {
		return "no value"
	}
	return vntext.FormatNumber(*v)
}
