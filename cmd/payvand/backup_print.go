package main

import (
	"fmt"
	"io/fs"
	"path/filepath"
	"strings"
)

// summaryTables are the tables whose rows a summary shows; the manifest
// counts every table.
var summaryTables = []string{"articles", "article_translations", "article_revisions", "sections", "media", "users"}

// mainCounts shows the rows of summaryTables, e.g. "articles 12, …".
func mainCounts(counts map[string]int64) string {
	var parts []string
	for _, table := range summaryTables {
		if n, ok := counts[table]; ok {
			parts = append(parts, fmt.Sprintf("%s %d", table, n))
		}
	}
	return strings.Join(parts, ", ")
}

// totalSize is the size of a file, or of every file under a folder.
func totalSize(path string) int64 {
	var total int64
	_ = filepath.WalkDir(path, func(_ string, d fs.DirEntry, err error) error {
		if err == nil && d.Type().IsRegular() {
			if info, err := d.Info(); err == nil {
				total += info.Size()
			}
		}
		return nil
	})
	return total
}

// humanBytes writes n with a binary unit, as --max-upload reads them.
func humanBytes(n int64) string {
	const unit = 1024
	if n < unit {
		return fmt.Sprintf("%d B", n)
	}
	div, exp := int64(unit), 0
	for m := n / unit; m >= unit && exp < 2; m /= unit {
		div *= unit
		exp++
	}
	return fmt.Sprintf("%.1f %cB", float64(n)/float64(div), "KMG"[exp])
}
