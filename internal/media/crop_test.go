package media

import (
	"bytes"
	"image"
	"math"
	"strings"
	"testing"
)

func TestCropRectCentresOnTheFocalPointAsFarAsTheEdgesAllow(t *testing.T) {
	tests := []struct {
		name         string
		w, h, rw, rh int
		f            FocalPoint
		want         image.Rectangle
	}{
		{"square of a wide picture, centre", 1000, 500, 1, 1, Center, image.Rect(250, 0, 750, 500)},
		{"square of a wide picture, left third", 1000, 500, 1, 1, FocalPoint{3333, 5000}, image.Rect(83, 0, 583, 500)},
		{"square stops at the left edge", 1000, 500, 1, 1, FocalPoint{0, 0}, image.Rect(0, 0, 500, 500)},
		{"square stops at the right edge", 1000, 500, 1, 1, FocalPoint{FocalScale, FocalScale}, image.Rect(500, 0, 1000, 500)},
		{"wide of a tall picture near the top", 900, 1600, 16, 9, FocalPoint{5000, 1000}, image.Rect(0, 0, 900, 506)},
		{"wide of a tall picture, low", 900, 1600, 16, 9, FocalPoint{5000, 7000}, image.Rect(0, 867, 900, 1373)},
		{"a one-pixel picture", 1, 1, 16, 9, Center, image.Rect(0, 0, 1, 1)},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := cropRect(tt.w, tt.h, tt.rw, tt.rh, tt.f); got != tt.want {
				t.Errorf("cropRect = %v, want %v", got, tt.want)
			}
		})
	}
}

func TestFocalPointOfRefusesValuesOutsideZeroToOne(t *testing.T) {
	for _, v := range [][2]float64{{-0.01, 0.5}, {0.5, 1.0001}, {math.NaN(), 0.5}, {0.5, math.Inf(1)}} {
		if _, err := FocalPointOf(v[0], v[1]); err != ErrFocalPoint {
			t.Errorf("FocalPointOf(%v, %v) = %v, want ErrFocalPoint", v[0], v[1], err)
		}
	}
	f, err := FocalPointOf(0.25, 1)
	if err != nil || f != (FocalPoint{2500, FocalScale}) {
		t.Errorf("FocalPointOf(0.25, 1) = %v, %v", f, err)
	}
	if x, y := f.Fractions(); x != 0.25 || y != 1 {
		t.Errorf("Fractions = %v, %v", x, y)
	}
}

func TestProcessMakesSquareAndWideCropsNamedByTheFocalPoint(t *testing.T) {
	p := NewProcessor(Config{})
	data := encodeJPEG(t, 1600, 1000)
	centre, err := p.Process(t.Context(), bytes.NewReader(data), "a.jpg")
	if err != nil {
		t.Fatal(err)
	}
	left, err := p.ProcessFocused(t.Context(), bytes.NewReader(data), "a.jpg", FocalPoint{0, 0})
	if err != nil {
		t.Fatal(err)
	}
	want := map[string][2]int{VariantSquare: {480, 480}, VariantWide: {960, 540},
		WebPVariantName(VariantSquare): {480, 480}, WebPVariantName(VariantWide): {960, 540}}
	if len(centre.Crops) != len(want) {
		t.Fatalf("got %d crops, want %d", len(centre.Crops), len(want))
	}
	for i, c := range centre.Crops {
		size, ok := want[c.Name]
		if !ok || c.Width != size[0] || c.Height != size[1] {
			t.Errorf("crop %s is %d×%d, want %v", c.Name, c.Width, c.Height, size)
		}
		if !strings.Contains(c.Path, "-f5000x5000") || !IsCrop(c.Name) {
			t.Errorf("crop %s path %s does not name the focal point", c.Name, c.Path)
		}
		checkDecodes(t, c.File)
		other := left.Crops[i]
		if other.Path == c.Path || bytes.Equal(other.data, c.data) {
			t.Errorf("moving the focal point to the top left corner kept crop %s the same", c.Name)
		}
	}
	if !strings.Contains(strings.Join(centre.Paths(), " "), centre.Crops[0].Path) {
		t.Error("Paths leaves the crops out")
	}
}

func TestRecropCutsTheStoredOriginalAroundTheNewPoint(t *testing.T) {
	store, err := NewFSStore(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	p := NewProcessor(Config{})
	res, err := p.Process(t.Context(), bytes.NewReader(encodeJPEG(t, 1200, 600)), "a.jpg")
	if err != nil {
		t.Fatal(err)
	}
	if err := res.Save(t.Context(), store); err != nil {
		t.Fatal(err)
	}
	crops, err := p.Recrop(t.Context(), store, res.Path, res.Hash, FocalPoint{9000, 2000})
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range crops {
		if !strings.Contains(c.Path, "-f9000x2000") {
			t.Errorf("crop %s at %s", c.Name, c.Path)
		}
		if ok, err := store.Exists(t.Context(), c.Path); err != nil || !ok {
			t.Errorf("crop %s not stored: %v", c.Path, err)
		}
	}
	if _, err := p.Recrop(t.Context(), store, res.Path, res.Hash, FocalPoint{-1, 0}); err != ErrFocalPoint {
		t.Errorf("Recrop with a bad point = %v", err)
	}
}

// BenchmarkRecrop is what an editor waits for after clicking a focal
// point on a demo-sized picture: decode the stored original, cut and
// encode two crops and their WebP copies.
func BenchmarkRecrop(b *testing.B) {
	store, err := NewFSStore(b.TempDir())
	if err != nil {
		b.Fatal(err)
	}
	p := NewProcessor(Config{})
	res, err := p.Process(b.Context(), bytes.NewReader(DemoJPEG(1)), "demo.jpg")
	if err != nil {
		b.Fatal(err)
	}
	if err := res.Save(b.Context(), store); err != nil {
		b.Fatal(err)
	}
	for i := 0; b.Loop(); i++ {
		if _, err := p.Recrop(b.Context(), store, res.Path, res.Hash, FocalPoint{X: i % FocalScale, Y: 3000}); err != nil {
			b.Fatal(err)
		}
	}
}
