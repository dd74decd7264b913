package main

import (
	"archive/tar"
	"compress/gzip"
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path"
	"path/filepath"
)

// writeAndVerifyArchive packs the staged backup in dir into a temporary
// file beside target, unpacks that into a scratch folder and verifies it,
// and only then renames it to target: what is checked is the archive as
// written, and an earlier backup of the same name is replaced only by a
// verified one.
func writeAndVerifyArchive(ctx context.Context, dir, target string, m *backupManifest) error {
	tmp, err := os.CreateTemp(filepath.Dir(target), "."+filepath.Base(target)+".part-*")
	if err != nil {
		return err
	}
	defer os.Remove(tmp.Name())
	if err := writeArchive(tmp, dir, m); err != nil {
		return fmt.Errorf("write %s: %w", target, err)
	}
	scratch, err := os.MkdirTemp(filepath.Dir(target), "."+filepath.Base(target)+".verify-*")
	if err != nil {
		return err
	}
	defer os.RemoveAll(scratch)
	written, err := extractArchive(tmp.Name(), scratch)
	if err != nil {
		return fmt.Errorf("read back %s: %w", target, err)
	}
	if err := verifyBackup(ctx, scratch, written); err != nil {
		return err
	}
	return os.Rename(tmp.Name(), target)
}

// writeArchive writes the manifest first, then the listed files, and
// closes tmp.
func writeArchive(tmp *os.File, dir string, m *backupManifest) error {
	// The fastest level: on the 10,000-article dataset the whole backup
	// takes about half the CPU time of the default level for an archive 28 %
	// larger (docs/BENCHMARKS.md), and a backup shares the machine with the
	// server.
	gz, _ := gzip.NewWriterLevel(tmp, gzip.BestSpeed)
	tw := tar.NewWriter(gz)
	root, err := os.OpenRoot(dir)
	if err != nil {
		tmp.Close()
		return err
	}
	defer root.Close()
	err = addToArchive(tw, root, manifestName, m)
	for _, f := range m.Files {
		if err != nil {
			break
		}
		err = addToArchive(tw, root, f.Path, m)
	}
	err = errors.Join(err, tw.Close(), gz.Close())
	if err == nil {
		err = tmp.Sync()
	}
	return errors.Join(err, tmp.Close())
}

func addToArchive(tw *tar.Writer, root *os.Root, name string, m *backupManifest) error {
	f, err := root.Open(name)
	if err != nil {
		return err
	}
	defer f.Close()
	info, err := f.Stat()
	if err != nil {
		return err
	}
	hdr := &tar.Header{Typeflag: tar.TypeReg, Name: name, Size: info.Size(), Mode: 0o600, ModTime: m.CreatedAt, Format: tar.FormatPAX}
	if err := tw.WriteHeader(hdr); err != nil {
		return err
	}
	_, err = io.Copy(tw, f)
	return err
}

// extractArchive unpacks a backup archive into the empty folder dir and
// returns its manifest. It trusts nothing in the archive: the manifest must
// come first and list only safe paths, and every later entry must be a
// regular file it lists, of the size it lists, given once. Anything else (a
// "../" path, a link, a device, an extra or missing file) is refused, and
// the manifest bounds how much is written.
func extractArchive(archive, dir string) (*backupManifest, error) {
	f, err := os.Open(archive)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	gz, err := gzip.NewReader(f)
	if err != nil {
		return nil, fmt.Errorf("%s is not a gzip-compressed Payvand backup: %w", archive, err)
	}
	tr := tar.NewReader(gz)
	hdr, err := tr.Next()
	if err != nil || hdr.Name != manifestName || hdr.Typeflag != tar.TypeReg {
		return nil, fmt.Errorf("%s is not a Payvand backup: it does not start with %s", archive, manifestName)
	}
	m, err := readManifest(tr)
	if err != nil {
		return nil, err
	}
	root, err := os.OpenRoot(dir)
	if err != nil {
		return nil, err
	}
	defer root.Close()
	pending := m.sizes()
	for {
		hdr, err := tr.Next()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return nil, fmt.Errorf("read %s: %w", archive, err)
		}
		size, listed := pending[hdr.Name]
		switch {
		case !validBackupPath(hdr.Name):
			return nil, fmt.Errorf("refused entry %q: unsafe path; a backup holds only payvand.db and media/…", hdr.Name)
		case hdr.Typeflag != tar.TypeReg:
			return nil, fmt.Errorf("refused entry %q: a backup holds only regular files, not links, folders or devices", hdr.Name)
		case !listed:
			return nil, fmt.Errorf("refused entry %q: it is not a file the manifest lists (or it is there twice)", hdr.Name)
		case hdr.Size != size:
			return nil, fmt.Errorf("refused entry %q: %d bytes, the manifest says %d", hdr.Name, hdr.Size, size)
		}
		delete(pending, hdr.Name)
		if err := writeRestoredFile(root, hdr.Name, tr, size); err != nil {
			return nil, err
		}
	}
	for name := range pending {
		return nil, fmt.Errorf("%s lacks %s, which its manifest lists", archive, name)
	}
	return m, nil
}

// writeRestoredFile writes exactly size bytes from r to a new file at name
// under root, which keeps it inside the folder whatever the name says.
func writeRestoredFile(root *os.Root, name string, r io.Reader, size int64) error {
	if err := root.MkdirAll(path.Dir(name), 0o755); err != nil {
		return err
	}
	f, err := root.OpenFile(name, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
	if err != nil {
		return err
	}
	n, err := io.Copy(f, io.LimitReader(r, size+1))
	if err == nil && n != size {
		err = fmt.Errorf("%s has %d bytes, the manifest says %d", name, n, size)
	}
	if err == nil {
		err = f.Sync()
	}
	return errors.Join(err, f.Close())
}
