package media

import (
	"context"
	"errors"
	"fmt"
	"image"
	"math"
	"sync"

	"github.com/disintegration/imaging"
)

// Names of the crops of a picture: fixed shapes for a frontend's cards,
// cut around the picture's focal point. They are Variants like the sizes,
// with WebP copies, but they change the picture's shape, so a srcset of the
// picture's sizes must leave them out (IsCrop).
const (
	// VariantSquare is the 1:1 crop.
	VariantSquare = "square"
	// VariantWide is the 16:9 crop.
	VariantWide = "wide"
)

// FocalScale is how finely a focal point is kept: each coordinate is a
// whole number of ten-thousandths, so it is stored exactly on every engine
// and names the crop files without rounding surprises.
const FocalScale = 10_000

// FocalPoint is the point of a picture its crops keep in view, X from the
// left edge and Y from the top, each in FocalScale units (0 to FocalScale).
type FocalPoint struct {
	X, Y int
}

// Center is the focal point of a picture nobody has set one for.
var Center = FocalPoint{X: FocalScale / 2, Y: FocalScale / 2}

// ErrFocalPoint means a focal point coordinate is not a number from 0 to 1.
var ErrFocalPoint = errors.New("media: focal point coordinates must be numbers from 0 to 1")

// FocalPointOf turns coordinates from 0 to 1 into a FocalPoint, rounded to
// the nearest FocalScale unit; anything else (NaN, infinite, outside 0–1)
// is ErrFocalPoint.
func FocalPointOf(x, y float64) (FocalPoint, error) {
	for _, v := range []float64{x, y} {
		if math.IsNaN(v) || v < 0 || v > 1 {
			return FocalPoint{}, ErrFocalPoint
		}
	}
	return FocalPoint{X: int(math.Round(x * FocalScale)), Y: int(math.Round(y * FocalScale))}, nil
}

// Fractions returns the coordinates from 0 to 1, as the API shows them.
func (f FocalPoint) Fractions() (x, y float64) {
	return float64(f.X) / FocalScale, float64(f.Y) / FocalScale
}

// Valid reports whether both coordinates are within 0 and FocalScale.
func (f FocalPoint) Valid() bool {
	return f.X >= 0 && f.X <= FocalScale && f.Y >= 0 && f.Y <= FocalScale
}

// IsCrop reports whether a variant name is a crop or a crop's WebP copy.
func IsCrop(name string) bool {
	size := SizeOfVariant(name)
	return size == VariantSquare || size == VariantWide
}

// cropShape is one crop: its name, the shape as width:height, and the
// width of the largest file made (a smaller picture gives a smaller crop,
// never an upscaled one).
type cropShape struct {
	name          string
	ratioW, ratio int
	maxWidth      func(Config) int
}

var cropShapes = []cropShape{
	{VariantSquare, 1, 1, func(c Config) int { return c.SquareSize }},
	{VariantWide, 16, 9, func(c Config) int { return c.WideWidth }},
}

// cropFile names a crop's file: the hash of the original and the focal
// point, so moving the point gives new names and a cached crop under an
// old name is never the wrong one.
func cropSuffix(name string, f FocalPoint) string {
	return fmt.Sprintf("-%s-f%dx%d", name, f.X, f.Y)
}

// cropRect is the largest rectangle of shape rw:rh inside w×h whose centre
// is as near the focal point as the picture's edges allow.
func cropRect(w, h, rw, rh int, f FocalPoint) image.Rectangle {
	cw, ch := w, w*rh/rw
	if ch > h {
		cw, ch = h*rw/rh, h
	}
	cw, ch = max(cw, 1), max(ch, 1)
	x0 := clampInt(int(math.Round(float64(f.X)*float64(w)/FocalScale-float64(cw)/2)), 0, w-cw)
	y0 := clampInt(int(math.Round(float64(f.Y)*float64(h)/FocalScale-float64(ch)/2)), 0, h-ch)
	return image.Rect(x0, y0, x0+cw, y0+ch)
}

func clampInt(v, lo, hi int) int { return max(lo, min(v, hi)) }

// cropSizes cuts the crops of img around f and scales each down to its
// largest width.
func (p *Processor) cropSizes(img image.Image, opaque bool, f FocalPoint) []scaledSize {
	b := img.Bounds()
	out := make([]scaledSize, 0, len(cropShapes))
	for _, s := range cropShapes {
		r := cropRect(b.Dx(), b.Dy(), s.ratioW, s.ratio, f).Add(b.Min)
		cut := imaging.Crop(img, r)
		if w := s.maxWidth(p.cfg); r.Dx() > w {
			cut = imaging.Resize(cut, w, max(1, w*s.ratio/s.ratioW), imaging.Lanczos)
		}
		out = append(out, scaledSize{s.name, cropSuffix(s.name, f), cut, variantKind(opaque)})
	}
	return out
}

// crops encodes the crops of img around f, each with its WebP copy: the
// crops first, then the copies, as Result.Crops lists them. The four
// encodings run at once: an editor who clicks a focal point waits for
// them, and WebP in WebAssembly is the slow part.
func (p *Processor) crops(ctx context.Context, img image.Image, opaque bool, hash string, f FocalPoint) ([]Variant, error) {
	sizes := p.cropSizes(img, opaque, f)
	out := make([]Variant, 2*len(sizes))
	errs := make([]error, len(out))
	var wg sync.WaitGroup
	for i, s := range sizes {
		for j, kind := range []outputKind{s.kind, webpKind(s.kind)} {
			slot := j*len(sizes) + i
			wg.Go(func() {
				if errs[slot] = ctx.Err(); errs[slot] != nil {
					return
				}
				file, err := p.encode(s.img, kind)
				file.Path = storagePath(hash, s.suffix, file.Ext)
				name := s.name
				if kind == outputWebP || kind == outputWebPLossless {
					name = WebPVariantName(s.name)
				}
				out[slot], errs[slot] = Variant{Name: name, File: file}, err
			})
		}
	}
	wg.Wait()
	if err := errors.Join(errs...); err != nil {
		return nil, err
	}
	return out, nil
}

// Recrop makes the crops of a stored picture around f from its stored
// original and writes them to store (files already there are kept). The
// original is named by hash, which names the crops too.
func (p *Processor) Recrop(ctx context.Context, store Store, originalPath, hash string, f FocalPoint) ([]Variant, error) {
	if !f.Valid() {
		return nil, ErrFocalPoint
	}
	img, err := p.openStored(ctx, store, originalPath)
	if err != nil {
		return nil, err
	}
	out, err := p.crops(ctx, img, isOpaque(img), hash, f)
	if err != nil {
		return nil, err
	}
	files := make([]File, len(out))
	for i, v := range out {
		files[i] = v.File
	}
	if err := putMissing(ctx, store, files); err != nil {
		return nil, fmt.Errorf("media: save crops of %s: %w", originalPath, err)
	}
	return out, nil
}
