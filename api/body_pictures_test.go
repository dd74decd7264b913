package api

import (
	"context"
	"fmt"
	"net/http"
	"testing"

	"github.com/payvand/payvand/models"
)

// A body's library picture is answered with src, srcset, width and height
// on the public base, its alt text as typed; a picture whose media item
// does not exist is left out, the text around it kept.
func TestArticleBodyRendersPicturesByMediaID(t *testing.T) {
	env := newTestEnv(t)
	tests := []struct {
		name, body, want string
	}{
		{"a library picture",
			`<p>Матн</p><figure><img src="/media/ab/pic-medium.jpg" alt="Кӯҳ «Помир»"><figcaption>Акс</figcaption></figure>`,
			`<p>Матн</p><figure><img src="` + testBaseURL + `/media/ab/pic-medium.jpg" srcset="` + testBaseURL + `/media/ab/pic-thumb.jpg 320w, ` + testBaseURL +
				`/media/ab/pic-medium.jpg 960w, ` + testBaseURL + `/media/ab/pic.jpg 1200w" width="960" height="640" data-media-id="1" alt="Кӯҳ «Помир»"><figcaption>Акс</figcaption></figure>`},
		{"a picture that no longer exists", `<p>Пеш</p><img data-media-id="999" alt="гум"><p>Пас</p>`, `<p>Пеш</p><p>Пас</p>`},
		{"a figure keeps its placement and caption",
			`<figure data-align="wide"><img src="/media/ab/pic-medium.jpg" alt="Кӯҳ"><figcaption dir="auto">Акси «Помир»</figcaption></figure>`,
			`<figure data-align="wide"><img src="` + testBaseURL + `/media/ab/pic-medium.jpg" srcset="` + testBaseURL + `/media/ab/pic-thumb.jpg 320w, ` + testBaseURL +
				`/media/ab/pic-medium.jpg 960w, ` + testBaseURL + `/media/ab/pic.jpg 1200w" width="960" height="640" data-media-id="1" alt="Кӯҳ"><figcaption dir="auto">Акси «Помир»</figcaption></figure>`},
		{"the figure of a picture that no longer exists goes with its caption",
			`<p>Пеш</p><figure data-align="end"><img data-media-id="999" alt="гум"><figcaption dir="auto">Акс</figcaption></figure><p>Пас</p>`, `<p>Пеш</p><p>Пас</p>`},
		{"a picture outside the library", `<p>Ӯ</p><img src="/media/zz/unknown.jpg" alt="x">`, `<p>Ӯ</p><img src="` + testBaseURL + `/media/zz/unknown.jpg" alt="x">`},
	}
	for i, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			in := pub("tg", fmt.Sprintf("Сурат %d", i), -1)
			in.BodyHTML = tt.body
			a, err := env.store.SaveArticle(context.Background(), models.ArticleInput{Shared: &models.SharedInput{SectionID: env.ids["section:news"]}, Translations: []models.TranslationInput{in}})
			if err != nil {
				t.Fatal(err)
			}
			var got articleResp
			env.with(t).getJSON(fmt.Sprintf("/api/v1/tg/articles/%d", a.ID), http.StatusOK, &got)
			if got.Data.BodyHTML != tt.want {
				t.Errorf("body_html\n got %s\nwant %s", got.Data.BodyHTML, tt.want)
			}
		})
	}
}
