// Package synth writes a synthetic national dataset (dữ liệu giả lập): every
// province, district and commune of the official unit lists reporting
// targets and results for 20 indicators each year, and a campaign page for
// every current commune. It exists to measure pcmt at the scale of the
// whole country; its figures are invented, labelled as such on every
// source and page, and never part of the default site.
//
// The output is a complete pcmt site directory: the repository's config,
// layouts, static files and hand-written section pages, its unit lists and
// indicator catalogue, and generated sources, figures and campaign pages.
package synth

import (
	"bufio"
	"encoding/csv"
	"fmt"
	"io"
	"io/fs"
	"math"
	"math/rand/v2"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"

	"github.com/pcmt/pcmt/internal/vntext"
)

// Label is the words every synthetic source and page carries.
const Label = "Dữ liệu giả lập"

// Publisher names who "published" the synthetic sources: nobody real.
// Short, as it is repeated on every figure row, download and citation;
// the title of every source already starts with "[Dữ liệu giả lập]" and
// its summary says the figures are not real.
const Publisher = "pcmt (dữ liệu giả lập)"

// Options says what to write.
type Options struct {
	Seed uint64 // same seed, same files
	// Provinces limits the dataset to the first N provinces of each era
	// (by code); 0 means all of them (63 before and 34 from 1/7/2025).
	Provinces int
}

// Stats says what was written.
type Stats struct {
	Units, Sources, Figures, CampaignPages int
}

// Years of each era. Results of the last year cover nine months (the
// dataset is "as of" late 2026).
var (
	Years2022 = []int{2021, 2022, 2023, 2024}
	Years2025 = []int{2025, 2026}
)

// indicator is one catalogue entry the dataset reports, with how big a
// commune's yearly number typically is. part/of: a part of another
// indicator (new admissions are part of compulsory rehabilitation).
type indicator struct {
	id      string
	percent bool
	base    float64 // a typical commune's target (count) or target % (percent)
	counted string
	of      string  // the whole this indicator is a part of
	share   float64 // typical share of the whole
}

// Indicators are the 20 indicators every unit reports; ids are from
// data/indicators.toml.
var Indicators = []indicator{
	{id: "cai-nghien-bat-buoc", base: 3, counted: "người"},
	{id: "cai-nghien-bat-buoc-tiep-nhan-moi", counted: "người", of: "cai-nghien-bat-buoc", share: 0.6},
	{id: "ho-so-de-nghi-cai-nghien-bat-buoc", base: 3, counted: "hồ sơ"},
	{id: "cai-nghien-tu-nguyen-gia-dinh", base: 4, counted: "người"},
	{id: "cai-nghien-tu-nguyen-tai-co-so", base: 2, counted: "người"},
	{id: "methadone-dieu-tri", base: 9, counted: "người"},
	{id: "methadone-tiep-tuc", counted: "người", of: "methadone-dieu-tri", share: 0.8},
	{id: "methadone-moi", counted: "người", of: "methadone-dieu-tri"}, // the rest of the whole
	{id: "quyet-dinh-quan-ly-sau-cai", base: 2, counted: "quyết định"},
	{id: "nguoi-duoc-phan-cong-quan-ly-sau-cai", base: 2, counted: "người"},
	{id: "day-nghe-hoc-vien-cai-nghien", base: 2, counted: "người"},
	{id: "ho-tro-vay-von-viec-lam", base: 1, counted: "người"},
	{id: "nguoi-sau-cai-duoc-giup-do", base: 3, counted: "người"},
	{id: "luot-nguoi-duoc-tuyen-truyen", base: 800, counted: "lượt"},
	{id: "nguoi-ky-cam-ket", base: 300, counted: "người"},
	{id: "buoi-tuan-tra", base: 24, counted: "buổi"},
	{id: "buoi-giao-ban", base: 12, counted: "buổi"},
	{id: "ty-le-nguoi-nghien-duoc-lap-ho-so", percent: true, base: 95},
	{id: "tiep-can-dich-vu", percent: true, base: 85},
	{id: "quan-ly-sau-cai", percent: true, base: 90},
}

// Unit is one row of an official unit list.
type Unit struct {
	Level, Code, Name, FullName, Parent string
}

// Write writes the synthetic site to out (created when missing; files of
// an earlier run are replaced) from the repository at repo.
func Write(repo, out string, o Options) (Stats, error) {
	var st Stats
	old, err := ReadUnits(filepath.Join(repo, "data/units/units-vn-2022.csv"))
	if err != nil {
		return st, err
	}
	cur, err := ReadUnits(filepath.Join(repo, "data/units/units-vn-2025-07.csv"))
	if err != nil {
		return st, err
	}
	old, cur = limit(old, o.Provinces), limit(cur, o.Provinces)
	st.Units = len(old) + len(cur)
	// Generated folders are rewritten whole, so a smaller run leaves no
	// files of a bigger one behind.
	for _, d := range []string{"data", "content", "layouts", "static"} {
		if err := os.RemoveAll(filepath.Join(out, d)); err != nil {
			return st, err
		}
	}
	if err := copyRepo(repo, out); err != nil {
		return st, err
	}
	w := &writer{out: out, rng: rand.New(rand.NewPCG(o.Seed, 0x9e3779b97f4a7c15))}
	var sources []source
	for _, era := range []struct {
		units []Unit
		years []int
	}{{old, Years2022}, {cur, Years2025}} {
		srcs, n, err := w.figures(era.units, era.years)
		if err != nil {
			return st, err
		}
		sources = append(sources, srcs...)
		st.Figures += n
	}
	st.Sources = len(sources)
	if err := writeSources(filepath.Join(out, "data/sources.toml"), sources); err != nil {
		return st, err
	}
	n, err := writeCampaigns(filepath.Join(out, "content/chien-dich"), cur)
	if err != nil {
		return st, err
	}
	st.CampaignPages = n
	readme := fmt.Sprintf("%s — KHÔNG PHẢI SỐ LIỆU THẬT.\n\nThis directory is a synthetic pcmt site written by `pcmt synth` (seed %d) to\nmeasure build speed at national scale. Every figure in it is invented.\nNever publish it; never copy it into the repository.\n", Label, o.Seed)
	return st, os.WriteFile(filepath.Join(out, "SYNTHETIC.txt"), []byte(readme), 0o644)
}

// ReadUnits reads an official unit list (data/units/units-vn-*.csv).
func ReadUnits(path string) ([]Unit, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	r := csv.NewReader(bufio.NewReader(f))
	head, err := r.Read()
	if err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	col := map[string]int{}
	for i, h := range head {
		col[h] = i
	}
	for _, h := range []string{"level", "code", "name", "full_name", "parent_code"} {
		if _, ok := col[h]; !ok {
			return nil, fmt.Errorf("%s: no column %q", path, h)
		}
	}
	var out []Unit
	for {
		rec, err := r.Read()
		if err == io.EOF {
			break
		}
		if err != nil {
			return nil, fmt.Errorf("%s: %w", path, err)
		}
		out = append(out, Unit{Level: rec[col["level"]], Code: rec[col["code"]], Name: rec[col["name"]],
			FullName: rec[col["full_name"]], Parent: rec[col["parent_code"]]})
	}
	return out, nil
}

// limit keeps the first n provinces (by code) and the units under them.
func limit(units []Unit, n int) []Unit {
	if n <= 0 {
		return units
	}
	var codes []string
	for _, u := range units {
		if u.Level == "province" {
			codes = append(codes, u.Code)
		}
	}
	sort.Strings(codes)
	if n < len(codes) {
		codes = codes[:n]
	}
	keep := map[string]bool{}
	for _, c := range codes {
		keep[c] = true
	}
	// Parents come before children in the lists only by level, so repeat
	// until nothing new is kept.
	for changed := true; changed; {
		changed = false
		for _, u := range units {
			if !keep[u.Code] && u.Parent != "" && keep[u.Parent] {
				keep[u.Code] = true
				changed = true
			}
		}
	}
	var out []Unit
	for _, u := range units {
		if keep[u.Code] {
			out = append(out, u)
		}
	}
	return out
}

type source struct {
	id, title, date, summary string
}

type writer struct {
	out string
	rng *rand.Rand
}

// figures writes one figures file per province and year: the targets and
// results of the province and of every unit under it. Communes get random
// numbers; a district's and a province's counts are the sums of their
// communes', so parts always add up to totals.
func (w *writer) figures(units []Unit, years []int) ([]source, int, error) {
	kids := map[string][]Unit{}
	var provinces []Unit
	for _, u := range units {
		if u.Level == "province" {
			provinces = append(provinces, u)
		} else {
			kids[u.Parent] = append(kids[u.Parent], u)
		}
	}
	sort.Slice(provinces, func(i, j int) bool { return provinces[i].Code < provinces[j].Code })
	var srcs []source
	total := 0
	for _, p := range provinces {
		for _, y := range years {
			last := y == Years2025[len(Years2025)-1]
			s := source{
				id:    fmt.Sprintf("gia-lap-%d-%s-%s", y, p.Code, vntext.Slug(p.Name)),
				title: fmt.Sprintf("[%s] Báo cáo chỉ tiêu và kết quả năm %d — %s", Label, y, p.FullName),
				date:  fmt.Sprintf("%d-01-20", y+1),
				summary: fmt.Sprintf("%s, không phải số liệu thật: chỉ tiêu và kết quả năm %d của %s và các đơn vị trực thuộc, do pcmt tạo ra để đo tốc độ dựng trang ở quy mô cả nước.",
					Label, y, p.FullName),
			}
			if last {
				s.date = fmt.Sprintf("%d-10-15", y)
			}
			n, err := w.sourceFile(s.id, p, kids, y, last)
			if err != nil {
				return nil, 0, err
			}
			total += n
			srcs = append(srcs, s)
		}
	}
	return srcs, total, nil
}

// values are one unit's numbers for one year: target and result by indicator.
type values map[string][2]float64

func (w *writer) communeValues(trend float64) values {
	v := values{}
	scale := math.Exp(w.rng.NormFloat64()*0.6) * trend
	for _, in := range Indicators {
		switch {
		case in.percent:
			t := math.Min(100, math.Round(in.base+w.rng.Float64()*10-3))
			r := math.Min(100, math.Round(t*(0.9+w.rng.Float64()*0.12)))
			v[in.id] = [2]float64{t, r}
		case in.of != "":
			// filled below from the whole
		default:
			t := math.Round(in.base * scale * (0.7 + w.rng.Float64()*0.6))
			r := math.Round(t * (0.8 + w.rng.Float64()*0.35))
			v[in.id] = [2]float64{t, r}
		}
	}
	for _, in := range Indicators {
		if in.of == "" {
			continue
		}
		whole := v[in.of]
		var part [2]float64
		if in.share > 0 {
			for k := range 2 {
				part[k] = math.Round(whole[k] * in.share * (0.8 + w.rng.Float64()*0.25))
				part[k] = math.Min(part[k], whole[k])
			}
		} else {
			// The rest of the whole: the other parts of the same whole are
			// already set (they come first in Indicators).
			part = whole
			for _, o := range Indicators {
				if o.of == in.of && o.id != in.id && o.share > 0 {
					part[0] -= v[o.id][0]
					part[1] -= v[o.id][1]
				}
			}
		}
		v[in.id] = part
	}
	return v
}

// sum adds counts; percents of a parent are its own (near the mean of its parts).
func (w *writer) sum(parts []values) values {
	v := values{}
	for _, in := range Indicators {
		if in.percent {
			var t, r float64
			for _, p := range parts {
				t += p[in.id][0]
				r += p[in.id][1]
			}
			n := float64(max(len(parts), 1))
			v[in.id] = [2]float64{math.Round(t / n), math.Round(r / n)}
			continue
		}
		var s [2]float64
		for _, p := range parts {
			s[0] += p[in.id][0]
			s[1] += p[in.id][1]
		}
		v[in.id] = s
	}
	return v
}

func (w *writer) sourceFile(id string, p Unit, kids map[string][]Unit, year int, partYear bool) (int, error) {
	path := filepath.Join(w.out, "data/figures", id+".csv")
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		return 0, err
	}
	f, err := os.Create(path)
	if err != nil {
		return 0, err
	}
	bw := bufio.NewWriterSize(f, 1<<16)
	cw := csv.NewWriter(bw)
	cw.Write([]string{"unit", "indicator", "period", "kind", "value", "qualifier", "numerator", "denominator", "source", "evidence", "note"})
	trend := 1 + 0.05*float64(year-2021)
	n := 0
	var rows func(u Unit, v values)
	rows = func(u Unit, v values) {
		for _, in := range Indicators {
			tv := v[in.id]
			word := in.counted
			if in.percent {
				word = "%"
			}
			for k, kind := range []string{"target", "result"} {
				per := strconv.Itoa(year)
				if kind == "result" && partYear {
					per = fmt.Sprintf("%d-01/%d-09", year, year)
				}
				val := strconv.FormatFloat(tv[k], 'f', -1, 64)
				ev := fmt.Sprintf("%s: %s %s", Label, val, word)
				if in.percent {
					ev = fmt.Sprintf("%s: %s%%", Label, val)
				}
				cw.Write([]string{u.Code, in.id, per, kind, val, "", "", "", id, ev, ""})
				n++
			}
		}
	}
	// Communes first (they make the numbers), then sums upwards; rows are
	// written top down so the file reads like a report.
	type node struct {
		u Unit
		v values
	}
	var lines []node
	var walk func(u Unit) values
	walk = func(u Unit) values {
		ch := kids[u.Code]
		if len(ch) == 0 {
			v := w.communeValues(trend)
			lines = append(lines, node{u, v})
			return v
		}
		at := len(lines)
		lines = append(lines, node{u: u})
		var parts []values
		for _, c := range ch {
			parts = append(parts, walk(c))
		}
		lines[at].v = w.sum(parts)
		return lines[at].v
	}
	walk(p)
	for _, l := range lines {
		rows(l.u, l.v)
	}
	cw.Flush()
	if err := cw.Error(); err != nil {
		f.Close()
		return 0, err
	}
	if err := bw.Flush(); err != nil {
		f.Close()
		return 0, err
	}
	return n, f.Close()
}

func writeSources(path string, srcs []source) error {
	var b strings.Builder
	fmt.Fprintf(&b, "# %s — KHÔNG PHẢI SỐ LIỆU THẬT. Written by `pcmt synth`.\n", Label)
	for _, s := range srcs {
		fmt.Fprintf(&b, "\n[[source]]\nid = %q\nkind = \"news\"\ntitle = %q\npublisher = %q\nauthor = \"\"\ndate = %q\nurl = \"\"\nseed = \"\"\nsummary = %q\nplan = \"\"\n",
			s.id, s.title, Publisher, s.date, s.summary)
	}
	return writeFile(path, []byte(b.String()))
}

// writeCampaigns writes a campaign page (trang chiến dịch) for every
// current commune: the movement "Toàn dân tham gia phòng, chống ma túy"
// as a commune would publish it, with the synthetic label.
func writeCampaigns(dir string, cur []Unit) (int, error) {
	idx := fmt.Sprintf("+++\ntitle = \"Chiến dịch ở xã, phường (%s)\"\ndescription = \"%s: một trang chiến dịch cho mỗi xã, phường từ 01/7/2025.\"\n+++\n\n"+
		"**%s — không phải thông tin thật.** Mỗi xã, phường có một trang chiến dịch mẫu để đo tốc độ dựng trang.\n", Label, Label, Label)
	if err := writeFile(filepath.Join(dir, "_index.md"), []byte(idx)); err != nil {
		return 0, err
	}
	n := 0
	for _, u := range cur {
		if u.Level != "commune" {
			continue
		}
		slug := u.Code + "-" + vntext.Slug(u.Name)
		var b strings.Builder
		fmt.Fprintf(&b, "+++\ntitle = %q\ndescription = %q\n+++\n\n",
			"Toàn dân tham gia phòng, chống ma túy — "+u.FullName,
			Label+": trang chiến dịch mẫu của "+u.FullName+".")
		fmt.Fprintf(&b, "**%s — không phải thông tin thật của %s.**\n\n", Label, u.FullName)
		fmt.Fprintf(&b, "Hưởng ứng phong trào “Toàn dân tham gia phòng, chống ma túy”, %s tổ chức tuyên truyền trên hệ thống loa truyền thanh, "+
			"vận động các hộ gia đình ký cam kết không để người thân vi phạm pháp luật về ma túy, và duy trì tổ tình nguyện viên giúp đỡ người sau cai nghiện.\n\n", u.FullName)
		b.WriteString("## Việc làm trong tháng hành động (tháng 6)\n\n")
		b.WriteString("- Treo băng rôn, khẩu hiệu hưởng ứng Ngày Quốc tế phòng, chống ma túy 26/6.\n")
		b.WriteString("- Phát thanh tin bài phòng, chống ma túy trên loa truyền thanh ba buổi một tuần.\n")
		b.WriteString("- Tuần tra, kiểm soát các địa bàn phức tạp về ma túy.\n")
		b.WriteString("- Giới thiệu nơi tư vấn, điều trị nghiện tự nguyện và điều trị Methadone gần nhất.\n\n")
		b.WriteString("## Số liệu của đơn vị\n\n")
		fmt.Fprintf(&b, "Chỉ tiêu và kết quả của %s: [trang đơn vị](/don-vi/%s/).\n", u.FullName, slug)
		if err := writeFile(filepath.Join(dir, slug+".md"), []byte(b.String())); err != nil {
			return n, err
		}
		n++
	}
	return n, nil
}

// copyRepo copies what the site needs from the repository: config,
// layouts, static files, the hand-written section pages (_index.md), the unit
// lists and the indicator catalogue. node_modules is linked, not copied.
func copyRepo(repo, out string) error {
	for _, name := range []string{"config.toml", "layouts", "static", "assets", "i18n", "data/units", "data/indicators.toml"} {
		src := filepath.Join(repo, name)
		if _, err := os.Stat(src); err != nil {
			if os.IsNotExist(err) && name != "config.toml" && name != "layouts" {
				continue
			}
			return err
		}
		if err := copyTree(src, filepath.Join(out, name), nil); err != nil {
			return err
		}
	}
	// Only the section pages: other hand-written pages (plans, samples)
	// quote the real dataset, which the synthetic one does not have.
	skip := func(rel string) bool { return filepath.Base(rel) != "_index.md" }
	if err := copyTree(filepath.Join(repo, "content"), filepath.Join(out, "content"), skip); err != nil {
		return err
	}
	// The home page says, first thing, that this is not real.
	home := filepath.Join(out, "content/_index.md")
	if b, err := os.ReadFile(home); err == nil {
		b = append(b, fmt.Sprintf("\n\n**%s — không phải số liệu thật.** Trang này được dựng từ bộ dữ liệu giả lập của pcmt để đo tốc độ.\n", Label)...)
		if err := os.WriteFile(home, b, 0o644); err != nil {
			return err
		}
	}
	if err := writeFile(filepath.Join(out, "data/places.toml"), []byte("# "+Label+": no places.\n")); err != nil {
		return err
	}
	link := filepath.Join(out, "node_modules")
	if _, err := os.Lstat(link); err != nil {
		nm, err := filepath.Abs(filepath.Join(repo, "node_modules"))
		if err != nil {
			return err
		}
		if err := os.Symlink(nm, link); err != nil {
			return err
		}
	}
	return nil
}

func copyTree(src, dst string, skip func(rel string) bool) error {
	return filepath.WalkDir(src, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(src, p)
		rel = filepath.ToSlash(rel)
		if skip != nil && !d.IsDir() && skip(rel) {
			return nil
		}
		target := filepath.Join(dst, filepath.FromSlash(rel))
		if d.IsDir() {
			return os.MkdirAll(target, 0o755)
		}
		if !d.Type().IsRegular() {
			return nil
		}
		b, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		return writeFile(target, b)
	})
}

func writeFile(path string, b []byte) error {
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		return err
	}
	return os.WriteFile(path, b, 0o644)
}
