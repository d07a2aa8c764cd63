package ogimage

import (
	"bytes"
	"image"
	"testing"

	"golang.org/x/image/font"
	"golang.org/x/image/font/opentype"
	"golang.org/x/image/math/fixed"
)

// TestGlyphFaceSameMasks: a kept glyph, drawn at another pixel or after
// other glyphs, has the rectangle and mask opentype rasterizes there.
func TestGlyphFaceSameMasks(t *testing.T) {
	reg, _, err := fonts()
	if err != nil {
		t.Fatal(err)
	}
	plain, err := opentype.NewFace(reg, &opentype.FaceOptions{Size: 36, DPI: 72, Hinting: font.HintingNone})
	if err != nil {
		t.Fatal(err)
	}
	kept := (&typesetter{}).face(reg, 36)
	dots := []fixed.Point26_6{{X: 72 << 6, Y: 86 << 6}, {X: 72<<6 + 17, Y: 200 << 6}, {X: 913<<6 + 17, Y: 40 << 6}, {X: 5<<6 + 63, Y: 7<<6 + 5}}
	for _, r := range "Aạếộơư1.% —…\u0301" {
		for range 2 { // rasterized, then kept
			for _, dot := range dots {
				wdr, wmask, wp, wadv, wok := plain.Glyph(dot, r)
				want := image.NewAlpha(wdr)
				if wmask != nil {
					for y := wdr.Min.Y; y < wdr.Max.Y; y++ {
						for x := wdr.Min.X; x < wdr.Max.X; x++ {
							want.Set(x, y, wmask.At(x-wdr.Min.X+wp.X, y-wdr.Min.Y+wp.Y))
						}
					}
				}
				gdr, gmask, gp, gadv, gok := kept.Glyph(dot, r)
				got := image.NewAlpha(gdr)
				if gmask != nil {
					for y := gdr.Min.Y; y < gdr.Max.Y; y++ {
						for x := gdr.Min.X; x < gdr.Max.X; x++ {
							got.Set(x, y, gmask.At(x-gdr.Min.X+gp.X, y-gdr.Min.Y+gp.Y))
						}
					}
				}
				if gdr != wdr || gadv != wadv || gok != wok || !bytes.Equal(got.Pix, want.Pix) {
					t.Fatalf("%q at %v: %v %v %v, mask equal %v; want %v %v %v", r, dot, gdr, gadv, gok, bytes.Equal(got.Pix, want.Pix), wdr, wadv, wok)
				}
			}
		}
	}
}
