//go:build unix

package wpimport

import (
	"context"
	"fmt"
	"image"
	"image/color"
	"image/draw"
	"image/jpeg"
	"os"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/payvand/payvand/internal/locale"
	"github.com/payvand/payvand/internal/media"
	"github.com/payvand/payvand/internal/testdb"
	"github.com/payvand/payvand/models"
)

// benchPictures writes n distinct 2000×1500 JPEGs (quality 85, about
// what a camera picture resized by WordPress weighs) below uploads, and
// an export of n posts, each with one of them as its featured picture.
// Eight painted scenes are reused with a band of their own per picture,
// so every file, and every stored picture, differs.
func benchPictures(b *testing.B, uploads string, n int) []byte {
	b.Helper()
	const w, h = 2000, 1500
	var scenes []image.Image
	for seed := range 8 {
		scenes = append(scenes, media.DemoImage(seed, w, h))
	}
	var items []string
	for i := range n {
		img := image.NewRGBA(image.Rect(0, 0, w, h))
		draw.Draw(img, img.Bounds(), scenes[i%len(scenes)], image.Point{}, draw.Src)
		band := image.Rect(0, (i*37)%(h-40), w, (i*37)%(h-40)+40)
		draw.Draw(img, band, image.NewUniform(color.RGBA{uint8(i), uint8(i * 7), uint8(i * 13), 255}), image.Point{}, draw.Over)
		rel := fmt.Sprintf("2024/%02d/picture-%d.jpg", 1+i%12, i)
		path := filepath.Join(uploads, filepath.FromSlash(rel))
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			b.Fatal(err)
		}
		f, err := os.Create(path)
		if err != nil {
			b.Fatal(err)
		}
		if err := jpeg.Encode(f, img, &jpeg.Options{Quality: 85}); err != nil {
			b.Fatal(err)
		}
		if err := f.Close(); err != nil {
			b.Fatal(err)
		}
		items = append(items, mediaAttachment(10000+i, uploadsBase+rel, "fa", fmt.Sprintf("عکس شماره‌ی %d", i), "عکس: خبرگزاری"), mediaPost(i+1, "fa", 10000+i))
	}
	return mediaExport(items...)
}

func cpuTime() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

func loadAverage() string {
	b, err := os.ReadFile("/proc/loadavg")
	if err != nil {
		return "?"
	}
	return strings.Join(strings.Fields(string(b))[:3], " ")
}

// BenchmarkImportPictures imports an export of posts with one picture
// each (PAYVAND_BENCH_PICTURES, 200 by default) into an empty database
// and media folder: the text, then the picture phase (decode, resize,
// encode, store), then relink. It reports the picture phase's rate and
// wall time, the run's CPU time and the relink pass's time, with one
// worker and with one per CPU. Run with -benchtime=1x; see
// docs/BENCHMARKS.md.
func BenchmarkImportPictures(b *testing.B) {
	n := 200
	if v, err := strconv.Atoi(os.Getenv("PAYVAND_BENCH_PICTURES")); err == nil && v > 0 {
		n = v
	}
	uploads := b.TempDir()
	start := time.Now()
	data := benchPictures(b, uploads, n)
	b.Logf("%d pictures generated in %s; load average %s", n, time.Since(start).Round(time.Second), loadAverage())
	for _, workers := range []int{1, runtime.GOMAXPROCS(0)} {
		b.Run(fmt.Sprintf("workers=%d", workers), func(b *testing.B) {
			for b.Loop() {
				b.StopTimer()
				s, err := models.Open(context.Background(), models.Options{Database: testdb.URL(b), Locales: locale.MustParse("fa,tg")})
				if err != nil {
					b.Fatal(err)
				}
				files, err := media.NewFSStore(b.TempDir())
				if err != nil {
					b.Fatal(err)
				}
				var phaseStart, phaseEnd time.Time
				opts := Options{Uploads: uploads, Media: files, PictureWorkers: workers, MediaProgress: func(done, total int) {
					if phaseStart.IsZero() {
						phaseStart = time.Now()
					}
					if done == total {
						phaseEnd = time.Now()
					}
				}}
				before := loadAverage()
				b.StartTimer()
				cpu0, start := cpuTime(), time.Now()
				rep, err := Run(context.Background(), s, opener(data), opts)
				wall, cpu := time.Since(start), cpuTime()-cpu0
				b.StopTimer()
				if err != nil {
					b.Fatal(err)
				}
				if rep.Media.Imported != n || rep.Articles.Created != n || rep.Articles.Relinked != n {
					b.Fatalf("media %+v articles %+v; warnings %v", rep.Media, rep.Articles, rep.Warnings)
				}
				phase := phaseEnd.Sub(phaseStart)
				b.ReportMetric(float64(n)/phase.Seconds(), "pictures/s")
				b.ReportMetric(phase.Seconds(), "phase-s")
				b.ReportMetric(wall.Seconds(), "wall-s")
				b.ReportMetric(cpu.Seconds(), "cpu-s")
				b.ReportMetric(start.Add(wall).Sub(phaseEnd).Seconds(), "relink-s")
				b.Logf("load average before %s, after %s", before, loadAverage())
				s.Close()
				b.StartTimer()
			}
		})
	}
}
