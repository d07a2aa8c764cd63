package load

import (
	"strings"
	"testing"
)

func FuzzFigureCSV(f *testing.F) {
	f.Add(baseSite["data/figures/bao-2023.csv"])
	f.Add("unit,indicator,period,kind,value,qualifier,numerator,denominator,source,evidence,note\n08,tiep-can-dich-vu,2023,target,\"1,100\",,,,bao-2023,x,\n")
	f.Add("\ufeffunit;indicator\n\"\n")
	f.Fuzz(func(t *testing.T, csv string) {
		files := map[string]string{}
		for k, v := range baseSite {
			files[k] = v
		}
		files["data/figures/bao-2023.csv"] = csv
		_, err := Load(writeSite(t, files))
		if ps, ok := err.(Problems); ok {
			for _, p := range ps {
				if !strings.HasPrefix(p.File, "data/") || strings.Contains(p.Msg, "\x00") {
					t.Fatalf("problem without a site file: %v", p)
				}
			}
		} else if err != nil {
			t.Fatalf("Load error is not Problems: %v", err)
		}
	})
}

// FuzzPlanFrontMatter loads a plan document with any text: no panic, and
// problems name the plan's file or the data files.
func FuzzPlanFrontMatter(f *testing.F) {
	f.Add("+++\ntitle = \"K\"\nsource = \"s\"\nissued = \"2024-02\"\nissuer = \"U\"\nunit = \"08\"\nperiod = \"2024\"\n[[targets]]\nindicator = \"nguoi-nghien-co-ho-so\"\nvalue = 1\nevidence = \"01 người\"\n+++\nText.\n")
	f.Add("+++\n+++\n")
	f.Add("+++\r\n[[targets]]\nvalue = \"x\"\n")
	f.Fuzz(func(t *testing.T, doc string) {
		files := map[string]string{}
		for k, v := range baseSite {
			files[k] = v
		}
		files["content/ke-hoach/ke-hoach.md"] = doc
		_, err := Load(writeSite(t, files))
		if ps, ok := err.(Problems); ok {
			for _, p := range ps {
				if p.File == "" {
					t.Fatalf("problem without a file: %v", p)
				}
			}
		} else if err != nil {
			t.Fatalf("Load error is not Problems: %v", err)
		}
	})
}
