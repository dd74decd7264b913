package tmpfs

import (
	"syscall"
	"testing"
)

// Mount mounts a tmpfs of the given size ("3m") on a new temporary folder
// and unmounts it when the test ends.
func Mount(t testing.TB, size string) string {
	t.Helper()
	dir := t.TempDir()
	if err := syscall.Mount("tmpfs", dir, "tmpfs", 0, "size="+size); err != nil {
		skipOrFail(t, "cannot mount a tmpfs: "+err.Error())
	}
	t.Cleanup(func() { _ = syscall.Unmount(dir, syscall.MNT_DETACH) })
	return dir
}
