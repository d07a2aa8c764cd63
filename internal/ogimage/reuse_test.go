package ogimage

import (
	"bytes"
	"image"
	"image/color"
	"image/draw"
	"testing"
)

// TestDrawReusesNothingVisible: Draw reuses its images; a card drawn after
// another, with longer texts, must be the same bytes as drawn first.
func TestDrawReusesNothingVisible(t *testing.T) {
	short := Card{Site: "S", Title: "Hà Nội", Figure: "1"}
	long := Card{Site: "Phòng, chống ma túy — số liệu và kế hoạch", Kicker: "Số người nghiện ma túy", Figure: "12.345",
		Title: "Người nghiện được cai nghiện tại cơ sở cai nghiện bắt buộc", Where: "Phường Hoàn Kiếm, Thành phố Hà Nội", Source: "Báo cáo 123/BC-UBND"}
	first, err := Draw(short)
	if err != nil {
		t.Fatal(err)
	}
	for range 3 {
		if _, err := Draw(long); err != nil {
			t.Fatal(err)
		}
		again, err := Draw(short)
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(first, again) {
			t.Fatal("a card drawn after another differs from the same card drawn first")
		}
	}
}

// TestPalettedPixelByPixel: paletted's shortcuts (two white pixels at a
// time, runs of one colour) give every pixel the palette's colour, as the
// plain per-pixel mapping does, on an image with every colour of a card
// at odd and even positions.
func TestPalettedPixelByPixel(t *testing.T) {
	img := image.NewRGBA(image.Rect(0, 0, Width, Height))
	draw.Draw(img, img.Bounds(), image.NewUniform(paper), image.Point{}, draw.Src)
	for i, c := range palette {
		for _, x := range []int{i, i + 1, 3 * i, 3*i + 1, Width - 1 - i} {
			img.Set(x, i%Height, c)
			img.Set(x, (i+1)%Height, c)
		}
	}
	img.Set(5, 600, color.RGBA{0xff, 0xff, 0xfe, 0xff}) // next to white, not white
	got := paletted(img).img
	for y := range Height {
		for x := range Width {
			c := img.RGBAAt(x, y)
			want := uint8(palette.Index(color.RGBA{c.R, c.G, c.B, 0xff}))
			if c.R == paper.R && c.G == paper.G && c.B == paper.B {
				want = 0
			}
			if g := got.ColorIndexAt(x, y); g != want {
				t.Fatalf("pixel %d,%d (%v): index %d, want %d", x, y, c, g, want)
			}
		}
	}
}
