package datapackage

import (
	"archive/zip"
	"bytes"
	"encoding/csv"
	"errors"
	"fmt"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/klauspost/compress/flate"
	"github.com/pcmt/pcmt/internal/derive"
	"github.com/pcmt/pcmt/internal/load"
	"github.com/pcmt/pcmt/internal/siteconfig"
)

const repo = "../.."

var base, _ = url.Parse("https://pcmt.invalid/")

// defaultPackage is the package of the repository's own data.
func defaultPackage(t *testing.T, cfg ...siteconfig.Config) []File {
	t.Helper()
	ds, err := load.Load(repo)
	if err != nil {
		t.Fatal(err)
	}
	s, err := derive.Build(ds, cfg...)
	if err != nil {
		t.Fatal(err)
	}
	files, err := Build(s.Publication, base)
	if err != nil {
		t.Fatal(err)
	}
	return files
}

func writeFiles(t *testing.T, files []File) string {
	t.Helper()
	dir := t.TempDir()
	for _, f := range files {
		p := filepath.Join(dir, filepath.FromSlash(f.Path))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, f.Data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

func file(t *testing.T, files []File, name string) []byte {
	t.Helper()
	for _, f := range files {
		if f.Path == name {
			return f.Data
		}
	}
	t.Fatalf("the package has no %s", name)
	return nil
}

// validate runs the Frictionless Data project's validator (npm
// `datapackage`, scripts/validate-datapackage.js) on a package folder.
func validate(t *testing.T, dir string) (string, error) {
	t.Helper()
	node, err := exec.LookPath("node")
	script := filepath.Join(repo, "scripts", "validate-datapackage.js")
	if _, serr := os.Stat(filepath.Join(repo, "node_modules", "datapackage", "package.json")); err != nil || serr != nil {
		if os.Getenv("CI") == "true" {
			t.Fatalf("node or node_modules/datapackage is missing (run make deps): %v %v", err, serr)
		}
		t.Skip("node or node_modules/datapackage is missing; run make deps")
	}
	out, err := exec.Command(node, script, filepath.Join(dir, Descriptor)).CombinedOutput()
	return string(out), err
}

func TestPackageValidates(t *testing.T) {
	files := defaultPackage(t)
	dir := writeFiles(t, files)
	out, err := validate(t, dir)
	if err != nil {
		t.Fatalf("the data package does not validate: %v\n%s", err, out)
	}
	// One resource per indicator with figures (the figures table's files),
	// then don-vi, dia-diem, chi-so, nguon, cap-nhat.
	want := fmt.Sprintf("valid: %d resources", len(figureFiles(files))+5)
	if !strings.HasPrefix(out, want) {
		t.Errorf("validator says %q, want %q", out, want)
	}
}

// figureFiles are the figures table's files: so-lieu/<indicator>.csv.
func figureFiles(files []File) []File {
	var out []File
	for _, f := range files {
		if strings.HasPrefix(f.Path, derive.FiguresDir) {
			out = append(out, f)
		}
	}
	return out
}

// registered is the file of the indicator "people on the register", which
// has Sơn Dương's 268 and Na Hang's 20.
const registered = derive.FiguresDir + "nguoi-nghien-co-ho-so.csv"

// TestValidatorCatchesBrokenPackages makes sure the validation above can
// fail: each broken copy must be refused, for the reason given.
func TestValidatorCatchesBrokenPackages(t *testing.T) {
	files := defaultPackage(t)
	tests := []struct {
		name, file string
		edit       func(string) string
		want       string
	}{
		{"foreign key", registered, func(s string) string {
			return strings.Replace(s, ",nguoi-nghien-co-ho-so,", ",khong-co-chi-so,", 1)
		}, "Foreign key"},
		{"enum", registered, func(s string) string { return strings.Replace(s, ",baseline,", ",du-bao,", 1) }, "constraint"},
		{"type", registered, func(s string) string { return strings.Replace(s, ",986,", ",chín trăm,", 1) }, "row"},
		{"primary key", "chi-so.csv", func(s string) string {
			i := strings.Index(s, "\r\n")
			j := i + 2 + strings.Index(s[i+2:], "\r\n")
			return s + s[i+2:j+2] // the first row again
		}, "unique constraint"},
		{"no byte-order mark", "nguon.csv", func(s string) string { return strings.TrimPrefix(s, "\ufeff") }, "byte-order mark"},
		{"descriptor", Descriptor, func(s string) string {
			return strings.Replace(s, `"name": "so-lieu/nguoi-nghien-co-ho-so"`, `"name": "Số liệu"`, 1) // a resource name is lower-case ASCII
		}, "descriptor"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			broken := append([]File(nil), files...)
			for i, f := range broken {
				if f.Path == tt.file {
					broken[i].Data = []byte(tt.edit(string(f.Data)))
					if bytes.Equal(broken[i].Data, f.Data) {
						t.Fatalf("the edit did not change %s", tt.file)
					}
				}
			}
			out, err := validate(t, writeFiles(t, broken))
			var ee *exec.ExitError
			if !errors.As(err, &ee) {
				t.Fatalf("validator accepted a package with a broken %s: %v\n%s", tt.name, err, out)
			}
			if !strings.Contains(out, tt.want) {
				t.Errorf("validator output does not mention %q:\n%s", tt.want, out)
			}
		})
	}
}

// TestFiguresTable checks what a journalist finds in the figures table's
// files (so-lieu/<indicator>.csv): the byte-order mark, the same columns
// in each, only that indicator's figures, every figure once, codes beside
// names, ISO numbers, the figure's link.
func TestFiguresTable(t *testing.T) {
	files := defaultPackage(t)
	ds, err := load.Load(repo)
	if err != nil {
		t.Fatal(err)
	}
	var rows [][]string
	var head []string
	ids := map[string]bool{}
	for _, f := range figureFiles(files) {
		if !bytes.HasPrefix(f.Data, []byte("\uFEFFid,unit_code,unit_era,unit_name,")) {
			t.Fatalf("%s starts %q, want a byte-order mark and the header", f.Path, f.Data[:min(len(f.Data), 40)])
		}
		rs, err := csv.NewReader(bytes.NewReader(f.Data[3:])).ReadAll()
		if err != nil {
			t.Fatal(err)
		}
		if head == nil {
			head = rs[0]
		} else if strings.Join(rs[0], ",") != strings.Join(head, ",") {
			t.Errorf("%s has the columns %v, want the figures table's %v", f.Path, rs[0], head)
		}
		ind := strings.TrimSuffix(strings.TrimPrefix(f.Path, derive.FiguresDir), ".csv")
		for _, r := range rs[1:] {
			if r[6] != ind {
				t.Errorf("%s holds a figure of %s: %s", f.Path, r[6], r[0])
			}
			if ids[r[0]] {
				t.Errorf("figure %s is in the package twice", r[0])
			}
			ids[r[0]] = true
		}
		rows = append(rows, rs[1:]...)
	}
	if len(rows) != len(ds.Figures) {
		t.Errorf("the figures table has %d rows, want one per figure (%d)", len(rows), len(ds.Figures))
	}
	col := map[string]int{}
	for i, h := range head {
		col[h] = i
	}
	var found bool
	for _, r := range rows {
		if r[col["unit_code"]] == "076" && r[col["indicator_id"]] == "nguoi-nghien-co-ho-so" {
			found = true
			for k, want := range map[string]string{"unit_name": "Huyện Sơn Dương", "unit_era": "2022", "period": "2022-12-31", "kind": "baseline",
				"value": "268", "value_text": "268 người", "suppressed": "false", "source_id": "ldxh-2023-03-15-tuyen-quang",
				"id":  "2022@076.nguoi-nghien-co-ho-so.2022-12-31.baseline.ldxh-2023-03-15-tuyen-quang",
				"url": "https://pcmt.invalid/don-vi/076-son-duong-truoc-2025/#f-nguoi-nghien-co-ho-so-2022-12-31-baseline"} {
				if got := r[col[k]]; got != want {
					t.Errorf("Sơn Dương row: %s = %q, want %q", k, got, want)
				}
			}
		}
		if r[col["value"]] == "" && r[col["suppressed"]] == "false" && !strings.Contains(r[col["value_text"]], derive.MissingText) &&
			r[col["numerator"]] == "" {
			t.Errorf("row %s has no value, is not suppressed and does not say it is missing: %q", r[0], r[col["value_text"]])
		}
	}
	if !found {
		t.Error("the figures table has no row for Sơn Dương's 268 people on the register")
	}
}

// TestZipHoldsThePackage: the ZIP has the descriptor and every table,
// each once, byte for byte, and is the same for the same data.
func TestZipHoldsThePackage(t *testing.T) {
	files := defaultPackage(t)
	z := file(t, files, derive.ZipFile)
	zr, err := zip.NewReader(bytes.NewReader(z), int64(len(z)))
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, f := range zr.File {
		names = append(names, f.Name)
		rc, err := f.Open()
		if err != nil {
			t.Fatal(err)
		}
		var buf bytes.Buffer
		buf.ReadFrom(rc)
		rc.Close()
		if !bytes.Equal(buf.Bytes(), file(t, files, f.Name)) {
			t.Errorf("%s in the ZIP differs from the download", f.Name)
		}
		if f.Modified.Year() < 2020 {
			t.Errorf("%s: stamped %v, want the date the data last changed", f.Name, f.Modified)
		}
	}
	want := "datapackage.json"
	for _, f := range figureFiles(files) {
		want += " " + f.Path
	}
	want += " don-vi.csv dia-diem.csv chi-so.csv nguon.csv cap-nhat.csv"
	if !strings.Contains(want, " "+registered+" ") {
		t.Errorf("the package has no %s", registered)
	}
	if got := strings.Join(names, " "); got != want {
		t.Errorf("ZIP holds %s, want %s", got, want)
	}
	if again := file(t, defaultPackage(t), derive.ZipFile); !bytes.Equal(z, again) {
		t.Error("two builds of the same data give different ZIPs")
	}
}

// TestWithheldFiguresStayWithheld: with a disclosure threshold of 100, Na
// Hang's 20 people on the register are withheld on the pages; the table
// flags the row and gives nothing that tells the number, and the package
// still validates.
func TestWithheldFiguresStayWithheld(t *testing.T) {
	cfg := siteconfig.Default()
	for k := range cfg.Thresholds {
		cfg.Thresholds[k] = 100
	}
	files := defaultPackage(t, cfg)
	b := file(t, files, registered)
	rows, err := csv.NewReader(bytes.NewReader(b[3:])).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	col := map[string]int{}
	for i, h := range rows[0] {
		col[h] = i
	}
	var found bool
	for _, r := range rows[1:] {
		if r[col["unit_code"]] != "072" || r[col["indicator_id"]] != "nguoi-nghien-co-ho-so" {
			continue
		}
		found = true
		if r[col["suppressed"]] != "true" || r[col["value"]] != "" || r[col["evidence"]] != "" || !strings.HasPrefix(r[col["value_text"]], "dưới 100") {
			t.Errorf("Na Hang row is not withheld: suppressed %s, value %q, value_text %q, evidence %q",
				r[col["suppressed"]], r[col["value"]], r[col["value_text"]], r[col["evidence"]])
		}
		for i, c := range r {
			if strings.Contains(c, "20 người") || c == "20" {
				t.Errorf("Na Hang row gives the withheld number in %s: %q", rows[0][i], c)
			}
		}
	}
	if !found {
		t.Fatal("no row for Na Hang")
	}
	for _, r := range strings.Split(string(file(t, files, "cap-nhat.csv")), "\r\n") {
		if strings.Contains(r, "2022@072.nguoi-nghien-co-ho-so") && strings.Contains(r, ",20,") {
			t.Errorf("the ledger table gives the withheld number: %s", r)
		}
	}
	if out, err := validate(t, writeFiles(t, files)); err != nil {
		t.Errorf("the package with withheld figures does not validate: %v\n%s", err, out)
	}
}

// BenchmarkWrite writes the package of the repository's data, or of the
// site in $PCMT_BENCH_SOURCE (e.g. one province of `pcmt synth`), at each
// deflate level of the ZIP; it reports the ZIP's size.
func BenchmarkWrite(b *testing.B) {
	s := benchSite(b)
	defer func(l int) { zipLevel = l }(zipLevel)
	for _, level := range []int{flate.NoCompression, flate.BestSpeed, flate.DefaultCompression} {
		b.Run(fmt.Sprintf("level=%d", level), func(b *testing.B) {
			zipLevel = level
			var dir string
			for b.Loop() {
				dir = b.TempDir()
				if err := Write(s.Publication, base, dir); err != nil {
					b.Fatal(err)
				}
			}
			if st, err := os.Stat(filepath.Join(dir, derive.ZipFile)); err == nil {
				b.ReportMetric(float64(st.Size()), "zip-bytes")
			}
		})
	}
}
