//go:build !linux

package tmpfs

import "testing"

// Mount skips the test: tmpfs mounts are a Linux feature.
func Mount(t testing.TB, size string) string {
	t.Helper()
	skipOrFail(t, "tmpfs needs Linux")
	return ""
}
