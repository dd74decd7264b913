// Package media is Payvand's image pipeline: it checks uploaded bytes,
// re-encodes them without metadata, makes the thumbnail and medium sizes,
// names every file by content hash and writes the files to a Store.
//
// It holds no database code: the models package stores the metadata rows
// that describe what this package produced.
package media

import (
	"errors"
	"strings"
)

// The sentinel errors below let an HTTP layer choose a status code with
// errors.Is and show its own clear message, instead of sending err.Error().
var (
	// ErrTooLarge means the upload has more bytes than the configured limit
	// (HTTP 413).
	ErrTooLarge = errors.New("media: file too large")

	// ErrUnsupportedType means the bytes are not a JPEG, PNG, GIF or WebP
	// image, whatever the file name says (HTTP 415).
	ErrUnsupportedType = errors.New("media: unsupported file type")

	// ErrTooManyPixels means the image declares more pixels, or a longer
	// side, than the configured limits allow; this is how decompression
	// bombs are refused before any pixel memory is allocated (HTTP 422).
	ErrTooManyPixels = errors.New("media: image dimensions too large")

	// ErrInvalidImage means the bytes start like an accepted image type but
	// cannot be decoded, or declare an empty image (HTTP 422).
	ErrInvalidImage = errors.New("media: invalid or corrupt image")

	// ErrInvalidPath means a Store was given a path that is empty, absolute,
	// hidden or that would escape the store's root.
	ErrInvalidPath = errors.New("media: invalid storage path")
)

// PathPrefix is the URL path under which stored media files are served.
const PathPrefix = "/media/"

// Names of the variants that Process generates besides the original.
const (
	// VariantThumbnail is the small size used in lists and cards.
	VariantThumbnail = "thumbnail"
	// VariantMedium is the size used inside article bodies.
	VariantMedium = "medium"
)

// PublicPath returns the URL path of a file stored at the relative path rel,
// for example "ab/ab12….jpg" becomes "/media/ab/ab12….jpg".
func PublicPath(rel string) string {
	return PathPrefix + strings.TrimLeft(rel, "/")
}

// storagePath returns the relative path of a file named by hash. The first
// two hex digits become a directory so that no single directory grows to
// hundreds of thousands of entries.
func storagePath(hash, suffix, ext string) string {
	return hash[:2] + "/" + hash + suffix + ext
}
