package main

import (
	"fmt"
	"io"
	"time"

	"github.com/schollz/progressbar/v3"

	"github.com/payvand/payvand/models"
)

// plainEvery is how often a copy whose output is not a terminal prints a
// progress line: often enough to see it moving in a log, rarely enough to
// keep the log short.
const plainEvery = 5 * time.Second

// progressLine shows one step's progress: a bar with an estimate of the
// time left on a terminal, or a plain line every few seconds in a log or
// pipe, where a bar's carriage returns would be noise.
type progressLine struct {
	w       io.Writer
	unit    string // "rows", "articles" or "bytes"
	total   int64
	bar     *progressbar.ProgressBar
	start   time.Time
	printed time.Time
	label   string
	done    int64
}

// newProgressLine starts showing a step that began at start, so the first
// estimate counts the time before the first report too.
func newProgressLine(w io.Writer, step, unit string, total int64, start time.Time) *progressLine {
	p := &progressLine{w: w, unit: unit, total: total, start: start, label: step}
	if !isTerminal(w) {
		return p
	}
	opts := []progressbar.Option{
		progressbar.OptionSetWriter(w),
		progressbar.OptionSetDescription(fmt.Sprintf("%-32s", step)),
		progressbar.OptionSetWidth(30),
		progressbar.OptionShowCount(),
		progressbar.OptionSetPredictTime(true),
		progressbar.OptionShowElapsedTimeOnFinish(),
		progressbar.OptionThrottle(100 * time.Millisecond),
		progressbar.OptionOnCompletion(func() { fmt.Fprintln(w) }),
	}
	if unit == "bytes" {
		opts = append(opts, progressbar.OptionShowBytes(true))
	} else {
		opts = append(opts, progressbar.OptionShowIts(), progressbar.OptionSetItsString(unit))
	}
	p.bar = progressbar.NewOptions64(total, opts...)
	return p
}

// set records how far the step has come; label names what it is on.
func (p *progressLine) set(label string, done int64) {
	p.done = done
	if p.bar != nil {
		if label != p.label {
			// One width for every table's name keeps the bar in place.
			p.bar.Describe(fmt.Sprintf("%-32s", label))
		}
		p.label = label
		_ = p.bar.Set64(done)
		return
	}
	p.label = label
	if time.Since(p.printed) >= plainEvery || done == p.total {
		p.print()
	}
}

// finish completes the bar, or prints the last line if it was not printed.
func (p *progressLine) finish() {
	if p.bar != nil {
		_ = p.bar.Finish()
		return
	}
	if p.printed.IsZero() || p.done != p.total {
		p.print()
	}
}

func (p *progressLine) print() {
	p.printed = time.Now()
	elapsed := time.Since(p.start)
	line := fmt.Sprintf("%s: %d/%d %s", p.label, p.done, p.total, p.unit)
	if p.total > 0 {
		line += fmt.Sprintf(" (%d%%)", p.done*100/p.total)
	}
	line += ", " + elapsed.Round(time.Second).String() + " elapsed"
	if secs := elapsed.Seconds(); p.done > 0 && secs >= 1 && p.unit != "bytes" {
		line += fmt.Sprintf(", %.1f %s/s", float64(p.done)/secs, p.unit)
	}
	if p.done > 0 && p.done < p.total {
		left := time.Duration(float64(elapsed) * float64(p.total-p.done) / float64(p.done))
		line += ", about " + left.Round(time.Second).String() + " left"
	}
	fmt.Fprintln(p.w, line)
}

// copyProgress follows a database copy through its steps.
type copyProgress struct {
	w    io.Writer
	step string
	line *progressLine
	// last is when the previous report came (or the copy began): where a
	// new step's clock starts.
	last time.Time
}

func newCopyProgress(w io.Writer) *copyProgress { return &copyProgress{w: w, last: time.Now()} }

// update is the models.CopyOptions.Progress callback.
func (c *copyProgress) update(p models.CopyProgress) {
	if p.Step != c.step {
		c.finish()
		unit := "rows"
		if p.Step == "search" {
			unit = "articles"
		}
		c.step = p.Step
		c.line = newProgressLine(c.w, p.Step, unit, p.Total, c.last)
	}
	label := "search index"
	if p.Step == "rows" {
		label = "rows: " + p.Table
	}
	c.line.set(label, p.Done)
	c.last = time.Now()
}

func (c *copyProgress) finish() {
	if c.line != nil {
		c.line.finish()
		c.line = nil
	}
}
