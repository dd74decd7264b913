package admin

import (
	"errors"
	"net/http"
	"os"
	"strconv"

	"github.com/gin-gonic/gin"

	"github.com/payvand/payvand/models"
	"github.com/payvand/payvand/views"
)

// recentImports is how many runs the Import page lists.
const recentImports = 20

// importPage shows the Import page: the form, or the run going now, and
// the latest runs.
func (a *Admin) importPage(c *gin.Context) {
	a.renderImport(c, http.StatusOK, views.ImportForm{}, map[string]string{})
}

func (a *Admin) renderImport(c *gin.Context, status int, form views.ImportForm, errs map[string]string) {
	ctx := c.Request.Context()
	runs, err := a.store.ListImportRuns(ctx, recentImports)
	if a.failed(c, err) {
		return
	}
	active, err := a.store.FindActiveImportRun(ctx)
	if err != nil && !errors.Is(err, models.ErrNotFound) {
		a.fail(c, err)
		return
	}
	p := a.page(c, "import.title", "import")
	props := views.ImportPageProps{
		Page: p, Form: form, Errors: errs, Locales: a.localeChoices(), MaxSize: formatBytes(p.L, a.imports.maxBytes),
		CanFetchMedia: a.media.store != nil,
	}
	if active != nil {
		row := a.importRow(p, active)
		props.Active = &row
	}
	for i := range runs {
		props.Runs = append(props.Runs, a.importRow(p, &runs[i]))
	}
	a.render(c, status, views.ImportPage(props))
}

// importStart takes a WordPress export and starts its import in the
// background, then opens the run's page, which shows its progress. While
// another run goes, the upload is refused before its body is read.
func (a *Admin) importStart(c *gin.Context) {
	ctx := c.Request.Context()
	l := a.localizer(c)
	running := map[string]string{"form": l.T("import.error.running")}
	if _, err := a.store.FindActiveImportRun(ctx); err == nil {
		a.renderImport(c, http.StatusConflict, views.ImportForm{}, running)
		return
	} else if !errors.Is(err, models.ErrNotFound) {
		a.fail(c, err)
		return
	}
	up, errs, err := a.readImportUpload(c, l)
	if a.failed(c, err) {
		return
	}
	opts, optsJSON := a.importOptions(c, l, &up, errs)
	if len(errs) > 0 {
		removeUpload(up.path)
		status := http.StatusUnprocessableEntity
		if errs["file"] == a.importTooLarge(l) {
			status = http.StatusRequestEntityTooLarge
		}
		a.renderImport(c, status, up.form, errs)
		return
	}
	run, err := a.store.StartImportRun(ctx, models.ImportRunInput{StartedBy: currentUser(c).ID, FileName: up.fileName, Options: optsJSON})
	if errors.Is(err, models.ErrImportRunning) {
		// Another instance started one while this upload arrived.
		removeUpload(up.path)
		a.renderImport(c, http.StatusConflict, up.form, running)
		return
	}
	if err != nil {
		removeUpload(up.path)
		a.fail(c, err)
		return
	}
	a.log.Info("import started from the admin", "run", run.ID, "by", currentUser(c).ID, "file", up.fileName)
	a.imports.start(run, up.path, opts)
	redirect(c, importRunURL(run.ID))
}

// importRunPage shows one run. htmx polls its status part while it goes
// (HX-Target names that part), and gets that part alone.
func (a *Admin) importRunPage(c *gin.Context) {
	run := loadByID(a, c, a.store.FindImportRun)
	if run == nil {
		return
	}
	p := a.page(c, "import.title", "import")
	status := views.ImportStatusProps{Page: p, Run: a.importRow(p, run), Error: run.Error, Report: importReportView(run.Report, a.store.Locales())}
	if isHtmx(c) && c.GetHeader("HX-Target") == "import-status" {
		a.render(c, http.StatusOK, views.ImportStatus(status))
		return
	}
	a.render(c, http.StatusOK, views.ImportRunPage(views.ImportRunProps{Page: p, Status: status}))
}

// importRow is how the pages show a run.
func (a *Admin) importRow(p views.Page, run *models.ImportRun) views.ImportRunRow {
	row := views.ImportRunRow{
		ID: run.ID, FileName: run.FileName, Started: p.L.DateTime(run.StartedAt, a.tz), State: run.ShownState(a.store.Now()),
		DryRun: readImportOptions(run.Options).DryRun, PostsDone: run.PostsDone, PostsTotal: run.PostsTotal,
		PicturesDone: run.PicturesDone, PicturesTotal: run.PicturesTotal,
	}
	if run.Starter != nil {
		row.StartedBy = run.Starter.DisplayName
		if row.StartedBy == "" {
			row.StartedBy = run.Starter.Email
		}
	}
	if run.FinishedAt != nil {
		row.Finished = p.L.DateTime(*run.FinishedAt, a.tz)
	}
	return row
}

func importRunURL(id uint) string { return "/admin/import/" + strconv.FormatUint(uint64(id), 10) }

// removeUpload deletes an export that no run took.
func removeUpload(path string) {
	if path != "" {
		_ = os.Remove(path)
	}
}
