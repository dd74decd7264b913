package api

import (
	"bytes"
	"fmt"
	"image"
	"image/color"
	"image/jpeg"
	"net/http"
	"strings"
	"testing"

	"github.com/payvand/payvand/internal/media"
	"github.com/payvand/payvand/models"
)

type focalImageJSON struct {
	FocalPoint *struct {
		X float64 `json:"x"`
		Y float64 `json:"y"`
	} `json:"focal_point"`
	Crops []imageVariantJSON `json:"crops"`
}

// A picture nobody set a focal point for answers the centre, in the
// article, in lists and in search alike.
func TestImageFocalPointIsTheCentreUntilSet(t *testing.T) {
	env := newTestEnv(t)
	var article struct {
		Data struct {
			Image focalImageJSON `json:"image"`
		} `json:"data"`
	}
	env.getJSON(fmt.Sprintf("/api/v1/tg/articles/%d", env.ids["both"]), http.StatusOK, &article)
	if fp := article.Data.Image.FocalPoint; fp == nil || fp.X != 0.5 || fp.Y != 0.5 {
		t.Errorf("focal_point = %+v, want 0.5, 0.5", fp)
	}
	if article.Data.Image.Crops == nil {
		t.Error("crops is null, want a list (empty for a picture stored without crops)")
	}
	var list struct {
		Data []struct {
			ID    uint            `json:"id"`
			Image *focalImageJSON `json:"image"`
		} `json:"data"`
	}
	env.getJSON("/api/v1/fa/articles", http.StatusOK, &list)
	for _, it := range list.Data {
		if it.ID == env.ids["both"] && (it.Image == nil || it.Image.FocalPoint == nil || it.Image.FocalPoint.X != 0.5) {
			t.Errorf("list image = %+v, want the centre", it.Image)
		}
	}
}

// Moving the focal point changes image.focal_point and gives crops with
// new URLs and other pixels, at once, through the response cache.
func TestMovingTheFocalPointMovesTheCrops(t *testing.T) {
	env := newTestEnv(t)
	ctx := t.Context()
	files, err := media.NewFSStore(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	env.router = env.newRouter(Options{Media: files, CacheControl: "public, max-age=60", CacheTTL: 60e9})
	proc := media.NewProcessor(media.Config{})
	res, err := proc.Process(ctx, bytes.NewReader(stripedJPEG(t)), "stripes.jpg")
	if err != nil {
		t.Fatal(err)
	}
	if err := res.Save(ctx, files); err != nil {
		t.Fatal(err)
	}
	pic, err := env.store.SaveMedia(ctx, models.NewMediaInput(res, nil, nil))
	if err != nil {
		t.Fatal(err)
	}
	env.article("striped", models.SharedInput{SectionID: env.ids["section:news"], FeaturedMediaID: &pic.ID}, pub("tg", "Рахҳо", -1))
	target := fmt.Sprintf("/api/v1/tg/articles/%d", env.ids["striped"])
	read := func() focalImageJSON {
		var a struct {
			Data struct {
				Image focalImageJSON `json:"image"`
			} `json:"data"`
		}
		env.getJSON(target, http.StatusOK, &a)
		return a.Data.Image
	}
	before := read()
	if len(before.Crops) != 4 || before.Crops[0].Name != "square" || before.Crops[0].Width != 480 || before.Crops[2].Name != "wide" ||
		before.Crops[2].Width != 960 || before.Crops[2].Height != 540 {
		t.Fatalf("crops = %+v", before.Crops)
	}

	point := media.FocalPoint{X: 1000, Y: 2500}
	crops, err := proc.Recrop(ctx, files, pic.Path, pic.Hash, point)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := env.store.SetMediaFocalPoint(ctx, pic.ID, pic.Hash, point, models.MediaVariantsOf(crops)); err != nil {
		t.Fatal(err)
	}
	after := read()
	if fp := after.FocalPoint; fp == nil || fp.X != 0.1 || fp.Y != 0.25 {
		t.Errorf("focal_point after setting = %+v, want 0.1, 0.25", fp)
	}
	if len(after.Crops) != len(before.Crops) {
		t.Fatalf("crops after = %+v", after.Crops)
	}
	for i := range after.Crops {
		old, cur := before.Crops[i], after.Crops[i]
		if old.URL == cur.URL {
			t.Errorf("crop %s kept its URL %s", cur.Name, cur.URL)
		}
		oldBody, oldTag := env.fetchMedia(old.URL)
		newBody, newTag := env.fetchMedia(cur.URL)
		if oldTag == newTag {
			t.Errorf("crop %s kept its ETag %s", cur.Name, newTag)
		}
		if cur.Name == "square" && bytes.Equal(oldBody, newBody) {
			t.Errorf("the %s crop (%s) has the same pixels after moving the point to the left", cur.Name, cur.Type)
		}
	}
}

// fetchMedia gets a /media/ URL of the answers and returns its body and ETag.
func (env *testEnv) fetchMedia(url string) ([]byte, string) {
	env.t.Helper()
	rec := env.do(http.MethodGet, strings.TrimPrefix(url, testBaseURL), nil)
	if rec.Code != http.StatusOK {
		env.t.Fatalf("GET %s = %d", url, rec.Code)
	}
	return rec.Body.Bytes(), rec.Header().Get("ETag")
}

// stripedJPEG is a 1600×900 picture of vertical stripes of changing
// colour, so crops of different places differ in every pixel.
func stripedJPEG(t *testing.T) []byte {
	t.Helper()
	img := image.NewRGBA(image.Rect(0, 0, 1600, 900))
	for y := range 900 {
		for x := range 1600 {
			img.Set(x, y, color.RGBA{uint8(x / 7), uint8(y / 4), uint8(255 - x/7), 255})
		}
	}
	var buf bytes.Buffer
	if err := jpeg.Encode(&buf, img, nil); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}
