package media

import (
	"bytes"
	"image"
	"image/jpeg"
	"math"
	"math/rand/v2"
)

// Demo picture size: the 3:2 shape of a typical news photo, larger than
// the medium variant so that the seeder exercises real downscaling.
const (
	DemoWidth  = 1200
	DemoHeight = 800
)

// demoScene paints one kind of landscape on a canvas.
type demoScene func(cv *canvas, c demoColors, rng *rand.Rand, seed int)

var demoScenes = []demoScene{paintMountains, paintHills, paintSea, paintCity, paintBokeh}

// DemoImage paints a deterministic placeholder illustration for demo
// articles: the same seed always gives the same picture. Seeds cycle
// through ten palettes and five scenes (mountains, hills, sea, city,
// abstract lights), so fifty consecutive seeds all differ. It needs no
// font or file. Sides below 16 pixels are raised to 16.
func DemoImage(seed, width, height int) image.Image {
	width, height = max(width, 16), max(height, 16)
	n := len(demoPalettes)
	pal := demoPalettes[((seed%n)+n)%n].colors()
	scene := demoScenes[(((seed+seed/n)%len(demoScenes))+len(demoScenes))%len(demoScenes)]
	rng := rand.New(rand.NewPCG(uint64(seed), 0x70617976616e64)) // "payvand"
	cv := newCanvas(width, height)
	scene(cv, pal, rng, seed)
	return cv.image(0.45)
}

// DemoJPEG returns DemoImage(seed, DemoWidth, DemoHeight) as JPEG bytes,
// ready to go through Processor.Process like any upload.
func DemoJPEG(seed int) []byte {
	var buf bytes.Buffer
	// Encoding an in-memory RGBA image into a bytes.Buffer cannot fail.
	if err := jpeg.Encode(&buf, DemoImage(seed, DemoWidth, DemoHeight), &jpeg.Options{Quality: 90}); err != nil {
		panic("media: encode demo image: " + err.Error())
	}
	return buf.Bytes()
}

// paintSky fills the sky gradient down to the horizon row, then stars at
// night, then the sun or moon at (sx, sy).
func paintSky(cv *canvas, c demoColors, rng *rand.Rand, horizon, sx, sy float64) {
	w, h := float64(cv.w), float64(cv.h)
	cv.gradient(c.sky, horizon, (rng.Float64()-0.5)*0.3)
	if c.night {
		for range cv.w * cv.h / 2500 {
			x, y := rng.Float64()*w, rng.Float64()*horizon*0.9
			cv.disc(x, y, 0.4+rng.Float64()*1.1, 1, c.sun, 0.3+0.6*rng.Float64()*(1-y/horizon))
		}
	}
	r := h * (0.045 + 0.03*rng.Float64())
	cv.glow(sx, sy, h*0.35, c.sun, 0.22)
	cv.glow(sx, sy, r*2.2, c.sun, 0.35)
	cv.disc(sx, sy, r, 1.5, c.sun, 1)
}

// paintClouds draws a few flat clusters of overlapping soft discs, with a
// darker copy underneath for a hint of volume.
func paintClouds(cv *canvas, c demoColors, rng *rand.Rand, top, bottom float64) {
	w, h := float64(cv.w), float64(cv.h)
	light := c.sky[2].lerp(rgb{1, 1, 1}, 0.6)
	if c.night {
		light = c.sky[1].lerp(c.sun, 0.3)
	}
	shade := light.lerp(c.sky[1], 0.35)
	for range 2 + rng.IntN(3) {
		cx, cy := rng.Float64()*w, top+rng.Float64()*(bottom-top)
		size := h * (0.03 + 0.03*rng.Float64())
		puffs := make([][3]float64, 5+rng.IntN(4))
		for i := range puffs {
			// Puffs grow towards the middle and share one base line,
			// which reads as a cumulus cloud rather than a row of balls.
			bulge := math.Sin(math.Pi * (float64(i) + 0.5) / float64(len(puffs)))
			r := size * (0.6 + 0.9*bulge + 0.3*rng.Float64())
			puffs[i] = [3]float64{cx + (float64(i)-float64(len(puffs))/2)*size*0.8, cy - r + size*0.6, r}
		}
		// All shadows first, so no shadow falls on a neighbouring puff.
		for _, p := range puffs {
			cv.disc(p[0], p[1]+size*0.2, p[2], 3, shade, 0.8)
		}
		for _, p := range puffs {
			cv.disc(p[0], p[1], p[2], 2, light, 0.95)
		}
	}
}
