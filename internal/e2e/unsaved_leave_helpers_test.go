package e2e

import (
	"context"
	"fmt"
	"sync/atomic"
	"testing"

	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"
)

// leaveGuard answers a tab's "leave this page?" questions (beforeunload
// dialogs), which the admin asks wherever text is unsaved. A navigation
// from such a page would otherwise wait for an answer forever, so every tab
// leaves unless a test said to stay; leave and leaveQuestions read what
// was asked.
type leaveGuard struct {
	stay  atomic.Bool
	count atomic.Int32
	asked chan struct{}
}

func guardLeaving(t *testing.T, ctx context.Context) *leaveGuard {
	g := &leaveGuard{asked: make(chan struct{}, 1)}
	dialogs := chromedp.Events(ctx, page.JavascriptDialogOpening)
	go func() {
		for ev, err := range dialogs {
			if err != nil {
				return
			}
			if ev.Type != page.DialogTypeBeforeunload {
				continue // alerts and prompts are the test's own to answer
			}
			g.count.Add(1)
			if _, err := chromedp.Call(ctx, page.HandleJavaScriptDialog, page.HandleJavaScriptDialogParams{Accept: !g.stay.Load()}); err != nil && ctx.Err() == nil {
				t.Logf("answering a leave question: %v", err)
			}
			select {
			case g.asked <- struct{}{}:
			default:
			}
		}
	}()
	return g
}

// leave sends the tab to the address to, as a link does, and reports
// whether the browser asked first. The question is answered with stay (the
// page and its text remain) or leave; leave returns once the browser has
// decided.
func (s *site) leave(to string, stay bool) bool {
	s.t.Helper()
	ctx, cancel := context.WithCancel(s.ctx)
	defer cancel()
	s.leaving.stay.Store(stay)
	defer s.leaving.stay.Store(false)
	select {
	case <-s.leaving.asked:
	default:
	}
	navigated := chromedp.Events(ctx, page.FrameNavigated)
	gone := make(chan struct{}, 1)
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
	case <-s.leaving.asked:
	case <-s.ctx.Done():
		s.t.Fatalf("leaving for %s: %v", to, s.ctx.Err())
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

// leaveQuestions counts the tab's "leave this page?" questions from now on.
func (s *site) leaveQuestions() (count func() int) {
	start := s.leaving.count.Load()
	return func() int { return int(s.leaving.count.Load() - start) }
}
