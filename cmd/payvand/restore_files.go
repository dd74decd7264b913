package main

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
)

// copyBackupFolder copies a folder backup into the empty folder dir with
// the same distrust as extractArchive: only the regular files the manifest
// lists, of the sizes it lists.
func copyBackupFolder(src, dir string) (*backupManifest, error) {
	from, err := os.OpenRoot(src)
	if err != nil {
		return nil, err
	}
	defer from.Close()
	mf, err := from.Open(manifestName)
	if err != nil {
		return nil, fmt.Errorf("%s is not a Payvand backup: %w", src, err)
	}
	m, err := readManifest(mf)
	mf.Close()
	if err != nil {
		return nil, err
	}
	to, err := os.OpenRoot(dir)
	if err != nil {
		return nil, err
	}
	defer to.Close()
	for _, want := range m.Files {
		if err := copyListedFile(from, to, want); err != nil {
			return nil, err
		}
	}
	return m, nil
}

func copyListedFile(from, to *os.Root, want backupFile) error {
	info, err := from.Lstat(want.Path)
	if err != nil {
		return err
	}
	if !info.Mode().IsRegular() || info.Size() != want.Size {
		return fmt.Errorf("refused %s: not a regular file of %d bytes, as the manifest says", want.Path, want.Size)
	}
	f, err := from.Open(want.Path)
	if err != nil {
		return err
	}
	defer f.Close()
	return writeRestoredFile(to, want.Path, f, want.Size)
}

// swapIn moves the entries old of dir aside, moves everything in staging
// into dir and then deletes what was set aside. Renames inside one folder
// work on a Docker volume too, where dir itself cannot be renamed. If a
// move fails, what was moved goes back, so dir is never half restored.
func swapIn(dir, staging string, old []string) error {
	aside, err := os.MkdirTemp(dir, ".replaced-*")
	if err != nil {
		return err
	}
	restored, err := os.ReadDir(staging)
	if err != nil {
		return err
	}
	var asideDone, placed []string
	undo := func(cause error) error {
		for _, name := range placed {
			cause = errors.Join(cause, os.Rename(filepath.Join(dir, name), filepath.Join(staging, name)))
		}
		for _, name := range asideDone {
			cause = errors.Join(cause, os.Rename(filepath.Join(aside, name), filepath.Join(dir, name)))
		}
		return errors.Join(cause, os.Remove(aside))
	}
	for _, name := range old {
		if err := os.Rename(filepath.Join(dir, name), filepath.Join(aside, name)); err != nil {
			return undo(err)
		}
		asideDone = append(asideDone, name)
	}
	for _, e := range restored {
		if err := os.Rename(filepath.Join(staging, e.Name()), filepath.Join(dir, e.Name())); err != nil {
			return undo(err)
		}
		placed = append(placed, e.Name())
	}
	return os.RemoveAll(aside)
}
