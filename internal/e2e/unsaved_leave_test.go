package e2e

import (
	"context"
	"fmt"

	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"
)

// leave sends the tab to the address to, as a link does, and reports
// whether the browser asked first (a beforeunload dialog). The question is
// answered with stay (the page and its text remain) or leave; either way
// leave returns once the browser has decided.
func (s *site) leave(to string, stay bool) bool {
	s.t.Helper()
	ctx, cancel := context.WithCancel(s.ctx)
	defer cancel()
	dialogs := chromedp.Events(ctx, page.JavascriptDialogOpening)
	navigated := chromedp.Events(ctx, page.FrameNavigated)
	asked, gone := make(chan struct{}, 1), make(chan struct{}, 1)
	go func() {
		for ev, err := range dialogs {
			if err != nil {
				return
			}
			if ev.Type == page.DialogTypeBeforeunload {
				asked <- struct{}{}
				return
			}
		}
	}()
	go func() {
		for ev, err := range navigated {
			if err != nil {
				return
			}
			if ev.Frame != nil && ev.Frame.ParentID == "" {
				gone <- struct{}{}
				return
			}
		}
	}()
	get(s, chromedp.Evaluate[any](fmt.Sprintf(`setTimeout(() => { location.href = %q }), 0`, to)))
	select {
	case <-gone:
		return false
	case <-asked:
	case <-s.ctx.Done():
		s.t.Fatalf("leaving for %s: %v", to, s.ctx.Err())
	}
	if _, err := chromedp.Call(s.ctx, page.HandleJavaScriptDialog, page.HandleJavaScriptDialogParams{Accept: !stay}); err != nil {
		s.t.Fatal(err)
	}
	if !stay {
		select {
		case <-gone:
		case <-s.ctx.Done():
			s.t.Fatalf("leaving for %s: %v", to, s.ctx.Err())
		}
	}
	return true
}
