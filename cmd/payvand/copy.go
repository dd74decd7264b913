package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"text/tabwriter"
	"time"

	"github.com/payvand/payvand/internal/config"
	"github.com/payvand/payvand/models"
)

func printCopyUsage(w io.Writer) {
	fmt.Fprint(w, `Usage:
  payvand copy --from DATABASE --to DATABASE [--resume | --replace]
  payvand copy --from-media STORE --to-media STORE
  (or both pairs at once)

Moves a whole site from one database to another, SQLite to PostgreSQL or
back: every table, with its ids and versions, in foreign-key order, in
batches. The target's schema is created or brought up to date first; the
source must be at this version's schema (start this version of Payvand on
it once if it is older). The search index is rebuilt in the target's own
engine. At the end every table's row count is compared on both sides and
printed. Stop the site first, or copy a backup: the copy holds every save
committed before it started, and none after.

  --from DATABASE      the site's database now: sqlite:PATH or postgres://…
  --to DATABASE        where it goes: sqlite:PATH or postgres://…
  --resume             the target holds an interrupted copy of the same
                       source: keep its rows and add the missing ones
  --replace            the target holds another site: delete everything in
                       it first
  --batch N            rows read and written at a time (default 1000)
  --from-media STORE   the site's media store: file (the media folder of
                       --data), file:DIR, or an s3://BUCKET/PREFIX?endpoint=…
                       URL as --media-store takes it
  --to-media STORE     where the media files go, in the same forms

Without --resume or --replace a target that holds any row is refused. Media
files already in the target store with the same size are skipped, so a
stopped media copy resumes by running it again. S3 credentials come from
AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, for either side.

Progress goes to stdout: a bar with an estimate of the time left on a
terminal, a line every few seconds otherwise. Exit codes: 0 copied and
verified, 1 failed, refused or counts differ, 2 wrong command line.
`)
}

// copyFlags are payvand copy's own flags.
type copyFlags struct {
	from, to, fromMedia, toMedia string
	resume, replace              bool
	batch                        int
}

// copyCommand runs `payvand copy`.
func copyCommand(ctx context.Context, args []string, getenv func(string) string, stdout, stderr io.Writer) int {
	var f copyFlags
	spec := commandSpec{name: "payvand copy", usage: printCopyUsage, flags: func(fs *flag.FlagSet) {
		fs.StringVar(&f.from, "from", "", "source database")
		fs.StringVar(&f.to, "to", "", "target database")
		fs.BoolVar(&f.resume, "resume", false, "complete an interrupted copy")
		fs.BoolVar(&f.replace, "replace", false, "empty the target first")
		fs.IntVar(&f.batch, "batch", models.DefaultCopyBatch, "rows per batch")
		fs.StringVar(&f.fromMedia, "from-media", "", "source media store")
		fs.StringVar(&f.toMedia, "to-media", "", "target media store")
	}}
	cl, code, done := parseCommand(spec, args, getenv, stdout, stderr)
	if done {
		return code
	}
	if code, done := wantArguments(spec, cl, 0, "", stderr); done {
		return code
	}
	if err := f.check(); err != nil {
		fmt.Fprintf(stderr, "payvand: copy: %v\nsee payvand copy --help\n", err)
		return 2
	}
	if f.from != "" {
		if err := copyDatabase(ctx, cl.cfg, f, stdout); err != nil {
			reportCopyError(stderr, err)
			return 1
		}
	}
	if f.fromMedia != "" {
		if err := copyMediaStores(ctx, cl.cfg, f.fromMedia, f.toMedia, stdout); err != nil {
			fmt.Fprintln(stderr, "payvand: copy media:", err)
			return 1
		}
	}
	return 0
}

// check refuses flag combinations that cannot mean anything.
func (f copyFlags) check() error {
	switch {
	case (f.from == "") != (f.to == ""):
		return errors.New("--from and --to go together: name the database to copy and where to")
	case (f.fromMedia == "") != (f.toMedia == ""):
		return errors.New("--from-media and --to-media go together: name the media store to copy and where to")
	case f.from == "" && f.fromMedia == "":
		return errors.New("nothing to copy: give --from and --to, --from-media and --to-media, or both")
	case f.resume && f.replace:
		return errors.New("--resume and --replace exclude each other")
	case f.batch < 1:
		return errors.New("--batch must be at least 1")
	case f.from != "" && models.SameDatabase(f.from, f.to, ""):
		return errors.New("--from and --to name the same database")
	case f.fromMedia != "" && f.fromMedia == f.toMedia:
		return errors.New("--from-media and --to-media name the same store")
	}
	return nil
}

// copyDatabase copies the database --from names into --to and prints each
// table's counts.
func copyDatabase(ctx context.Context, cfg config.Config, f copyFlags, stdout io.Writer) error {
	src, err := models.OpenCopySource(ctx, f.from)
	if err != nil {
		return err
	}
	defer src.Close()
	opts := storeOptions(cfg, newLogger(cfg, io.Discard))
	opts.Database = f.to
	target, err := models.Open(ctx, opts)
	if err != nil {
		return fmt.Errorf("open the target: %w", err)
	}
	defer target.Close()
	mode := models.CopyIntoEmpty
	switch {
	case f.resume:
		mode = models.CopyResume
	case f.replace:
		mode = models.CopyReplace
	}
	fmt.Fprintf(stdout, "Copying %s (%s) into %s (%s)\n", models.RedactDatabaseURL(f.from), src.Engine(), models.RedactDatabaseURL(f.to), target.Engine())
	progress := newCopyProgress(stdout)
	report, err := target.CopyFrom(ctx, src, models.CopyOptions{Mode: mode, Batch: f.batch, Progress: progress.update})
	progress.finish()
	if report != nil && len(report.Tables) > 0 {
		printCopyCounts(stdout, report)
	}
	return err
}

// printCopyCounts prints each table's rows on both sides and the speed.
func printCopyCounts(w io.Writer, r *models.CopyReport) {
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintln(tw, "table\tsource\ttarget\t")
	for _, c := range r.Tables {
		mark := ""
		if c.Source != c.Target {
			mark = "  DIFFERS"
		}
		fmt.Fprintf(tw, "%s\t%d\t%d\t%s\n", c.Table, c.Source, c.Target, mark)
	}
	tw.Flush()
	rate := float64(r.Rows) / max(r.RowsTook.Seconds(), 0.001)
	fmt.Fprintf(w, "%d rows read, %d written, in %s (%.0f rows/s); search index of %d articles rebuilt in %s\n",
		r.Rows, r.Written, r.RowsTook.Round(time.Millisecond), rate, r.Articles, r.SearchTook.Round(time.Millisecond))
}

// reportCopyError explains a refused or failed copy.
func reportCopyError(stderr io.Writer, err error) {
	var notEmpty *models.TargetNotEmptyError
	switch {
	case errors.As(err, &notEmpty):
		fmt.Fprintf(stderr, "payvand: copy: %v.\n"+
			"  If it holds a copy of the same site that was cut off, give --resume to add what is missing.\n"+
			"  If it holds anything else, give --replace to delete everything in it first.\n", err)
	case errors.Is(err, context.Canceled):
		fmt.Fprintln(stderr, "payvand: copy: stopped; what was copied stays in the target. Run the same command with --resume to complete it")
	case errors.Is(err, models.ErrCopyCountsDiffer):
		fmt.Fprintf(stderr, "payvand: copy: %v; see the counts above. Run the copy again with --resume, or with --replace to start over\n", err)
	default:
		fmt.Fprintln(stderr, "payvand: copy:", err)
	}
}
