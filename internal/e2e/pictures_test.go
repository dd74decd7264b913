package e2e

import (
	"context"
	"encoding/base64"
	"fmt"
	"net/http"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/payvand/payvand/internal/i18n"
	"github.com/payvand/payvand/internal/media"
	"github.com/payvand/payvand/models"
)

// TestPickerUploadChoosesTheNewPicture uploads a picture from inside the
// picture picker, opened for the featured picture: a file chosen, alt
// text and caption typed for both languages, and the new picture is
// chosen at once, its thumbnail beside the field before anything is
// saved. Opened from the Persian body, the next upload goes in as a
// figure with the Persian alt text and caption.
func TestPickerUploadChoosesTheNewPicture(t *testing.T) {
	s := newSite(t)
	s.signIn("editor@example.com")
	a := s.seedArticle(models.TranslationInput{Locale: "fa", Status: models.StatusDraft, Title: "گزارش", BodyHTML: "<p>متن</p>"})
	file := filepath.Join(t.TempDir(), "pamir.jpg")
	if err := os.WriteFile(file, media.DemoJPEG(4), 0o644); err != nil {
		t.Fatal(err)
	}
	const faAlt, faCaption = "کوه\u200cهای پامیر", "عکس از آرشیو"
	const tgAlt, tgCaption = "Кӯҳҳои Помир", "Акс аз бойгонӣ"
	s.run(
		chromedp.Navigate(fmt.Sprintf("%s/admin/articles/%d", s.url, a.ID)),
		chromedp.WaitVisible(chromedp.CSS(`[data-testid="choose-featured"]`)),
		chromedp.Click(chromedp.CSS(`[data-testid="choose-featured"]`)),
		chromedp.WaitVisible(chromedp.CSS(`[data-testid="picker-upload"]`)),
		chromedp.SetUploadFiles(chromedp.CSS(`[data-testid="picker-file"]`), []string{file}),
		chromedp.WaitVisible(chromedp.CSS(`[data-testid="picker-upload"] [name="alt.fa"]`)),
	)
	s.typeText(`#media-dialog [name="alt.fa"]`, faAlt)
	s.typeText(`#media-dialog [name="caption.fa"]`, faCaption)
	s.typeText(`#media-dialog [name="alt.tg"]`, tgAlt)
	s.typeText(`#media-dialog [name="caption.tg"]`, tgCaption)
	s.screenshot("picker-upload")
	// Timed in the page: from the click on Upload to the thumbnail drawn.
	get(s, chromedp.Evaluate[bool](`(() => {
		const t0 = performance.now();
		window.__thumbShown = null;
		const seen = () => {
			const i = document.querySelector('[data-testid="featured-thumb"]');
			if (i && i.complete && i.naturalWidth > 0) { window.__thumbShown = performance.now() - t0; return; }
			requestAnimationFrame(seen);
		};
		document.querySelector('[data-testid="picker-upload-submit"]').click();
		requestAnimationFrame(seen);
		return true;
	})()`))
	took := get(s, chromedp.Poll[float64](`window.__thumbShown`))
	// The server's part (upload received to answer started) is the
	// picture's processing: decoding, every size, the WebP copies.
	server := get(s, chromedp.Evaluate[float64](`(() => { const e = performance.getEntriesByType('resource').filter((e) => e.name.endsWith('/admin/media')).pop(); return e ? e.responseStart - e.requestStart : -1; })()`))
	t.Logf("picker upload: click on Upload to the featured thumbnail shown: %.0f ms in the browser, of which %.0f ms the server processing the picture", took, server)

	list, err := s.store.ListMedia(context.Background(), models.MediaQuery{})
	if err != nil || list.Total != 1 {
		t.Fatalf("library after the upload: %d pictures, %v", list.Total, err)
	}
	m := list.Items[0]
	if got := get(s, chromedp.Value(chromedp.CSS(`[data-testid="featured-input"]`))); got != fmt.Sprint(m.ID) {
		t.Fatalf("featured field %q, want the new picture %d", got, m.ID)
	}
	if open := get(s, chromedp.Evaluate[bool](`document.getElementById('media-dialog').open`)); open {
		t.Fatal("the picker stayed open after the upload")
	}
	if fa, tg := m.Text("fa"), m.Text("tg"); fa.Alt != faAlt || fa.Caption != faCaption || tg.Alt != tgAlt || tg.Caption != tgCaption {
		t.Fatalf("stored texts fa %+v tg %+v", fa, tg)
	}
	thumb := get(s, chromedp.Evaluate[string](`document.querySelector('[data-testid="featured-thumb"]').getAttribute('src')`))
	if want := media.PublicPath(m.Variant(media.VariantThumbnail).Path); thumb != want {
		t.Fatalf("thumbnail %q, want %q", thumb, want)
	}
	// The focal point of the new choice is one click away, on its page.
	focal := get(s, chromedp.Evaluate[string](`(() => { const a = document.querySelector('[data-testid="featured-focal"]'); return a.hidden ? "" : a.getAttribute('href'); })()`))
	if want := fmt.Sprintf("/admin/media/%d#focal-title", m.ID); focal != want {
		t.Errorf("focal point link %q, want %q", focal, want)
	}
	// Nothing was saved yet: the thumbnail is the choice, not the record.
	if stored, _ := s.store.FindArticle(context.Background(), a.ID); stored.FeaturedMediaID != nil {
		t.Fatalf("the article has featured picture %v before saving", *stored.FeaturedMediaID)
	}

	// From the Persian body, a file dropped on the picker: the new picture
	// becomes a figure with the Persian texts.
	s.run(
		chromedp.Click(chromedp.CSS(`[data-testid="pane-fa"] .ProseMirror p`)),
		chromedp.Click(chromedp.CSS(`[data-media-picker="fa-body"]`)),
		chromedp.WaitVisible(chromedp.CSS(`[data-testid="picker-file"]`)),
	)
	get(s, chromedp.Evaluate[bool](fmt.Sprintf(`(() => {
		const dt = new DataTransfer();
		dt.items.add(new File([Uint8Array.from(atob(%q), (c) => c.charCodeAt(0))], "dushanbe.jpg", { type: "image/jpeg" }));
		const target = document.querySelector('#media-dialog .media-picker-search');
		const at = { bubbles: true, cancelable: true, dataTransfer: dt };
		target.dispatchEvent(new DragEvent('dragover', at));
		return !target.dispatchEvent(new DragEvent('drop', at));
	})()`, base64.StdEncoding.EncodeToString(media.DemoJPEG(5)))))
	s.run(chromedp.WaitVisible(chromedp.CSS(`#media-dialog [name="alt.fa"]`)))
	if name := get(s, chromedp.Evaluate[string](`document.querySelector('[data-testid="picker-file"]').files[0].name`)); name != "dushanbe.jpg" {
		t.Fatalf("the dropped file did not reach the picker's upload: %q", name)
	}
	s.typeText(`#media-dialog [name="alt.fa"]`, "دوشنبه")
	s.typeText(`#media-dialog [name="caption.fa"]`, "نمای شهر")
	s.run(chromedp.Click(chromedp.CSS(`[data-testid="picker-upload-submit"]`)))
	s.waitPictureShown()
	if got := s.body("fa"); !regexp.MustCompile(`<figure><img src="/media/[^"]+-medium\.jpg" alt="دوشنبه"><figcaption dir="auto">نمای شهر</figcaption></figure>`).MatchString(got) {
		t.Fatalf("fa body %s, want the new picture as a figure with its Persian texts", got)
	}
}

// dropFile drops a file of the given bytes, name and type onto the
// Persian body's first paragraph, as a person dragging it from their
// desktop does (a DragEvent carrying a DataTransfer with the file), and
// records when the progress indicator and the figure appear.
func (s *site) dropFile(loc string, data []byte, name, typ string) {
	s.t.Helper()
	js := fmt.Sprintf(`(() => {
		const target = document.querySelector('[data-testid="pane-%s"] .ProseMirror p');
		const bytes = Uint8Array.from(atob(%q), (c) => c.charCodeAt(0));
		const dt = new DataTransfer();
		dt.items.add(new File([bytes], %q, { type: %q }));
		window.__drop = { start: performance.now(), progress: null, figure: null, error: null };
		new MutationObserver(() => {
			const now = performance.now() - window.__drop.start;
			if (window.__drop.progress === null && document.querySelector('.payvand-upload progress')) window.__drop.progress = now;
			if (window.__drop.figure === null && document.querySelector('[data-testid="pane-%s"] .payvand-figure')) window.__drop.figure = now;
			if (window.__drop.error === null && document.querySelector('[data-testid="pane-%s"] .payvand-upload-error')) window.__drop.error = now;
		}).observe(document.body, { childList: true, subtree: true });
		const r = target.getBoundingClientRect();
		const at = { clientX: r.left + r.width / 2, clientY: r.top + r.height / 2, bubbles: true, cancelable: true, dataTransfer: dt };
		target.dispatchEvent(new DragEvent('dragenter', at));
		target.dispatchEvent(new DragEvent('dragover', at));
		target.dispatchEvent(new DragEvent('drop', at));
		return true;
	})()`, loc, base64.StdEncoding.EncodeToString(data), name, typ, loc, loc)
	get(s, chromedp.Evaluate[bool](js))
}

type dropTimes struct {
	Progress, Figure, Error *float64
}

func (s *site) dropTimes() dropTimes {
	s.t.Helper()
	return get(s, chromedp.Evaluate[dropTimes](`({ progress: window.__drop.progress, figure: window.__drop.figure, error: window.__drop.error })`))
}

// TestDropPictureIntoPersianBody drops a picture file into a Persian body:
// a progress indicator shows at once, then the figure; saved, it is stored
// by media id, and the API answers it with its files.
func TestDropPictureIntoPersianBody(t *testing.T) {
	s := newSite(t)
	s.signIn("editor@example.com")
	a := s.seedArticle(models.TranslationInput{Locale: "fa", Status: models.StatusPublished, Title: "گزارش", BodyHTML: "<p>بند نخست می\u200cآید.</p><p>بند دوم.</p>"})
	s.run(
		chromedp.Navigate(fmt.Sprintf("%s/admin/articles/%d", s.url, a.ID)),
		chromedp.WaitVisible(chromedp.CSS(`[data-testid="pane-fa"] [data-editor-mounted]`)),
	)
	s.dropFile("fa", media.DemoJPEG(6), "پامیر.jpg", "image/jpeg")
	s.waitPictureShown()
	times := s.dropTimes()
	if times.Progress == nil || times.Figure == nil || *times.Progress > *times.Figure {
		t.Fatalf("progress indicator at %v ms, figure at %v ms: want the indicator first", times.Progress, times.Figure)
	}
	t.Logf("drop into a Persian body: progress indicator after %.0f ms, figure after %.0f ms", *times.Progress, *times.Figure)
	if n := get(s, chromedp.Evaluate[int](`document.querySelectorAll('.payvand-upload').length`)); n != 0 {
		t.Fatalf("%d progress indicators left after the upload", n)
	}
	start := time.Now()
	s.run(
		chromedp.Click(chromedp.CSS(`[data-testid="save-fa"]`)),
		chromedp.WaitVisible(chromedp.CSS(`[data-testid="notice-fa"]`)),
	)
	t.Logf("save with the figure: %v", time.Since(start).Round(time.Millisecond))
	list, err := s.store.ListMedia(context.Background(), models.MediaQuery{})
	if err != nil || list.Total != 1 {
		t.Fatalf("library: %d pictures, %v", list.Total, err)
	}
	id := list.Items[0].ID
	want := fmt.Sprintf("<p dir=\"auto\">بند نخست می\u200cآید.</p><figure><img data-media-id=\"%d\" alt=\"\"></figure><p dir=\"auto\">بند دوم.</p>", id)
	if got := s.faBody(a.ID); got != want {
		t.Fatalf("stored body\n got %s\nwant %s", got, want)
	}
	status, answer := s.apiArticle("fa", a.ID)
	if status != http.StatusOK {
		t.Fatalf("API answers %d", status)
	}
	figure := regexp.MustCompile(`<figure><img src="` + regexp.QuoteMeta(s.url) + `/media/[^"]+-medium\.jpg" srcset="[^"]+ \d+w, [^"]+" width="\d+" height="\d+" data-media-id="` + fmt.Sprint(id) + `" alt=""></figure>`)
	if !figure.MatchString(answer.Data.BodyHTML) {
		t.Fatalf("API body %s, want the figure with its files", answer.Data.BodyHTML)
	}
}

// TestRefusedDropSaysWhyAndLeavesTheText drops a text file named .png into
// a Persian body in the Persian interface: the server refuses it from its
// bytes, the editor says why in Persian, and the body is as it was.
func TestRefusedDropSaysWhyAndLeavesTheText(t *testing.T) {
	s := newSite(t)
	s.signIn("editor@example.com")
	s.useInterface("fa")
	a := s.seedArticle(models.TranslationInput{Locale: "fa", Status: models.StatusDraft, Title: "گزارش", BodyHTML: "<p>بند نخست می\u200cآید.</p>"})
	s.run(
		chromedp.Navigate(fmt.Sprintf("%s/admin/articles/%d", s.url, a.ID)),
		chromedp.WaitVisible(chromedp.CSS(`[data-testid="pane-fa"] [data-editor-mounted]`)),
	)
	before := s.body("fa")
	s.dropFile("fa", []byte("this is only text, not a picture"), "notes.png", "image/png")
	s.run(chromedp.WaitVisible(chromedp.CSS(`[data-testid="pane-fa"] .payvand-upload-error`)))
	times := s.dropTimes()
	t.Logf("refused drop: progress indicator after %v ms, reason shown after %.0f ms", deref(times.Progress), *times.Error)
	fa := i18n.MustLoad().Localizer("fa")
	msg := s.text(`[data-testid="pane-fa"] .payvand-upload-error p`)
	if want := strings.ReplaceAll(fa.T("pictures.upload_failed"), "{reason}", fa.T("media.error.unsupported")); !strings.HasPrefix(msg, strings.ReplaceAll(want, "{name}", "notes.png")) {
		t.Fatalf("message %q, want %q", msg, want)
	}
	if after := s.body("fa"); after != before {
		t.Fatalf("the refused upload changed the body:\n%s\n%s", before, after)
	}
	if n := get(s, chromedp.Evaluate[int](`document.querySelectorAll('.payvand-upload, [data-testid="pane-fa"] .payvand-figure').length`)); n != 0 {
		t.Fatalf("%d progress indicators or figures left after the refusal", n)
	}
	if list, _ := s.store.ListMedia(context.Background(), models.MediaQuery{}); list.Total != 0 {
		t.Fatalf("the refused file is in the library")
	}
}

// retype selects the text of the field sel and types text over it, as
// an input method does.
func (s *site) retype(sel, text string) {
	s.t.Helper()
	get(s, chromedp.Evaluate[bool](fmt.Sprintf(`(() => { const el = document.querySelector(%q); el.focus(); el.select(); return true; })()`, sel)))
	s.typeText(sel, text)
}

func deref(f *float64) any {
	if f == nil {
		return "never"
	}
	return fmt.Sprintf("%.0f", *f)
}

// TestFigureEditedInPlace changes a figure's caption, placement and alt
// text in the editor itself and saves: stored as typed, ZWNJ included, and
// answered by the API with the picture's files.
func TestFigureEditedInPlace(t *testing.T) {
	s := newSite(t)
	s.signIn("editor@example.com")
	id := s.uploadPicture("pamir.jpg", "Кӯҳ", "کوه")
	m, err := s.store.FindMedia(context.Background(), id)
	if err != nil {
		t.Fatal(err)
	}
	src := media.PublicPath(m.Variant(media.VariantMedium).Path)
	a := s.seedArticle(models.TranslationInput{Locale: "fa", Status: models.StatusPublished, Title: "گزارش",
		BodyHTML: `<p>متن</p><figure><img src="` + src + `" alt="کوه"><figcaption dir="auto">زیرنویس کهنه</figcaption></figure>`})
	if body := s.faBody(a.ID); !strings.Contains(body, fmt.Sprintf(`data-media-id="%d"`, id)) {
		t.Fatalf("seeded body %s is not stored by media id", body)
	}
	s.run(
		chromedp.Navigate(fmt.Sprintf("%s/admin/articles/%d", s.url, a.ID)),
		chromedp.WaitVisible(chromedp.CSS(`[data-testid="pane-fa"] .payvand-figure img`)),
	)
	s.waitPictureShown()
	if got := get(s, chromedp.Value(chromedp.CSS(`[data-testid="pane-fa"] [data-figure-caption]`))); got != "زیرنویس کهنه" {
		t.Fatalf("caption field shows %q", got)
	}
	start := time.Now()
	s.run(
		chromedp.Click(chromedp.CSS(`[data-testid="pane-fa"] .payvand-figure img`)),
		chromedp.WaitVisible(chromedp.CSS(`[data-testid="pane-fa"] [data-figure-alt]`)),
	)
	t.Logf("figure tools shown %v after the click on the picture", time.Since(start).Round(time.Millisecond))
	s.retype(`[data-testid="pane-fa"] [data-figure-caption]`, "قله\u200cهای پامیر در بامداد")
	s.retype(`[data-testid="pane-fa"] [data-figure-alt]`, "کوه\u200cهای برفی")
	get(s, chromedp.Evaluate[bool](`(() => { const sel = document.querySelector('[data-testid="pane-fa"] [data-figure-align]'); sel.value = 'end'; return sel.dispatchEvent(new Event('change', { bubbles: true })); })()`))
	s.screenshotOf("figure-in-place", `[data-testid="fa-editor"]`)
	want := "<p dir=\"auto\">متن</p><figure data-align=\"end\"><img src=\"" + src + "\" alt=\"کوه\u200cهای برفی\"><figcaption dir=\"auto\">قله\u200cهای پامیر در بامداد</figcaption></figure>"
	if got := s.body("fa"); got != want {
		t.Fatalf("editor body\n got %s\nwant %s", got, want)
	}
	s.run(
		chromedp.Click(chromedp.CSS(`[data-testid="save-fa"]`)),
		chromedp.WaitVisible(chromedp.CSS(`[data-testid="notice-fa"]`)),
	)
	stored := fmt.Sprintf("<p dir=\"auto\">متن</p><figure data-align=\"end\"><img data-media-id=\"%d\" alt=\"کوه\u200cهای برفی\"><figcaption dir=\"auto\">قله\u200cهای پامیر در بامداد</figcaption></figure>", id)
	if got := s.faBody(a.ID); got != stored {
		t.Fatalf("stored\n got %s\nwant %s", got, stored)
	}
	_, answer := s.apiArticle("fa", a.ID)
	if !regexp.MustCompile(`<figure data-align="end"><img src="[^"]+-medium\.jpg" srcset="[^"]+" width="\d+" height="\d+" data-media-id="\d+" alt="کوه\x{200c}های برفی"><figcaption dir="auto">قله\x{200c}های پامیر در بامداد</figcaption></figure>`).MatchString(answer.Data.BodyHTML) {
		t.Fatalf("API body %s", answer.Data.BodyHTML)
	}
}

// pastePictures pastes into the end of loc's body what a copy from Word,
// Docs or a web page puts on the clipboard: html, and files (base64 bytes
// by name, as image/png).
func (s *site) pastePictures(loc, html string, files map[string][]byte) {
	s.t.Helper()
	var add []string
	for name, data := range files {
		add = append(add, fmt.Sprintf(`dt.items.add(new File([Uint8Array.from(atob(%q), (c) => c.charCodeAt(0))], %q, { type: "image/png" }));`,
			base64.StdEncoding.EncodeToString(data), name))
	}
	get(s, chromedp.Evaluate[bool](fmt.Sprintf(`(() => {
		const box = document.querySelector('[data-testid="%s-editor"]');
		PayvandEditor.get(box).editor.commands.focus("end");
		const dt = new DataTransfer();
		if (%[2]q) { dt.setData("text/html", %[2]q); }
		%s
		return box.querySelector(".ProseMirror").dispatchEvent(new ClipboardEvent("paste", { clipboardData: dt, bubbles: true, cancelable: true }));
	})()`, loc, html, strings.Join(add, "\n"))))
}

// TestPastedPicturesBecomeUploads pastes HTML holding pictures into a
// Persian body: a data: picture (as Word and some web pages copy them) is
// uploaded and stands as a figure where it was, between the pasted
// paragraphs; a copied web picture comes with its file on the clipboard
// and is uploaded too; a picture whose bytes the clipboard does not hold
// is left out with a message, and the text around it is pasted.
func TestPastedPicturesBecomeUploads(t *testing.T) {
	s := newSite(t)
	s.signIn("editor@example.com")
	a := s.seedArticle(models.TranslationInput{Locale: "fa", Status: models.StatusDraft, Title: "گزارش", BodyHTML: "<p>آغاز</p>"})
	s.run(
		chromedp.Navigate(fmt.Sprintf("%s/admin/articles/%d", s.url, a.ID)),
		chromedp.WaitVisible(chromedp.CSS(`[data-testid="pane-fa"] [data-editor-mounted]`)),
	)
	png := media.DemoJPEG(7) // the server reads the type from the bytes, whatever the clipboard says
	dataURL := "data:image/jpeg;base64," + base64.StdEncoding.EncodeToString(png)
	s.pastePictures("fa", `<p>بند یک</p><img src="`+dataURL+`" alt="عکس"><p>بند دو</p>`, nil)
	get(s, chromedp.Poll[bool](`document.querySelectorAll('[data-testid="pane-fa"] .payvand-figure').length === 1`))
	if got := s.body("fa"); !regexp.MustCompile(`^<p dir="auto">آغازبند یک</p><figure><img src="/media/[^"]+-medium\.jpg" alt=""></figure><p dir="auto">بند دو</p>$`).MatchString(got) {
		t.Fatalf("after pasting a data: picture: %s", got)
	}

	// A web picture with its file beside it: uploaded. One without: left
	// out, said so, and the text still pasted.
	s.pastePictures("fa", `<p>بند سه</p><img src="https://example.org/a.png" alt="x">`, map[string][]byte{"image.png": media.DemoJPEG(8)})
	get(s, chromedp.Poll[bool](`document.querySelectorAll('[data-testid="pane-fa"] .payvand-figure').length === 2`))
	s.pastePictures("fa", `<p>بند چهار</p><img src="https://example.org/b.png" alt="y">`, nil)
	s.run(chromedp.WaitVisible(chromedp.CSS(`[data-testid="pane-fa"] .payvand-upload-error`)))
	got := s.body("fa")
	if !strings.HasSuffix(got, `<p dir="auto">بند چهار</p>`) || strings.Contains(got, "example.org") || strings.Count(got, "<figure>") != 2 {
		t.Fatalf("after pasting web pictures: %s", got)
	}
	// A screenshot: only a file on the clipboard.
	s.pastePictures("fa", "", map[string][]byte{"screenshot.png": media.DemoJPEG(9)})
	get(s, chromedp.Poll[bool](`document.querySelectorAll('[data-testid="pane-fa"] .payvand-figure').length === 3`))
	if list, _ := s.store.ListMedia(context.Background(), models.MediaQuery{}); list.Total != 3 {
		t.Fatalf("%d pictures in the library, want the three pasted with their bytes", list.Total)
	}
}
