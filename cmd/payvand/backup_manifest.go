package main

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"slices"
	"strings"
	"time"

	"github.com/payvand/payvand/internal/media"
)

const (
	// manifestName is the first file of every backup; it lists the others.
	manifestName = "manifest.json"
	// databaseName is the database's file name in a backup and in --data.
	databaseName = "payvand.db"
	// backupFormat is the layout of a backup; restore refuses others.
	backupFormat = 1
	// maxManifestBytes bounds what restore reads before it knows what the
	// archive holds: a manifest lists each file once, in well under this.
	maxManifestBytes = 64 << 20
)

// backupManifest describes a backup: what it holds and what the database
// held when it was copied, so a restore can prove it got all of it.
type backupManifest struct {
	Format    int       `json:"format"`
	Version   string    `json:"payvand_version"`
	CreatedAt time.Time `json:"created_at"`
	// Counts maps each table of the copied database to its rows.
	Counts map[string]int64 `json:"counts"`
	// Files are the database first, then the media files, sorted.
	Files []backupFile `json:"files"`
	// Missing are media files the database refers to that the media store
	// did not have when the backup was taken.
	Missing []string `json:"missing,omitempty"`
}

// backupFile is one file of a backup, its path relative to the data folder.
type backupFile struct {
	Path   string `json:"path"`
	Size   int64  `json:"size"`
	SHA256 string `json:"sha256"`
}

// readManifest decodes and checks a manifest, so that every path it lists
// is known safe before any file is written.
func readManifest(r io.Reader) (*backupManifest, error) {
	data, err := io.ReadAll(io.LimitReader(r, maxManifestBytes+1))
	if err != nil {
		return nil, fmt.Errorf("read %s: %w", manifestName, err)
	}
	if len(data) > maxManifestBytes {
		return nil, fmt.Errorf("%s is larger than %d MB", manifestName, maxManifestBytes>>20)
	}
	var m backupManifest
	if err := json.Unmarshal(data, &m); err != nil {
		return nil, fmt.Errorf("%s is not a Payvand backup manifest: %w", manifestName, err)
	}
	if m.Format != backupFormat {
		return nil, fmt.Errorf("backup format %d is not %d, the one this payvand reads", m.Format, backupFormat)
	}
	seen := map[string]bool{}
	for _, f := range m.Files {
		if !validBackupPath(f.Path) || seen[f.Path] || f.Size < 0 {
			return nil, fmt.Errorf("%s lists %q, which is not a file a backup holds or is listed twice", manifestName, f.Path)
		}
		seen[f.Path] = true
	}
	if !seen[databaseName] {
		return nil, fmt.Errorf("%s lists no %s", manifestName, databaseName)
	}
	return &m, nil
}

// validBackupPath accepts only the database and media files with paths the
// media store itself would accept: no "..", no absolute or hidden names.
func validBackupPath(p string) bool {
	if p == databaseName {
		return true
	}
	rest, ok := strings.CutPrefix(p, "media/")
	return ok && media.ValidPath(rest)
}

// sizes maps each listed path to its size.
func (m *backupManifest) sizes() map[string]int64 {
	out := make(map[string]int64, len(m.Files))
	for _, f := range m.Files {
		out[f.Path] = f.Size
	}
	return out
}

// mediaFiles counts the media files and their bytes.
func (m *backupManifest) mediaFiles() (n int, bytes int64) {
	for _, f := range m.Files {
		if f.Path != databaseName {
			n, bytes = n+1, bytes+f.Size
		}
	}
	return n, bytes
}

// file returns the entry for path.
func (m *backupManifest) file(path string) backupFile {
	i := slices.IndexFunc(m.Files, func(f backupFile) bool { return f.Path == path })
	if i < 0 {
		return backupFile{Path: path}
	}
	return m.Files[i]
}

// hashFile returns the size and SHA-256 of the file at name under root.
func hashFile(root *os.Root, name string) (backupFile, error) {
	f, err := root.Open(name)
	if err != nil {
		return backupFile{}, err
	}
	defer f.Close()
	h := sha256.New()
	n, err := io.Copy(h, f)
	if err != nil {
		return backupFile{}, fmt.Errorf("read %s: %w", name, err)
	}
	return backupFile{Path: name, Size: n, SHA256: hex.EncodeToString(h.Sum(nil))}, nil
}
