package browsertest

import (
	"context"
	"math"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"
)

// pdfPage counts the page objects of a PDF Chromium wrote.
var pdfPage = regexp.MustCompile(`/Type\s*/Page[^s]`)

// mediaBox is the size of a PDF page, in points.
var mediaBox = regexp.MustCompile(`/MediaBox\s*\[\s*0\s+0\s+([0-9.]+)\s+([0-9.]+)\s*\]`)

// TestMaterialsPrintOnA4 prints the campaign materials to PDF as a reader's
// browser would (the page's own @page size: A4) and counts the sheets: the
// poster and the leaflet each fit on one A4 page. Set PCMT_SCREENSHOT_DIR
// to keep the PDFs (render them with pdftoppm to look at them).
func TestMaterialsPrintOnA4(t *testing.T) {
	b := NewBrowser(t)
	dest := defaultSite(t)
	srv := Serve(t, dest)
	for _, m := range []struct {
		path     string
		maxPages int
	}{
		{"/toan-dan/ap-phich/", 1},
		{"/toan-dan/to-roi/", 1},
		{"/toan-dan/bai-phat-thanh/", 2},
		{"/toan-dan/ke-hoach-mau/", 4},
	} {
		tab, closeTab := chromedp.NewContext(b.ctx)
		ctx, cancel := context.WithTimeout(tab, time.Minute)
		err := chromedp.Do(ctx, chromedp.Navigate(srv.URL+m.path))
		var res page.PrintToPDFResult
		if err == nil {
			yes := true
			res, err = chromedp.Call(ctx, page.PrintToPDF, page.PrintToPDFParams{PreferCSSPageSize: &yes})
		}
		cancel()
		closeTab()
		if err != nil {
			t.Fatalf("printing %s: %v", m.path, err)
		}
		pdf := res.Data
		n := len(pdfPage.FindAll(pdf, -1))
		if n < 1 || n > m.maxPages {
			t.Errorf("%s prints on %d page(s), want 1 to %d", m.path, n, m.maxPages)
		}
		// A4 is 210 × 297 mm: 595 × 842 points.
		for _, box := range mediaBox.FindAllSubmatch(pdf, -1) {
			w, _ := strconv.ParseFloat(string(box[1]), 64)
			h, _ := strconv.ParseFloat(string(box[2]), 64)
			if math.Abs(w-595.3) > 1 || math.Abs(h-841.9) > 1 {
				t.Errorf("%s: a page of %.1f × %.1f points, not A4", m.path, w, h)
			}
		}
		if dir := os.Getenv(ScreenshotDirEnv); dir != "" {
			_ = os.MkdirAll(dir, 0o755)
			_ = os.WriteFile(filepath.Join(dir, strings.TrimSuffix(screenshotName(t.Name(), m.path), ".png")+".pdf"), pdf, 0o644)
		}
	}
	// The campaign section and the commune pages pass the site's checks
	// (no console error, no request off 127.0.0.1, axe-core).
	for _, p := range []string{"/toan-dan/", "/toan-dan/to-roi/", "/xa/"} {
		AssertClean(t, b.Check(t, srv.URL+p, CheckOptions{}))
	}
}
