package main

import (
	"bytes"
	"compress/gzip"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

func TestCheckReportsEveryProblemWithFileAndLine(t *testing.T) {
	src := t.TempDir()
	for _, name := range []string{"data", "content"} {
		copyDir(t, filepath.Join("../..", name), filepath.Join(src, name))
	}
	figs := filepath.Join(src, "data/figures/ldxh-2023-03-15-tuyen-quang.csv")
	b, err := os.ReadFile(figs)
	if err != nil {
		t.Fatal(err)
	}
	b = append(b, "08,tiep-can-dich-vu,2023,target,180,,,,ldxh-2023-03-15-tuyen-quang,trên 180%,\n"...)
	b = append(b, "99,tiep-can-dich-vu,2023,target,80,,,,ldxh-2023-03-15-tuyen-quang,x,\n"...)
	os.WriteFile(figs, b, 0o644)
	lines := strings.Count(string(b), "\n")

	var out, errOut bytes.Buffer
	code := run([]string{"check", "--source", src}, &out, &errOut)
	if code != 1 {
		t.Fatalf("exit status %d, want 1; stderr:\n%s", code, errOut.String())
	}
	got := errOut.String()
	for _, want := range []string{
		"data/figures/ldxh-2023-03-15-tuyen-quang.csv:" + itoa(lines-1) + ":",
		"value: 180% is over 100% without a qualifier",
		"data/figures/ldxh-2023-03-15-tuyen-quang.csv:" + itoa(lines) + ":1: unit: no unit has code \"99\"",
		"pcmt: 2 problem(s) found; nothing was published",
	} {
		if !strings.Contains(got, want) {
			t.Errorf("stderr lacks %q:\n%s", want, got)
		}
	}
}

func TestCheckCleanSite(t *testing.T) {
	var out, errOut bytes.Buffer
	if code := run([]string{"check", "--source", "../.."}, &out, &errOut); code != 0 {
		t.Fatalf("exit %d: %s", code, errOut.String())
	}
	if !strings.Contains(out.String(), "no problems found") {
		t.Errorf("stdout = %q", out.String())
	}
}

func TestUsage(t *testing.T) {
	var out, errOut bytes.Buffer
	if code := run([]string{"publish"}, &out, &errOut); code != 2 || !strings.Contains(errOut.String(), `unknown command "publish"`) {
		t.Errorf("exit %d, stderr %q", code, errOut.String())
	}
	if code := run(nil, &out, &errOut); code != 2 {
		t.Errorf("no command: exit %d", code)
	}
}

func itoa(n int) string { return strconv.Itoa(n) }

func copyDir(t *testing.T, src, dst string) {
	t.Helper()
	err := filepath.WalkDir(src, func(p string, d os.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(src, p)
		if d.IsDir() {
			return os.MkdirAll(filepath.Join(dst, rel), 0o755)
		}
		b, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		return os.WriteFile(filepath.Join(dst, rel), b, 0o644)
	})
	if err != nil {
		t.Fatal(err)
	}
}

func TestBuildMemoryLimit(t *testing.T) {
	for _, c := range []struct {
		env   string // "" = GOMEMLIMIT unset
		limit int64
		ok    bool
	}{
		{"", 2500 << 20, true},
		{"off", 0, false},
		{"8GiB", 0, false},
	} {
		t.Setenv("GOMEMLIMIT", c.env)
		if c.env == "" {
			os.Unsetenv("GOMEMLIMIT")
		}
		limit, ok := buildMemoryLimit()
		if limit != c.limit || ok != c.ok {
			t.Errorf("GOMEMLIMIT=%q: limit %d MiB, %v; want %d MiB, %v", c.env, limit>>20, ok, c.limit>>20, c.ok)
		}
	}
}

func TestBuildGCPercent(t *testing.T) {
	for _, c := range []struct {
		env     string // "" = GOGC unset
		percent int
		ok      bool
	}{
		{"", 400, true},
		{"100", 0, false},
		{"off", 0, false},
	} {
		t.Setenv("GOGC", c.env)
		if c.env == "" {
			os.Unsetenv("GOGC")
		}
		percent, ok := buildGCPercent()
		if percent != c.percent || ok != c.ok {
			t.Errorf("GOGC=%q: percent %d, %v; want %d, %v", c.env, percent, ok, c.percent, c.ok)
		}
	}
}

// TestBuildProfiles: PCMT_CPUPROFILE and PCMT_MEMPROFILE give profiles
// that go tool pprof reads (gzipped protobuf naming their sample types),
// as bench/README.md tells.
func TestBuildProfiles(t *testing.T) {
	dir := t.TempDir()
	cpu, mem := filepath.Join(dir, "cpu.prof"), filepath.Join(dir, "mem.prof")
	t.Setenv("PCMT_CPUPROFILE", cpu)
	t.Setenv("PCMT_MEMPROFILE", mem)
	var out, errOut bytes.Buffer
	if code := run([]string{"build", "--source", "../..", "--destination", filepath.Join(dir, "public")}, &out, &errOut); code != 0 {
		t.Fatalf("pcmt build: exit %d: %s", code, errOut.String())
	}
	for path, want := range map[string]string{cpu: "nanoseconds", mem: "alloc_space"} {
		f, err := os.Open(path)
		if err != nil {
			t.Fatal(err)
		}
		z, err := gzip.NewReader(f)
		if err != nil {
			t.Fatalf("%s: not a gzipped profile: %v", filepath.Base(path), err)
		}
		b, err := io.ReadAll(z)
		f.Close()
		if err != nil {
			t.Fatalf("%s: %v", filepath.Base(path), err)
		}
		if !bytes.Contains(b, []byte(want)) {
			t.Errorf("%s: no %q sample type in the profile", filepath.Base(path), want)
		}
	}
}
