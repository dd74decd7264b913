package models

import (
	"context"
	"slices"

	"github.com/payvand/payvand/internal/media"
)

// NewMediaInput describes a processed upload for SaveMedia; texts maps
// locale codes to alt text and caption.
func NewMediaInput(res *media.Result, texts map[string]MediaText, uploadedBy *uint) MediaInput {
	return MediaInput{
		Hash: res.Hash, Path: res.Path, MimeType: res.MIME, Width: res.Width, Height: res.Height,
		ByteSize: res.Size, OriginalName: res.OriginalName, UploadedByID: uploadedBy, Texts: texts,
		Variants: MediaVariantsOf(slices.Concat(res.Variants, res.Crops)),
	}
}

// IsEmpty reports whether the site has no sections and no articles yet.
func (s *Store) IsEmpty(ctx context.Context) (bool, error) {
	var n int64
	if err := s.reader(ctx).Model(&Section{}).Count(&n).Error; err != nil || n > 0 {
		return false, err
	}
	if err := s.reader(ctx).Model(&Article{}).Count(&n).Error; err != nil {
		return false, err
	}
	return n == 0, nil
}
