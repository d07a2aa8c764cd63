package load

import (
	"strings"
	"testing"

	"github.com/pcmt/pcmt/internal/model"
)

// baseLedger records the five figures of baseSite as published.
const baseLedger = "date,action,unit,indicator,period,kind,source,old_value,new_value,reason\n" +
	"2026-11-25,added,08,nguoi-nghien-co-ho-so,2022-12-31,baseline,bao-2023,,986,\n" +
	"2026-11-25,added,071,nguoi-nghien-co-ho-so,2022-12-31,baseline,bao-2023,,0,\n" +
	"2026-11-25,added,trai-tam,nguoi-nghien-co-ho-so,2022-12-31,baseline,bao-2023,,77,\n" +
	"2026-11-25,added,08,tiep-can-dich-vu,2023,target,bao-2023,,>80,\n" +
	"2026-11-25,added,08,xa-co-mo-hinh,2023,result,bao-2023,,31/31,\n"

func withLedger(ledger string, figures ...string) map[string]string {
	files := map[string]string{}
	for k, v := range baseSite {
		files[k] = v
	}
	files[ChangesFile] = ledger
	for i := 0; i+1 < len(figures); i += 2 {
		files["data/figures/bao-2023.csv"] = strings.Replace(files["data/figures/bao-2023.csv"], figures[i], figures[i+1], 1)
	}
	return files
}

func TestLedgerAgreesWithFigures(t *testing.T) {
	ds, err := Load(writeSite(t, withLedger(baseLedger+
		"2027-02-03,corrected,08,nguoi-nghien-co-ho-so,2022-12-31,baseline,bao-2023,986,968,Nhập nhầm: bài báo ghi 968 người\n"+
		"2027-03-01,withdrawn,071,nguoi-nghien-co-ho-so,2022-12-31,baseline,bao-2023,0,,Báo đã đính chính\n",
		"baseline,986,", "baseline,968,",
		"071,nguoi-nghien-co-ho-so,2022-12-31,baseline,0,,,,bao-2023,Lâm Bình là chưa có,chưa có\n", "")))
	if err != nil {
		t.Fatalf("Load: %v", err)
	}
	if len(ds.Changes) != 7 {
		t.Fatalf("%d changes, want 7", len(ds.Changes))
	}
	c := ds.Changes[5]
	if c.Action != model.Corrected || c.Old != "986" || c.New != "968" || c.Reason != "Nhập nhầm: bài báo ghi 968 người" ||
		c.Date.Format("2006-01-02") != "2027-02-03" || c.UnitKey != (model.UnitKey{Code: "08", Era: model.Era2022}) || c.Pos.Line != 7 {
		t.Errorf("change = %+v", c)
	}
	if p := ds.Changes[2]; p.Place != "trai-tam" || p.UnitKey.Code != "08" {
		t.Errorf("place change = %+v", p)
	}
}

func TestLedgerProblems(t *testing.T) {
	tests := []struct {
		name  string
		files map[string]string
		want  string // the whole problem, exactly
	}{
		{"value changed with no reason", withLedger(baseLedger, "baseline,986,", "baseline,990,"),
			"data/figures/bao-2023.csv:2: value: the value changed from 986 to 990 with no recorded reason: data/changes.csv line 2 publishes 986; " +
				"a published value only changes with a correction: add at the end of the ledger: " +
				"YYYY-MM-DD,corrected,08,nguoi-nghien-co-ho-so,2022-12-31,baseline,bao-2023,986,990,<lý do>"},
		{"qualifier changed", withLedger(baseLedger, "80,gt,", "80,ge,"),
			"data/figures/bao-2023.csv:5: value: the value changed from >80 to >=80 with no recorded reason: data/changes.csv line 5 publishes >80; " +
				"a published value only changes with a correction: add at the end of the ledger: " +
				"YYYY-MM-DD,corrected,08,tiep-can-dich-vu,2023,target,bao-2023,>80,>=80,<lý do>"},
		{"correction without a reason", withLedger(baseLedger+"2027-02-03,corrected,08,nguoi-nghien-co-ho-so,2022-12-31,baseline,bao-2023,986,990,\n",
			"baseline,986,", "baseline,990,"),
			"data/changes.csv:7:84: reason: say why the figure was corrected (lý do): readers see it beside the figure and in the changelog"},
		{"correction of another value", withLedger(baseLedger+"2027-02-03,corrected,08,nguoi-nghien-co-ho-so,2022-12-31,baseline,bao-2023,985,990,Sai số\n",
			"baseline,986,", "baseline,990,"),
			"data/changes.csv:7: old_value: 985 is not the value published before: line 2 records 986"},
		{"new figure not recorded", withLedger(baseLedger, "baseline,0,,,,bao-2023", "baseline,0,,,,bao-2023"),
			""}, // placeholder, replaced below
		{"figure deleted without withdrawal", withLedger(baseLedger, "trai-tam,nguoi-nghien-co-ho-so,2022-12-31,baseline,77,,,,bao-2023,77 đối tượng tại Trại tạm,\n", ""),
			"data/changes.csv:4: the figure trai-tam/nguoi-nghien-co-ho-so/2022-12-31/baseline/bao-2023 (value 77) is published but no longer in data/figures/ or a plan: " +
				"to withdraw it add at the end of the ledger: YYYY-MM-DD,withdrawn,trai-tam,nguoi-nghien-co-ho-so,2022-12-31,baseline,bao-2023,77,,<lý do>"},
		{"rows out of date order", withLedger(baseLedger + "2026-11-24,corrected,08,nguoi-nghien-co-ho-so,2022-12-31,baseline,bao-2023,986,986.5,x\n"),
			"data/changes.csv:7:1: date: 2026-11-24 is before 2026-11-25 on line 6: the ledger is kept in date order; add new rows at the end"},
		{"month only", withLedger(baseLedger + "2027-02,corrected,08,nguoi-nghien-co-ho-so,2022-12-31,baseline,bao-2023,986,990,x\n"),
			"data/changes.csv:7:1: date: give the day the change was published, like 2027-02-01"},
		{"value in page form", withLedger(strings.Replace(baseLedger, ",,986,", ",,\"986 người\",", 1)),
			`data/changes.csv:2:`},
		{"unknown action", withLedger(strings.Replace(baseLedger, "added,08,nguoi", "thêm,08,nguoi", 1)),
			`data/changes.csv:2:12: action: "thêm" is not an action: use added (thêm), corrected (sửa) or withdrawn (rút)`},
		{"added twice", withLedger(baseLedger + "2026-11-26,added,08,nguoi-nghien-co-ho-so,2022-12-31,baseline,bao-2023,,986,\n"),
			"data/changes.csv:7: action: this figure was already added on line 2 (value 986): to change its value write a corrected row"},
		{"withdrawn keeps a value", withLedger(baseLedger + "2027-01-01,withdrawn,08,nguoi-nghien-co-ho-so,2022-12-31,baseline,bao-2023,986,986,x\n"),
			"data/changes.csv:7:80: new_value: a withdrawn figure has no value after: leave new_value empty"},
	}
	// A figure added to the figures file but not to the ledger.
	tests[4].files["data/figures/bao-2023.csv"] += "072,nguoi-nghien-co-ho-so,2022-12-31,baseline,20,,,,bao-2023,Na Hang (20 người),\n"
	tests[4].want = "data/figures/bao-2023.csv:7: figure not in the ledger data/changes.csv: a new figure needs a row saying when it was published; " +
		"add at its end: YYYY-MM-DD,added,072,nguoi-nghien-co-ho-so,2022-12-31,baseline,bao-2023,,20,"
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Load(writeSite(t, tt.files))
			ps, ok := err.(Problems)
			if !ok {
				t.Fatalf("Load error = %v, want Problems", err)
			}
			for _, p := range ps {
				if p.String() == tt.want || strings.HasSuffix(tt.want, ":") && strings.HasPrefix(p.String(), tt.want) {
					return
				}
			}
			t.Errorf("no problem\n  %s\ngot:\n%s", tt.want, ps.Error())
		})
	}
}

func TestParseRecorded(t *testing.T) {
	tests := []struct{ in, want, err string }{
		{"986", "986", ""},
		{" 80.5 ", "80.5", ""},
		{">80", ">80", ""},
		{">=1", ">=1", ""},
		{"~1000", "~1000", ""},
		{"<=5", "<=5", ""},
		{"31/31", "31/31", ""},
		{"31/31=100", "31/31=100", ""},
		{"", "", ""},
		{"2.1250", "2.1250", ""},
		{"1,100", "", `"1,100" is not a value`},
		{"986 người", "", `"986 người" is not a value`},
		{"-3", "", `"-3" is not a value (-3 is negative)`},
		{"1/0", "", `"1/0" is not a value (the denominator is 0)`},
		{"80=80", "", `"80=80" is not a value (= only follows a fraction)`},
		{"trên 80", "", `"trên 80" is not a value`},
	}
	for _, tt := range tests {
		got, err := ParseRecorded(tt.in)
		switch {
		case tt.err != "" && (err == nil || !strings.HasPrefix(err.Error(), tt.err)):
			t.Errorf("ParseRecorded(%q) error = %v, want %q…", tt.in, err, tt.err)
		case tt.err == "" && (err != nil || got != tt.want):
			t.Errorf("ParseRecorded(%q) = %q, %v; want %q", tt.in, got, err, tt.want)
		}
	}
}

// FuzzParseRecorded: whatever a data editor types, the parser returns an
// error or a canonical value that parses back to itself.
func FuzzParseRecorded(f *testing.F) {
	for _, s := range []string{"986", ">80", ">=1", "31/31", "31/31=100", "~2.5", "", "<=", "1/0", "=", "80.5.5"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		got, err := ParseRecorded(s)
		if err != nil {
			return
		}
		again, err := ParseRecorded(got)
		if err != nil || again != got {
			t.Errorf("ParseRecorded(%q) = %q, which reads back as %q, %v", s, got, again, err)
		}
	})
}
