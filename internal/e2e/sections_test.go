package e2e

import (
	"testing"

	"github.com/chromedp/chromedp"
)

func TestAdminCreatesBilingualSection(t *testing.T) {
	s := newSite(t)
	s.signIn("admin@example.com")
	const tgName, faName = "Китобхонаҳои ҷавонон", "کتاب\u200cخانه\u200cهای جوانان"
	s.run(
		chromedp.Navigate(s.url+"/admin/sections"),
		chromedp.WaitVisible(chromedp.CSS(`[name="slug"]`)),
		chromedp.SendKeys(chromedp.CSS(`[name="slug"]`), "Youth Libraries"),
	)
	s.typeText(`[name="names.tg"]`, tgName)
	s.typeText(`[name="names.fa"]`, faName)
	faDir := get(s, chromedp.AttributeValue(chromedp.CSS(`[name="names.fa"]`), "dir")).Value
	if faDir != "rtl" {
		t.Errorf("the Persian name field has dir %q, want rtl", faDir)
	}
	s.run(
		chromedp.Click(chromedp.CSS(`[data-testid="section-submit"]`)),
		chromedp.WaitVisible(chromedp.CSS(`[data-testid="section-row-youth-libraries"]`)),
	)
	s.screenshot("sections")

	var body struct {
		Data []struct {
			Slug string `json:"slug"`
			Name string `json:"name"`
		} `json:"data"`
	}
	s.apiJSON("/api/v1/fa/sections", &body)
	found := false
	for _, sec := range body.Data {
		if sec.Slug == "youth-libraries" {
			found = true
			if sec.Name != faName {
				t.Errorf("fa name from the API = %q, want %q byte for byte", sec.Name, faName)
			}
		}
	}
	if !found {
		t.Fatalf("the new section is not in GET /api/v1/fa/sections: %+v", body.Data)
	}
	s.apiJSON("/api/v1/tg/sections", &body)
	for _, sec := range body.Data {
		if sec.Slug == "youth-libraries" && sec.Name != tgName {
			t.Errorf("tg name from the API = %q, want %q", sec.Name, tgName)
		}
	}
}

func TestEditorIsRefusedSections(t *testing.T) {
	s := newSite(t)
	s.signIn("editor@example.com")
	s.run(
		chromedp.Navigate(s.url+"/admin/sections"),
		chromedp.WaitVisible(chromedp.CSS(`[data-testid="error-page"]`)),
	)
	if n := get(s, chromedp.Evaluate[int](`document.querySelectorAll('nav a[href="/admin/sections"]').length`)); n != 0 {
		t.Errorf("an editor's menu links to the sections page (%d links)", n)
	}
	if heading := s.text(`[data-testid="error-page"] h1`); heading != "Иҷозат нест" {
		t.Errorf("refusal heading = %q", heading)
	}
}
