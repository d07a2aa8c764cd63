// Package datapackage writes the site's dataset as a Frictionless Data
// Package (https://specs.frictionlessdata.io/, v1): a datapackage.json
// with a Table Schema for each table, the tables as CSV, and one ZIP of
// it all. What the tables hold is decided in internal/derive; this package
// only writes them, the same bytes for the same data (no clock, fixed
// order, fixed ZIP timestamps).
package datapackage

import (
	"archive/zip"
	"bufio"
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/url"
	"os"
	"path"
	"path/filepath"
	"runtime"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/klauspost/compress/flate"

	"github.com/pcmt/pcmt/internal/csvenc"
	"github.com/pcmt/pcmt/internal/derive"
)

// File is one file of the download, its path relative to the data folder.
type File struct {
	Path string
	Data []byte
}

// Descriptor is the name of the package's descriptor file.
const Descriptor = "datapackage.json"

// bom makes Excel read the CSV as UTF-8 (it shows Vietnamese as mojibake
// otherwise); Frictionless readers and Go's own skip it.
var bom = []byte{0xEF, 0xBB, 0xBF}

// Write writes the package for p into dir: datapackage.json, one CSV per
// table (the figures table as one file per indicator, so-lieu/<id>.csv,
// each a resource of its own) and the ZIP of the descriptor and every
// table, each file once. Site-relative links become absolute on base.
// Tables are streamed to their files, as many at once as there are
// processors, each deflated for the ZIP as it is written: the ZIP is then
// put together from the deflated tables (57 MB nationally, not 800), on
// all processors rather than deflating every table again on one.
func Write(p *derive.Publication, base *url.URL, dir string) error {
	tables := resources(p)
	desc := descriptor(p, tables, base)
	errs := make([]error, len(tables))
	packed := make([][]byte, len(tables))
	var next atomic.Int64
	var wg sync.WaitGroup
	for range min(runtime.GOMAXPROCS(0), len(tables)) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for {
				i := int(next.Add(1)) - 1
				if i >= len(tables) {
					return
				}
				t := tables[i]
				n, sum, z, err := writeCSV(filepath.Join(dir, filepath.FromSlash(t.Name)+".csv"), t, base, p.Modified)
				if err != nil {
					errs[i] = fmt.Errorf("%s.csv: %w", t.Name, err)
					continue
				}
				packed[i] = z
				desc.Resources[i].Bytes = n
				desc.Resources[i].Hash = "sha256:" + hex.EncodeToString(sum)
			}
		}()
	}
	wg.Wait()
	if err := errors.Join(errs...); err != nil {
		return err
	}
	dj, err := json.MarshalIndent(desc, "", "  ")
	if err != nil {
		return err
	}
	dj = append(dj, '\n')
	if err := os.WriteFile(filepath.Join(dir, Descriptor), dj, 0o644); err != nil {
		return err
	}
	if err := writeZip(filepath.Join(dir, derive.ZipFile), dj, packed, p.Modified); err != nil {
		return fmt.Errorf("%s: %w", derive.ZipFile, err)
	}
	return nil
}

// resources are the package's tables in the descriptor's order: the
// figures' files by indicator, then the other tables.
func resources(p *derive.Publication) []derive.DataTable {
	return append(append([]derive.DataTable(nil), p.FigureTables...), p.Tables...)
}

// Files are the package's files as the ZIP holds them: the descriptor,
// then each table's CSV in the descriptor's order (paths relative to the
// data folder).
func Files(p *derive.Publication) []string {
	names := []string{Descriptor}
	for _, t := range resources(p) {
		names = append(names, t.Name+".csv")
	}
	return names
}

// Build returns the files Write writes, in memory: the descriptor, the
// tables, then the ZIP.
func Build(p *derive.Publication, base *url.URL) ([]File, error) {
	dir, err := os.MkdirTemp("", "pcmt-datapackage-")
	if err != nil {
		return nil, err
	}
	defer os.RemoveAll(dir)
	if err := Write(p, base, dir); err != nil {
		return nil, err
	}
	var out []File
	for _, n := range append(Files(p), derive.ZipFile) {
		b, err := os.ReadFile(filepath.Join(dir, filepath.FromSlash(n)))
		if err != nil {
			return nil, err
		}
		out = append(out, File{Path: n, Data: b})
	}
	return out, nil
}

// writeCSV writes t to path as CSV does, and returns its size, its
// SHA-256 and a ZIP holding it alone (the ZIP's entry, deflated: writeZip).
func writeCSV(path string, t derive.DataTable, base *url.URL, day time.Time) (int, []byte, []byte, error) {
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		return 0, nil, nil, err
	}
	f, err := os.Create(path)
	if err != nil {
		return 0, nil, nil, err
	}
	var z bytes.Buffer
	zw := newZip(&z)
	entry, err := zw.CreateHeader(zipHeader(t.Name+".csv", day))
	if err != nil {
		f.Close()
		return 0, nil, nil, err
	}
	h := sha256.New()
	cw := &counter{w: io.MultiWriter(f, h, entry)}
	if err := writeTable(cw, t, base); err != nil { // writes in pieces of about 64 KB (csvenc)
		f.Close()
		return 0, nil, nil, err
	}
	if err := zw.Close(); err != nil {
		f.Close()
		return 0, nil, nil, err
	}
	if err := f.Close(); err != nil {
		return 0, nil, nil, err
	}
	return cw.n, h.Sum(nil), z.Bytes(), nil
}

type counter struct {
	w io.Writer
	n int
}

func (c *counter) Write(b []byte) (int, error) {
	n, err := c.w.Write(b)
	c.n += n
	return n, err
}

// CSV writes a table: a byte-order mark, one header row of column names,
// then the rows; CRLF line ends as RFC 4180 has them.
func CSV(t derive.DataTable, base *url.URL) ([]byte, error) {
	var buf bytes.Buffer
	if err := writeTable(&buf, t, base); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

func writeTable(out io.Writer, t derive.DataTable, base *url.URL) error {
	w := csvenc.NewWriter(out)
	defer w.Close()
	w.Raw(bom)
	for _, f := range t.Fields {
		w.Field(f.Name)
	}
	w.End()
	links := make([]bool, len(t.Fields))
	for i, f := range t.Fields {
		links[i] = f.SiteURL
	}
	// The site's own links joined to base without a string each (Resolve).
	prefix := ""
	if base.Path == "/" && base.RawQuery == "" && base.Fragment == "" && base.User == nil {
		prefix = base.Scheme + "://" + base.Host
	}
	// A plain path has no byte csvenc quotes: after a prefix that has
	// none either (nor a leading space), the link is written as it is.
	plainPrefix := prefix != "" && string(csvenc.AppendField(nil, prefix)) == prefix

	var link []byte
	// Each column's last cell, encoded: most cells of a column of units,
	// indicators, periods or sources repeat the row before's (a table's
	// rows come by unit), and a comparison costs less than looking for
	// what to quote again. A column whose cells seldom repeat (ids,
	// values, quotations) is written as it comes.
	last := make([]string, len(t.Fields))
	enc := make([][]byte, len(t.Fields))
	hits, misses := make([]int, len(t.Fields)), make([]int, len(t.Fields))
	n := -1
	err := t.EachRow(func(r []string) error {
		n++
		if len(r) != len(t.Fields) {
			return fmt.Errorf("row %d has %d cells for %d columns", n+1, len(r), len(t.Fields))
		}
		for i, c := range r {
			switch {
			case c == "":
				w.Encoded(nil) // an empty field
			case !links[i] && misses[i] > 64 && misses[i] > 2*hits[i]:
				w.Field(c)
			case !links[i]:
				if enc[i] == nil || c != last[i] {
					last[i], enc[i] = c, csvenc.AppendField(enc[i][:0], c)
					misses[i]++
				} else {
					hits[i]++
				}
				w.Encoded(enc[i])
			case prefix != "" && plainPath(c):
				link = append(append(link[:0], prefix...), c...)
				if plainPrefix {
					w.Encoded(link) // nothing in it to quote
				} else {
					w.FieldBytes(link)
				}
			default:
				u, err := Resolve(base, c)
				if err != nil {
					return fmt.Errorf("row %d, %s: %w", n+1, t.Fields[i].Name, err)
				}
				w.Field(u)
			}
		}
		w.End()
		return nil
	})
	if err != nil {
		return err
	}
	return w.Flush()
}

// Resolve makes a site-relative link ("/don-vi/08-tuyen-quang/#f-...")
// absolute on base.
func Resolve(base *url.URL, rel string) (string, error) {
	// The site's own links are root paths of plain characters: joined to
	// base (a host and "/" only, sitegen.BaseURL) they are the same string
	// url.ResolveReference gives, at a fraction of its cost (one per
	// figure in the figures table).
	if plainPath(rel) && base.Path == "/" && base.RawQuery == "" && base.Fragment == "" && base.User == nil {
		return base.Scheme + "://" + base.Host + rel, nil
	}
	r, err := url.Parse(rel)
	if err != nil {
		return "", err
	}
	return base.ResolveReference(r).String(), nil
}

// plainPath: "/" then letters, digits and - . _ ~ / with at most one #
// fragment, no dot segments.
func plainPath(s string) bool {
	if len(s) == 0 || s[0] != '/' || strings.HasPrefix(s, "//") || strings.Contains(s, "/.") {
		return false
	}
	hash := false
	for i := 0; i < len(s); i++ {
		c := s[i]
		if pathByte[c] {
			continue
		}
		switch {
		case c == '.' && i > 0 && s[i-1] != '/':
		case c == '#' && !hash:
			hash = true
		default:
			return false
		}
	}
	return true
}

// pathByte: the bytes of a plain path but '.' and '#'.
var pathByte = func() (t [256]bool) {
	for c := range 256 {
		t[c] = c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '-' || c == '_' || c == '~' || c == '/'
	}
	return t
}()

// writeZip writes the package's ZIP to path: the descriptor, then the
// tables' entries in order, each copied from its one-entry ZIP (writeCSV)
// as it is, so the bytes are those of deflating each table into this ZIP.
// Every entry is stamped with day (the date the data last changed), so
// that the archive's bytes depend on the data only.
func writeZip(path string, desc []byte, tables [][]byte, day time.Time) error {
	out, err := os.Create(path)
	if err != nil {
		return err
	}
	bw := bufio.NewWriterSize(out, 1<<16)
	zw := newZip(bw)
	err = func() error {
		w, err := zw.CreateHeader(zipHeader(Descriptor, day))
		if err != nil {
			return err
		}
		if _, err := w.Write(desc); err != nil {
			return err
		}
		for _, t := range tables {
			zr, err := zip.NewReader(bytes.NewReader(t), int64(len(t)))
			if err != nil {
				return err
			}
			if err := zw.Copy(zr.File[0]); err != nil {
				return err
			}
		}
		if err := zw.Close(); err != nil {
			return err
		}
		return bw.Flush()
	}()
	if err != nil {
		out.Close()
		return err
	}
	return out.Close()
}

// zipLevel is the ZIP's deflate level (BenchmarkWrite compares them).
// klauspost/compress deflates the national tables in half the time of
// compress/flate at this level, to the same size.
var zipLevel = flate.BestSpeed

// newZip is a ZIP writer deflating at zipLevel.
func newZip(w io.Writer) *zip.Writer {
	zw := zip.NewWriter(w)
	zw.RegisterCompressor(zip.Deflate, func(out io.Writer) (io.WriteCloser, error) {
		return flate.NewWriter(out, zipLevel)
	})
	return zw
}

func zipHeader(name string, day time.Time) *zip.FileHeader {
	// ZIP times have a two-second resolution and no zone: noon UTC of the
	// day reads as that day everywhere.
	stamp := time.Date(day.Year(), day.Month(), day.Day(), 12, 0, 0, 0, time.UTC)
	if day.IsZero() {
		stamp = time.Date(1980, 1, 1, 0, 0, 0, 0, time.UTC)
	}
	h := &zip.FileHeader{Name: path.Clean(name), Method: zip.Deflate, Modified: stamp}
	h.SetMode(0o644)
	return h
}

// The descriptor, in the terms of the Data Package and Table Schema specs.
type (
	dataPackage struct {
		Profile      string        `json:"profile"`
		Name         string        `json:"name"`
		Title        string        `json:"title"`
		Description  string        `json:"description"`
		Homepage     string        `json:"homepage"`
		Created      string        `json:"created,omitempty"`
		Keywords     []string      `json:"keywords"`
		Licenses     []license     `json:"licenses"`
		Contributors []contributor `json:"contributors"`
		Sources      []source      `json:"sources"`
		Resources    []resource    `json:"resources"`
	}
	license struct {
		Name  string `json:"name"`
		Path  string `json:"path"`
		Title string `json:"title"`
	}
	contributor struct {
		Title string `json:"title"`
		Path  string `json:"path,omitempty"`
		Role  string `json:"role"`
	}
	source struct {
		Title string `json:"title"`
		Path  string `json:"path,omitempty"`
	}
	resource struct {
		Profile     string    `json:"profile"`
		Name        string    `json:"name"`
		Path        string    `json:"path"`
		Title       string    `json:"title"`
		Description string    `json:"description"`
		Format      string    `json:"format"`
		Mediatype   string    `json:"mediatype"`
		Encoding    string    `json:"encoding"`
		Bytes       int       `json:"bytes"`
		Hash        string    `json:"hash"`
		Licenses    []license `json:"licenses,omitempty"`
		Dialect     dialect   `json:"dialect"`
		Schema      schema    `json:"schema"`
	}
	dialect struct {
		Delimiter      string `json:"delimiter"`
		LineTerminator string `json:"lineTerminator"`
		QuoteChar      string `json:"quoteChar"`
		DoubleQuote    bool   `json:"doubleQuote"`
		Header         bool   `json:"header"`
	}
	schema struct {
		Fields        []field      `json:"fields"`
		MissingValues []string     `json:"missingValues"`
		PrimaryKey    []string     `json:"primaryKey,omitempty"`
		ForeignKeys   []foreignKey `json:"foreignKeys,omitempty"`
	}
	field struct {
		Name        string       `json:"name"`
		Title       string       `json:"title,omitempty"`
		Description string       `json:"description,omitempty"`
		Type        string       `json:"type"`
		Format      string       `json:"format,omitempty"`
		Constraints *constraints `json:"constraints,omitempty"`
	}
	constraints struct {
		Required bool     `json:"required,omitempty"`
		Enum     []string `json:"enum,omitempty"`
		Pattern  string   `json:"pattern,omitempty"`
	}
	foreignKey struct {
		Fields    []string  `json:"fields"`
		Reference reference `json:"reference"`
	}
	reference struct {
		Resource string   `json:"resource"`
		Fields   []string `json:"fields"`
	}
)

func descriptor(p *derive.Publication, tables []derive.DataTable, base *url.URL) *dataPackage {
	abs := func(rel string) string {
		s, err := Resolve(base, rel)
		if err != nil {
			return rel
		}
		return s
	}
	d := &dataPackage{
		Profile:      "tabular-data-package",
		Name:         p.Name,
		Title:        p.Title,
		Description:  p.Description + " " + p.Licence.Note,
		Homepage:     abs(derive.DataDir),
		Keywords:     p.Dataset.Keywords,
		Licenses:     []license{{Name: p.Licence.ID, Path: p.Licence.URL, Title: p.Licence.Title}},
		Contributors: []contributor{{Title: p.Creator, Path: abs("/"), Role: "author"}},
	}
	if !p.Modified.IsZero() {
		d.Created = p.Modified.UTC().Format(time.RFC3339)
	}
	for _, t := range p.Tables {
		if t.Name != "nguon" {
			continue
		}
		// The documents the figures come from, cited by title, publisher and date.
		idx := map[string]int{}
		for i, f := range t.Fields {
			idx[f.Name] = i
		}
		for _, r := range t.Rows {
			s := source{Title: r[idx["title"]] + " (" + orUnknown(r[idx["publisher"]]) + ", " + r[idx["date"]] + ")", Path: r[idx["source_url"]]}
			d.Sources = append(d.Sources, s)
		}
	}
	for _, t := range tables {
		r := resource{Profile: "tabular-data-resource", Name: t.Name, Path: t.Name + ".csv", Title: t.Title, Description: t.Description,
			Format: "csv", Mediatype: "text/csv", Encoding: "utf-8",
			Dialect: dialect{Delimiter: ",", LineTerminator: "\r\n", QuoteChar: `"`, DoubleQuote: true, Header: true},
			Schema:  schema{MissingValues: []string{""}, PrimaryKey: t.PrimaryKey}}
		for _, f := range t.Fields {
			fd := field{Name: f.Name, Title: f.Title, Description: f.Description, Type: f.Type, Format: f.Format}
			if f.Required || len(f.Enum) > 0 || f.Pattern != "" {
				fd.Constraints = &constraints{Required: f.Required, Enum: f.Enum, Pattern: f.Pattern}
			}
			r.Schema.Fields = append(r.Schema.Fields, fd)
		}
		for _, fk := range t.ForeignKeys {
			r.Schema.ForeignKeys = append(r.Schema.ForeignKeys, foreignKey{Fields: fk.Fields, Reference: reference{Resource: fk.Table, Fields: fk.TableFields}})
		}
		d.Resources = append(d.Resources, r)
	}
	return d
}

func orUnknown(s string) string {
	if s == "" {
		return "không ghi rõ cơ quan đăng"
	}
	return s
}
