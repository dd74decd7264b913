package s3store_test

import (
	"bytes"
	"crypto/rand"
	"io"
	"path/filepath"
	"testing"

	"github.com/payvand/payvand/internal/media"
	"github.com/payvand/payvand/internal/s3test"
)

// Moving a site's media from its folder to a bucket and back: every file
// arrives byte for byte, a second run copies nothing, and a run after an
// interruption copies only what is missing.
func TestCopyBetweenFilesAndS3(t *testing.T) {
	ctx := t.Context()
	folder, err := media.NewFSStore(filepath.Join(t.TempDir(), "media"))
	if err != nil {
		t.Fatal(err)
	}
	want := map[string][]byte{}
	for _, p := range []string{"ab/ab1.jpg", "ab/ab1-thumb.webp", "cd/cd2.png", "ef/ef3.gif"} {
		want[p] = make([]byte, 1000+len(want)*70000)
		_, _ = rand.Read(want[p])
		if err := folder.Put(ctx, p, bytes.NewReader(want[p])); err != nil {
			t.Fatal(err)
		}
	}
	bucket := s3test.Start(t).Store(t)
	var calls int
	got, err := media.Copy(ctx, folder, bucket, func(media.CopyProgress) { calls++ })
	if err != nil || got.Copied != 4 || got.Files != 4 || got.TotalFiles != 4 || got.Bytes != got.TotalBytes || calls != 4 {
		t.Fatalf("first copy: %+v, %d progress calls, %v", got, calls, err)
	}
	checkHolds(t, bucket, want)

	if again, err := media.Copy(ctx, folder, bucket, nil); err != nil || again.Copied != 0 || again.Files != 4 {
		t.Errorf("second copy: %+v, %v; want nothing copied", again, err)
	}
	// An interrupted copy: one file missing, one cut short.
	if err := bucket.Delete(ctx, "cd/cd2.png"); err != nil {
		t.Fatal(err)
	}
	if err := bucket.Put(ctx, "ef/ef3.gif", bytes.NewReader(want["ef/ef3.gif"][:10])); err != nil {
		t.Fatal(err)
	}
	if resumed, err := media.Copy(ctx, folder, bucket, nil); err != nil || resumed.Copied != 2 {
		t.Errorf("resumed copy: %+v, %v; want the 2 missing or short files copied", resumed, err)
	}
	checkHolds(t, bucket, want)

	back, err := media.NewFSStore(filepath.Join(t.TempDir(), "media"))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := media.Copy(ctx, bucket, back, nil); err != nil {
		t.Fatal(err)
	}
	checkHolds(t, back, want)
}

// checkHolds fails unless s holds exactly the files of want.
func checkHolds(t *testing.T, s media.Store, want map[string][]byte) {
	t.Helper()
	n := 0
	err := s.List(t.Context(), func(e media.Entry) error {
		n++
		f, err := s.Open(t.Context(), e.Path)
		if err != nil {
			return err
		}
		defer f.Close()
		data, err := io.ReadAll(f)
		if err != nil {
			return err
		}
		if !bytes.Equal(data, want[e.Path]) {
			t.Errorf("%s holds %d bytes, not the %d of the source", e.Path, len(data), len(want[e.Path]))
		}
		return nil
	})
	if err != nil || n != len(want) {
		t.Errorf("store holds %d files (%v), want %d", n, err, len(want))
	}
}
