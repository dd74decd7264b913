package media

import (
	"bytes"
	"image"
	"math"
	"testing"
)

func TestDemoImageIsDeterministic(t *testing.T) {
	a, b := DemoImage(7, 240, 160), DemoImage(7, 240, 160)
	if !bytes.Equal(a.(*image.RGBA).Pix, b.(*image.RGBA).Pix) {
		t.Error("the same seed painted two different pictures")
	}
	if c := DemoImage(8, 240, 160); bytes.Equal(a.(*image.RGBA).Pix, c.(*image.RGBA).Pix) {
		t.Error("different seeds painted the same picture")
	}
}

func TestDemoImageSizes(t *testing.T) {
	tests := []struct{ w, h, wantW, wantH int }{
		{DemoWidth, DemoHeight, 1200, 800},
		{300, 500, 300, 500},
		{0, -5, 16, 16},
	}
	for _, tt := range tests {
		b := DemoImage(-3, tt.w, tt.h).Bounds()
		if b.Dx() != tt.wantW || b.Dy() != tt.wantH {
			t.Errorf("DemoImage(%d×%d) is %v", tt.w, tt.h, b)
		}
	}
}

// meanColor returns the average of each channel, from 0 to 255.
func meanColor(img *image.RGBA) [3]float64 {
	var sum [3]float64
	for i := 0; i < len(img.Pix); i += 4 {
		for c := range 3 {
			sum[c] += float64(img.Pix[i+c])
		}
	}
	n := float64(len(img.Pix) / 4)
	return [3]float64{sum[0] / n, sum[1] / n, sum[2] / n}
}

func TestDemoImagePalettesLookDifferent(t *testing.T) {
	// Ten consecutive seeds use the ten palettes; their average colours
	// must be far enough apart to tell the pictures apart in a list.
	var means [][3]float64
	for seed := range len(demoPalettes) {
		means = append(means, meanColor(DemoImage(seed, 120, 80).(*image.RGBA)))
	}
	for i := range means {
		for j := range i {
			d := math.Sqrt(sq(means[i][0]-means[j][0]) + sq(means[i][1]-means[j][1]) + sq(means[i][2]-means[j][2]))
			if d < 12 {
				t.Errorf("seeds %d and %d average %v and %v", i, j, means[i], means[j])
			}
		}
	}
}

func sq(v float64) float64 { return v * v }

func TestDemoImageIsSmoothNotNoise(t *testing.T) {
	for seed := range 10 {
		img := DemoImage(seed, 300, 200).(*image.RGBA)
		var diff, n float64
		for i := 4; i < len(img.Pix); i += 4 {
			for c := range 3 {
				diff += math.Abs(float64(img.Pix[i+c]) - float64(img.Pix[i-4+c]))
			}
			n += 3
		}
		if avg := diff / n; avg > 10 { // uniform noise averages about 85
			t.Errorf("seed %d: neighbouring pixels differ by %.1f on average", seed, avg)
		}
	}
}

func TestDemoJPEGGoesThroughProcessor(t *testing.T) {
	res, err := NewProcessor(Config{}).Process(t.Context(), bytes.NewReader(DemoJPEG(0)), "demo.jpg")
	if err != nil {
		t.Fatalf("Process: %v", err)
	}
	thumb, _ := res.Variant(VariantThumbnail)
	if res.Width != DemoWidth || res.Height != DemoHeight || thumb.Width != 320 || thumb.Height != 213 {
		t.Errorf("got %d×%d with a %d×%d thumbnail", res.Width, res.Height, thumb.Width, thumb.Height)
	}
}
