package wpimport

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"regexp"
	"strings"
	"testing"

	"github.com/payvand/payvand/models"
)

// withBatchSize saves n groups per transaction for the rest of the test.
func withBatchSize(t *testing.T, n int) {
	t.Helper()
	was := saveBatchGroups
	saveBatchGroups = n
	t.Cleanup(func() { saveBatchGroups = was })
}

// emptyPost returns data with post id's text removed: a published post
// with no text is refused by the write path.
func emptyPost(t *testing.T, data []byte, id int) []byte {
	t.Helper()
	const open, end = "<content:encoded><![CDATA[", "]]></content:encoded>"
	at := bytes.Index(data, fmt.Appendf(nil, "<wp:post_id>%d</wp:post_id>", id))
	if at < 0 {
		t.Fatalf("post %d not found in the export", id)
	}
	from := bytes.LastIndex(data[:at], []byte(open)) + len(open)
	to := from + bytes.Index(data[from:], []byte(end))
	return append(append([]byte{}, data[:from]...), data[to:]...)
}

// The batch size changes how many transactions an import takes, never
// what it does: the reports of a first run and a re-run are the same for
// batches of one group, of two, and of the whole file.
func TestImportReportsDoNotDependOnTheBatchSize(t *testing.T) {
	var want []string
	for _, size := range []int{100, 1, 2} {
		withBatchSize(t, size)
		s := newStore(t)
		var got []string
		for range 2 {
			b, err := json.Marshal(run(t, s, fixture(t), Options{}))
			if err != nil {
				t.Fatal(err)
			}
			got = append(got, string(b))
		}
		if want == nil {
			want = got
			continue
		}
		for i := range got {
			if got[i] != want[i] {
				t.Errorf("batches of %d, run %d:\n%s\nwant\n%s", size, i+1, got[i], want[i])
			}
		}
	}
}

// A post the write path refuses fails its article alone: the others in
// its batch are saved with their records and old addresses, and a run
// after the post is mended imports it.
func TestImportRefusedArticleLeavesItsBatchSaved(t *testing.T) {
	ctx := context.Background()
	withBatchSize(t, 2)
	s := newStore(t)
	good := generatedExport(6) // posts 1–6: three fa/tj pairs
	rep := run(t, s, emptyPost(t, good, 3), Options{})
	if rep.Articles.Created != 2 || rep.Articles.Failed != 1 || rep.Joined != 2 || rep.Posts["fa"]["publish"] != 2 || len(rep.SkippedPosts) != 2 {
		t.Fatalf("articles %+v joined %d posts %v skipped %+v", rep.Articles, rep.Joined, rep.Posts, rep.SkippedPosts)
	}
	for _, note := range rep.SkippedPosts {
		if (note.PostID != 3 && note.PostID != 4) || !strings.HasPrefix(note.Message, "refused by Payvand: ") {
			t.Errorf("skipped %+v", note)
		}
	}
	known, err := s.FindImported(ctx, "https://bench.example", models.ImportPost, []int64{1, 2, 3, 4, 5, 6})
	if err != nil {
		t.Fatal(err)
	}
	if len(known) != 4 || known[1].TargetID != known[2].TargetID || known[5].TargetID != known[6].TargetID {
		t.Errorf("records %+v", known)
	}
	if _, err := s.FindRedirect(ctx, "/?p=1"); err != nil {
		t.Errorf("old address of post 1: %v", err)
	}
	if _, err := s.FindRedirect(ctx, "/?p=3"); !errors.Is(err, models.ErrNotFound) {
		t.Errorf("old address of the refused post 3: %v", err)
	}

	rep = run(t, s, good, Options{})
	if rep.Articles.Created != 1 || rep.Articles.Unchanged != 2 || rep.Articles.Failed != 0 {
		t.Errorf("after mending: %+v %+v", rep.Articles, rep.SkippedPosts)
	}
}

// A run cancelled between batches keeps the batches it committed; the
// next run finishes the import.
func TestCancelledImportKeepsItsBatches(t *testing.T) {
	withBatchSize(t, 1)
	s := newStore(t)
	data := generatedExport(6)
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	_, err := Run(ctx, s, opener(data), Options{Progress: func(done, total int) {
		if done == 2 {
			cancel() // after the first batch: one article
		}
	}})
	if !errors.Is(err, context.Canceled) {
		t.Fatalf("cancelled run: %v", err)
	}
	rep := run(t, s, data, Options{})
	if rep.Articles.Created != 2 || rep.Articles.Unchanged != 1 {
		t.Errorf("the run after: %+v", rep.Articles)
	}
}

// Two groups of one batch that lead to one article (a pair imported
// together, split in WordPress since) are saved one after the other, the
// second seeing the first's save, not in conflict with it.
func TestGroupsOfOneArticleAreSavedInTurn(t *testing.T) {
	s := newStore(t)
	pair := generatedExport(2)
	run(t, s, pair, Options{})
	split := regexp.MustCompile(`<wp:term><wp:term_id>\d+</wp:term_id><wp:term_taxonomy>post_translations</wp:term_taxonomy>.*\n|<category domain="post_translations"[^>]*><!\[CDATA\[x\]\]></category>`).ReplaceAll(pair, nil)
	split = bytes.ReplaceAll(split, []byte("<![CDATA[خبر "), []byte("<![CDATA[خبر تازه "))
	rep := run(t, s, split, Options{})
	if rep.Articles.Updated != 2 || rep.Articles.Failed != 0 || rep.Articles.Created != 0 {
		t.Errorf("articles %+v, skipped %+v", rep.Articles, rep.SkippedPosts)
	}
	known, err := s.FindImported(context.Background(), "https://bench.example", models.ImportPost, []int64{1, 2})
	if err != nil || known[1].TargetID == 0 || known[1].TargetID != known[2].TargetID {
		t.Fatalf("records %+v, %v", known, err)
	}
	a, err := s.FindArticle(context.Background(), known[1].TargetID)
	if err != nil {
		t.Fatal(err)
	}
	if translation(t, a, "fa").Title != "خبر تازه 1" || translation(t, a, "tg").Title != "خبر تازه 2" {
		t.Errorf("article %d: %+v", a.ID, a.Translations)
	}
}
