// Package browsertest loads built pages of the site in Debian's headless
// Chromium and reports what a reader's browser would run into: console errors
// and uncaught exceptions, requests that leave 127.0.0.1, failed requests,
// charts that did not draw, and axe-core accessibility violations.
//
// A test uses it in three steps:
//
//	b := browsertest.NewBrowser(t)          // skips or fails when Chromium is missing
//	srv := browsertest.Serve(t, publicDir)   // http://127.0.0.1:PORT
//	r := b.Check(t, srv.URL+"/", browsertest.CheckOptions{})
//	browsertest.AssertClean(t, r)
//
// The page never reaches the network: every request that is not for
// 127.0.0.1 is recorded and then failed inside the browser (Fetch domain), so
// nothing leaves the machine.
package browsertest

import (
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/cdproto/fetch"
	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/chromedp"
)

// ChromiumPath is where Debian's chromium package puts the browser.
const ChromiumPath = "/usr/bin/chromium"

// ScreenshotDirEnv names the environment variable that, when set, makes Check
// write a full-page PNG of every page it checks into that directory.
const ScreenshotDirEnv = "PCMT_SCREENSHOT_DIR"

// AllowedHost is the only host the pages may request.
const AllowedHost = "127.0.0.1"

// RequireChromium skips the test when Chromium is absent on a developer's
// machine, and fails it when Chromium is absent in CI (env CI=true): in CI a
// missing browser is a broken setup, not a reason to pass.
func RequireChromium(t testing.TB) {
	t.Helper()
	if _, err := os.Stat(ChromiumPath); err == nil {
		return
	}
	if os.Getenv("CI") == "true" {
		t.Fatalf("%s is missing and CI=true: run `make deps` (installs Debian's chromium)", ChromiumPath)
	}
	t.Skipf("%s is missing: run `make deps` to install it (this test fails instead of skipping when CI=true)", ChromiumPath)
}

// RepoRoot returns the directory holding go.mod, walking up from the working
// directory of the test (the package directory).
func RepoRoot(t testing.TB) string {
	t.Helper()
	dir, err := os.Getwd()
	if err != nil {
		t.Fatal(err)
	}
	for {
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			return dir
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			t.Fatal("no go.mod above the working directory")
		}
		dir = parent
	}
}

// NodeModule returns the path of a file under the repository's node_modules,
// failing the test with a hint when `make deps` has not been run.
func NodeModule(t testing.TB, rel string) string {
	t.Helper()
	p := filepath.Join(RepoRoot(t), "node_modules", filepath.FromSlash(rel))
	if _, err := os.Stat(p); err != nil {
		t.Fatalf("%s is missing: run `make deps` (npm ci)", p)
	}
	return p
}

// Browser is one headless Chromium process, closed when the test ends.
type Browser struct {
	ctx context.Context
}

// NewBrowser starts Debian's Chromium headless with a fresh profile in
// t.TempDir(). It calls RequireChromium first.
func NewBrowser(t testing.TB) *Browser {
	t.Helper()
	RequireChromium(t)
	// TempDir first: cleanups run last-in first-out, so the browser is closed
	// before its profile directory is removed.
	profile := t.TempDir()

	opts := []chromedp.ExecAllocatorOption{
		chromedp.ExecPath(ChromiumPath),
		chromedp.Flag("headless", true),
		chromedp.Flag("no-sandbox", true),
		chromedp.Flag("disable-gpu", true),
		chromedp.Flag("no-first-run", true),
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
		chromedp.UserDataDir(profile),
	}
	allocCtx, allocCancel := chromedp.NewExecAllocator(context.Background(), opts...)
	ctx, cancel := chromedp.NewContext(allocCtx)
	t.Cleanup(func() {
		cctx, ccancel := context.WithTimeout(ctx, 15*time.Second)
		defer ccancel()
		_ = chromedp.Cancel(cctx)
		cancel()
		allocCancel()
	})
	// Start the browser now, with no timeout bound to its life.
	start := make(chan error, 1)
	go func() { start <- chromedp.Do(ctx) }()
	select {
	case err := <-start:
		if err != nil {
			t.Fatalf("starting %s: %v", ChromiumPath, err)
		}
	case <-time.After(60 * time.Second):
		t.Fatalf("starting %s: no answer in 60s", ChromiumPath)
	}
	return &Browser{ctx: ctx}
}

// Serve serves dir on 127.0.0.1 (a random port) until the test ends.
func Serve(t testing.TB, dir string) *httptest.Server {
	t.Helper()
	srv := httptest.NewServer(http.FileServer(http.Dir(dir)))
	t.Cleanup(srv.Close)
	return srv
}

// CheckOptions tunes one Check. The zero value is the normal strict check.
type CheckOptions struct {
	// ChartTimeout bounds the wait for every .chart to hold a drawn canvas
	// (default 15s).
	ChartTimeout time.Duration
	// MinCharts fails the check when the page has fewer .chart elements.
	MinCharts int
	// AxeDisable lists axe rule ids to turn off, each with a reason in the
	// caller's code. Prefer fixing the page.
	AxeDisable []string
	// Viewport size in CSS pixels (default 1280×900).
	Width, Height int64
}

// Chart is the state of one .chart element after the wait.
type Chart struct {
	Index    int    `json:"index"`
	ID       string `json:"id"`
	Label    string `json:"label"`
	Instance bool   `json:"instance"` // echarts.getInstanceByDom found an instance
	Canvases int    `json:"canvases"`
	Width    int    `json:"width"`  // of the first canvas with a non-zero size
	Height   int    `json:"height"` // idem
	Painted  int    `json:"painted"`
	Error    string `json:"error"`
}

// Drawn reports whether the chart has a canvas of non-zero size with pixels
// that differ from its background.
func (c Chart) Drawn() bool { return c.Width > 0 && c.Height > 0 && c.Painted > 0 }

func (c Chart) String() string {
	name := fmt.Sprintf(".chart #%d", c.Index)
	if c.ID != "" {
		name += " id=" + c.ID
	}
	if c.Label != "" {
		name += fmt.Sprintf(" (%q)", c.Label)
	}
	s := fmt.Sprintf("%s: echarts instance=%v, canvases=%d, canvas %dx%d, painted pixels=%d",
		name, c.Instance, c.Canvases, c.Width, c.Height, c.Painted)
	if c.Error != "" {
		s += ", error: " + c.Error
	}
	return s
}

// Violation is one axe-core rule that failed, with the nodes that fail it.
type Violation struct {
	ID      string          `json:"id"`
	Impact  string          `json:"impact"`
	Help    string          `json:"help"`
	HelpURL string          `json:"helpUrl"`
	Nodes   []ViolationNode `json:"nodes"`
}

// ViolationNode is one offending element.
type ViolationNode struct {
	Target  string `json:"target"` // CSS selector(s) axe gives for the element
	HTML    string `json:"html"`
	Summary string `json:"summary"`
}

// Report is what Check saw on one page.
type Report struct {
	URL            string
	Status         int64       // HTTP status of the document
	ConsoleErrors  []string    // console.error calls, uncaught exceptions, browser log errors
	Requests       []string    // every URL the page requested (data: URLs shortened)
	OffHost        []string    // requests to a host other than 127.0.0.1 (blocked)
	FailedRequests []string    // HTTP >= 400 or network errors on 127.0.0.1
	Charts         []Chart     // every .chart element
	Violations     []Violation // axe-core violations
	Screenshot     string      // path of the PNG, when PCMT_SCREENSHOT_DIR is set
	MinCharts      int
}

// Problems lists everything wrong with the page, one readable entry each.
func (r *Report) Problems() []string {
	var p []string
	if r.Status != 200 {
		p = append(p, fmt.Sprintf("document status %d", r.Status))
	}
	for _, e := range r.ConsoleErrors {
		p = append(p, "console error: "+e)
	}
	for _, u := range r.OffHost {
		p = append(p, "request off "+AllowedHost+": "+u)
	}
	for _, u := range r.FailedRequests {
		p = append(p, "failed request: "+u)
	}
	if len(r.Charts) < r.MinCharts {
		p = append(p, fmt.Sprintf("%d .chart elements, want at least %d", len(r.Charts), r.MinCharts))
	}
	for _, c := range r.Charts {
		if !c.Drawn() {
			p = append(p, "chart not drawn: "+c.String())
		}
	}
	for _, v := range r.Violations {
		var b strings.Builder
		fmt.Fprintf(&b, "axe %s (%s): %s — %s", v.ID, v.Impact, v.Help, v.HelpURL)
		for _, n := range v.Nodes {
			fmt.Fprintf(&b, "\n      at %s  %s", n.Target, shorten(n.HTML, 160))
			if n.Summary != "" {
				fmt.Fprintf(&b, "\n         %s", summarize(n.Summary))
			}
		}
		p = append(p, b.String())
	}
	return p
}

// String is the readable summary used in test failures.
func (r *Report) String() string {
	probs := r.Problems()
	var b strings.Builder
	fmt.Fprintf(&b, "%s: %d problem(s), %d request(s), %d chart(s)", r.URL, len(probs), len(r.Requests), len(r.Charts))
	if r.Screenshot != "" {
		fmt.Fprintf(&b, ", screenshot %s", r.Screenshot)
	}
	for _, s := range probs {
		b.WriteString("\n  - " + s)
	}
	return b.String()
}

// AssertClean fails the test with every problem of the report.
func AssertClean(t testing.TB, r *Report) {
	t.Helper()
	if len(r.Problems()) > 0 {
		t.Error(r.String())
	}
}

// summarize puts axe's failure summary ("Fix any of the following:" and one
// check a line) on one line.
func summarize(s string) string {
	var parts []string
	for _, l := range strings.Split(s, "\n") {
		if l = strings.TrimSpace(l); l != "" {
			parts = append(parts, l)
		}
	}
	if len(parts) == 0 {
		return ""
	}
	return shorten(parts[0]+" "+strings.Join(parts[1:], "; "), 400)
}

func shorten(s string, n int) string {
	s = strings.Join(strings.Fields(s), " ")
	if len(s) <= n {
		return s
	}
	return s[:n] + "…"
}

// IsLocal reports whether a requested URL stays on this machine: data:,
// blob: and about: URLs, and http(s)/ws(s) URLs whose host is 127.0.0.1.
func IsLocal(raw string) bool {
	u, err := url.Parse(raw)
	if err != nil {
		return false
	}
	switch u.Scheme {
	case "data", "blob", "about":
		return true
	case "http", "https", "ws", "wss":
		return u.Hostname() == AllowedHost
	}
	return false
}

// endMarker is logged by Check at the end so that it knows it has read every
// console message of the page.
const endMarker = "pcmt-browsertest: end of page"

// Check loads pageURL in a new tab and reports what it saw. It fails the test
// (t.Fatal) only when the page could not be examined at all; problems of the
// page are in the report, for AssertClean or the caller's own assertions.
func (b *Browser) Check(t testing.TB, pageURL string, opts CheckOptions) *Report {
	t.Helper()
	if opts.ChartTimeout == 0 {
		opts.ChartTimeout = 15 * time.Second
	}
	if opts.Width == 0 {
		opts.Width = 1280
	}
	if opts.Height == 0 {
		opts.Height = 900
	}
	axeSrc, err := os.ReadFile(NodeModule(t, "axe-core/axe.min.js"))
	if err != nil {
		t.Fatal(err)
	}

	tab, closeTab := chromedp.NewContext(b.ctx)
	defer closeTab()
	if err := chromedp.Do(tab); err != nil { // opens the tab, no timeout bound to it
		t.Fatalf("opening a tab: %v", err)
	}
	ctx, cancel := context.WithTimeout(tab, 2*time.Minute)
	defer cancel()

	r := &Report{URL: pageURL, MinCharts: opts.MinCharts}
	var mu sync.Mutex
	seen := map[string]bool{}
	record := func(u string) { // under mu
		if strings.HasPrefix(u, "data:") {
			u = shorten(u, 60)
		}
		if !seen[u] {
			seen[u] = true
			r.Requests = append(r.Requests, u)
		}
	}
	urls := map[network.RequestID]string{}

	// Network events, in order, before each command returns.
	if err := chromedp.Listen(tab, func(ev any) {
		mu.Lock()
		defer mu.Unlock()
		switch ev := ev.(type) {
		case *network.EventRequestWillBeSent:
			urls[ev.RequestID] = ev.Request.URL
			record(ev.Request.URL)
		case *network.EventResponseReceived:
			if ev.Response.Status >= 400 && IsLocal(ev.Response.URL) && !isFavicon(ev.Response.URL) {
				r.FailedRequests = append(r.FailedRequests, fmt.Sprintf("%s: HTTP %d", ev.Response.URL, ev.Response.Status))
			}
		case *network.EventLoadingFailed:
			u := urls[ev.RequestID]
			if IsLocal(u) && !ev.Canceled && !isFavicon(u) {
				r.FailedRequests = append(r.FailedRequests, fmt.Sprintf("%s: %s", u, ev.ErrorText))
			}
		}
	}); err != nil {
		t.Fatalf("listening to the tab: %v", err)
	}

	// Every request pauses here; one that leaves 127.0.0.1 is recorded and
	// failed, so it never reaches the network.
	paused := chromedp.Events(tab, fetch.RequestPaused)
	go func() {
		for ev, err := range paused {
			if err != nil {
				return
			}
			u := ev.Request.URL
			if IsLocal(u) {
				_, _ = chromedp.Call(tab, fetch.ContinueRequest, fetch.ContinueRequestParams{RequestID: ev.RequestID})
				continue
			}
			mu.Lock()
			record(u)
			if !slices.Contains(r.OffHost, u) {
				r.OffHost = append(r.OffHost, u)
			}
			mu.Unlock()
			_, _ = chromedp.Call(tab, fetch.FailRequest, fetch.FailRequestParams{RequestID: ev.RequestID, ErrorReason: network.ErrorReasonBlockedByClient})
		}
	}()
	if _, err := chromedp.Call(ctx, fetch.Enable, fetch.EnableParams{}); err != nil {
		t.Fatalf("Fetch.enable: %v", err)
	}

	// Console messages, read until our end marker.
	console := chromedp.Console(tab)
	consoleDone := make(chan []string, 1)
	go func() {
		var errs []string
		for m, err := range console {
			if err != nil {
				break
			}
			if m.Text == endMarker {
				break
			}
			switch m.Type {
			case chromedp.ConsoleError, chromedp.ConsoleException, "assert":
				where := ""
				if m.URL != "" {
					where = fmt.Sprintf(" (%s:%d)", m.URL, m.Line+1)
				}
				if isFavicon(m.URL) {
					continue
				}
				errs = append(errs, fmt.Sprintf("[%s] %s%s", m.Type, m.Text, where))
			}
		}
		consoleDone <- errs
	}()

	if err := chromedp.Do(ctx, chromedp.EmulateViewport(opts.Width, opts.Height)); err != nil {
		t.Fatalf("viewport: %v", err)
	}
	resp, err := chromedp.Run(ctx, chromedp.NavigateResponse(pageURL))
	if err != nil {
		t.Fatalf("loading %s: %v", pageURL, err)
	}
	if resp != nil {
		r.Status = resp.Status
	}

	r.Charts, err = waitCharts(ctx, opts.ChartTimeout)
	if err != nil {
		t.Fatalf("reading the charts of %s: %v", pageURL, err)
	}

	r.Violations, err = runAxe(ctx, string(axeSrc), opts.AxeDisable)
	if err != nil {
		t.Fatalf("running axe-core on %s: %v", pageURL, err)
	}

	if dir := os.Getenv(ScreenshotDirEnv); dir != "" {
		png, err := chromedp.Run(ctx, chromedp.FullScreenshot(100)) // 100 = PNG
		if err != nil {
			t.Fatalf("screenshot of %s: %v", pageURL, err)
		}
		if err := os.MkdirAll(dir, 0o755); err != nil {
			t.Fatal(err)
		}
		r.Screenshot = filepath.Join(dir, screenshotName(t.Name(), pageURL))
		if err := os.WriteFile(r.Screenshot, png, 0o644); err != nil {
			t.Fatal(err)
		}
	}

	if err := chromedp.Do(ctx, chromedp.Evaluate[chromedp.Void](fmt.Sprintf("console.debug(%q)", endMarker))); err != nil {
		t.Fatalf("logging the end marker: %v", err)
	}
	select {
	case errs := <-consoleDone:
		r.ConsoleErrors = errs
	case <-time.After(10 * time.Second):
		t.Fatalf("console of %s: the end marker did not arrive in 10s", pageURL)
	}

	mu.Lock()
	defer mu.Unlock()
	// Requests seen only by the network domain (e.g. a blocked one whose
	// pause raced) are still checked here.
	for _, u := range r.Requests {
		if !IsLocal(u) && !slices.Contains(r.OffHost, u) {
			r.OffHost = append(r.OffHost, u)
		}
	}
	out := *r
	out.Requests = slices.Clone(r.Requests)
	out.OffHost = slices.Clone(r.OffHost)
	out.FailedRequests = slices.Clone(r.FailedRequests)
	return &out
}

// isFavicon: Chromium asks for /favicon.ico on its own; its absence is not a
// problem of the page.
func isFavicon(u string) bool {
	p, err := url.Parse(u)
	return err == nil && p.Path == "/favicon.ico"
}

var unsafeName = regexp.MustCompile(`[^A-Za-z0-9._-]+`)

func screenshotName(test, pageURL string) string {
	p := pageURL
	if u, err := url.Parse(pageURL); err == nil {
		p = u.Path
	}
	p = strings.Trim(p, "/")
	if p == "" {
		p = "home"
	}
	return strings.Trim(unsafeName.ReplaceAllString(test+"__"+p, "_"), "_") + ".png"
}

// chartsJS measures every .chart: its ECharts instance, its canvases, and how
// many pixels of the first sized canvas differ from that canvas's top-left
// pixel (the background; transparent when ECharts draws none).
const chartsJS = `(() => Array.from(document.querySelectorAll('.chart')).map((el, index) => {
  const r = {index, id: el.id || '', label: el.getAttribute('aria-label') || '', instance: false,
             canvases: 0, width: 0, height: 0, painted: 0, error: ''};
  try { r.instance = !!(window.echarts && window.echarts.getInstanceByDom(el)); } catch (e) {}
  const cs = Array.from(el.querySelectorAll('canvas'));
  r.canvases = cs.length;
  for (const c of cs) {
    if (!(c.width > 0 && c.height > 0)) continue;
    if (r.width === 0) { r.width = c.width; r.height = c.height; }
    try {
      const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
      let n = 0;
      for (let i = 4; i < d.length; i += 4) {
        if (d[i] !== d[0] || d[i+1] !== d[1] || d[i+2] !== d[2] || d[i+3] !== d[3]) n++;
      }
      r.painted += n;
    } catch (e) { r.error = String(e); }
  }
  return r;
}))()`

func waitCharts(ctx context.Context, timeout time.Duration) ([]Chart, error) {
	deadline := time.Now().Add(timeout)
	for {
		charts, err := chromedp.Run(ctx, chromedp.Evaluate[[]Chart](chartsJS))
		if err != nil {
			return nil, err
		}
		done := true
		for _, c := range charts {
			done = done && c.Drawn()
		}
		if done || time.Now().After(deadline) {
			if done && len(charts) > 0 {
				// Let the entry animation settle (for screenshots), then
				// measure again.
				time.Sleep(1200 * time.Millisecond)
				return chromedp.Run(ctx, chromedp.Evaluate[[]Chart](chartsJS))
			}
			return charts, nil
		}
		select {
		case <-ctx.Done():
			return nil, ctx.Err()
		case <-time.After(150 * time.Millisecond):
		}
	}
}

// axeRunJS runs axe on the document; %s is the JSON of the run options.
const axeRunJS = `axe.run(document, %s).then(res => res.violations.map(v => ({
  id: v.id, impact: v.impact || '', help: v.help, helpUrl: v.helpUrl,
  nodes: v.nodes.map(n => ({
    target: n.target.map(t => Array.isArray(t) ? t.join(' >>> ') : String(t)).join(' '),
    html: n.html || '',
    summary: n.failureSummary || '',
  })),
})))`

func runAxe(ctx context.Context, src string, disable []string) ([]Violation, error) {
	if err := chromedp.Do(ctx, chromedp.Evaluate[chromedp.Void](src)); err != nil {
		return nil, fmt.Errorf("injecting axe.min.js: %w", err)
	}
	rules := make([]string, 0, len(disable))
	for _, id := range disable {
		rules = append(rules, fmt.Sprintf("%q: {enabled: false}", id))
	}
	runOpts := fmt.Sprintf("{resultTypes: ['violations'], rules: {%s}}", strings.Join(rules, ", "))
	return chromedp.Run(ctx, chromedp.Evaluate[[]Violation](fmt.Sprintf(axeRunJS, runOpts), chromedp.EvalAwaitPromise))
}
