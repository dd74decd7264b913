package media

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path"
)

// FSStore is a Store over a local directory. Every operation goes through
// os.Root, so neither "..", an absolute path nor a symbolic link can lead
// outside the directory.
type FSStore struct {
	dir string
}

// NewFSStore returns a store rooted at dir, creating the directory if it
// does not exist yet.
func NewFSStore(dir string) (*FSStore, error) {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, fmt.Errorf("media: create store directory: %w", err)
	}
	return &FSStore{dir: dir}, nil
}

// Dir returns the directory the store writes to.
func (s *FSStore) Dir() string { return s.dir }

// withRoot opens the root for a single operation. Opening it per call
// costs one system call, which is nothing next to image processing, and
// spares FSStore a Close method that callers could forget.
func (s *FSStore) withRoot(name string, fn func(*os.Root) error) error {
	if err := checkPath(name); err != nil {
		return err
	}
	root, err := os.OpenRoot(s.dir)
	if err != nil {
		return fmt.Errorf("media: open store: %w", err)
	}
	defer root.Close()
	return fn(root)
}

// Put writes r to a temporary file in the target's directory and renames
// it into place, so readers see either the old file or the complete new
// one, never a half-written file.
func (s *FSStore) Put(ctx context.Context, name string, r io.Reader) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	err := s.withRoot(name, func(root *os.Root) error {
		dir := path.Dir(name)
		if err := root.MkdirAll(dir, 0o755); err != nil {
			return err
		}
		tmp, tmpName, err := createTemp(root, dir)
		if err != nil {
			return err
		}
		err = writeAndSync(ctx, tmp, r)
		if err == nil {
			err = root.Rename(tmpName, name)
		}
		if err != nil {
			_ = root.Remove(tmpName)
			return err
		}
		syncDir(root, dir)
		return nil
	})
	if err != nil {
		return fmt.Errorf("media: put %s: %w", name, err)
	}
	return nil
}

// createTemp makes a new hidden file in dir and returns it with its
// root-relative name. os.CreateTemp cannot be used because it does not go
// through the root.
func createTemp(root *os.Root, dir string) (*os.File, string, error) {
	var b [12]byte
	_, _ = rand.Read(b[:]) // crypto/rand.Read never fails.
	name := path.Join(dir, ".tmp-"+hex.EncodeToString(b[:]))
	f, err := root.OpenFile(name, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
	return f, name, err
}

// writeAndSync copies r into f and flushes it to disk before the rename,
// so that a crash cannot leave a renamed but empty file. It always closes f.
func writeAndSync(ctx context.Context, f *os.File, r io.Reader) error {
	_, err := io.Copy(f, r)
	if err == nil {
		err = ctx.Err()
	}
	if err == nil {
		err = f.Sync()
	}
	return errors.Join(err, f.Close())
}

// syncDir makes the rename durable. Failure only weakens durability after a
// power cut, not correctness, so it is not reported.
func syncDir(root *os.Root, dir string) {
	if d, err := root.Open(dir); err == nil {
		_ = d.Sync()
		_ = d.Close()
	}
}

// Open returns the stored file. The file stays usable after the root that
// opened it is closed.
func (s *FSStore) Open(ctx context.Context, name string) (fs.File, error) {
	var f *os.File
	err := s.withRoot(name, func(root *os.Root) error {
		var err error
		f, err = root.Open(name)
		return err
	})
	if err != nil {
		return nil, fmt.Errorf("media: open %s: %w", name, err)
	}
	return f, nil
}

// Delete removes the stored file; a missing file is not an error.
func (s *FSStore) Delete(ctx context.Context, name string) error {
	err := s.withRoot(name, func(root *os.Root) error { return root.Remove(name) })
	if err != nil && !errors.Is(err, fs.ErrNotExist) {
		return fmt.Errorf("media: delete %s: %w", name, err)
	}
	return nil
}

// Exists reports whether a regular file is stored at name.
func (s *FSStore) Exists(ctx context.Context, name string) (bool, error) {
	var info fs.FileInfo
	err := s.withRoot(name, func(root *os.Root) error {
		var err error
		info, err = root.Stat(name)
		return err
	})
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return false, nil
	case err != nil:
		return false, fmt.Errorf("media: stat %s: %w", name, err)
	}
	return info.Mode().IsRegular(), nil
}
