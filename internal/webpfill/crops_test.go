package webpfill

import (
	"bytes"
	"strings"
	"testing"

	"github.com/payvand/payvand/internal/media"
	"github.com/payvand/payvand/internal/s3test"
	"github.com/payvand/payvand/models"
)

// uncroppedPicture stores demo picture seed as a release before crops did.
func (f fixture) uncroppedPicture(t *testing.T, seed int) *models.Media {
	t.Helper()
	res, err := f.proc.Process(t.Context(), bytes.NewReader(media.DemoJPEG(seed)), "old.jpg")
	if err != nil {
		t.Fatal(err)
	}
	res.Crops = nil
	if err := res.Save(t.Context(), f.files); err != nil {
		t.Fatal(err)
	}
	m, err := f.store.SaveMedia(t.Context(), models.NewMediaInput(res, nil, nil))
	if err != nil {
		t.Fatal(err)
	}
	return m
}

func TestRunCropsCutsTheCropsOfOldPicturesOnce(t *testing.T) {
	t.Run("file", func(t *testing.T) { runCropsOnce(t, newFixture(t)) })
	t.Run("s3", func(t *testing.T) { runCropsOnce(t, newFixtureWith(t, s3test.Start(t).Store(t))) })
}

func runCropsOnce(t *testing.T, f fixture) {
	ctx := t.Context()
	pic := f.uncroppedPicture(t, 1)
	broken := f.uncroppedPicture(t, 2)
	if err := f.files.Delete(ctx, broken.Path); err != nil {
		t.Fatal(err)
	}
	rep, err := f.backfill().RunCrops(ctx)
	if err != nil || rep != (Report{Added: 1, Failed: 1}) {
		t.Fatalf("RunCrops = %+v, %v; want one cropped and the picture without its file failed", rep, err)
	}
	got, err := f.store.FindMedia(ctx, pic.ID)
	if err != nil {
		t.Fatal(err)
	}
	crops := got.Crops()
	if len(crops) != 4 {
		t.Fatalf("crops = %+v", crops)
	}
	for _, c := range crops {
		if ok, err := f.files.Exists(ctx, c.Path); !ok || err != nil || !strings.Contains(c.Path, "-f5000x5000") {
			t.Errorf("crop %s: stored %v (%v)", c.Path, ok, err)
		}
	}
	if again, err := f.backfill().RunCrops(ctx); err != nil || again != (Report{Failed: 1}) {
		t.Errorf("second RunCrops = %+v, %v; want only the broken picture tried again", again, err)
	}
}
