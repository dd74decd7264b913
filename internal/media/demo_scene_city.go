package media

import (
	"math"
	"math/rand/v2"
)

// paintCity: a skyline with lit windows in front of distant hills.
func paintCity(cv *canvas, c demoColors, rng *rand.Rand, seed int) {
	w, h := float64(cv.w), float64(cv.h)
	ground := h * 0.86
	paintSky(cv, c, rng, ground, w*(0.15+0.7*rng.Float64()), h*(0.2+0.25*rng.Float64()))
	hills := ridgeLine(cv.w, h*0.7, h*0.18, w*0.5, 4, true, seed*31)
	cv.silhouette(hills, c.layer(0), c.layer(0.1))
	cv.haze(h*0.7, h*0.08, c.sky[2], 0.35)
	paintSkyline(cv, c, rng, ground, h*0.08, h*0.3, c.layer(0.45), 0.12)
	cv.haze(ground, h*0.06, c.sky[2], 0.25)
	paintSkyline(cv, c, rng, ground, h*0.14, h*0.5, c.layer(0.92), 0.45)
	cv.rect(0, int(ground), cv.w, cv.h, c.near, 1)
}

// paintSkyline draws one row of buildings standing on ground, from low to
// high tall. Lit is the share of windows with light in them.
func paintSkyline(cv *canvas, c demoColors, rng *rand.Rand, ground, low, high float64, col rgb, lit float64) {
	h := float64(cv.h)
	if c.night {
		lit *= 1.6
	}
	cell := int(math.Max(4, h*0.022))
	for x := -rng.IntN(cell * 3); x < cv.w; {
		bw := cell * (3 + rng.IntN(5))
		top := int(ground - low - rng.Float64()*(high-low))
		cv.rect(x, top, x+bw, int(ground)+1, col, 1)
		if rng.Float64() < 0.35 { // a narrower storey on top
			inset := cell * (1 + rng.IntN(2))
			cv.rect(x+inset, top-cell*2, x+bw-inset, top, col, 1)
		}
		if rng.Float64() < 0.2 { // an antenna
			cv.rect(x+bw/2, top-cell*5, x+bw/2+max(1, cell/6), top, col, 1)
		}
		for wy := top + cell; wy < int(ground)-cell; wy += cell + cell/2 {
			for wx := x + cell/2; wx+cell/2 < x+bw-cell/4; wx += cell {
				if rng.Float64() < lit {
					cv.rect(wx, wy, wx+cell/2, wy+cell*2/3, c.accent, 0.55+0.4*rng.Float64())
				}
			}
		}
		x += bw + rng.IntN(cell)
	}
}

// paintBokeh: out-of-focus lights and two flowing ribbons on a diagonal
// gradient, an abstract picture for stories without a landscape.
func paintBokeh(cv *canvas, c demoColors, rng *rand.Rand, seed int) {
	w, h := float64(cv.w), float64(cv.h)
	cv.gradient([]rgb{c.near, c.far, c.sky[1]}, h, 0.9)
	colors := []rgb{c.sun, c.accent, c.sky[2], c.sky[1]}
	for range 40 {
		r := h * (0.02 + 0.14*math.Pow(rng.Float64(), 2))
		col := colors[rng.IntN(len(colors))]
		cv.disc(rng.Float64()*w, rng.Float64()*h, r, r*0.25, col, 0.1+0.25*rng.Float64())
	}
	for i := range 2 {
		paintRibbon(cv, c.sky[2].lerp(c.sun, float64(i)*0.5), h*(0.45+0.2*float64(i)), rng)
	}
	cv.glow(w*rng.Float64(), h*0.2*rng.Float64(), h*0.5, c.sun, 0.25)
}

// paintRibbon draws a soft band that waves across the picture around
// row yc; its thickness swells and narrows along the way.
func paintRibbon(cv *canvas, col rgb, yc float64, rng *rand.Rand) {
	w, h := float64(cv.w), float64(cv.h)
	freq, phase := 1+rng.Float64()*1.5, rng.Float64()*2*math.Pi
	amp := h * (0.06 + 0.08*rng.Float64())
	for x := range cv.w {
		u := float64(x) / w
		mid := yc + amp*math.Sin(2*math.Pi*freq*u+phase)
		thick := h * (0.01 + 0.035*(0.5+0.5*math.Sin(2*math.Pi*u*0.8+phase*1.7)))
		for y := int(mid - thick*3); y <= int(mid+thick*3); y++ {
			d := (float64(y) - mid) / thick
			cv.blend(x, y, col, 0.55*math.Exp(-d*d))
		}
	}
}
