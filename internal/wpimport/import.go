package wpimport

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"net/url"
	"slices"
	"strings"
	"time"

	"github.com/payvand/payvand/internal/textnorm"
	"github.com/payvand/payvand/internal/wxr"
	"github.com/payvand/payvand/models"
)

// importer is one run.
type importer struct {
	store         *models.Store
	opts          Options
	report        *Report
	defaultLocale string
	ex            *export
	source        string
	zone          *time.Location
	// sectionOf maps category slugs to sections; tagOf tag slugs to tags.
	sectionOf map[string]uint
	fallback  uint
	tagOf     map[string]uint
	done      int
	// queued are the groups waiting for the next batch (see flush).
	queued []queuedGroup
	// saved counts the articles the posts pass saved; the planner's
	// statistics are refreshed when it reaches nextStatsAt.
	saved, nextStatsAt int
	// mediaOf maps attachment ids to the media they became.
	mediaOf map[int]uint
	// srcOf maps file paths below wp-content/uploads to the media
	// library's src for a body picture.
	srcOf map[string]string
	// downloads fetches attachments from the old site (--fetch-media).
	downloads *fetcher
	// hrefOf maps the same paths to the library's original file, for
	// links to them.
	hrefOf map[string]string
	// attachmentIndex, attachmentsOfFile and attachmentsOfPost index
	// ex.attachments by id, address and post, for galleries
	// (attachmentByID).
	attachmentIndex   map[int]*attachment
	attachmentsOfFile map[string][]*attachment
	attachmentsOfPost map[int][]*attachment
	pictureState
}

// Run imports the export open reads. It reads the file twice (open is
// called twice): once whole, to check it and learn its terms and groups,
// then again, importing each post's translation group as soon as all its
// posts have been read, so memory holds the groups in progress, never the
// file. A malformed file is refused in the first pass, before any write.
// The text comes first, with the pictures earlier runs imported; then
// the picture phase brings the others (importPictures), and the posts
// that wait for one of them are read a third time and saved with it
// (relink).
func Run(ctx context.Context, store *models.Store, open func() (io.ReadCloser, error), opts Options) (_ *Report, err error) {
	defer func() {
		// A run cut off says so, whichever step noticed: a write the
		// cancellation interrupted fails with the driver's own error
		// ("transaction has already been committed or rolled back"), and
		// the command tells "stopped, run it again" by context.Canceled.
		if err != nil && ctx.Err() != nil {
			err = ctx.Err()
		}
	}()
	im := &importer{store: store, opts: opts, report: newReport(opts.DryRun), sectionOf: map[string]uint{}, tagOf: map[string]uint{}}
	im.defaultLocale = store.Locales().Default().Code
	if opts.FetchMedia {
		im.downloads = newFetcher(opts.Fetch, opts.uploadLimit())
		// The admin's runs share the server's process: their kept-alive
		// connections to the old site end with the run.
		defer im.downloads.client.CloseIdleConnections()
	}
	if opts.Locale != "" {
		if !store.Locales().Has(opts.Locale) {
			return nil, fmt.Errorf("--locale %s is not one of the site's locales (%s)", opts.Locale, strings.Join(store.Locales().Codes(), ", "))
		}
		im.defaultLocale = opts.Locale
	}
	f, err := open()
	if err != nil {
		return nil, err
	}
	ex, err := im.scan(ctx, f)
	f.Close()
	if err != nil {
		return nil, err
	}
	im.ex = ex
	im.source = strings.TrimRight(ex.site.BaseSiteURL, "/")
	if im.source == "" {
		return nil, errors.New("the export names no site (no <wp:base_site_url> or <link>)")
	}
	im.report.Source = im.source
	im.zone = opts.Timezone
	if im.zone == nil {
		im.zone = ex.offset
	}
	if im.zone == nil {
		im.zone = time.UTC
	}
	if err := im.importSections(ctx); err != nil {
		return im.report, err
	}
	if err := im.loadPictures(ctx); err != nil {
		return im.report, err
	}
	f, err = open()
	if err != nil {
		return im.report, err
	}
	err = im.importPosts(ctx, f, nil)
	f.Close()
	if err != nil {
		return im.report, err
	}
	// After the posts: tags are made as the posts that carry them are.
	im.recordTermURLs(ctx)
	if err := im.importPictures(ctx); err != nil {
		return im.report, err
	}
	return im.report, im.relink(ctx, open)
}

// importPosts is the second pass, and relink's third: want, when not
// nil, says which translation groups to import.
func (im *importer) importPosts(ctx context.Context, r io.Reader, want func(group string) bool) error {
	if err := im.refreshStatsAsTablesGrow(ctx, 0); err != nil {
		return err
	}
	rd := wxr.NewReader(r)
	pending := map[string][]*wxr.Item{}
	for {
		if err := ctx.Err(); err != nil {
			return err
		}
		rec, err := rd.Next()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return err
		}
		it, ok := rec.(*wxr.Item)
		if !ok {
			continue
		}
		e, ok := im.ex.posts[it.ID]
		if !ok || it.Type != "post" || (want != nil && !want(e.group)) {
			continue
		}
		pending[e.group] = append(pending[e.group], it)
		if len(pending[e.group]) < im.ex.groups[e.group] {
			continue
		}
		group := pending[e.group]
		delete(pending, e.group)
		if err := im.importGroup(ctx, group); err != nil {
			return err
		}
	}
	// Every group completes in a file that did not change between the
	// passes; one that did not is imported with what there is.
	for _, group := range pending {
		if err := im.importGroup(ctx, group); err != nil {
			return err
		}
	}
	return im.flushAll(ctx)
}

// progress counts n more posts done.
func (im *importer) progress(n int) {
	if im.relinking {
		return
	}
	im.done += n
	if im.opts.Progress != nil {
		im.opts.Progress(im.done, im.ex.total)
	}
}

// prepared is one post made ready to save.
type prepared struct {
	item   *wxr.Item
	entry  *postEntry
	input  models.TranslationInput
	hash   string
	status string
	// codes are the shortcodes left in its body (see relink).
	codes []string
}

// importGroup makes one translation group ready to save as one article,
// atomically, and queues it for its batch (see flush).
func (im *importer) importGroup(ctx context.Context, items []*wxr.Item) error {
	posts := make([]prepared, 0, len(items))
	for _, it := range items {
		posts = append(posts, im.prepare(it))
	}
	// The original first: its section and tags are the article's.
	slices.SortStableFunc(posts, func(a, b prepared) int {
		return rank(a, im.defaultLocale) - rank(b, im.defaultLocale)
	})
	shared, err := im.shared(ctx, posts)
	if err != nil {
		return err
	}
	shared.FeaturedMediaID = im.featured(posts)
	if id := shared.FeaturedMediaID; id != nil {
		// A featured picture imported after its post (a later run with
		// --uploads) is a change to save.
		for i := range posts {
			posts[i].hash += fmt.Sprintf(":m%d", *id)
		}
	}
	im.noteWaiting(posts)
	return im.queue(ctx, posts, shared)
}

// rank orders a group: WPML's original, then the default locale's post.
func rank(p prepared, def string) int {
	switch {
	case p.entry.original && strings.HasPrefix(p.entry.group, "wpml:"):
		return 0
	case p.input.Locale == def:
		return 1
	}
	return 2
}

// create is the save of a group never imported before.
func (im *importer) create(posts []prepared, shared *models.SharedInput) *batchSave {
	in := models.ArticleInput{Shared: shared}
	for _, p := range posts {
		in.Translations = append(in.Translations, p.input)
	}
	return &batchSave{group: posts, posts: posts, created: true, save: models.ImportSave{
		Article: &in, Record: im.importRecords(posts, true, 0), Redirects: im.oldURLs(0, posts),
	}}
}

// update brings an article imported before up to date with its posts,
// leaving alone what was edited in Payvand since (unless --overwrite).
// article is nil when it was deleted. Its old addresses are recorded on
// every run, for posts left unchanged too: recording is an upsert, so a
// run cut off before it still ends with every path recorded.
func (im *importer) update(posts []prepared, shared *models.SharedInput, article *models.Article, articleID uint, known map[int64]models.ImportedItem, sharedVersion int) *batchSave {
	if article == nil {
		for _, p := range posts {
			im.report.skip(p.item.ID, "its article was deleted in Payvand")
		}
		return nil
	}
	if article.TrashedAt != nil {
		for _, p := range posts {
			im.report.skip(p.item.ID, "its article is in Payvand's trash")
		}
		return nil
	}
	save := &batchSave{group: posts, save: models.ImportSave{Redirects: im.oldURLs(articleID, posts)}}
	in := models.ArticleInput{ID: articleID}
	var saving []prepared
	for _, p := range posts {
		k, wasImported := known[int64(p.item.ID)]
		cur, has := article.Translation(p.input.Locale)
		if wasImported && k.SourceHash == p.hash {
			continue
		}
		if has {
			edited := !wasImported || cur.Version != k.TargetVersion
			if edited && !im.opts.Overwrite {
				im.report.NotOverwritten = append(im.report.NotOverwritten, PostNote{PostID: p.item.ID, Message: fmt.Sprintf("article %d, %s", articleID, p.input.Locale)})
				continue
			}
			if edited {
				im.report.Overwritten = append(im.report.Overwritten, PostNote{PostID: p.item.ID, Message: fmt.Sprintf("article %d, %s", articleID, p.input.Locale)})
			}
			p.input.Version = cur.Version
		}
		in.Translations = append(in.Translations, p.input)
		saving = append(saving, p)
	}
	if len(saving) == 0 {
		im.report.Articles.Unchanged++
		return save // its old addresses alone
	}
	// The shared fields (section, tags) follow WordPress only while nobody
	// changed them in Payvand since the import.
	if article.Version == sharedVersion {
		if !im.opts.wantsMedia() {
			// A run without the uploads knows no pictures: it keeps the
			// featured picture an earlier run set.
			shared.FeaturedMediaID = article.FeaturedMediaID
		}
		shared.Version = article.Version
		in.Shared = shared
	}
	save.posts, save.save.Article = saving, &in
	save.save.Record = im.importRecords(saving, in.Shared != nil, sharedVersion)
	return save
}

// oldURLs are each post's old paths (oldPaths) as redirects to its
// article in the post's language, so the old links keep answering (GET
// /api/v1/redirects, payvand redirects export). articleID 0 is the
// article the batch saves. A refusal is a warning, never a lost article.
func (im *importer) oldURLs(articleID uint, posts []prepared) []models.RedirectInput {
	var in []models.RedirectInput
	for _, p := range posts {
		for _, path := range oldPaths(im.source, p.item) {
			in = append(in, models.RedirectInput{Path: path, Locale: p.input.Locale, ArticleID: articleID})
		}
	}
	return in
}

// oldPaths are the paths a post answered at on the old site: /?p=ID, its
// permalink and its guid, when they are on the site itself; percent-
// decoded, query kept, each once.
func oldPaths(source string, it *wxr.Item) []string {
	host := ""
	if u, err := url.Parse(source); err == nil {
		host = u.Host
	}
	paths := []string{fmt.Sprintf("/?p=%d", it.ID)}
	for _, raw := range []string{it.Link, it.GUID} {
		u, err := url.Parse(strings.TrimSpace(raw))
		if err != nil || raw == "" || (u.Host != "" && !strings.EqualFold(u.Host, host)) {
			continue
		}
		p := u.Path
		if p == "" {
			p = "/"
		}
		if u.RawQuery != "" {
			p += "?" + u.RawQuery
		}
		if !slices.Contains(paths, p) {
			paths = append(paths, p)
		}
	}
	return paths
}

// prepare turns a post into a translation to save.
func (im *importer) prepare(it *wxr.Item) prepared {
	e := im.ex.posts[it.ID]
	gallery := &galleryPass{im: im, post: it.ID, locale: e.locale}
	body, codes := convertContent(it.Content, gallery.expand)
	body, pictures, linksLeft := im.rewriteUploads(body)
	pictures = append(gallery.pictures, pictures...)
	im.reportLinksLeft(it.ID, linksLeft)
	gallery.missing = slices.DeleteFunc(gallery.missing, im.attachmentToCome)
	if len(gallery.missing) > 0 && im.opts.wantsMedia() && !im.opts.DryRun {
		im.report.warn(it.ID, "gallery pictures not in the media library: attachments %s", joinInts(gallery.missing))
	}
	for _, c := range codes {
		im.report.Shortcodes[c]++
		if l := im.report.ShortcodePosts[c]; len(l) == 0 || l[len(l)-1] != it.ID {
			im.report.ShortcodePosts[c] = append(l, it.ID)
		}
	}
	in := models.TranslationInput{
		Locale: e.locale, Title: strings.TrimSpace(it.Title), Slug: it.Slug(), BodyHTML: body,
		Summary: strings.TrimSpace(it.Excerpt), Byline: im.byline(it.Creator),
	}
	if in.Summary == "" {
		in.Summary = teaser(it.Content)
	}
	switch it.Status {
	case "publish", "future":
		in.Status = models.StatusPublished
		if at, ok := it.Date(im.zone); ok {
			in.PublishedAt = &at
		} else {
			im.report.warn(it.ID, "no date; published now")
		}
	default:
		in.Status = models.StatusDraft
		// A draft keeps a date only its author chose (WordPress then
		// writes its UTC date): publishing it publishes it at that date,
		// as WordPress would. Its local post_date is only when it was
		// last saved, and WordPress publishes such a draft "immediately".
		if at, ok := it.DateGMT(); ok {
			in.PublishedAt = &at
		}
	}
	if !textnorm.IsValidSlug(in.Slug, textnorm.SlugStyleFor(e.locale)) && in.Slug != "" {
		// The write path makes a valid slug of it; say so, since the old
		// URL's slug then differs.
		im.report.warn(it.ID, "slug %q is not a valid Payvand slug; one is made from it", in.Slug)
	}
	in.Title = clip(it.ID, im.report, "title", in.Title, models.TitleMaxRunes)
	in.Summary = clip(it.ID, im.report, "excerpt", in.Summary, models.SummaryMaxRunes)
	in.Byline = clip(it.ID, im.report, "byline", in.Byline, models.BylineMaxRunes)
	hash := fingerprint(it)
	if len(pictures) > 0 {
		// Pictures imported after their post (a later run with --uploads)
		// change its body.
		hash += ":" + strings.Join(pictures, ",")
	}
	return prepared{item: it, entry: e, input: in, hash: hash, status: it.Status, codes: codes}
}

func clip(id int, r *Report, field, s string, n int) string {
	runes := []rune(s)
	if len(runes) <= n {
		return s
	}
	r.warn(id, "%s cut to %d characters", field, n)
	return string(runes[:n])
}

func (im *importer) byline(login string) string {
	if name, ok := im.ex.authors[login]; ok && strings.TrimSpace(name) != "" {
		return strings.TrimSpace(name)
	}
	return login
}

// fingerprint identifies a post's imported content, so a second run
// knows whether it changed in WordPress.
func fingerprint(it *wxr.Item) string {
	h := sha256.New()
	for _, s := range []string{it.Title, it.Content, it.Excerpt, it.Status, it.PostDate, it.PostDateGMT, it.PostName, it.Creator} {
		fmt.Fprintf(h, "%d:%s", len(s), s)
	}
	for _, t := range it.Terms {
		if t.Domain == "category" || t.Domain == "post_tag" {
			fmt.Fprintf(h, "%s=%s;", t.Domain, t.Slug)
		}
	}
	return hex.EncodeToString(h.Sum(nil)[:16])
}
