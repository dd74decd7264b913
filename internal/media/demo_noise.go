package media

import "math"

// hash2 maps integer coordinates and a seed to a number in [0, 1). The demo
// pictures use it instead of a random generator wherever a value must
// depend only on position, so that painting order cannot change a picture.
func hash2(x, y, seed int) float64 {
	h := uint64(x)*0x9E3779B97F4A7C15 ^ uint64(y)*0xC2B2AE3D27D4EB4F ^ uint64(seed)*0x165667B19E3779F9
	h ^= h >> 31
	h *= 0xBF58476D1CE4E5B9
	h ^= h >> 29
	return float64(h>>11) / (1 << 53)
}

// noise1 is smooth value noise along one axis: random values at integer
// points, eased in between.
func noise1(x float64, seed int) float64 {
	i := math.Floor(x)
	a, b := hash2(int(i), 0, seed), hash2(int(i)+1, 0, seed)
	return a + (b-a)*smooth(x-i)
}

// noise2 is smooth value noise over the plane.
func noise2(x, y float64, seed int) float64 {
	ix, iy := math.Floor(x), math.Floor(y)
	tx, ty := smooth(x-ix), smooth(y-iy)
	x0, y0 := int(ix), int(iy)
	top := hash2(x0, y0, seed) + (hash2(x0+1, y0, seed)-hash2(x0, y0, seed))*tx
	bot := hash2(x0, y0+1, seed) + (hash2(x0+1, y0+1, seed)-hash2(x0, y0+1, seed))*tx
	return top + (bot-top)*ty
}

// ridgeLine returns one outline height per column: octaves of noise around
// base, with amp as the largest swing. Ridged noise (folded at its middle)
// gives mountains sharp peaks; plain noise gives rolling hills.
func ridgeLine(width int, base, amp, scale float64, octaves int, ridged bool, seed int) []float64 {
	ys := make([]float64, width)
	for x := range ys {
		sum, weight, norm := 0.0, 1.0, 0.0
		for o := range octaves {
			f := float64(int(1)<<o) / scale
			n := noise1(float64(x)*f, seed+o*101)
			if ridged {
				n = 1 - math.Abs(2*n-1)
			}
			sum += n * weight
			norm += weight
			weight *= 0.5
		}
		ys[x] = base - amp*(sum/norm)
	}
	return ys
}
