package load

import (
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"
)

// A small site that passes every check; each case below breaks one thing.
var baseSite = map[string]string{
	"data/units/units-vn-2022.csv": "level,code,name,type,full_name,parent_code\n" +
		"province,08,Tuyên Quang,tinh,Tỉnh Tuyên Quang,\n" +
		"district,071,Lâm Bình,huyen,Huyện Lâm Bình,08\n" +
		"district,072,Na Hang,huyen,Huyện Na Hang,08\n" +
		"province,24,Bắc Giang,tinh,Tỉnh Bắc Giang,\n",
	"data/units/units-vn-2025-07.csv": "level,code,name,full_name,name_en,parent_code\n" +
		"province,08,Tuyên Quang,Tỉnh Tuyên Quang,Tuyen Quang,\n" +
		"province,24,Bắc Ninh,Tỉnh Bắc Ninh,Bac Ninh,\n",
	"data/units/crosswalk-vn-2025-07.csv": "level,old_code,old_name,new_code,new_name\n" +
		"province,08,Tỉnh Tuyên Quang,08,Tỉnh Tuyên Quang\n" +
		"province,24,Tỉnh Bắc Giang,24,Tỉnh Bắc Ninh\n",
	"data/indicators.toml": `[[indicator]]
id = "nguoi-nghien-co-ho-so"
name = "Người nghiện có hồ sơ quản lý"
name_en = "People on the register"
measure = "count"
counted = "người"
definition = "Số người."

[[indicator]]
id = "tiep-can-dich-vu"
name = "Tỷ lệ tiếp cận dịch vụ"
name_en = "Share reached"
measure = "percent"
counted = "người"
definition = "Tỷ lệ."

[[indicator]]
id = "xa-co-mo-hinh"
name = "Xã có mô hình"
name_en = "Communes with a model"
measure = "fraction"
counted = "xã"
definition = "Số xã."
`,
	"data/sources.toml": `[[source]]
id = "bao-2023"
kind = "news"
title = "Bài báo"
publisher = "Báo"
date = "2024-03-15"
url = ""
summary = "Tóm tắt."
`,
	"data/places.toml": `[[place]]
id = "trai-tam"
name = "Trại tạm"
parent = "08"
description = "Không phải đơn vị hành chính."
`,
	"data/figures/bao-2023.csv": "unit,indicator,period,kind,value,qualifier,numerator,denominator,source,evidence,note\n" +
		"08,nguoi-nghien-co-ho-so,2022-12-31,baseline,986,,,,bao-2023,là 986 người,\n" +
		"071,nguoi-nghien-co-ho-so,2022-12-31,baseline,0,,,,bao-2023,Lâm Bình là chưa có,chưa có\n" +
		"trai-tam,nguoi-nghien-co-ho-so,2022-12-31,baseline,77,,,,bao-2023,77 đối tượng tại Trại tạm,\n" +
		"08,tiep-can-dich-vu,2023,target,80,gt,,,bao-2023,trên 80%,\n" +
		"08,xa-co-mo-hinh,2023,result,,,31,31,bao-2023,31/31 xã,\n",
}

func writeSite(t *testing.T, files map[string]string) string {
	t.Helper()
	dir := t.TempDir()
	for name, body := range files {
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

func TestBaseSiteLoads(t *testing.T) {
	ds, err := Load(writeSite(t, baseSite))
	if err != nil {
		t.Fatalf("base site: %v", err)
	}
	if got := len(ds.Figures); got != 5 {
		t.Errorf("figures = %d, want 5", got)
	}
	for _, f := range ds.Figures {
		if f.Place == "trai-tam" && (f.Unit.Code != "08" || f.Unit.Era != "2022") {
			t.Errorf("place figure unit = %v, want 08@2022", f.Unit)
		}
	}
}

// figureRow replaces the figures file with the header and one row.
func figureRow(row string) map[string]string {
	return map[string]string{"data/figures/bao-2023.csv": "unit,indicator,period,kind,value,qualifier,numerator,denominator,source,evidence,note\n" + row + "\n"}
}

func TestCheckErrors(t *testing.T) {
	tests := []struct {
		name   string
		change map[string]string
		want   string // one reported problem, exactly
	}{
		{"unknown unit", figureRow("99,nguoi-nghien-co-ho-so,2022-12-31,baseline,5,,,,bao-2023,x,"),
			`data/figures/bao-2023.csv:2:1: unit: no unit has code "99" in the list in force on 31/12/2022`},
		{"code of the other era", figureRow("072,nguoi-nghien-co-ho-so,2026-12-31,baseline,5,,,,bao-2023,x,"),
			`data/figures/bao-2023.csv:2:1: unit: no unit has code "072" in the list in force on 31/12/2026 (072 was Huyện Na Hang before 1/7/2025: check the period)`},
		{"unknown indicator", figureRow("08,nguoi-nghien-co-hoso,2022-12-31,baseline,5,,,,bao-2023,x,"),
			`data/figures/bao-2023.csv:2:4: indicator: unknown indicator "nguoi-nghien-co-hoso"; did you mean nguoi-nghien-co-ho-so?`},
		{"unknown source", figureRow("08,nguoi-nghien-co-ho-so,2022-12-31,baseline,5,,,,bao-2024,x,"),
			`data/figures/bao-2023.csv:2:`},
		{"value not a number", figureRow("08,nguoi-nghien-co-ho-so,2022-12-31,baseline,nhiều,,,,bao-2023,x,"),
			`data/figures/bao-2023.csv:2:46: value:`},
		{"thousands separator", figureRow("08,nguoi-nghien-co-ho-so,2022-12-31,baseline,\"1,100\",,,,bao-2023,x,"),
			`data/figures/bao-2023.csv:2:46: value:`},
		{"percent over 100", figureRow("08,tiep-can-dich-vu,2023,target,120,,,,bao-2023,x,"),
			`data/figures/bao-2023.csv:2:33: value: 120% is over 100% without a qualifier`},
		{"period does not parse", figureRow("08,tiep-can-dich-vu,2023-13,target,80,,,,bao-2023,x,"),
			`data/figures/bao-2023.csv:2:21: period: invalid period "2023-13": there is no month 13`},
		{"baseline without a date", figureRow("08,nguoi-nghien-co-ho-so,2022,baseline,5,,,,bao-2023,x,"),
			`data/figures/bao-2023.csv:2:`},
		{"negative count", figureRow("08,nguoi-nghien-co-ho-so,2022-12-31,baseline,-3,,,,bao-2023,x,"),
			`value: -3 is negative`},
		{"missing without a note", figureRow("08,nguoi-nghien-co-ho-so,2022-12-31,baseline,,,,,bao-2023,x,"),
			`value: the value is empty (missing, not zero)`},
		{"numerator above denominator", figureRow("08,xa-co-mo-hinh,2023,result,,,32,31,bao-2023,x,"),
			`numerator: numerator 32 is above denominator 31`},
		{"bad kind", figureRow("08,tiep-can-dich-vu,2023,plan,80,,,,bao-2023,x,"),
			`kind: "plan" is not a kind of figure`},
		{"no evidence", figureRow("08,tiep-can-dich-vu,2023,target,80,,,,bao-2023,,"),
			`evidence: quote the words of the source`},
		{"duplicate figure", map[string]string{"data/figures/bao-2023.csv": "unit,indicator,period,kind,value,qualifier,numerator,denominator,source,evidence,note\n" +
			"08,tiep-can-dich-vu,2023,target,80,,,,bao-2023,x,\n08,tiep-can-dich-vu,2023,target,85,,,,bao-2023,y,\n"},
			`data/figures/bao-2023.csv:3: duplicate figure: the same unit, indicator, period, kind and source as data/figures/bao-2023.csv:2`},
		{"not UTF-8", map[string]string{"data/figures/bao-2023.csv": "unit,indicator,period,kind,value,qualifier,numerator,denominator,source,evidence,note\n08,tiep-can-dich-vu,2023,target,80,,,,bao-2023,tr\xean 80%,\n"},
			`data/figures/bao-2023.csv:2:50: not UTF-8 text: save the file as UTF-8`},
		{"semicolons", map[string]string{"data/figures/bao-2023.csv": "unit;indicator;period;kind;value;qualifier;numerator;denominator;source;evidence;note\n"},
			`data/figures/bao-2023.csv:1: header lacks column(s)`},
		{"wrong field count", figureRow("08,tiep-can-dich-vu,2023,target,80,,,,bao-2023,trên 80%, tức là nhiều,"),
			`data/figures/bao-2023.csv:2:`},
		{"TOML syntax", map[string]string{"data/indicators.toml": "[[indicator]]\nid = \"a\nname = \"b\"\n"},
			`data/indicators.toml:2: TOML syntax error:`},
		{"unknown TOML key", map[string]string{"data/sources.toml": strings.Replace(baseSite["data/sources.toml"], "summary", "sumary", 1)},
			`data/sources.toml:8: source.sumary: unknown key (misspelt?)`},
		{"unknown measure", map[string]string{"data/indicators.toml": strings.Replace(baseSite["data/indicators.toml"], `"count"`, `"số"`, 1)},
			`data/indicators.toml:5: measure: "số" is not a measure: use count, percent or fraction`},
		{"id with path traversal", map[string]string{"data/sources.toml": strings.Replace(baseSite["data/sources.toml"], `"bao-2023"`, `"../../etc"`, 1)},
			`data/sources.toml:2: id: "../../etc" must be lower-case ASCII letters`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			files := map[string]string{}
			for k, v := range baseSite {
				files[k] = v
			}
			for k, v := range tt.change {
				files[k] = v
			}
			_, err := Load(writeSite(t, files))
			ps, ok := err.(Problems)
			if !ok {
				t.Fatalf("Load error = %v, want Problems", err)
			}
			for _, p := range ps {
				if strings.HasPrefix(p.String(), tt.want) || strings.Contains(p.String(), tt.want) {
					return
				}
			}
			t.Errorf("no problem matching\n  %s\ngot:\n%s", tt.want, ps.Error())
		})
	}
}

func TestAllProblemsInOneRun(t *testing.T) {
	files := map[string]string{}
	for k, v := range baseSite {
		files[k] = v
	}
	files["data/figures/bao-2023.csv"] = "unit,indicator,period,kind,value,qualifier,numerator,denominator,source,evidence,note\n" +
		"99,tiep-can-dich-vu,2023,target,80,,,,bao-2023,x,\n" +
		"08,tiep-can-dich-vu,2023,target,180,,,,bao-2023,x,\n" +
		"08,khong-co,2023,target,1,,,,bao-2023,x,\n"
	_, err := Load(writeSite(t, files))
	ps, _ := err.(Problems)
	if len(ps) != 3 {
		t.Fatalf("got %d problems, want 3 (one a line):\n%v", len(ps), err)
	}
	for i, want := range []string{":2:", ":3:", ":4:"} {
		if !strings.Contains(ps[i].String(), want) {
			t.Errorf("problem %d = %q, want line %s", i, ps[i], want)
		}
	}
}

// TestFigureFilesReadTogether: the figure files are read concurrently, but
// a duplicate is always reported on the later file (in name order), naming
// the first, and the problems and figures come out the same every run.
func TestFigureFilesReadTogether(t *testing.T) {
	const header = "unit,indicator,period,kind,value,qualifier,numerator,denominator,source,evidence,note\n"
	files := map[string]string{}
	for k, v := range baseSite {
		files[k] = v
	}
	for i := range 12 {
		name := fmt.Sprintf("data/figures/tep-%02d.csv", i)
		files[name] = header + fmt.Sprintf("08,nguoi-nghien-co-ho-so,%d-12-31,baseline,%d,,,,bao-2023,x,\n", 2000+i, i) +
			"99,tiep-can-dich-vu,2023,target,80,,,,bao-2023,x,\n"
	}
	// The same figure as in bao-2023.csv (read first): reported here.
	files["data/figures/tep-07.csv"] += "08,tiep-can-dich-vu,2023,target,80,gt,,,bao-2023,trên 80%,\n"
	dir := writeSite(t, files)
	var first string
	for run := range 5 {
		ds, err := Load(dir)
		ps, _ := err.(Problems)
		if len(ps) != 13 {
			t.Fatalf("got %d problems, want 13 (12 unknown units, 1 duplicate):\n%v", len(ps), err)
		}
		dup := "data/figures/tep-07.csv:4: duplicate figure: the same unit, indicator, period, kind and source as data/figures/bao-2023.csv:5"
		if got := ps[8].String(); got != dup {
			t.Errorf("problem 8 = %q, want %q", got, dup)
		}
		var got []string
		for _, f := range ds.Figures {
			got = append(got, f.Pos.String())
		}
		out := ps.Error() + "\n" + strings.Join(got, "\n")
		if run == 0 {
			first = out
		} else if out != first {
			t.Fatalf("run %d differs from run 0:\n%s\n---\n%s", run, out, first)
		}
	}
	figs := strings.Split(first, "\n")[13:]
	if len(figs) != 5+12 || !sort.StringsAreSorted(figs) || figs[0] != "data/figures/bao-2023.csv:2" {
		t.Errorf("figures not in file and line order:\n%s", strings.Join(figs, "\n"))
	}
}
