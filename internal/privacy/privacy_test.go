package privacy

import (
	"strconv"
	"strings"
	"testing"
)

func TestScan(t *testing.T) {
	for _, c := range []struct {
		name, text string
		want       []string // "line:col what text" of each finding
	}{
		{"id alone", "Số CCCD 001203004567 của anh ấy", []string{"1:9 " + WhatID + " 001203004567"}},
		{"id grouped", "x\ndòng hai: 001 203 004 567.", []string{"2:11 " + WhatID + " 001 203 004 567"}},
		{"phone next to người nghiện", "Người nghiện Nguyễn Văn A, điện thoại 0912.345.678", []string{"1:39 " + WhatPhone + " 0912.345.678"}},
		{"phone +84 next to học viên", "học viên: +84 912 345 678", []string{"1:11 " + WhatPhone + " +84 912 345 678"}},
		{"birth date next to đối tượng", "Đối tượng Trần Văn B, sinh ngày 12/03/1990, trú tại tổ 3", []string{"1:23 " + WhatBirth + " sinh ngày 12/03/1990"}},
		{"SN next to học viên", "Học viên Lê C (SN 1985)", []string{"1:16 " + WhatBirth + " SN 1985"}},
		// Allowed: what campaign pages and plans do say.
		{"hotline of the office", "Mọi thông tin xin liên hệ Công an xã, điện thoại 0204.3854.123.", nil},
		{"counts and dates", "Tính đến 31/12/2022, toàn tỉnh có 986 người nghiện có hồ sơ quản lý.", nil},
		{"decree numbers", "Nghị định 116/2021/NĐ-CP ngày 21/12/2021 về cai nghiện, đối tượng áp dụng", nil},
		{"year of plan", "Kế hoạch năm 2024: 01 người cai nghiện bắt buộc, 100% học viên được dạy nghề", nil},
		{"big number with dots", "Tổng kinh phí 120.000.000 đồng cho người nghiện", nil},
		{"13 digits is not an id", "mã 1234567890123", nil},
	} {
		t.Run(c.name, func(t *testing.T) {
			var got []string
			for _, f := range Scan(c.text) {
				got = append(got, strconv.Itoa(f.Line)+":"+strconv.Itoa(f.Col)+" "+f.What+" "+f.Text)
			}
			if strings.Join(got, "\n") != strings.Join(c.want, "\n") {
				t.Errorf("Scan(%q)\n got %q\nwant %q", c.text, got, c.want)
			}
		})
	}
}

func TestMessage(t *testing.T) {
	fs := Scan("Đối tượng Trần Văn B, sinh ngày 12/03/1990")
	if len(fs) != 1 {
		t.Fatalf("got %d findings", len(fs))
	}
	want := "looks like a person's birth date next to “đối tượng”: the site publishes aggregate figures only, never a person's data; remove it"
	if got := fs[0].Message(); got != want {
		t.Errorf("Message()\n got %q\nwant %q", got, want)
	}
}

// FuzzScan: any text, no panic, and every finding points inside its line.
func FuzzScan(f *testing.F) {
	f.Add("Người nghiện Nguyễn Văn A, điện thoại 0912.345.678")
	f.Add("Đối tượng B, sinh ngày 12/03/1990; CCCD 001203004567")
	f.Add("\xff\xfe 0 +84 ")
	f.Fuzz(func(t *testing.T, s string) {
		for _, fd := range Scan(s) {
			if fd.Line < 1 || fd.Col < 1 || fd.Text == "" {
				t.Fatalf("bad finding %+v", fd)
			}
		}
	})
}

func TestName(t *testing.T) {
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
		if got := Name(tt.name); got != tt.want {
			t.Errorf("Name(%q) = %q, want %q", tt.name, got, tt.want)
		}
	}
}

func TestValue(t *testing.T) {
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
		what, col := Value(tt.s)
		if what != tt.want || col != tt.col {
			t.Errorf("Value(%q) = %q at %d, want %q at %d", tt.s, what, col, tt.want, tt.col)
		}
	}
}

// FuzzValue: Value's shortcut (no run of 9 digits, no regular
// expression) finds what the patterns alone find.
func FuzzValue(f *testing.F) {
	for _, s := range []string{"CCCD 001203004567", "số 001 203 004 567.", "gọi 0912.345.678", "(+84) 912-345-678", "năm 2023 có 1.234 người, 56 xã",
		"120.000.000 đồng", "12/3/1990 0912 345 678"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		what, col := Value(s)
		wantWhat, wantCol := value(s)
		if what != wantWhat || col != wantCol {
			t.Errorf("Value(%q) = %q at %d, the patterns find %q at %d", s, what, col, wantWhat, wantCol)
		}
	})
}

// FuzzFigureCSV loads the base site with any text as its figures file: no
// panic, and every problem names a file of the site.
