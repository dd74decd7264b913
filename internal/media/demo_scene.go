package media

import (
	"math"
	"math/rand/v2"
)

// paintMountains: ranges of ridged peaks fading into the distance, with
// mist in each valley.
func paintMountains(cv *canvas, c demoColors, rng *rand.Rand, seed int) {
	w, h := float64(cv.w), float64(cv.h)
	paintSky(cv, c, rng, h*0.7, w*(0.2+0.6*rng.Float64()), h*(0.2+0.15*rng.Float64()))
	const layers = 4
	for i := range layers {
		t := float64(i) / (layers - 1)
		base := h * (0.58 + 0.3*t)
		ys := ridgeLine(cv.w, base, h*(0.34-0.08*t), w*(0.45-0.15*t), 5, true, seed*31+i)
		cv.silhouette(ys, c.layer(t), c.layer(t).lerp(c.near, 0.5))
		if i < layers-1 {
			cv.haze(base, h*0.05, c.sky[2], 0.3)
		}
	}
}

// paintHills: rolling hills under clouds, with round trees on the two
// nearest hills.
func paintHills(cv *canvas, c demoColors, rng *rand.Rand, seed int) {
	w, h := float64(cv.w), float64(cv.h)
	paintSky(cv, c, rng, h*0.75, w*(0.15+0.7*rng.Float64()), h*(0.18+0.12*rng.Float64()))
	paintClouds(cv, c, rng, h*0.1, h*0.35)
	const layers = 4
	for i := range layers {
		t := float64(i) / (layers - 1)
		ys := ridgeLine(cv.w, h*(0.62+0.28*t), h*(0.22-0.04*t), w*(0.8-0.3*t), 3, false, seed*31+i)
		col := c.layer(t)
		cv.silhouette(ys, col, col.lerp(c.near, 0.4))
		if i >= layers-2 {
			paintTrees(cv, ys, col.lerp(c.near, 0.45), rng, h*(0.02+0.025*t))
		}
		if i < layers-1 {
			cv.haze(ys[cv.w/2]+h*0.04, h*0.03, c.sky[2], 0.15)
		}
	}
}

// paintTrees stands lollipop trees of about size on the outline ys.
func paintTrees(cv *canvas, ys []float64, col rgb, rng *rand.Rand, size float64) {
	for range 3 + rng.IntN(6) {
		x := rng.IntN(cv.w)
		r := size * (0.8 + 0.6*rng.Float64())
		trunk := int(math.Max(2, r*0.18))
		foot := int(ys[x]) + 2
		cv.rect(x-trunk/2, foot-int(r*1.6), x+trunk/2+1, foot, col, 1)
		cv.disc(float64(x), float64(foot)-r*1.9, r, 1.5, col, 1)
	}
}

// paintSea: a low sun over open water with its glitter path, islands on
// the horizon and a dark headland in front.
func paintSea(cv *canvas, c demoColors, rng *rand.Rand, seed int) {
	w, h := float64(cv.w), float64(cv.h)
	horizon := h * (0.55 + 0.07*rng.Float64())
	sx := w * (0.3 + 0.4*rng.Float64())
	paintSky(cv, c, rng, horizon, sx, horizon-h*(0.03+0.12*rng.Float64()))
	islands := ridgeLine(cv.w, horizon+h*0.05, h*0.1, w*0.25, 4, true, seed*31)
	cv.silhouette(islands, c.layer(0.2), c.layer(0.2))
	deep := c.near.lerp(c.far, 0.35)
	for y := int(horizon); y < cv.h; y++ {
		t := (float64(y) - horizon) / (h - horizon)
		wid := h * (0.04 + 0.2*t)
		for x := range cv.w {
			wave := noise2(float64(x)/(60+200*t), float64(y)/(1.5+8*t), seed) - 0.5
			col := c.sky[2].lerp(deep, smooth(t*1.3)).lerp(c.sky[1], 0.15*wave)
			cv.px[y*cv.w+x] = col
			dx := (float64(x) - sx) / wid
			glint := smooth((noise2(float64(x)/(8+30*t), float64(y)/(1+4*t), seed+9) - 0.55) * 4)
			cv.blend(x, y, c.accent.lerp(c.sun, 0.5), glint*math.Exp(-dx*dx)*0.9)
		}
	}
	cv.haze(horizon, h*0.012, c.sky[2], 0.5)
	paintHeadland(cv, c, rng, seed)
}

// paintHeadland darkens one lower corner with a rocky shore, which gives
// the sea picture a foreground.
func paintHeadland(cv *canvas, c demoColors, rng *rand.Rand, seed int) {
	w, h := float64(cv.w), float64(cv.h)
	rough := ridgeLine(cv.w, 0, h*0.05, w*0.08, 3, true, seed*31+5)
	left := rng.IntN(2) == 0
	ys := make([]float64, cv.w)
	for x := range ys {
		d := float64(x) / w
		if !left {
			d = 1 - d
		}
		ys[x] = h*1.02 - h*0.3*smooth(1-d/0.38) + rough[x]
	}
	cv.silhouette(ys, c.near.lerp(c.far, 0.25), c.near)
}
