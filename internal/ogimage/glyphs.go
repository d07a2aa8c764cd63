package ogimage

import (
	"image"
	"sync"

	"golang.org/x/image/font"
	"golang.org/x/image/math/fixed"
)

// glyphFace is a font.Face whose glyph masks are kept across cards: every
// card sets the site's name, the same labels and digits, and rasterizing
// them again was a quarter of Draw. A mask depends on the glyph and on
// where the dot lies inside its pixel (1/64 steps), not on which pixel:
// moved by whole pixels, opentype.Face.Glyph gives the same mask with its
// rectangle moved as much. So the masks drawn are the ones it gives, and
// the card the same bytes.
type glyphFace struct {
	font.Face
	key faceKey
}

type glyphKey struct {
	face   faceKey
	r      rune
	fx, fy fixed.Int26_6 // the dot inside its pixel
}

type glyph struct {
	dr      image.Rectangle // relative to the dot's pixel
	mask    *image.Alpha
	advance fixed.Int26_6
	ok      bool
}

// glyphs are shared by all cards (Draw runs on several goroutines); at
// most maxGlyphBytes of masks, then new glyphs are rasterized each time.
var glyphs = struct {
	sync.RWMutex
	m     map[glyphKey]*glyph
	bytes int
}{m: map[glyphKey]*glyph{}}

const maxGlyphBytes = 32 << 20

func (f glyphFace) Glyph(dot fixed.Point26_6, r rune) (image.Rectangle, image.Image, image.Point, fixed.Int26_6, bool) {
	k := glyphKey{f.key, r, dot.X & 63, dot.Y & 63}
	px := image.Point{dot.X.Floor(), dot.Y.Floor()}
	glyphs.RLock()
	g := glyphs.m[k]
	glyphs.RUnlock()
	if g == nil {
		dr, mask, maskp, advance, ok := f.Face.Glyph(dot, r)
		a, isAlpha := mask.(*image.Alpha)
		if mask != nil && (!isAlpha || maskp != a.Rect.Min) {
			return dr, mask, maskp, advance, ok // not as opentype makes them
		}
		g = &glyph{dr: dr.Sub(px), advance: advance, ok: ok}
		if a != nil {
			// The face reuses its mask for the next glyph: keep a copy.
			g.mask = &image.Alpha{Pix: append([]uint8(nil), a.Pix[:len(a.Pix):len(a.Pix)]...), Stride: a.Stride, Rect: a.Rect}
		}
		glyphs.Lock()
		if glyphs.bytes < maxGlyphBytes {
			if _, dup := glyphs.m[k]; !dup {
				glyphs.m[k] = g
				glyphs.bytes += 64
				if g.mask != nil {
					glyphs.bytes += len(g.mask.Pix)
				}
			}
		}
		glyphs.Unlock()
	}
	if g.mask == nil {
		return g.dr.Add(px), nil, image.Point{}, g.advance, g.ok
	}
	return g.dr.Add(px), g.mask, g.mask.Rect.Min, g.advance, g.ok
}
