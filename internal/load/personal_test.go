package load

import (
	"strings"
	"testing"
)

func TestPersonalName(t *testing.T) {
	for _, tt := range []struct{ name, want string }{
		{"ho_ten", "họ tên"}, {"Họ và tên", "họ tên"}, {"HỌ TÊN", "họ tên"}, {"full name", "họ tên"},
		{"ngay_sinh", "ngày sinh"}, {"Ngày sinh", "ngày sinh"}, {"Date of birth", "ngày sinh"}, {"DOB", "ngày sinh"},
		{"CCCD", "CCCD/CMND"}, {"so_cmnd", "CCCD/CMND"}, {"Căn cước công dân", "CCCD/CMND"}, {"national_id", "CCCD/CMND"},
		{"số điện thoại", "số điện thoại"}, {"SĐT", "số điện thoại"}, {"phone", "số điện thoại"}, {"Mobile", "số điện thoại"},
		{"địa chỉ", "địa chỉ"}, {"dia_chi_thuong_tru", "địa chỉ"}, {"Address", "địa chỉ"}, {"ho_ten_nguoi_nghien", "họ tên"},
		// Not personal: the site's own columns and keys.
		{"unit", ""}, {"name", ""}, {"name_en", ""}, {"full_name", "họ tên"}, {"signer", ""}, {"evidence", ""}, {"note", ""},
		{"publisher", ""}, {"description", ""}, {"counted", ""},
	} {
		if got := personalName(tt.name); got != tt.want {
			t.Errorf("personalName(%q) = %q, want %q", tt.name, got, tt.want)
		}
	}
}

func TestPersonalValue(t *testing.T) {
	for _, tt := range []struct {
		s, want string
		col     int
	}{
		{"CCCD 001203004567", "ID-card number (CCCD, 12 digits)", 6},
		{"số 001 203 004 567.", "ID-card number (CCCD, 12 digits)", 4},
		{"CMND 012345678", "ID-card number (CMND, 9 digits)", 6},
		{"gọi 0912.345.678", "phone number", 5},
		{"gọi 0912345678", "phone number", 5},
		{"+84 912 345 678", "phone number", 1},
		{"máy bàn 0204 3854 123", "phone number", 9},
		// What figures and quotes do say.
		{"986", "", 0}, {"tính đến 31/12/2022 là 986 người", "", 0}, {"120.000.000 đồng", "", 0},
		{"2024-01/2024-09", "", 0}, {"Nghị định 116/2021/NĐ-CP", "", 0}, {"5.236 lượt người", "", 0},
		{"1234567890123", "", 0}, {"", "", 0},
	} {
		what, col := personalValue(tt.s)
		if what != tt.want || col != tt.col {
			t.Errorf("personalValue(%q) = %q at %d, want %q at %d", tt.s, what, col, tt.want, tt.col)
		}
	}
}

// FuzzFigureCSV loads the base site with any text as its figures file: no
// panic, and every problem names a file of the site.
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
