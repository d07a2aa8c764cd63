// Package model holds the validated dataset: units, indicators, sources,
// plan documents and figures. Values here have passed internal/load's
// checks; nothing in this package reads files.
package model

import (
	"fmt"
	"time"

	"github.com/pcmt/pcmt/internal/period"
)

// Era says which official unit list a unit belongs to. A code can name two
// different units in two eras (24 was Bắc Giang, is Bắc Ninh), so a unit is
// identified by its code and its era, never by its code alone.
type Era string

const (
	// Era2022 is the list of 63 provinces, 705 districts and 10,599 communes
	// in force until 30/6/2025.
	Era2022 Era = "2022"
	// Era2025 is the list of 34 provinces and 3,321 communes in force from
	// 1/7/2025 (no district level).
	Era2025 Era = "2025"
)

// ReformDate is the day the 2025 list came into force (Nghị quyết 202/2025/QH15).
var ReformDate = time.Date(2025, 7, 1, 0, 0, 0, 0, time.UTC)

// EraOf returns the era whose list was in force on day t.
func EraOf(t time.Time) Era {
	if t.Before(ReformDate) {
		return Era2022
	}
	return Era2025
}

// Level is the administrative level (cấp) of a unit.
type Level string

const (
	Province Level = "province" // tỉnh, thành phố trực thuộc trung ương
	District Level = "district" // huyện, quận, thị xã, thành phố thuộc tỉnh (until 30/6/2025)
	Commune  Level = "commune"  // xã, phường, thị trấn
)

// UnitKey identifies a unit: its official code and the era of its list.
type UnitKey struct {
	Code string
	Era  Era
}

func (k UnitKey) String() string { return k.Code + "@" + string(k.Era) }

// Unit is an administrative unit (đơn vị hành chính) of one era.
type Unit struct {
	Key      UnitKey
	Level    Level
	Type     string // tinh, thanh-pho, quan, huyen, thi-xa, xa, phuong, thi-tran ("" when the list does not say)
	Name     string // short name: "Tuyên Quang"
	FullName string // "Tỉnh Tuyên Quang"
	NameEn   string // English name where the list has one
	Parent   string // parent code in the same era ("" for a province)
	// Successors are the era-2025 units this unit became on 1/7/2025
	// (from the crosswalk); empty for era-2025 units and for districts.
	Successors []string
}

// Place is somewhere figures are reported for that is not an
// administrative unit ("77 đối tượng tại Trại tạm"). It belongs to a unit.
type Place struct {
	ID          string
	Name        string
	Parent      string // unit code; the era comes from each figure's period
	Description string
	Pos         Pos
}

// Measure is how an indicator is counted.
type Measure string

const (
	Count    Measure = "count"    // số lượng
	Percent  Measure = "percent"  // tỷ lệ %
	Fraction Measure = "fraction" // phân số: 31/31 xã
)

// Indicator is one entry of the catalogue (danh mục chỉ số).
type Indicator struct {
	ID         string
	Name       string // Vietnamese, shown on the site
	NameEn     string
	Measure    Measure
	Counted    string // the word counted: người, lượt, buổi, câu lạc bộ, xã
	Definition string
	PartOf     string // id of the indicator this is a part of
	Pos        Pos
}

// SourceKind is the kind of document a figure comes from.
type SourceKind string

const (
	News SourceKind = "news" // bài báo: copyrighted, figures and snippets only
	Plan SourceKind = "plan" // văn bản kế hoạch: administrative, reproduced whole
)

// Source is a document figures are taken from.
type Source struct {
	ID        string
	Kind      SourceKind
	Title     string
	Publisher string // "" when the document does not say
	Author    string
	Date      time.Time
	DateMonth bool   // the document gives only the month ("tháng 02 năm 2024")
	URL       string // only when known; never invented
	Seed      string
	Summary   string
	Plan      string // content path of the reproduced plan document
	Pos       Pos
}

// PlanDoc is a plan document (kế hoạch) published as a page.
type PlanDoc struct {
	Path            string // content path, e.g. ke-hoach/thi-tran-thang-2024.md
	Title           string
	Source          string
	Number          string
	NumberAsWritten string
	Issued          time.Time
	IssuedMonth     bool
	Issuer          string
	Signer          string
	SignerTitle     string
	Unit            UnitKey
	Period          period.Period
}

// Kind says what a figure is.
type Kind string

const (
	Target   Kind = "target"   // chỉ tiêu
	Result   Kind = "result"   // kết quả
	Baseline Kind = "baseline" // số liệu nền, as of a date
)

// Qualifier is how a document bounds a figure ("trên 80%").
type Qualifier string

const (
	Exact  Qualifier = ""
	GT     Qualifier = "gt"     // trên
	GE     Qualifier = "ge"     // ít nhất, tối thiểu
	Approx Qualifier = "approx" // khoảng
	LT     Qualifier = "lt"     // dưới
	LE     Qualifier = "le"     // tối đa
)

// Figure is one number from one source for one unit, indicator, period and
// kind. A nil Value is missing (chưa có số liệu), which is not zero.
type Figure struct {
	Unit        UnitKey // the unit; for a place, the place's parent unit
	Place       string  // place id when the figure is for a place, else ""
	Indicator   string
	Period      period.Period
	Kind        Kind
	Value       *float64
	Qualifier   Qualifier
	Numerator   *float64
	Denominator *float64
	Source      string
	Evidence    string
	Note        string
	Pos         Pos
	// Withheld is set by internal/derive on its published copy of a figure
	// too small to publish: the text shown instead of the number ("dưới 5",
	// "ẩn"). Value, Numerator and Denominator are then nil, so the figure
	// reads as Missing to any code that does not look here.
	Withheld string
	// At is 1 + the figure's position in its dataset's Figures (set by
	// internal/load as it adds figures, NumberFigures otherwise), 0 for a
	// figure in no dataset (a withdrawn figure the ledger names). It is
	// where derive finds what it made for the figure, in place of a map of
	// two million figures; a copy of a figure keeps it, so FigureAt checks
	// the figure there is this one.
	At int32
}

// FigureAt is f's position in d.Figures (Figure.At), or false when f is
// not one of them.
func (d *Dataset) FigureAt(f *Figure) (int, bool) {
	i := int(f.At) - 1
	if i < 0 || i >= len(d.Figures) || d.Figures[i] != f {
		return 0, false
	}
	return i, true
}

// NumberFigures sets each figure's At to its position in d.Figures,
// where it is not that already: a dataset internal/load made is numbered,
// one made by hand (tests) is numbered here. It writes no figure of a
// dataset numbered already, so that derive may call it on a dataset others
// read.
func (d *Dataset) NumberFigures() {
	for i, f := range d.Figures {
		if f.At != int32(i+1) {
			f.At = int32(i + 1)
		}
	}
}

// Missing reports whether the document gives no number.
func (f *Figure) Missing() bool { return f.Value == nil && f.Numerator == nil }

// Share returns the figure as a number to compare and chart: the value,
// or for a fraction numerator/denominator×100.
func (f *Figure) Share() (float64, bool) {
	if f.Value != nil {
		return *f.Value, true
	}
	if f.Numerator != nil && f.Denominator != nil && *f.Denominator != 0 {
		return *f.Numerator / *f.Denominator * 100, true
	}
	return 0, false
}

// Pos is where something was read: file (relative to the site root) and line.
type Pos struct {
	File string
	Line int
}

func (p Pos) String() string {
	if p.Line > 0 {
		return fmt.Sprintf("%s:%d", p.File, p.Line)
	}
	return p.File
}

// Dataset is everything the site is built from, validated.
type Dataset struct {
	Units      map[UnitKey]*Unit
	Places     map[string]*Place
	Indicators map[string]*Indicator
	Sources    map[string]*Source
	Plans      []*PlanDoc
	Figures    []*Figure
	// CommunePages are the pages communes publish (content/xa/).
	CommunePages []*CommunePage
	// Predecessors maps an era-2025 code to the era-2022 codes that became
	// (part of) it.
	Predecessors map[string][]string
	// CrosswalkGaps are crosswalk rows naming a unit that neither list has
	// (units created between the 2022 list and the reform).
	CrosswalkGaps []Pos
	// CrosswalkGapRows are the same rows with what they say, so that a new
	// unit named by one knows its list of predecessors is incomplete.
	CrosswalkGapRows []CrosswalkRow
	// Changes is the ledger of published figures (data/changes.csv), in
	// file (= date) order; nil when the site keeps no ledger. See changes.go.
	Changes []*Change
	// Shortcodes are the figures and charts the pages under content/
	// name with the so-lieu and bieu-do shortcodes (internal/load).
	Shortcodes ShortcodeRefs
}

// ShortcodeRefs are the keys the figure shortcodes look up in the data
// files Hugo reads (layouts/_shortcodes/): so-lieu "unit|indicator|period|kind"
// (data/pcmt/figures.json) and bieu-do "unit|indicator" or
// "unit|indicator|period" (data/pcmt/figure_charts.json), with the values
// as written in the page. Only these are written: Hugo holds every data
// file in memory.
type ShortcodeRefs struct {
	Figures map[string]bool
	Charts  map[string]bool
}

// CrosswalkRow is one row of the crosswalk (old unit → new unit on 1/7/2025).
type CrosswalkRow struct {
	Level   Level
	OldCode string
	OldName string
	NewCode string
	NewName string
	Pos     Pos
}

// Unit returns the unit with key k, or nil.
func (d *Dataset) Unit(k UnitKey) *Unit { return d.Units[k] }

// Parent returns the parent unit of u in the same era, or nil.
func (d *Dataset) Parent(u *Unit) *Unit {
	if u.Parent == "" {
		return nil
	}
	return d.Units[UnitKey{u.Parent, u.Key.Era}]
}

// Ancestors returns u's parents, top first.
func (d *Dataset) Ancestors(u *Unit) []*Unit {
	var out []*Unit
	for p := d.Parent(u); p != nil; p = d.Parent(p) {
		out = append([]*Unit{p}, out...)
	}
	return out
}
