package views

import "strconv"

// ImportForm is what an admin chose on the Import page's form.
type ImportForm struct {
	DryRun     bool
	Overwrite  bool
	FetchMedia bool
	// Locale is the locale of posts without a language; "" is the site's
	// first.
	Locale string
	// LocaleMap is "fa=fa,tj=tg"; SectionMap CSV lines
	// wordpress-category-slug,payvand-section-slug.
	LocaleMap  string
	SectionMap string
}

// ImportPageProps is the Import page: the form (unless a run is going),
// and the latest runs.
type ImportPageProps struct {
	Page
	Form    ImportForm
	Errors  map[string]string
	Locales []LocaleChoice
	// MaxSize is the largest export accepted, for people.
	MaxSize string
	// CanFetchMedia offers downloading the pictures from the old site.
	CanFetchMedia bool
	// Active is the run going now, if any: no second starts meanwhile.
	Active *ImportRunRow
	Runs   []ImportRunRow
}

// ImportRunRow is one run as the pages list it.
type ImportRunRow struct {
	ID        uint
	FileName  string
	StartedBy string
	Started   string
	Finished  string
	// State is models' state as shown now (a run whose instance died is
	// interrupted).
	State         string
	DryRun        bool
	PostsDone     int
	PostsTotal    int
	PicturesDone  int
	PicturesTotal int
}

// Going reports whether the run is still queued or running, so its page
// keeps polling.
func (r ImportRunRow) Going() bool { return r.State == "queued" || r.State == "running" }

func importRunPath(id uint) string { return "/admin/import/" + strconv.FormatUint(uint64(id), 10) }

// ImportRunProps is one run's page: its progress while it goes, then its
// report.
type ImportRunProps struct {
	Page
	Status ImportStatusProps
}

// ImportStatusProps is the part of a run's page htmx polls.
type ImportStatusProps struct {
	Page
	Run ImportRunRow
	// Error is why the run failed, for people; "" otherwise.
	Error  string
	Report *ImportReportView
}

// ImportReportView is wpimport's report as the page shows it.
type ImportReportView struct {
	Source string
	DryRun bool
	// Posts are the translations imported, by locale and WordPress status.
	Posts                                       []ImportPostCount
	Created, Updated, Unchanged, Failed, Joined int
	// Relinked are the articles saved again with pictures that arrived
	// in the picture phase.
	Relinked               int
	SectionsMade, TagsMade int
	Skipped                []ImportCount
	SkippedPosts           []ImportNote
	Media                  ImportMediaCounts
	MissingMedia           []ImportNote
	Shortcodes             []ImportShortcode
	Warnings               []ImportNote
	NotOverwritten         []ImportNote
	Overwritten            []ImportNote
	NotYet                 []string
}

// ImportPostCount is how many posts of one status were imported in one
// locale, with the article list filtered to them where it can be.
type ImportPostCount struct {
	// LocaleName is the locale's name in itself, "" for one the site no
	// longer has.
	Locale, LocaleName, Status string
	Count                      int
	ListURL                    string
}

// ImportCount is a reason and how many items it applies to.
type ImportCount struct {
	Reason string
	Count  int
}

// ImportNote is a message about one WordPress post (PostID 0: none).
type ImportNote struct {
	PostID  int
	Message string
}

// ImportMediaCounts are the attachments a run imported.
type ImportMediaCounts struct {
	Imported, Unchanged, Missing, Failed int
}

// ImportShortcode is a shortcode left as text, and the posts it is in.
type ImportShortcode struct {
	Name  string
	Count int
	Posts string
}

func (m ImportMediaCounts) any() bool { return m != ImportMediaCounts{} }

// percent is done of total as a whole percentage, 0 without a total.
func percent(done, total int) int {
	if total <= 0 {
		return 0
	}
	return done * 100 / total
}
