package media

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"image"
	"io"
)

// Config holds the limits and sizes of a Processor. A zero field takes the
// value from DefaultConfig, so Config{} is a sensible configuration.
type Config struct {
	// MaxBytes is the largest accepted upload, in bytes.
	MaxBytes int64
	// MaxPixels is the largest accepted width × height. Decoding needs
	// about four bytes per pixel, twice over when EXIF rotation applies.
	MaxPixels int64
	// MaxSide is the longest accepted width or height, which refuses
	// absurd shapes such as 1×40,000,000 that pass MaxPixels.
	MaxSide int
	// ThumbnailSize is the side of the square box the thumbnail fits in.
	ThumbnailSize int
	// MediumSize is the side of the square box the medium size fits in.
	MediumSize int
	// SquareSize is the side of the largest square crop.
	SquareSize int
	// WideWidth is the width of the largest 16:9 crop.
	WideWidth int
	// JPEGQuality is the quality of every JPEG written, from 1 to 100.
	JPEGQuality int
	// WebPQuality is the quality of every lossy WebP written, from 1 to
	// 100. WebP beside a PNG is lossless and ignores it.
	WebPQuality int
}

// DefaultConfig returns the limits used for zero Config fields: 20 MB,
// 40 megapixels, 20,000 px per side, 320 px thumbnails, 960 px medium
// size, 480 px square crops, 960×540 wide crops, JPEG quality 85 and WebP quality 80 (WebP at 80 looks like JPEG
// at 85 in about a third of the bytes).
func DefaultConfig() Config {
	return Config{
		MaxBytes:      20 << 20,
		MaxPixels:     40_000_000,
		MaxSide:       20_000,
		ThumbnailSize: 320,
		MediumSize:    960,
		SquareSize:    480,
		WideWidth:     960,
		JPEGQuality:   85,
		WebPQuality:   80,
	}
}

// Processor turns uploaded bytes into a Result. It keeps no state between
// calls and is safe for concurrent use; callers should still bound how many
// uploads are processed at once, since each may need hundreds of megabytes.
type Processor struct {
	cfg Config
}

// NewProcessor returns a Processor with cfg, filling zero or negative
// fields from DefaultConfig.
func NewProcessor(cfg Config) *Processor {
	def := DefaultConfig()
	cfg.MaxBytes = orDefault(cfg.MaxBytes, def.MaxBytes)
	cfg.MaxPixels = orDefault(cfg.MaxPixels, def.MaxPixels)
	cfg.MaxSide = orDefault(cfg.MaxSide, def.MaxSide)
	cfg.ThumbnailSize = orDefault(cfg.ThumbnailSize, def.ThumbnailSize)
	cfg.MediumSize = orDefault(cfg.MediumSize, def.MediumSize)
	cfg.SquareSize = orDefault(cfg.SquareSize, def.SquareSize)
	cfg.WideWidth = orDefault(cfg.WideWidth, def.WideWidth)
	cfg.JPEGQuality = min(orDefault(cfg.JPEGQuality, def.JPEGQuality), 100)
	cfg.WebPQuality = min(orDefault(cfg.WebPQuality, def.WebPQuality), 100)
	return &Processor{cfg: cfg}
}

func orDefault[T int | int64](v, def T) T {
	if v <= 0 {
		return def
	}
	return v
}

// Config returns the configuration in effect, defaults filled in.
func (p *Processor) Config() Config { return p.cfg }

// Process reads an upload, checks its type and size, and returns the
// re-encoded original and its variants (the thumbnail, the medium size and
// a WebP copy of all three sizes) and its crops around the centre, ready
// for Result.Save. Errors wrap ErrTooLarge, ErrUnsupportedType,
// ErrTooManyPixels or ErrInvalidImage, or else come from reading r or from
// ctx.
func (p *Processor) Process(ctx context.Context, r io.Reader, originalName string) (*Result, error) {
	return p.ProcessFocused(ctx, r, originalName, Center)
}

// ProcessFocused is Process with the crops cut around focal, as when a
// picture's file is replaced and keeps the focal point an editor set.
func (p *Processor) ProcessFocused(ctx context.Context, r io.Reader, originalName string, focal FocalPoint) (*Result, error) {
	if !focal.Valid() {
		return nil, ErrFocalPoint
	}
	data, err := p.readLimited(r)
	if err != nil {
		return nil, err
	}
	src, err := detectFormat(data)
	if err != nil {
		return nil, err
	}
	if err := p.checkDimensions(src, data); err != nil {
		return nil, err
	}
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	img, err := src.decode(data)
	if err != nil {
		return nil, fmt.Errorf("%w: cannot decode the %s: %v", ErrInvalidImage, src.mime, err)
	}
	opaque := isOpaque(img)
	kind := originalKind(src, opaque)
	original, err := p.encode(img, kind)
	if err != nil {
		return nil, err
	}
	// Names hash the stored bytes rather than the upload, so a name always
	// matches what is served and URLs can be cached as immutable; a change
	// to the pipeline yields new names instead of new bytes under old URLs.
	// Encoding is deterministic, so the same upload keeps the same name.
	sum := sha256.Sum256(original.data)
	res := &Result{
		Hash:         hex.EncodeToString(sum[:]),
		OriginalName: cleanName(originalName),
		SourceMIME:   src.mime,
		File:         original,
	}
	res.Path = storagePath(res.Hash, "", res.Ext)
	sizes := p.scaledSizes(img, opaque)
	if res.Variants, err = p.variants(ctx, sizes, res.Hash); err != nil {
		return nil, err
	}
	// The WebP copies are encoded from the same pixels as the JPEG or PNG
	// beside them, not from those files, so they lose nothing twice.
	webps, err := p.webpVariants(ctx, append(sizes, scaledSize{VariantOriginal, "", img, kind}), res.Hash)
	if err != nil {
		return nil, err
	}
	res.Variants = append(res.Variants, webps...)
	if res.Crops, err = p.crops(ctx, img, opaque, res.Hash, focal); err != nil {
		return nil, err
	}
	return res, nil
}

// readLimited reads at most MaxBytes+1 bytes: the one extra byte is how an
// upload of exactly MaxBytes is told apart from a longer one, without
// reading the rest of an oversized body into memory.
func (p *Processor) readLimited(r io.Reader) ([]byte, error) {
	data, err := io.ReadAll(io.LimitReader(r, p.cfg.MaxBytes+1))
	if err != nil {
		return nil, fmt.Errorf("media: read upload: %w", err)
	}
	if int64(len(data)) > p.cfg.MaxBytes {
		return nil, fmt.Errorf("%w: the limit is %d bytes", ErrTooLarge, p.cfg.MaxBytes)
	}
	return data, nil
}

// isOpaque reports whether every pixel is fully opaque. All standard image
// types can answer this; an unknown type is assumed to have transparency,
// which only costs a PNG where a JPEG would have done.
func isOpaque(img image.Image) bool {
	o, ok := img.(interface{ Opaque() bool })
	return ok && o.Opaque()
}
