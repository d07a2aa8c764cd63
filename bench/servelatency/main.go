// Command servelatency measures how long `pcmt serve` takes to show an
// edit: from the write of an input file to the served HTML holding the new
// text. It works on a copy of the site (never the repository), makes a
// commune page there with `pcmt new`, starts `pcmt serve` on 127.0.0.1 and
// edits, RUNS times each, (1) that commune page's body and (2) a figure of
// data/figures, polling the page every 5 ms. It prints every latency and
// the median.
//
//	go build -o /tmp/pcmt ./cmd/pcmt
//	go run ./bench/servelatency --pcmt /tmp/pcmt --runs 9
package main

import (
	"bytes"
	"errors"
	"flag"
	"fmt"
	"io"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"syscall"
	"time"
)

func main() {
	pcmt := flag.String("pcmt", "pcmt", "the pcmt `binary` to measure")
	source := flag.String("source", ".", "the site to copy")
	runs := flag.Int("runs", 9, "edits of each kind")
	port := flag.Int("port", 13131, "port for pcmt serve")
	flag.Parse()
	if err := run(*pcmt, *source, *runs, *port); err != nil {
		fmt.Fprintln(os.Stderr, "servelatency:", err)
		os.Exit(1)
	}
}

// The commune page made in the copy: Xã Hiệp Hoà (Bắc Ninh, from 2025),
// which took in Thị trấn Thắng of the default site.
const (
	commune     = "07840"
	pageFile    = "content/xa/07840/do-do-tre-xem-truoc.md"
	pagePath    = "/xa/07840/do-do-tre-xem-truoc/"
	figureFile  = "data/figures/tin-2021-02-18-ha-noi.csv"
	ledgerFile  = "data/changes.csv"
	figureRow   = "01,cai-nghien-bat-buoc,2021,target,900,"
	figureField = "900"
	unitPath    = "/don-vi/01-ha-noi-truoc-2025/"
)

func run(pcmt, source string, runs, port int) (err error) {
	src, err := filepath.Abs(source)
	if err != nil {
		return err
	}
	dir, err := os.MkdirTemp("", "pcmt-servelatency-")
	if err != nil {
		return err
	}
	defer os.RemoveAll(dir)
	for _, name := range []string{"config.toml", "content", "data", "layouts", "static", "assets", "i18n"} {
		if _, err := os.Stat(filepath.Join(src, name)); err != nil {
			continue
		}
		if out, err := exec.Command("cp", "-r", filepath.Join(src, name), dir).CombinedOutput(); err != nil {
			return fmt.Errorf("copy %s: %v: %s", name, err, out)
		}
	}
	// The ECharts bundle is read from node_modules; it does not change.
	if err := os.Symlink(filepath.Join(src, "node_modules"), filepath.Join(dir, "node_modules")); err != nil {
		return err
	}
	if out, err := exec.Command(pcmt, "new", "--source", dir, "--commune", commune, "Đo độ trễ xem trước").CombinedOutput(); err != nil {
		return fmt.Errorf("pcmt new: %v: %s", err, out)
	}
	page, err := os.ReadFile(filepath.Join(dir, pageFile))
	if err != nil {
		return err
	}
	figures, err := os.ReadFile(filepath.Join(dir, figureFile))
	if err != nil {
		return err
	}
	ledger, err := os.ReadFile(filepath.Join(dir, ledgerFile))
	if err != nil {
		return err
	}
	if !bytes.Contains(figures, []byte(figureRow)) {
		return fmt.Errorf("%s has no row %q: update bench/servelatency", figureFile, figureRow)
	}

	// pcmt serve's own temporary directory: what it leaves there is seen.
	tmp, err := os.MkdirTemp("", "pcmt-servelatency-tmp-")
	if err != nil {
		return err
	}
	defer os.RemoveAll(tmp)
	var log bytes.Buffer
	cmd := exec.Command(pcmt, "serve", "--source", dir, "--port", fmt.Sprint(port))
	cmd.Env = append(os.Environ(), "TMPDIR="+tmp)
	cmd.Stdout, cmd.Stderr = &log, &log
	cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true}
	if err := cmd.Start(); err != nil {
		return err
	}
	defer func() {
		// Stopped while it rebuilds after an edit (Ctrl+C right after
		// saving), pcmt serve still removes its staging site.
		os.WriteFile(filepath.Join(dir, pageFile), append(bytes.Clone(page), "\nĐo lần cuối.\n"...), 0o644)
		time.Sleep(300 * time.Millisecond)
		syscall.Kill(-cmd.Process.Pid, syscall.SIGTERM)
		cmd.Wait()
		left, _ := filepath.Glob(filepath.Join(tmp, "pcmt-site-*"))
		if len(left) > 0 && err == nil {
			err = fmt.Errorf("pcmt serve left its staging site %s after it stopped", left[0])
		}
	}()
	base := fmt.Sprintf("http://127.0.0.1:%d", port)
	if err := waitFor(base+pagePath, "Đo độ trễ xem trước", 60*time.Second); err != nil {
		return fmt.Errorf("pcmt serve did not start: %v\n%s", err, log.String())
	}

	var pageTimes, figureTimes []time.Duration
	for i := range runs {
		time.Sleep(700 * time.Millisecond) // let the server settle
		marker := fmt.Sprintf("Đo lần %d-%d.", i, time.Now().UnixNano()%100000)
		body := append(bytes.Clone(page), []byte("\n"+marker+"\n")...)
		t0 := time.Now()
		if err := os.WriteFile(filepath.Join(dir, pageFile), body, 0o644); err != nil {
			return err
		}
		if err := waitFor(base+pagePath, marker, 10*time.Second); err != nil {
			return fmt.Errorf("commune page edit %d: %v\n%s", i, err, log.String())
		}
		pageTimes = append(pageTimes, time.Since(t0))

		time.Sleep(700 * time.Millisecond)
		// 7.301, 7.302, …: a number found nowhere else on the page.
		value := 7301 + i
		shown := fmt.Sprintf("%d.%03d", value/1000, value%1000)
		edited := bytes.Replace(figures, []byte(figureRow), []byte(strings.Replace(figureRow, ","+figureField+",", fmt.Sprintf(",%d,", value), 1)), 1)
		// A published value changes only with a correction in the ledger,
		// written first, as an official would.
		before := figureField
		if i > 0 {
			before = fmt.Sprint(value - 1)
		}
		if !bytes.HasSuffix(ledger, []byte("\n")) {
			ledger = append(ledger, '\n')
		}
		ledger = fmt.Appendf(ledger, "2026-11-25,corrected,01,cai-nghien-bat-buoc,2021,target,tin-2021-02-18-ha-noi,%s,%d,Đo độ trễ xem trước\n", before, value)
		t0 = time.Now()
		if err := os.WriteFile(filepath.Join(dir, ledgerFile), ledger, 0o644); err != nil {
			return err
		}
		if err := os.WriteFile(filepath.Join(dir, figureFile), edited, 0o644); err != nil {
			return err
		}
		if err := waitFor(base+unitPath, shown, 10*time.Second); err != nil {
			return fmt.Errorf("figure edit %d: %v\n%s", i, err, log.String())
		}
		figureTimes = append(figureTimes, time.Since(t0))
	}
	report("commune page (content/xa)", pageTimes)
	report("figure (data/figures)", figureTimes)
	return nil
}

// waitFor polls url every 5 ms until its body contains text.
func waitFor(url, text string, limit time.Duration) error {
	deadline := time.Now().Add(limit)
	client := &http.Client{Timeout: 5 * time.Second}
	var last string
	for time.Now().Before(deadline) {
		resp, err := client.Get(url)
		if err == nil {
			b, _ := io.ReadAll(resp.Body)
			resp.Body.Close()
			if resp.StatusCode == 200 && bytes.Contains(b, []byte(text)) {
				return nil
			}
			last = resp.Status
		} else {
			last = err.Error()
		}
		time.Sleep(5 * time.Millisecond)
	}
	return errors.New(url + ": " + text + " not shown after " + limit.String() + " (last: " + last + ")")
}

func report(what string, ds []time.Duration) {
	s := slices.Clone(ds)
	slices.Sort(s)
	ms := make([]string, len(ds))
	for i, d := range ds {
		ms[i] = fmt.Sprint(d.Milliseconds())
	}
	fmt.Printf("%-28s median %4d ms  min %4d  max %4d  (runs, ms: %s)\n", what,
		s[len(s)/2].Milliseconds(), s[0].Milliseconds(), s[len(s)-1].Milliseconds(), strings.Join(ms, " "))
}
