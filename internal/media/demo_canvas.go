package media

import (
	"image"
	"image/color"
	"math"
)

// rgb is a colour with channels from 0 to 1. The demo pictures are
// painted in floating point so that gradients and soft edges blend without
// the banding that 8-bit arithmetic leaves.
type rgb struct{ r, g, b float64 }

// hexRGB parses "#rrggbb"; it only sees the literals in demo_palette.go.
func hexRGB(s string) rgb {
	var v [3]float64
	for i := range v {
		v[i] = float64(hexDigit(s[1+2*i])<<4|hexDigit(s[2+2*i])) / 255
	}
	return rgb{v[0], v[1], v[2]}
}

func hexDigit(c byte) int {
	if c >= 'a' {
		return int(c-'a') + 10
	}
	return int(c - '0')
}

func (c rgb) lerp(d rgb, t float64) rgb {
	return rgb{c.r + (d.r-c.r)*t, c.g + (d.g-c.g)*t, c.b + (d.b-c.b)*t}
}

// canvas is a float RGB picture painted layer by layer, back to front.
type canvas struct {
	w, h int
	px   []rgb
}

func newCanvas(w, h int) *canvas {
	return &canvas{w: w, h: h, px: make([]rgb, w*h)}
}

// blend paints col over the pixel at (x, y) with opacity a.
func (cv *canvas) blend(x, y int, col rgb, a float64) {
	if x < 0 || y < 0 || x >= cv.w || y >= cv.h || a <= 0 {
		return
	}
	p := &cv.px[y*cv.w+x]
	*p = p.lerp(col, min(a, 1))
}

// add brightens the pixel at (x, y) by col scaled by k, as light does.
func (cv *canvas) add(x, y int, col rgb, k float64) {
	p := &cv.px[y*cv.w+x]
	p.r, p.g, p.b = p.r+col.r*k, p.g+col.g*k, p.b+col.b*k
}

// gradient fills the canvas through evenly spaced colour stops that end
// at row span, bent by tilt so that the horizon glow is not flat.
func (cv *canvas) gradient(stops []rgb, span, tilt float64) {
	for y := range cv.h {
		for x := range cv.w {
			t := float64(y)/span + tilt*(float64(x)/float64(cv.w)-0.5)
			cv.px[y*cv.w+x] = sampleStops(stops, t)
		}
	}
}

func sampleStops(stops []rgb, t float64) rgb {
	t = math.Max(0, math.Min(1, t)) * float64(len(stops)-1)
	i := min(int(t), len(stops)-2)
	return stops[i].lerp(stops[i+1], smooth(t-float64(i)))
}

// glow adds a soft light that fades with a Gaussian fall-off.
func (cv *canvas) glow(cx, cy, radius float64, col rgb, k float64) {
	for y := range cv.h {
		for x := range cv.w {
			dx, dy := (float64(x)-cx)/radius, (float64(y)-cy)/radius
			if d2 := dx*dx + dy*dy; d2 < 9 {
				cv.add(x, y, col, k*math.Exp(-d2))
			}
		}
	}
}

// disc paints a circle whose edge fades over soft pixels, which both
// anti-aliases it and gives bokeh circles their blur.
func (cv *canvas) disc(cx, cy, r, soft float64, col rgb, a float64) {
	soft = math.Max(soft, 1)
	x0, x1 := int(cx-r-soft), int(cx+r+soft)+1
	y0, y1 := int(cy-r-soft), int(cy+r+soft)+1
	for y := max(y0, 0); y < min(y1, cv.h); y++ {
		for x := max(x0, 0); x < min(x1, cv.w); x++ {
			d := math.Hypot(float64(x)-cx, float64(y)-cy)
			cv.blend(x, y, col, a*clamp01((r-d)/soft+0.5))
		}
	}
}

// silhouette fills everything below the outline ys (one height per
// column) with a vertical gradient from top to bottom colour. The edge is
// anti-aliased by the fraction of the pixel the outline covers.
func (cv *canvas) silhouette(ys []float64, top, bottom rgb) {
	for x := range cv.w {
		edge := ys[x]
		for y := max(int(edge), 0); y < cv.h; y++ {
			t := clamp01((float64(y) - edge) / float64(cv.h))
			cv.blend(x, y, top.lerp(bottom, smooth(t)), clamp01(float64(y)+1-edge))
		}
	}
}

// haze lays a horizontal band of mist centred on row cy.
func (cv *canvas) haze(cy, height float64, col rgb, a float64) {
	for y := range cv.h {
		d := (float64(y) - cy) / height
		k := a * math.Exp(-d*d)
		for x := range cv.w {
			cv.blend(x, y, col, k)
		}
	}
}

// rect paints an axis-aligned rectangle; the city skyline is made of them.
func (cv *canvas) rect(x0, y0, x1, y1 int, col rgb, a float64) {
	for y := max(y0, 0); y < min(y1, cv.h); y++ {
		for x := max(x0, 0); x < min(x1, cv.w); x++ {
			cv.blend(x, y, col, a)
		}
	}
}

// image darkens the corners and converts to 8 bits. A tiny fixed noise
// dithers the gradients, so that JPEG does not show them as bands.
func (cv *canvas) image(vignette float64) *image.RGBA {
	out := image.NewRGBA(image.Rect(0, 0, cv.w, cv.h))
	for y := range cv.h {
		for x := range cv.w {
			dx, dy := float64(x)/float64(cv.w)-0.5, float64(y)/float64(cv.h)-0.5
			shade := 1 - vignette*(dx*dx+dy*dy)*2
			n := (hash2(x, y, 7) - 0.5) * 1.5 / 255
			p := cv.px[y*cv.w+x]
			out.SetRGBA(x, y, color.RGBA{to8(p.r*shade + n), to8(p.g*shade + n), to8(p.b*shade + n), 255})
		}
	}
	return out
}

func to8(v float64) uint8 { return uint8(clamp01(v)*255 + 0.5) }

func clamp01(v float64) float64 { return math.Max(0, math.Min(1, v)) }

// smooth is the smoothstep ease used for every fade.
func smooth(t float64) float64 { t = clamp01(t); return t * t * (3 - 2*t) }
