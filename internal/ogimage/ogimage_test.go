package ogimage

import (
	"bytes"
	"image/png"
	"os"
	"testing"

	"golang.org/x/image/font/sfnt"
)

// Every letter Vietnamese writes, lower and upper case, precomposed (NFC).
const vietnamese = "aàáảãạăằắẳẵặâầấẩẫậbcdđeèéẻẽẹêềếểễệghiìíỉĩịklmnoòóỏõọôồốổỗộơờớởỡợpqrstuùúủũụưừứửữựvxyỳýỷỹỵ" +
	"AÀÁẢÃẠĂẰẮẲẴẶÂẦẤẨẪẬBCDĐEÈÉẺẼẸÊỀẾỂỄỆGHIÌÍỈĨỊKLMNOÒÓỎÕỌÔỒỐỔỖỘƠỜỚỞỠỢPQRSTUÙÚỦŨỤƯỪỨỬỮỰVXYỲÝỶỸỴ" +
	"0123456789.,%/·…–—:()"

func TestFontsHaveEveryVietnameseLetter(t *testing.T) {
	for name, b := range map[string][]byte{"DejaVuSans.ttf": regularTTF, "DejaVuSans-Bold.ttf": boldTTF} {
		f, err := sfnt.Parse(b)
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		var buf sfnt.Buffer
		for _, r := range vietnamese {
			if i, err := f.GlyphIndex(&buf, r); err != nil || i == 0 {
				t.Errorf("%s has no glyph for %q (U+%04X)", name, r, r)
			}
		}
	}
}

var sample = Card{
	Site:   "Phòng, chống ma túy — số liệu và kế hoạch",
	Kicker: "Huyện Sơn Dương (trước 01/7/2025)",
	Figure: "268 người",
	Title:  "Người nghiện có hồ sơ quản lý",
	Where:  "Số liệu nền · Tính đến 31/12/2022",
	Source: "Nguồn: Báo điện tử Lao động và Xã hội (LĐXH), 15/03/2023",
}

func TestDrawSizeAndSameBytes(t *testing.T) {
	long := sample
	long.Title = "Tỷ lệ người sử dụng trái phép chất ma túy được phát hiện, lập danh sách quản lý, theo dõi và lập hồ sơ xác định tình trạng nghiện ma túy trên địa bàn"
	long.Figure = "31/31 xã, phường, thị trấn (100%) và rất nhiều chữ nữa để không vừa một dòng"
	for _, c := range []Card{sample, long, {Title: "Chỉ có tiêu đề"}} {
		a, err := Draw(c)
		if err != nil {
			t.Fatal(err)
		}
		cfg, err := png.DecodeConfig(bytes.NewReader(a))
		if err != nil {
			t.Fatal(err)
		}
		if cfg.Width != Width || cfg.Height != Height {
			t.Errorf("%q: %d×%d, want %d×%d", c.Title, cfg.Width, cfg.Height, Width, Height)
		}
		b, _ := Draw(c)
		if !bytes.Equal(a, b) {
			t.Errorf("%q: two draws differ", c.Title)
		}
	}
	if dir := os.Getenv("PCMT_OGIMAGE_DIR"); dir != "" {
		b, _ := Draw(sample)
		os.WriteFile(dir+"/sample.png", b, 0o644)
		b, _ = Draw(long)
		os.WriteFile(dir+"/long.png", b, 0o644)
	}
}

func BenchmarkDraw(b *testing.B) {
	for b.Loop() {
		if _, err := Draw(sample); err != nil {
			b.Fatal(err)
		}
	}
}

// FuzzDraw: any text from the data (names, labels, figures) draws a card
// of the right size, never a panic.
func FuzzDraw(f *testing.F) {
	f.Add(sample.Kicker, sample.Figure, sample.Title)
	f.Add("", "", "")
	f.Add("a\u0301\u0323", "1.100 người\n\t", "ThànhphốHồChíMinhkhôngcódấucách"+"ThànhphốHồChíMinhkhôngcódấucách")
	f.Fuzz(func(t *testing.T, kicker, figure, title string) {
		b, err := Draw(Card{Kicker: kicker, Figure: figure, Title: title, Where: kicker, Source: figure})
		if err != nil {
			t.Fatal(err)
		}
		cfg, err := png.DecodeConfig(bytes.NewReader(b))
		if err != nil || cfg.Width != Width || cfg.Height != Height {
			t.Fatalf("%v %d×%d", err, cfg.Width, cfg.Height)
		}
	})
}
