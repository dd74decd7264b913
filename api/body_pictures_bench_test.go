package api

import (
	"context"
	"fmt"
	"net/http"
	"strings"
	"testing"

	"github.com/payvand/payvand/models"
)

// BenchmarkArticleBodyPictures times the article answer, response cache
// off, for a 4 KB Tajik body holding 0, 1, 5 and 20 library pictures
// inserted as the editor does (by their /media/… path). Before pictures
// were stored by media id the answer only rewrote paths; now it loads the
// pictures a body names in one query and renders src, srcset, width and
// height. Run on both sides of that change to compare (docs/BENCHMARKS.md).
func BenchmarkArticleBodyPictures(b *testing.B) {
	env := newTestEnv(b)
	ctx := context.Background()
	var paths []string
	for i := range 20 {
		hash := fmt.Sprintf("%064x", i+1000)
		dir := hash[:2] + "/" + hash
		_, err := env.store.SaveMedia(ctx, models.MediaInput{Hash: hash, Path: dir + ".jpg", MimeType: "image/jpeg", Width: 2400, Height: 1600, ByteSize: 1000,
			Variants: []models.MediaVariant{
				{Name: "thumbnail", Path: dir + "-thumb.jpg", Width: 320, Height: 213, MimeType: "image/jpeg"},
				{Name: "medium", Path: dir + "-medium.jpg", Width: 960, Height: 640, MimeType: "image/jpeg"},
			}})
		if err != nil {
			b.Fatal(err)
		}
		paths = append(paths, "/media/"+dir+"-medium.jpg")
	}
	paragraph := "<p>Вазорати фарҳанг ва сайёҳӣ имрӯз дар Душанбе намоишгоҳи ҳунарҳои мардумиро ифтитоҳ кард, ки дар он устодони Бадахшон, Хатлон ва Суғд ширкат доранд.</p>"
	router := env.newRouter(Options{CacheControl: "no-cache"})
	for _, n := range []int{0, 1, 5, 20} {
		var body strings.Builder
		for i := range 20 {
			body.WriteString(paragraph)
			if i < n {
				fmt.Fprintf(&body, `<figure><img src="%s" alt="Ҳунарҳои мардумӣ %d"><figcaption>Акс: Паёмнигор</figcaption></figure>`, paths[i], i)
			}
		}
		in := pub("tg", fmt.Sprintf("Намоишгоҳ бо %d сурат", n), -1)
		in.BodyHTML = body.String()
		a, err := env.store.SaveArticle(ctx, models.ArticleInput{Shared: &models.SharedInput{SectionID: env.ids["section:news"]}, Translations: []models.TranslationInput{in}})
		if err != nil {
			b.Fatal(err)
		}
		u := fmt.Sprintf("/api/v1/tg/articles/%d", a.ID)
		b.Run(fmt.Sprintf("pictures=%d", n), func(b *testing.B) {
			size := 0
			for b.Loop() {
				rec := benchGET(router, u)
				if rec.Code != http.StatusOK {
					b.Fatalf("GET %s = %d", u, rec.Code)
				}
				size = rec.Body.Len()
			}
			b.ReportMetric(float64(size), "bytes/answer")
		})
	}
}
