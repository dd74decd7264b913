package media

// demoPalette holds the colours of one demo picture: three sky stops from
// zenith to horizon, the sun (or moon), the farthest and nearest land and
// an accent for lit windows and glitter on water.
type demoPalette struct {
	sky       [3]string
	sun       string
	far, near string
	accent    string
	night     bool
}

// demoPalettes are chosen to look unlike each other at thumbnail size:
// different hue families and different times of day.
var demoPalettes = []demoPalette{
	{[3]string{"#2b3a67", "#e77f67", "#f8c291"}, "#fff3d6", "#b56576", "#2d1e2f", "#ffd166", false}, // dawn
	{[3]string{"#1e6fb8", "#6fb1e3", "#d8eefa"}, "#fffbe6", "#8fb3cf", "#1f3b4d", "#ffffff", false}, // alpine day
	{[3]string{"#f2a65a", "#f7d08a", "#fbeec1"}, "#ffffff", "#d98f4e", "#6b2d1f", "#fff4d6", false}, // desert
	{[3]string{"#0b3c49", "#3f8c8c", "#f2c14e"}, "#ffe8a3", "#2f6f73", "#0a1f26", "#ffd36e", false}, // teal dusk
	{[3]string{"#3a2e5c", "#8e6fb5", "#f1c6d8"}, "#fff0f5", "#7c5c9e", "#231942", "#ffe3f1", false}, // lavender
	{[3]string{"#5f9ea0", "#b8d8ba", "#eef5db"}, "#fffde8", "#6c9a8b", "#1b3a2b", "#f6f7d7", false}, // forest
	{[3]string{"#050b1f", "#14254a", "#2f4f7f"}, "#f4f1de", "#263b5e", "#060b17", "#ffcf70", true},  // night
	{[3]string{"#7a2e2e", "#d9643a", "#f6c177"}, "#fff1c1", "#a4452c", "#2a0f0f", "#ffe08a", false}, // autumn
	{[3]string{"#a7c5eb", "#dbe8f6", "#f7fbff"}, "#ffffff", "#a9bcd0", "#3e5c76", "#ffffff", false}, // arctic
	{[3]string{"#1d0b2e", "#a4133c", "#ff8fa3"}, "#ffd6a5", "#590d22", "#10000d", "#ffb4a2", true},  // crimson dusk
}

// demoColors is a palette parsed into colours.
type demoColors struct {
	sky                    []rgb
	sun, far, near, accent rgb
	night                  bool
}

func (p demoPalette) colors() demoColors {
	return demoColors{
		sky:    []rgb{hexRGB(p.sky[0]), hexRGB(p.sky[1]), hexRGB(p.sky[2])},
		sun:    hexRGB(p.sun),
		far:    hexRGB(p.far),
		near:   hexRGB(p.near),
		accent: hexRGB(p.accent),
		night:  p.night,
	}
}

// layer returns the colour of land at depth t, from 0 (far) to 1 (near):
// distant ridges take on the horizon's colour, as air makes them do.
func (c demoColors) layer(t float64) rgb {
	horizon := c.sky[2]
	return c.far.lerp(horizon, 0.35*(1-t)).lerp(c.near, t)
}
