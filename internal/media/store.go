package media

import (
	"context"
	"fmt"
	"io"
	"io/fs"
	"strings"
	"time"
)

// Store is where media files live. Paths are relative, slash-separated
// and never start with a dot in any element, e.g. "ab/ab12…-thumb.jpg".
// FSStore keeps them in a directory, s3store.Store in a bucket; nothing
// above this package knows which one it writes to.
type Store interface {
	// Put writes the whole of r to path, replacing any file already there.
	// A reader that fails part-way leaves no partial file behind.
	Put(ctx context.Context, path string, r io.Reader) error

	// Open returns the file at path for reading. Its Stat gives the size
	// and modification time for HTTP headers; an error wrapping
	// fs.ErrNotExist means there is no such file.
	Open(ctx context.Context, path string) (fs.File, error)

	// Delete removes the file at path. Deleting a missing file is not an
	// error, so that a retried clean-up succeeds.
	Delete(ctx context.Context, path string) error

	// Exists reports whether a file is stored at path.
	Exists(ctx context.Context, path string) (bool, error)

	// List calls fn for every stored file, in no particular order, and
	// stops at the first error fn returns, returning it. A file put or
	// deleted while List runs may or may not be seen.
	List(ctx context.Context, fn func(Entry) error) error
}

// Entry is a stored file as List finds it.
type Entry struct {
	Path    string
	Size    int64
	ModTime time.Time
}

// checkPath refuses paths that could reach outside a store's root or
// collide with its temporary files. The store still resolves the path
// safely (FSStore through os.Root); this check turns the common mistakes
// into a clear ErrInvalidPath instead of an operating-system error.
func checkPath(path string) error {
	if !fs.ValidPath(path) || path == "." || strings.ContainsAny(path, "\\\x00") {
		return fmt.Errorf("%w: %q", ErrInvalidPath, path)
	}
	for elem := range strings.SplitSeq(path, "/") {
		// Hidden names are reserved for temporary files written by Put.
		if strings.HasPrefix(elem, ".") {
			return fmt.Errorf("%w: %q", ErrInvalidPath, path)
		}
	}
	return nil
}

// ValidPath reports whether path is one a Store accepts, so that code
// reading paths from elsewhere (a backup archive) can refuse the others
// before touching any file.
func ValidPath(path string) bool { return checkPath(path) == nil }
