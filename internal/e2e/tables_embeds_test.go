package e2e

import (
	"fmt"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/payvand/payvand/models"
)

// pasteInto dispatches a paste event on loc's editor, as Ctrl+V does, with
// the given clipboard types (text/html, text/plain), at the end of the body
// in a new empty paragraph when atEnd. It returns the milliseconds the
// browser took from the event to the body's textarea holding the result
// (paste is handled synchronously: this is what the editor waits).
func (s *site) pasteInto(loc string, atEnd bool, data map[string]string) float64 {
	s.t.Helper()
	var items []string
	for typ, v := range data {
		items = append(items, fmt.Sprintf("dt.setData(%q, %s);", typ, strconv.Quote(v)))
	}
	return get(s, chromedp.Evaluate[float64](fmt.Sprintf(`(() => {
		const box = document.querySelector('[data-testid="%s-editor"]');
		const ed = PayvandEditor.get(box).editor;
		ed.commands.focus("end");
		if (%t) { ed.commands.splitBlock(); }
		const dt = new DataTransfer();
		%s
		const t0 = performance.now();
		box.querySelector(".ProseMirror").dispatchEvent(new ClipboardEvent("paste", {clipboardData: dt, bubbles: true, cancelable: true}));
		document.querySelector('[data-testid="%s-body"]').value;
		return performance.now() - t0;
	})()`, loc, atEnd, strings.Join(items, "\n\t\t"), loc)))
}

// savePane clicks loc's Save button and waits for its notice; it returns
// how long that took as the editor sees it.
func (s *site) savePane(loc string) time.Duration {
	s.t.Helper()
	start := time.Now()
	s.run(chromedp.Click(chromedp.CSS(`[data-testid="save-`+loc+`"]`)), chromedp.WaitVisible(chromedp.CSS(`[data-testid="notice-`+loc+`"]`)))
	took := time.Since(start)
	s.htmxSettled()
	return took
}

func seedTwoPanes(s *site) *models.Article {
	return s.seedArticle([]models.TranslationInput{
		{Locale: "tg", Status: models.StatusPublished, Title: "Ҷадвал", BodyHTML: "<p>Матн</p>"},
		{Locale: "fa", Status: models.StatusPublished, Title: "جدول", BodyHTML: "<p>متن</p>"},
	}...)
}

// TestTablePastedAndEditedFromTheToolbar pastes a table copied from a web
// page into a Persian body: its cells stay apart, header cells stay header
// cells, ZWNJ and RLM arrive byte for byte. The table buttons appear in the
// cursor's table and add and remove rows and columns and the header row;
// the table button inserts a new one. The API answers the saved tables
// without a style.
func TestTablePastedAndEditedFromTheToolbar(t *testing.T) {
	s := newSite(t)
	a := seedTwoPanes(s)
	s.signIn("editor@example.com")
	s.openArticle(a.ID)
	s.watchCSP()

	const cell = "می\u200cکنند\u200f"
	html := `<meta charset="utf-8"><table class="wikitable" style="width:100%"><thead><tr><th style="text-align:right">سال</th><th>شمار</th></tr></thead>` +
		`<tbody><tr><td style="color:red">۱۴۰۳</td><td><span class="x">` + cell + `</span></td></tr></tbody></table>`
	ms := s.pasteInto("fa", true, map[string]string{"text/html": html, "text/plain": "سال\tشمار\n۱۴۰۳\t" + cell})
	// The first paste of a page also pays for the browser's first layout
	// of a table; the second is what an editor feels from then on.
	t.Logf("paste a table, first of the page: %.1f ms in the browser", ms)
	get(s, chromedp.Evaluate[any](`(() => { const ed = PayvandEditor.get(document.querySelector('[data-testid="fa-editor"]')).editor; ed.commands.undo(); return 0; })()`))
	ms = s.pasteInto("fa", true, map[string]string{"text/html": html, "text/plain": "سال\tشمار\n۱۴۰۳\t" + cell})
	t.Logf("paste a table: %.1f ms in the browser", ms)
	body := s.body("fa")
	want := `<table><tbody><tr><th><p dir="auto">سال</p></th><th><p dir="auto">شمار</p></th></tr><tr><td><p dir="auto">۱۴۰۳</p></td><td><p dir="auto">` + cell + `</p></td></tr></tbody></table>`
	if !strings.Contains(body, want) {
		t.Fatalf("pasted table:\n got %s\nwant it to hold %s", body, want)
	}

	// The cursor before the table: no table buttons; in its last cell:
	// they appear.
	tools := `[data-testid="fa-table-tools"]`
	if get(s, chromedp.Evaluate[bool](`PayvandEditor.get(document.querySelector('[data-testid="fa-editor"]')).editor.commands.focus("start") &&
		!document.querySelector('`+tools+`').hidden`)) {
		t.Fatal("table buttons show with the cursor outside a table")
	}
	get(s, chromedp.Evaluate[any](`(() => {
		const box = document.querySelector('[data-testid="fa-editor"]');
		const ed = PayvandEditor.get(box).editor;
		const tds = box.querySelectorAll(".ProseMirror td");
		ed.commands.setTextSelection(ed.view.posAtDOM(tds[tds.length - 1].querySelector("p"), 0));
		ed.view.focus();
		return 0;
	})()`))
	s.run(chromedp.WaitVisible(chromedp.CSS(tools)))
	s.screenshotOf("editor-table", "#pane-fa")
	shape := func() string {
		return get(s, chromedp.Evaluate[string](`Array.from(document.querySelector('[data-testid="fa-editor"] .ProseMirror table').rows, (tr) =>
			Array.from(tr.children, (c) => c.tagName === "TH" ? "h" : "d").join("")).join("/")`))
	}
	steps := []struct{ cmd, want string }{
		{"addRowAfter", "hh/dd/dd"},
		{"addColumnAfter", "hhh/ddd/ddd"},
		{"deleteRow", "hhh/ddd"},
		{"toggleHeaderRow", "ddd/ddd"},
		{"toggleHeaderRow", "hhh/ddd"},
		{"deleteColumn", "hh/dd"},
	}
	for _, st := range steps {
		s.run(chromedp.Click(chromedp.CSS(`[data-testid="fa-` + st.cmd + `"]`)))
		if got := shape(); got != st.want {
			t.Fatalf("after %s the table is %s, want %s", st.cmd, got, st.want)
		}
	}
	// The same buttons timed in the browser, from the click to the table
	// redrawn (commands run synchronously).
	ms = get(s, chromedp.Evaluate[float64](`(() => {
		const t0 = performance.now();
		document.querySelector('[data-testid="fa-addRowAfter"]').click();
		const ms = performance.now() - t0;
		PayvandEditor.get(document.querySelector('[data-testid="fa-editor"]')).editor.commands.undo();
		return ms;
	})()`))
	t.Logf("a row or column button: %.1f ms in the browser", ms)

	// A new table from the toolbar, in a new paragraph after this one.
	s.focusEnd("fa", false)
	s.run(chromedp.WaitNotVisible(chromedp.CSS(tools)), chromedp.Click(chromedp.CSS(`[data-testid="fa-table"]`)))
	if got := get(s, chromedp.Evaluate[int](`document.querySelectorAll('[data-testid="fa-editor"] .ProseMirror table').length`)); got != 2 {
		t.Fatalf("tables after the Table button: %d, want 2; selection %s; body %s", got,
			get(s, chromedp.Evaluate[string](`JSON.stringify(PayvandEditor.get(document.querySelector('[data-testid="fa-editor"]')).editor.state.selection.toJSON())`)), s.body("fa"))
	}
	s.savePane("fa")
	_, fa := s.apiArticle("fa", a.ID)
	b := fa.Data.BodyHTML
	if got := shape(); got != "hh/dd" {
		t.Errorf("after the timed button and undo the table is %s, want hh/dd", got)
	}
	if strings.Count(b, "<table>") != 2 || strings.Count(b, "<tr>") != 5 || strings.Count(b, "<td>") != 8 {
		t.Errorf("API body, want a 2×2 and a 3×3 table: %s", b)
	}
	if strings.Count(b, "<th>") != 5 || strings.Contains(b, "style") || strings.Contains(b, "class") || strings.Contains(b, "colgroup") {
		t.Errorf("API body has styles or lost the new table's header row: %s", b)
	}
	if v := s.cspViolations(); v != "" {
		t.Errorf("CSP violations: %s", v)
	}
}

// TestWordAndDocsPasteCleaned pastes what Word and Google Docs put on the
// clipboard: headings, paragraphs, Word's list paragraphs as a real list,
// bold and italic (not Docs' "font-weight:normal" wrapper), links and a
// table stay; styles, classes, spans, fonts and Word's empty lines go; ZWNJ
// and RLM stay byte for byte.
func TestWordAndDocsPasteCleaned(t *testing.T) {
	s := newSite(t)
	a := seedTwoPanes(s)
	s.signIn("editor@example.com")
	s.openArticle(a.ID)
	s.watchCSP()

	word := `<html xmlns:o="urn:schemas-microsoft-com:office:office" xmlns:w="urn:schemas-microsoft-com:office:word"><head><meta charset="utf-8">` +
		`<style>p.MsoNormal, li.MsoNormal {margin:0cm; font-size:11.0pt; font-family:"Calibri",sans-serif;} @list l0:level1 {mso-level-number-format:bullet;}</style></head>` +
		`<body lang=FA><!--StartFragment--><h1 dir=RTL><span lang=FA style='font-family:"B Nazanin"'>سرتیتر ورد</span></h1>` +
		`<p class=MsoNormal dir=RTL style='text-align:right;direction:rtl;unicode-bidi:embed'><span lang=FA style='font-family:"B Nazanin";color:red;mso-bidi-font-size:12pt'>متن <b>پررنگ</b> و <i>کج</i> می` + "\u200c" + `کنند` + "\u200f" + `</span><o:p></o:p></p>` +
		`<p class=MsoNormal dir=RTL><o:p>&nbsp;</o:p></p>` +
		`<p class=MsoListParagraphCxSpFirst dir=RTL style='text-indent:-18.0pt;mso-list:l0 level1 lfo1'><![if !supportLists]><span style='font-family:Symbol'><span style='mso-list:Ignore'>·<span style='font:7.0pt "Times New Roman"'>&nbsp;&nbsp;&nbsp; </span></span></span><![endif]><span lang=FA>یک</span><o:p></o:p></p>` +
		`<p class=MsoListParagraphCxSpMiddle dir=RTL style='mso-list:l0 level2 lfo1'><![if !supportLists]><span style='font-family:"Courier New"'><span style='mso-list:Ignore'>o<span style='font:7.0pt "Times New Roman"'>&nbsp; </span></span></span><![endif]><span lang=FA>یک و نیم</span></p>` +
		`<p class=MsoListParagraphCxSpLast dir=RTL style='mso-list:l0 level1 lfo1'><![if !supportLists]><span style='mso-list:Ignore'>·<span>&nbsp;</span></span><![endif]><span lang=FA>دو</span></p>` +
		`<p class=MsoNormal dir=RTL style='mso-list:l1 level1 lfo2'><span style='mso-list:Ignore'>1.<span>&nbsp;</span></span>نخست</p>` +
		`<p class=MsoNormal dir=RTL style='mso-list:l1 level1 lfo2'><span style='mso-list:Ignore'>2.<span>&nbsp;</span></span>دوم</p>` +
		`<p class=MsoNormal dir=RTL><a href="https://example.org/word"><span style='color:blue'>پیوند</span></a></p>` +
		`<table class=MsoTableGrid border=1 cellspacing=0 cellpadding=0 style='border-collapse:collapse'><tr><td width=301 valign=top style='width:225pt'><p class=MsoNormal>خانه یک</p></td><td width=301 style='width:225pt'><p class=MsoNormal>خانه دو</p></td></tr></table>` +
		`<!--EndFragment--></body></html>`
	ms := s.pasteInto("fa", true, map[string]string{"text/html": word, "text/plain": "سرتیتر ورد"})
	t.Logf("paste from Word: %.1f ms in the browser", ms)
	body := s.body("fa")
	for _, want := range []string{
		`<h2 dir="auto">سرتیتر ورد</h2>`,
		`<p dir="auto">متن <strong>پررنگ</strong> و <em>کج</em> می` + "\u200c" + `کنند` + "\u200f" + `</p>`,
		`<ul><li><p dir="auto">یک</p><ul><li><p dir="auto">یک و نیم</p></li></ul></li><li><p dir="auto">دو</p></li></ul>`,
		`<ol><li><p dir="auto">نخست</p></li><li><p dir="auto">دوم</p></li></ol>`,
		`<a href="https://example.org/word">پیوند</a>`,
		`<table><tbody><tr><td><p dir="auto">خانه یک</p></td><td><p dir="auto">خانه دو</p></td></tr></tbody></table>`,
	} {
		if !strings.Contains(body, want) {
			t.Errorf("Word paste: body lacks %s\nbody: %s", want, body)
		}
	}
	for _, bad := range []string{"style", "class", "span", "font", "mso", "·", "<p dir=\"auto\"></p>", "\u00a0", "o:p", "<h1"} {
		if strings.Contains(body, bad) {
			t.Errorf("Word paste left %q in the body: %s", bad, body)
		}
	}

	docs := `<meta charset="utf-8"><b style="font-weight:normal;" id="docs-internal-guid-5a1c7f3e-7fff-1b2c-3d4e-0a1b2c3d4e5f">` +
		`<h3 dir="rtl" style="line-height:1.38;margin-top:16pt;margin-bottom:4pt;"><span style="font-size:14pt;font-family:Vazirmatn,sans-serif;color:#434343;font-weight:400;font-style:normal;">عنوان داکس</span></h3><br>` +
		`<p dir="rtl" style="line-height:1.38;margin-top:0pt;margin-bottom:0pt;"><span style="font-size:11pt;font-family:Arial,sans-serif;color:#000000;background-color:transparent;font-weight:400;font-style:normal;">عادی </span>` +
		`<span style="font-size:11pt;font-family:Arial,sans-serif;color:#000000;font-weight:700;font-style:normal;">درشت</span><span style="font-weight:400;"> و </span>` +
		`<span style="font-size:11pt;font-weight:400;font-style:italic;">خمیده</span><span style="font-weight:400;"> نیم` + "\u200c" + `فاصله</span></p>` +
		`<ul style="margin-top:0;margin-bottom:0;padding-inline-start:48px;"><li dir="rtl" style="list-style-type:disc;font-size:11pt;" aria-level="1"><p dir="rtl" role="presentation" style="line-height:1.38;"><span style="font-weight:400;">مورد</span></p></li></ul>` +
		`<div dir="rtl" style="margin-left:0pt;" align="right"><table style="border:none;border-collapse:collapse;"><colgroup><col width="301"><col width="301"></colgroup><tbody>` +
		`<tr style="height:0pt"><td style="border-left:solid #000000 1pt;padding:5pt 5pt 5pt 5pt;"><p dir="rtl" style="line-height:1.2;"><span style="font-weight:400;">الف</span></p></td>` +
		`<td style="padding:5pt;"><p dir="rtl"><span style="font-weight:400;">ب</span></p></td></tr></tbody></table></div></b><br class="Apple-interchange-newline">`
	ms = s.pasteInto("fa", true, map[string]string{"text/html": docs, "text/plain": "عنوان داکس"})
	t.Logf("paste from Google Docs: %.1f ms in the browser", ms)
	body = s.body("fa")
	for _, want := range []string{
		`<h3 dir="rtl">عنوان داکس</h3><p dir="rtl">عادی <strong>درشت</strong> و <em>خمیده</em> نیم` + "\u200c" + `فاصله</p>`,
		`<ul><li dir="rtl"><p dir="rtl">مورد</p></li></ul>`,
		`<table><tbody><tr><td><p dir="rtl">الف</p></td><td><p dir="rtl">ب</p></td></tr></tbody></table>`,
	} {
		if !strings.Contains(body, want) {
			t.Errorf("Docs paste: body lacks %s\nbody: %s", want, body)
		}
	}
	if strings.Contains(body, "<strong>عادی") || strings.Contains(body, "<strong>عنوان") || strings.Contains(body, "style") || strings.Contains(body, "docs-internal") {
		t.Errorf("Docs paste: the wrapper made text bold, or styles stayed: %s", body)
	}
	if v := s.cspViolations(); v != "" {
		t.Errorf("CSP violations: %s", v)
	}
	s.savePane("fa")
	_, fa := s.apiArticle("fa", a.ID)
	if !strings.Contains(fa.Data.BodyHTML, "می\u200cکنند\u200f") || !strings.Contains(fa.Data.BodyHTML, "نیم\u200cفاصله") || !strings.Contains(fa.Data.BodyHTML, "<ol><li>") {
		t.Errorf("saved body lost ZWNJ/RLM or the list: %s", fa.Data.BodyHTML)
	}
}

// TestYouTubeEmbedInsertedPastedAndSaved inserts a YouTube video through
// the Embed dialog (after an address the dialog refuses), pastes another
// one's address alone on a line and a third one's iframe embed code, and
// pastes an unknown site's address, which stays a link. The cards show in
// the editor; the API answers the placeholders as stored, never an iframe.
func TestYouTubeEmbedInsertedPastedAndSaved(t *testing.T) {
	s := newSite(t)
	a := seedTwoPanes(s)
	s.signIn("editor@example.com")
	s.useInterface("fa")
	s.openArticle(a.ID)
	s.watchCSP()

	// By URL, through the dialog.
	s.focusEnd("fa", true)
	start := time.Now()
	s.run(chromedp.Click(chromedp.CSS(`[data-testid="fa-embed"]`)), chromedp.WaitVisible(chromedp.CSS(`[data-testid="embed-dialog"]`)))
	t.Logf("Embed button to dialog: %v", time.Since(start).Round(time.Millisecond))
	s.screenshot("editor-embed-dialog")
	if dir := get(s, chromedp.Evaluate[string](`getComputedStyle(document.querySelector('[data-testid="embed-dialog"]')).direction`)); dir != "rtl" {
		t.Errorf("the dialog of the Persian interface is %s", dir)
	}
	s.typeText(`[data-testid="embed-url"]`, "https://example.org/video")
	s.run(chromedp.Click(chromedp.CSS(`[data-testid="embed-insert"]`)), chromedp.WaitVisible(chromedp.CSS(`[data-testid="embed-error"]`)))
	get(s, chromedp.Evaluate[any](`document.querySelector('[data-testid="embed-url"]').select(); 0`))
	const byURL = "https://youtu.be/dQw4w9WgXcQ?si=Ab_12"
	s.typeText(`[data-testid="embed-url"]`, byURL)
	ms := get(s, chromedp.Evaluate[float64](`(() => {
		const t0 = performance.now();
		document.querySelector('[data-testid="embed-insert"]').click();
		if (!document.querySelector('[data-testid="fa-editor"] [data-testid="embed-card"]')) { return -1; }
		return performance.now() - t0;
	})()`))
	if ms < 0 {
		t.Fatalf("no card after Insert; body: %s", s.body("fa"))
	}
	t.Logf("Insert to the card in the text: %.1f ms in the browser", ms)
	if get(s, chromedp.Evaluate[bool](`document.querySelector('[data-testid="embed-dialog"]').open`)) {
		t.Error("the dialog stayed open after Insert")
	}

	// By pasting the address alone on an empty line.
	const pasted = "https://www.youtube.com/watch?v=aBcD_-12345&t=42s"
	ms = s.pasteInto("fa", true, map[string]string{"text/plain": pasted})
	t.Logf("paste an address to the card: %.1f ms in the browser", ms)
	// An iframe embed code.
	ms = s.pasteInto("fa", true, map[string]string{"text/html": `<iframe width="560" height="315" src="https://www.youtube-nocookie.com/embed/xyzXYZ12345?si=q" title="YouTube video player" frameborder="0" allow="autoplay" allowfullscreen></iframe>`, "text/plain": ""})
	t.Logf("paste an iframe to the card: %.1f ms in the browser", ms)
	// Another site's address stays a link.
	s.pasteInto("fa", true, map[string]string{"text/plain": "https://example.org/page"})
	if n := get(s, chromedp.Evaluate[int](`document.querySelectorAll('[data-testid="fa-editor"] [data-testid="embed-card"]').length`)); n != 3 {
		t.Fatalf("embed cards in the editor: %d, want 3\nbody: %s", n, s.body("fa"))
	}

	s.screenshotOf("editor-embeds", `[data-testid="fa-editor"]`)
	took := s.savePane("fa")
	t.Logf("save to the notice: %v", took.Round(time.Millisecond))
	_, fa := s.apiArticle("fa", a.ID)
	b := fa.Data.BodyHTML
	for _, want := range []string{
		`<figure data-embed="youtube" data-id="dQw4w9WgXcQ" data-url="https://youtu.be/dQw4w9WgXcQ?si=Ab_12"><a href="https://youtu.be/dQw4w9WgXcQ?si=Ab_12" rel="nofollow noreferrer">https://youtu.be/dQw4w9WgXcQ?si=Ab_12</a></figure>`,
		`<figure data-embed="youtube" data-id="aBcD_-12345" data-url="https://www.youtube.com/watch?v=aBcD_-12345&amp;t=42s"><a href="https://www.youtube.com/watch?v=aBcD_-12345&amp;t=42s" rel="nofollow noreferrer">https://www.youtube.com/watch?v=aBcD_-12345&amp;t=42s</a></figure>`,
		`<figure data-embed="youtube" data-id="xyzXYZ12345" data-url="https://www.youtube.com/watch?v=xyzXYZ12345"><a href="https://www.youtube.com/watch?v=xyzXYZ12345" rel="nofollow noreferrer">https://www.youtube.com/watch?v=xyzXYZ12345</a></figure>`,
		`<a href="https://example.org/page" rel="nofollow noreferrer">https://example.org/page</a>`,
	} {
		if !strings.Contains(b, want) {
			t.Errorf("API body lacks %s\nbody: %s", want, b)
		}
	}
	if strings.Contains(b, "<iframe") || strings.Count(b, "data-embed") != 3 {
		t.Errorf("API body: %s", b)
	}
	// Reopened, the editor shows the saved cards again and submits the
	// same placeholders.
	s.openArticle(a.ID)
	if n := get(s, chromedp.Evaluate[int](`document.querySelectorAll('[data-testid="fa-editor"] [data-testid="embed-card"]').length`)); n != 3 {
		t.Errorf("cards after reopening: %d, want 3", n)
	}
	if v := s.cspViolations(); v != "" {
		t.Errorf("CSP violations: %s", v)
	}
}
