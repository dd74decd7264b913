package views

import (
	"strconv"
	"strings"
)

// ViewsChart is the dashboard's chart of views per day, drawn as SVG on
// the server: one line per locale. Its geometry is worked out here so the
// template only places what it is given.
type ViewsChart struct {
	// Title and Desc name the chart and sum it up for screen readers.
	Title, Desc string
	// Days label the days, oldest first, in the interface's calendar.
	Days   []string
	Series []ChartSeries
	// RTL lays time out from right to left, as a right-to-left reader
	// reads: the oldest day at the right, today at the left.
	RTL bool
	// Max is the top of the value axis; 0 when nothing was read.
	Max int64
	// Number writes a value in the interface's digits.
	Number func(int64) string
}

// ChartSeries is one locale's line.
type ChartSeries struct {
	Key   string // a CSS-safe name for its colour: the locale code or "none"
	Label string
	Lang  string
	Dir   string
	Views []int64
	Total string
}

// The chart's drawing box, in SVG user units; it scales to its container.
const (
	chartW, chartH          = 960.0, 260.0
	chartTop, chartBottom   = 12.0, 28.0
	chartAxis, chartOpposed = 44.0, 36.0
)

// ChartPoint is a day's value on a line.
type ChartPoint struct {
	X, Y  string
	Label string // "12 Jul: 340", for the point's tooltip
}

// ChartTick is a labelled position on an axis.
type ChartTick struct {
	X, Y  string
	Label string
}

func (c ViewsChart) viewBox() string { return "0 0 " + fmtUnit(chartW) + " " + fmtUnit(chartH) }

// x is the position of the i-th day: time runs in the reading direction.
func (c ViewsChart) x(i int) float64 {
	left, right := chartAxis, chartW-chartOpposed
	if c.RTL {
		left, right = chartOpposed, chartW-chartAxis
	}
	step := 0.0
	if len(c.Days) > 1 {
		step = (right - left) / float64(len(c.Days)-1)
	}
	if c.RTL {
		return right - float64(i)*step
	}
	return left + float64(i)*step
}

func (c ViewsChart) y(v int64) float64 {
	if c.Max == 0 {
		return chartH - chartBottom
	}
	return chartH - chartBottom - float64(v)/float64(c.Max)*(chartH-chartBottom-chartTop)
}

// points are a series' days on the chart.
func (c ViewsChart) points(s ChartSeries) []ChartPoint {
	out := make([]ChartPoint, len(s.Views))
	for i, v := range s.Views {
		out[i] = ChartPoint{X: fmtUnit(c.x(i)), Y: fmtUnit(c.y(v)), Label: s.Label + " · " + c.Days[i] + ": " + c.Number(v)}
	}
	return out
}

// polyline is a series as the points attribute of an SVG polyline.
func (c ViewsChart) polyline(s ChartSeries) string {
	var b strings.Builder
	for _, p := range c.points(s) {
		b.WriteString(p.X + "," + p.Y + " ")
	}
	return strings.TrimSpace(b.String())
}

// gridLines are the value axis's four steps above zero, with their labels
// on the axis side: the start of the reading direction.
func (c ViewsChart) gridLines() []ChartTick {
	out := []ChartTick{{Y: fmtUnit(c.y(0)), Label: c.Number(0)}}
	for i := int64(1); c.Max > 0 && i <= 4; i++ {
		v := c.Max * i / 4
		out = append(out, ChartTick{Y: fmtUnit(c.y(v)), Label: c.Number(v)})
	}
	for i := range out {
		out[i].X = fmtUnit(chartAxis - 6)
		if c.RTL {
			out[i].X = fmtUnit(chartW - chartAxis + 6)
		}
	}
	return out
}

func (c ViewsChart) plotStart() string {
	if c.RTL {
		return fmtUnit(chartOpposed)
	}
	return fmtUnit(chartAxis)
}

func (c ViewsChart) plotEnd() string {
	if c.RTL {
		return fmtUnit(chartW - chartAxis)
	}
	return fmtUnit(chartW - chartOpposed)
}

// dayTicks label every seventh day counted back from today, so today is
// always labelled.
func (c ViewsChart) dayTicks() []ChartTick {
	var out []ChartTick
	for i := len(c.Days) - 1; i >= 0; i -= 7 {
		out = append(out, ChartTick{X: fmtUnit(c.x(i)), Y: fmtUnit(chartH - 8), Label: c.Days[i]})
	}
	return out
}

// NiceCeiling is the top of a value axis of four steps that reaches v:
// each step is 1, 2 or 5 times a power of ten, so every line is labelled
// with a round number.
func NiceCeiling(v int64) int64 {
	if v <= 0 {
		return 0
	}
	need := (v + 3) / 4
	for p := int64(1); ; p *= 10 {
		for _, m := range []int64{1, 2, 5} {
			if m*p >= need {
				return 4 * m * p
			}
		}
	}
}

func fmtUnit(f float64) string { return strconv.FormatFloat(f, 'f', 1, 64) }
