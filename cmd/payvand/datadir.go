package main

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"syscall"
)

// checkDataDir makes sure the data folder exists and this process can write
// in it. Without it, a folder that cannot be created, one owned by another
// user or a read-only mount all surface as SQLite's "unable to open database
// file", even for a database that is there.
func checkDataDir(dir string) error {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return fmt.Errorf("data folder %s cannot be created: %s", dir, whyNotWritable(err))
	}
	probe, err := os.CreateTemp(dir, ".payvand-write-check-*")
	if err != nil {
		return fmt.Errorf("data folder %s cannot be written: %s", dir, whyNotWritable(err))
	}
	probe.Close()
	os.Remove(probe.Name())
	// A writable folder can still hold a database this user may only read.
	db := filepath.Join(dir, "payvand.db")
	f, err := os.OpenFile(db, os.O_RDWR, 0)
	if err != nil && !errors.Is(err, fs.ErrNotExist) {
		return fmt.Errorf("database %s cannot be written: %s", db, whyNotWritable(err))
	}
	if f != nil {
		f.Close()
	}
	return nil
}

// whyNotWritable turns the operating system's error into what to do.
func whyNotWritable(err error) string {
	switch {
	case errors.Is(err, syscall.EROFS):
		return "it is on a read-only file system (a read-only mount?); Payvand writes its database and media there"
	case errors.Is(err, fs.ErrPermission):
		return fmt.Sprintf("permission denied to this user (uid %d); let it write there (chown) or choose another --data", os.Getuid())
	case errors.Is(err, syscall.ENOTDIR):
		return "part of the path is a file, not a folder"
	case errors.Is(err, syscall.ENOSPC):
		return "the disk is full"
	}
	return err.Error()
}
