// Package datapackage writes the site's dataset as a Frictionless Data
// Package (https://specs.frictionlessdata.io/, v1): a datapackage.json
// with a Table Schema for each table, the tables as CSV, and one ZIP of
// it all. What the tables hold is decided in internal/derive; this package
// only writes them, the same bytes for the same data (no clock, fixed
// order, fixed ZIP timestamps).
package datapackage

import (
	"archive/zip"
	"bytes"
	"crypto/sha256"
	"encoding/csv"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"net/url"
	"path"
	"sort"
	"time"

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

// Build returns the files of the package for p: datapackage.json, one CSV
// per table, one CSV per indicator (chi-so/<id>.csv) and the ZIP
// (descriptor and tables). Site-relative links become absolute on base.
func Build(p *derive.Publication, base *url.URL) ([]File, error) {
	desc := descriptor(p, base)
	var tables []File
	for i, t := range p.Tables {
		b, err := CSV(t, base)
		if err != nil {
			return nil, fmt.Errorf("%s.csv: %w", t.Name, err)
		}
		tables = append(tables, File{Path: t.Name + ".csv", Data: b})
		sum := sha256.Sum256(b)
		desc.Resources[i].Bytes = len(b)
		desc.Resources[i].Hash = "sha256:" + hex.EncodeToString(sum[:])
	}
	dj, err := json.MarshalIndent(desc, "", "  ")
	if err != nil {
		return nil, err
	}
	dj = append(dj, '\n')
	files := append([]File{{Path: Descriptor, Data: dj}}, tables...)
	z, err := Zip(files, p.Modified)
	if err != nil {
		return nil, err
	}
	out := append(append([]File(nil), files...), File{Path: derive.ZipFile, Data: z})
	ids := make([]string, 0, len(p.IndicatorTables))
	for id := range p.IndicatorTables {
		ids = append(ids, id)
	}
	sort.Strings(ids)
	for _, id := range ids {
		t := p.IndicatorTables[id]
		b, err := CSV(t, base)
		if err != nil {
			return nil, fmt.Errorf("%s.csv: %w", t.Name, err)
		}
		out = append(out, File{Path: t.Name + ".csv", Data: b})
	}
	return out, nil
}

// CSV writes a table: a byte-order mark, one header row of column names,
// then the rows; CRLF line ends as RFC 4180 has them.
func CSV(t derive.DataTable, base *url.URL) ([]byte, error) {
	var buf bytes.Buffer
	buf.Write(bom)
	w := csv.NewWriter(&buf)
	w.UseCRLF = true
	head := make([]string, len(t.Fields))
	for i, f := range t.Fields {
		head[i] = f.Name
	}
	if err := w.Write(head); err != nil {
		return nil, err
	}
	for n, r := range t.Rows {
		if len(r) != len(t.Fields) {
			return nil, fmt.Errorf("row %d has %d cells for %d columns", n+1, len(r), len(t.Fields))
		}
		row := append([]string(nil), r...)
		for i, f := range t.Fields {
			if f.SiteURL && r[i] != "" {
				u, err := Resolve(base, r[i])
				if err != nil {
					return nil, fmt.Errorf("row %d, %s: %w", n+1, f.Name, err)
				}
				row[i] = u
			}
		}
		if err := w.Write(row); err != nil {
			return nil, err
		}
	}
	w.Flush()
	return buf.Bytes(), w.Error()
}

// Resolve makes a site-relative link ("/don-vi/08-tuyen-quang/#f-...")
// absolute on base.
func Resolve(base *url.URL, rel string) (string, error) {
	r, err := url.Parse(rel)
	if err != nil {
		return "", err
	}
	return base.ResolveReference(r).String(), nil
}

// Zip packs files in the given order, each stamped with day (the date the
// data last changed), so that the archive's bytes depend on the data only.
func Zip(files []File, day time.Time) ([]byte, error) {
	// ZIP times have a two-second resolution and no zone: noon UTC of the
	// day reads as that day everywhere.
	stamp := time.Date(day.Year(), day.Month(), day.Day(), 12, 0, 0, 0, time.UTC)
	if day.IsZero() {
		stamp = time.Date(1980, 1, 1, 0, 0, 0, 0, time.UTC)
	}
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for _, f := range files {
		h := &zip.FileHeader{Name: path.Clean(f.Path), Method: zip.Deflate, Modified: stamp}
		h.SetMode(0o644)
		w, err := zw.CreateHeader(h)
		if err != nil {
			return nil, err
		}
		if _, err := w.Write(f.Data); err != nil {
			return nil, err
		}
	}
	if err := zw.Close(); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
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

func descriptor(p *derive.Publication, base *url.URL) *dataPackage {
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
	for _, t := range p.Tables {
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
