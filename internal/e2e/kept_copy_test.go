package e2e

import (
	"testing"

	"github.com/chromedp/chromedp"

	"github.com/payvand/payvand/models"
)

// TestKeptCopyIsOfferedNotImposed has Bob type into the published Persian
// pane and close nothing, while Alice saves the same pane in her browser.
// Bob's reload must not put his stale text over hers (it used to, and Save
// then overwrote her words): the copy is offered with Compare and Discard,
// the pane shows what is saved, and a second reload offers it again rather
// than restoring it. Compare shows the conflict view, from which only a
// deliberate choice decides; a copy taken care of never comes back.
func TestKeptCopyIsOfferedNotImposed(t *testing.T) {
	const hers, his = "عنوان آلیس", "عنوان باب که ذخیره نشد"
	for _, tc := range []struct {
		name   string
		choose []chromedp.Action[chromedp.Void]
		api    string // the API's title afterwards
	}{
		{"take theirs", []chromedp.Action[chromedp.Void]{
			chromedp.Click(chromedp.CSS(`[data-testid="take-theirs-fa"]`)),
			chromedp.WaitNotPresent(chromedp.CSS(`[data-testid="conflict-fa"]`)),
		}, hers},
		{"keep mine", []chromedp.Action[chromedp.Void]{
			chromedp.Click(chromedp.CSS(`[data-testid="keep-mine-fa"]`)),
			chromedp.WaitNotPresent(chromedp.CSS(`[data-testid="conflict-fa"]`)),
		}, his},
		{"discard", []chromedp.Action[chromedp.Void]{
			chromedp.Click(chromedp.CSS(`[data-testid="kept-discard-fa"]`)),
			chromedp.WaitNotPresent(chromedp.CSS(`[data-testid="kept-offer-fa"]`)),
		}, hers},
	} {
		t.Run(tc.name, func(t *testing.T) {
			alice, bob, a := twoEditors(t, models.StatusPublished)
			bob.retitle("fa", his)
			alice.retitle("fa", hers)
			alice.run(chromedp.Click(chromedp.CSS(`[data-testid="save-fa"]`)), chromedp.WaitVisible(chromedp.CSS(`[data-testid="notice-fa"]`)))

			for range 2 {
				bob.openArticle(a.ID)
				if got := bob.value(`[data-testid="fa-title"]`); got != hers {
					t.Fatalf("the reload put the kept copy into the pane: %q", got)
				}
				bob.run(chromedp.WaitVisible(chromedp.CSS(`[data-testid="kept-offer-fa"]`)))
			}
			// Saving the pane as it stands saves what is saved, not the copy.
			bob.run(chromedp.Click(chromedp.CSS(`[data-testid="save-fa"]`)), chromedp.WaitVisible(chromedp.CSS(`[data-testid="notice-fa"]`)))
			if got := bob.savedTitle(a.ID, "fa"); got != hers {
				t.Fatalf("a save with the copy on offer sent %q to the API", got)
			}

			bob.run(chromedp.WaitVisible(chromedp.CSS(`[data-testid="kept-offer-fa"]`)))
			if tc.name != "discard" {
				bob.run(chromedp.Click(chromedp.CSS(`[data-testid="kept-compare-fa"]`)), chromedp.WaitVisible(chromedp.CSS(`[data-testid="conflict-fa"]`)))
				if theirs := bob.text(`[data-testid="conflict-title-fa"]`); theirs != hers {
					t.Errorf("Compare shows the saved title as %q", theirs)
				}
				if got := bob.value(`[data-testid="fa-title"]`); got != his {
					t.Errorf("Compare lost the kept title: %q", got)
				}
				if got := bob.savedTitle(a.ID, "fa"); got != hers {
					t.Fatalf("Compare saved the copy: the API sends %q", got)
				}
			}
			bob.run(tc.choose...)
			if n := get(bob, chromedp.Evaluate[int](`document.querySelectorAll('[data-testid="kept-offer-fa"]').length`)); n != 0 {
				t.Errorf("after %s the pane still offers the copy", tc.name)
			}
			if got := bob.savedTitle(a.ID, "fa"); got != tc.api {
				t.Errorf("after %s the API sends %q, want %q", tc.name, got, tc.api)
			}
			if kept := bob.keptCopy(a.ID, "fa"); kept != "" {
				t.Errorf("after %s the copy is still kept: %s", tc.name, kept)
			}
			bob.openArticle(a.ID)
			if n := get(bob, chromedp.Evaluate[int](`document.querySelectorAll('[data-testid="kept-offer-fa"]').length`)); n != 0 {
				t.Errorf("after %s a reload offers the copy again", tc.name)
			}
			if got := bob.value(`[data-testid="fa-title"]`); got != tc.api {
				t.Errorf("after %s the pane shows %q, want %q", tc.name, got, tc.api)
			}
		})
	}
}
