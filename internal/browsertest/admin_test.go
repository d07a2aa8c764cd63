package browsertest

import (
	"bytes"
	"context"
	"fmt"
	"net"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/cdproto/fetch"
	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/chromedp"

	"github.com/pcmt/pcmt/internal/build"
	"github.com/pcmt/pcmt/internal/sitegen"
)

// TestEditorPublishesCommunePage runs the web editor end to end: it builds a
// copy of the site, starts Decap CMS's local backend (decap-server, from
// npm) on 127.0.0.1 over that copy, opens /admin/ in headless Chromium,
// writes a campaign page through the form and saves it; then it checks the
// file that landed in content/xa/<code>/, builds the site again and finds
// the page, and its link on the commune's page. The editor must load with
// no request off 127.0.0.1.
func TestEditorPublishesCommunePage(t *testing.T) {
	b := NewBrowser(t)
	node, err := exec.LookPath("node")
	if err != nil {
		t.Fatalf("node is missing (Node.js is needed for npm and decap-server): %v", err)
	}
	repo := RepoRoot(t)
	server := NodeModule(t, "decap-server/dist/index.js")

	// A copy of the site: the editor writes into it, never into the repository.
	site := t.TempDir()
	for _, name := range append([]string{"data"}, sitegen.Copied...) {
		src := filepath.Join(repo, name)
		fi, err := os.Stat(src)
		switch {
		case err != nil:
			continue
		case fi.IsDir():
			err = os.CopyFS(filepath.Join(site, name), os.DirFS(src))
		default:
			var b []byte
			if b, err = os.ReadFile(src); err == nil {
				err = os.WriteFile(filepath.Join(site, name), b, 0o644)
			}
		}
		if err != nil {
			t.Fatal(err)
		}
	}
	if err := os.Symlink(filepath.Join(repo, "node_modules"), filepath.Join(site, "node_modules")); err != nil {
		t.Fatal(err)
	}
	dest := filepath.Join(t.TempDir(), "public")
	if err := build.Site(build.Options{Source: site, Destination: dest}); err != nil {
		t.Fatalf("building the site: %v", err)
	}

	port := freePort(t)
	backend := fmt.Sprintf("http://127.0.0.1:%d/api/v1", port)
	var serverLog bytes.Buffer
	cmd := exec.Command(node, server)
	cmd.Env = append(os.Environ(), fmt.Sprintf("PORT=%d", port), "BIND_HOST=127.0.0.1", "GIT_REPO_DIRECTORY="+site, "MODE=fs", "LOG_LEVEL=warn")
	cmd.Stdout, cmd.Stderr = &serverLog, &serverLog
	if err := cmd.Start(); err != nil {
		t.Fatalf("starting decap-server: %v", err)
	}
	t.Cleanup(func() {
		_ = cmd.Process.Kill()
		_ = cmd.Wait()
		if t.Failed() {
			t.Logf("decap-server log:\n%s", serverLog.String())
		}
	})
	waitBackend(t, backend)

	// The site as built, with the editor pointed at this test's backend
	// (the built config says local_backend: true, i.e. port 8081).
	files := http.FileServer(http.Dir(dest))
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == "/admin/config.yml" {
			cfg, err := os.ReadFile(filepath.Join(dest, "admin", "config.yml"))
			if err != nil {
				http.Error(w, err.Error(), 500)
				return
			}
			cfg = bytes.Replace(cfg, []byte(`"local_backend": true`), []byte(`"local_backend": {"url": "`+backend+`"}`), 1)
			w.Header().Set("Content-Type", "text/yaml; charset=utf-8")
			_, _ = w.Write(cfg)
			return
		}
		files.ServeHTTP(w, r)
	}))
	t.Cleanup(srv.Close)

	tab, closeTab := chromedp.NewContext(b.ctx)
	defer closeTab()
	// A commune official's browser is on Vietnam's time: the date the
	// editor fills in is Vietnam's, also when this machine's (UTC) is a
	// day behind (17:00–24:00 UTC).
	if err := chromedp.Do(tab); err != nil {
		t.Fatal(err)
	}
	if _, err := chromedp.Call(tab, emulation.SetTimezoneOverride, emulation.SetTimezoneOverrideParams{TimezoneID: "Asia/Ho_Chi_Minh"}); err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithTimeout(tab, 3*time.Minute)
	defer cancel()
	var mu sync.Mutex
	var offHost, exceptions []string
	paused := chromedp.Events(tab, fetch.RequestPaused)
	go func() {
		for ev, err := range paused {
			if err != nil {
				return
			}
			if IsLocal(ev.Request.URL) {
				_, _ = chromedp.Call(tab, fetch.ContinueRequest, fetch.ContinueRequestParams{RequestID: ev.RequestID})
				continue
			}
			mu.Lock()
			offHost = append(offHost, ev.Request.URL)
			mu.Unlock()
			_, _ = chromedp.Call(tab, fetch.FailRequest, fetch.FailRequestParams{RequestID: ev.RequestID, ErrorReason: network.ErrorReasonBlockedByClient})
		}
	}()
	if _, err := chromedp.Call(ctx, fetch.Enable, fetch.EnableParams{}); err != nil {
		t.Fatalf("Fetch.enable: %v", err)
	}
	console := chromedp.Console(tab)
	go func() {
		for m, err := range console {
			if err != nil {
				return
			}
			if os.Getenv("PCMT_DEBUG_EDITOR") != "" {
				t.Logf("console %s: %s (%s)", m.Type, m.Text, m.URL)
			}
			if m.Type == chromedp.ConsoleException || m.Type == chromedp.ConsoleError && !isFavicon(m.URL) {
				mu.Lock()
				exceptions = append(exceptions, m.Text)
				mu.Unlock()
			}
		}
	}()

	title := "Ra quân Tháng hành động phòng, chống ma túy năm 2025"
	office := "UBND xã Hiệp Hoà"
	body := "Sáng nay xã tổ chức lễ ra quân hưởng ứng Tháng hành động."
	xpLabel := func(label string) string {
		return fmt.Sprintf(`//label[contains(normalize-space(.), %q)]/following::input[1]`, label)
	}
	steps := []struct {
		name string
		do   chromedp.Action[chromedp.Void]
	}{
		{"open the editor", chromedp.Navigate(srv.URL + "/admin/")},
		// The local backend needs no password: the button only enters.
		{"log in", chromedp.Click(`//button[normalize-space(.)="Đăng nhập"]`)},
		{"see the collections", chromedp.WaitVisible(`//*[contains(normalize-space(.), "Tin chiến dịch")]`)},
		{"start a campaign page", chromedp.Navigate(srv.URL + "/admin/#/collections/tin-chien-dich/new")},
		{"wait for the form", chromedp.WaitVisible(xpLabel("Tiêu đề"))},
		{"type the title", chromedp.SendKeys(xpLabel("Tiêu đề"), title)},
		{"open the commune select", chromedp.Click(xpLabel("Xã, phường"))},
		{"search the commune", chromedp.SendKeys(xpLabel("Xã, phường"), "(07840)")},
		{"see the commune", chromedp.WaitVisible(`//*[contains(@class, "option") and contains(., "(07840)")]`)},
		{"pick the commune", chromedp.SendKeys(xpLabel("Xã, phường"), "\r")},
		{"type the office", chromedp.SendKeys(xpLabel("Cơ quan chịu trách nhiệm"), office)},
		{"focus the body", chromedp.Click(chromedp.CSS(`[data-slate-editor="true"]`))},
		{"type the body", chromedp.SendKeys(chromedp.CSS(`[data-slate-editor="true"]`), body)},
		{"settle", chromedp.Sleep(500 * time.Millisecond)},
		{"open publish", chromedp.Click(`//button[normalize-space(.)="Công bố"] | //*[@role="button" and normalize-space(.)="Công bố"]`)},
		{"publish now", chromedp.Click(`//*[normalize-space(text())="Công bố ngay"]`)},
	}
	for _, st := range steps {
		sctx, scancel := context.WithTimeout(ctx, 45*time.Second)
		err := chromedp.Do(sctx, st.do)
		scancel()
		if err != nil {
			shot(t, tab)
			t.Fatalf("editor: %s: %v", st.name, err)
		}
	}

	// The file lands in content/xa/<commune code>/<slug>.md.
	want := filepath.Join(site, "content", "xa", "07840", "ra-quan-thang-hanh-dong-phong-chong-ma-tuy-nam-2025.md")
	var saved []byte
	for deadline := time.Now().Add(30 * time.Second); time.Now().Before(deadline); time.Sleep(200 * time.Millisecond) {
		if saved, err = os.ReadFile(want); err == nil && len(saved) > 0 {
			break
		}
	}
	if len(saved) == 0 {
		shot(t, ctx)
		got, _ := filepath.Glob(filepath.Join(site, "content", "xa", "*", "*.md"))
		t.Fatalf("no file %s after saving; commune pages: %v", want, got)
	}
	t.Logf("saved:\n%s", saved)
	for _, line := range []string{"+++\n", `title = "` + title + `"`, `commune = "07840"`, `kind = "tin-chien-dich"`, `date = "` + time.Now().In(vietnamTime()).Format("2006-01-02") + `"`, `office = "` + office + `"`, body} {
		if !bytes.Contains(saved, []byte(line)) {
			t.Errorf("saved page lacks %q", line)
		}
	}
	// Same keys, same order as a page written by hand or by pcmt new.
	keys := []string{}
	for _, l := range strings.Split(string(saved), "\n") {
		if k, _, ok := strings.Cut(l, " = "); ok && !strings.Contains(k, " ") {
			keys = append(keys, k)
		}
	}
	if !slices.Equal(keys, []string{"title", "commune", "kind", "date", "office"}) {
		t.Errorf("front matter keys %v, want title, commune, kind, date, office", keys)
	}

	// The next build publishes it.
	dest2 := filepath.Join(t.TempDir(), "public")
	if err := build.Site(build.Options{Source: site, Destination: dest2}); err != nil {
		t.Fatalf("building the site with the new page: %v", err)
	}
	page, err := os.ReadFile(filepath.Join(dest2, "xa", "07840", "ra-quan-thang-hanh-dong-phong-chong-ma-tuy-nam-2025", "index.html"))
	if err != nil {
		t.Fatalf("the page is not on the site: %v", err)
	}
	for _, s := range []string{"<h1>" + title + "</h1>", body, office} {
		if !bytes.Contains(page, []byte(s)) {
			t.Errorf("published page lacks %q", s)
		}
	}
	unit, err := os.ReadFile(filepath.Join(dest2, "don-vi", "07840-hiep-hoa", "index.html"))
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Contains(unit, []byte(`href="/xa/07840/ra-quan-thang-hanh-dong-phong-chong-ma-tuy-nam-2025/"`)) {
		t.Errorf("the commune's page does not link the new page")
	}

	mu.Lock()
	defer mu.Unlock()
	if len(offHost) > 0 {
		t.Errorf("the editor requested hosts other than %s: %q", AllowedHost, offHost)
	}
	if len(exceptions) > 0 {
		t.Errorf("errors in the editor's console: %q", exceptions)
	}
}

func freePort(t *testing.T) int {
	t.Helper()
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer l.Close()
	return l.Addr().(*net.TCPAddr).Port
}

// waitBackend waits until decap-server answers its info action.
func waitBackend(t *testing.T, url string) {
	t.Helper()
	for deadline := time.Now().Add(30 * time.Second); time.Now().Before(deadline); time.Sleep(100 * time.Millisecond) {
		resp, err := http.Post(url, "application/json", strings.NewReader(`{"action":"info"}`))
		if err == nil {
			resp.Body.Close()
			if resp.StatusCode == 200 {
				return
			}
		}
	}
	t.Fatalf("decap-server did not answer at %s in 30s", url)
}

// shot saves a screenshot of the editor when PCMT_SCREENSHOT_DIR is set.
func shot(t *testing.T, ctx context.Context) {
	dir := os.Getenv(ScreenshotDirEnv)
	if dir == "" {
		return
	}
	if png, err := chromedp.Run(ctx, chromedp.FullScreenshot(100)); err == nil {
		_ = os.MkdirAll(dir, 0o755)
		p := filepath.Join(dir, "editor.png")
		_ = os.WriteFile(p, png, 0o644)
		t.Logf("screenshot: %s", p)
	}
}

func vietnamTime() *time.Location {
	if loc, err := time.LoadLocation("Asia/Ho_Chi_Minh"); err == nil {
		return loc
	}
	return time.FixedZone("ICT", 7*3600)
}
