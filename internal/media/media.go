// Package media is Payvand's image pipeline: it checks uploaded bytes,
// re-encodes them without metadata, makes the thumbnail and medium sizes,
// writes a WebP copy beside every size, names every file by content hash
// and writes the files to a Store.
//
// It holds no database code: the models package stores the metadata rows
// that describe what this package produced.
package media

import (
	"errors"
	"path"
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

// Names of the sizes of a picture. Process generates the thumbnail and
// the medium size besides the original, and a WebP copy of all three.
const (
	// VariantThumbnail is the small size used in lists and cards.
	VariantThumbnail = "thumbnail"
	// VariantMedium is the size used inside article bodies.
	VariantMedium = "medium"
	// VariantOriginal names the re-encoded upload itself, which is stored
	// as the Result's own File rather than as a Variant; only its WebP
	// copy is a Variant.
	VariantOriginal = "original"
)

// webpSuffix marks the name of a size's WebP copy: "medium" is the JPEG or
// PNG, "medium.webp" the WebP beside it. Both are rows of one table keyed
// by name, so the two need different names.
const webpSuffix = ".webp"

// WebPVariantName returns the variant name of the WebP copy of size, for
// example "medium.webp" for VariantMedium.
func WebPVariantName(size string) string { return size + webpSuffix }

// SizeOfVariant returns the size a variant name stands for, whatever its
// format: "medium" for both "medium" and "medium.webp".
func SizeOfVariant(name string) string { return strings.TrimSuffix(name, webpSuffix) }

// storedTypes maps the extensions the pipeline writes to their media
// types. Nothing else is ever stored, so nothing else is ever served.
var storedTypes = map[string]string{".jpg": "image/jpeg", ".png": "image/png", ".gif": "image/gif", ".webp": "image/webp"}

// TypeOf returns the media type of a stored file by its name, and false for
// a name the pipeline never writes.
func TypeOf(name string) (string, bool) {
	t, ok := storedTypes[path.Ext(name)]
	return t, ok
}

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
