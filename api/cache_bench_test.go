package api

// Measurements of the response cache under traffic (docs/BENCHMARKS.md,
// "Caches that survive traffic"). They take about a minute, so they run
// only when PAYVAND_CACHE_BENCH=1 is set:
//
//	PAYVAND_CACHE_BENCH=1 go test -run 'TestCacheBench' -v -count 1 ./api/

import (
	"context"
	"fmt"
	"io"
	"math/rand/v2"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"slices"
	"sync"
	"sync/atomic"
	"syscall"
	"testing"
	"time"

	"github.com/payvand/payvand/internal/viewcount"
	"github.com/payvand/payvand/models"
)

func skipUnlessCacheBench(t *testing.T) {
	if os.Getenv("PAYVAND_CACHE_BENCH") != "1" {
		t.Skip("set PAYVAND_CACHE_BENCH=1 to run the cache measurements")
	}
}

// cacheBenchArticles adds n public articles, both locales, to env and
// returns their ids.
func cacheBenchArticles(env *testEnv, n int) []uint {
	ids := make([]uint, 0, n)
	sections := []uint{env.ids["section:news"], env.ids["section:culture"], env.ids["section:heritage"]}
	for i := range n {
		key := fmt.Sprintf("bench%d", i)
		tg := pub("tg", fmt.Sprintf("Хабари рақами %d дар бораи фарҳанг ва иқтисод", i), -30-i)
		fa := pub("fa", fmt.Sprintf("خبر شماره\u200cی %d دربارهٔ فرهنگ و اقتصاد", i), -30-i)
		body := ""
		for range 12 {
			body += "<p>Матни дароз барои хабар, ки хонандагон мехонанд ва мулоҳиза мекунанд.</p>"
		}
		tg.BodyHTML, fa.BodyHTML = body, body
		env.article(key, models.SharedInput{SectionID: sections[i%3]}, tg, fa)
		ids = append(ids, env.ids[key])
	}
	return ids
}

// viewSink writes views like the store and, when emulateOld is set, then
// empties the response cache, as every view flush did before views stopped
// moving the content generation.
type viewSink struct {
	store      *models.Store
	cache      atomic.Pointer[responseCache]
	emulateOld bool
}

func (s *viewSink) AddViews(ctx context.Context, counts map[viewcount.Key]int64, at time.Time) error {
	err := s.store.AddViews(ctx, counts, at)
	if rc := s.cache.Load(); s.emulateOld && rc != nil {
		rc.entries.InvalidateAll()
	}
	return err
}

// Throughput of hot article reads over loopback HTTP, alone and with 500
// view POSTs a second beside them, views flushed every second (five times
// as often as the default). Rounds alternate so that the machine's other
// load falls on both alike.
func TestCacheBenchHotReadsBesideViews(t *testing.T) {
	skipUnlessCacheBench(t)
	env := newTestEnv(t)
	ids := cacheBenchArticles(env, 20)
	hot := []string{}
	for _, id := range ids[:5] {
		hot = append(hot, fmt.Sprintf("/api/v1/tg/articles/%d", id), fmt.Sprintf("/api/v1/fa/articles/%d", id))
	}
	const readers, roundTime, rounds = 8, 3 * time.Second, 5
	defer func(views *viewcount.Counter) { env.views = views }(env.views) // newTestEnv closes its own
	for _, emulateOld := range []bool{false, true} {
		sink := &viewSink{store: env.store, emulateOld: emulateOld}
		views := viewcount.New(sink, viewcount.Options{Window: time.Minute, FlushEvery: time.Second})
		env.views = views
		r := env.newRouter(Options{CacheControl: "public, max-age=60", CacheTTL: 30 * time.Second})
		sink.cache.Store(env.api.cache)
		srv := httptest.NewServer(r)
		client := &http.Client{Transport: &http.Transport{MaxIdleConnsPerHost: 64}}
		var alone, beside, aloneCPU, besideCPU []float64
		for round := range rounds {
			for _, withViews := range []bool{false, true} {
				misses := env.api.cache.misses.Load()
				res := hotReadRound(t, client, srv.URL, hot, readers, roundTime, withViews)
				if withViews {
					beside, besideCPU = append(beside, res.rps), append(besideCPU, res.perCPU)
				} else {
					alone, aloneCPU = append(alone, res.rps), append(aloneCPU, res.perCPU)
				}
				t.Logf("old=%v round %d views=%v: %.0f reads/s, %.0f reads per CPU-s, %d renders, %d view POSTs",
					emulateOld, round, withViews, res.rps, res.perCPU, env.api.cache.misses.Load()-misses, res.posted)
			}
		}
		srv.Close()
		views.Close(context.Background())
		a, b := median(alone), median(beside)
		ac, bc := median(aloneCPU), median(besideCPU)
		t.Logf("RESULT emulate-old-flush=%v: median %.0f reads/s alone, %.0f beside 500 views/s (%+.1f %%); per CPU-s %.0f vs %.0f (%+.1f %%)",
			emulateOld, a, b, 100*(b-a)/a, ac, bc, 100*(bc-ac)/ac)
	}
}

// hotReadRound runs readers for d and, with withViews, 500 view POSTs a
// second from distinct addresses; it returns reads per second.
func hotReadRound(t *testing.T, client *http.Client, base string, hot []string, readers int, d time.Duration, withViews bool) roundResult {
	var reads, posted atomic.Int64
	cpuBefore := processCPU()
	stop := make(chan struct{})
	var wg sync.WaitGroup
	for w := range readers {
		wg.Go(func() {
			rng := rand.New(rand.NewPCG(uint64(w), 1))
			for {
				select {
				case <-stop:
					return
				default:
				}
				resp, err := client.Get(base + hot[rng.IntN(len(hot))])
				if err != nil {
					t.Error(err)
					return
				}
				_, _ = io.Copy(io.Discard, resp.Body)
				resp.Body.Close()
				reads.Add(1)
			}
		})
	}
	if withViews {
		// Ten posters, each 50 a second, so one slow answer does not
		// lower the rate; every POST comes from a new address, so each
		// one counts.
		for range 10 {
			wg.Go(func() {
				tick := time.NewTicker(20 * time.Millisecond)
				defer tick.Stop()
				for {
					n := int(viewClients.Add(1))
					select {
					case <-stop:
						return
					case <-tick.C:
					}
					req, _ := http.NewRequest(http.MethodPost, base+"/api/v1/articles/"+hot[n%len(hot)][len("/api/v1/tg/articles/"):]+"/views", nil)
					req.Header.Set("X-Forwarded-For", fmt.Sprintf("10.%d.%d.%d", n>>16&255, n>>8&255, n&255))
					resp, err := client.Do(req)
					if err != nil {
						t.Error(err)
						return
					}
					_, _ = io.Copy(io.Discard, resp.Body)
					resp.Body.Close()
					posted.Add(1)
				}
			})
		}
	}
	time.Sleep(d)
	close(stop)
	wg.Wait()
	cpu := processCPU() - cpuBefore
	return roundResult{rps: float64(reads.Load()) / d.Seconds(), perCPU: float64(reads.Load()) / cpu.Seconds(), posted: posted.Load()}
}

// viewClients numbers the addresses view POSTs come from.
var viewClients atomic.Int64

// roundResult is one round: reads per wall second and per CPU second of
// the whole process (server and clients), and view POSTs sent.
type roundResult struct {
	rps, perCPU float64
	posted      int64
}

// processCPU is the CPU time this process has used, user and system. Per
// CPU second the numbers depend much less on what else the shared machine
// runs than per wall second.
func processCPU() time.Duration {
	var ru syscall.Rusage
	_ = syscall.Getrusage(syscall.RUSAGE_SELF, &ru)
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

func median(xs []float64) float64 {
	s := slices.Clone(xs)
	slices.Sort(s)
	return s[len(s)/2]
}

// The cache's hit rate over a replay of ten minutes of a realistic mix,
// on the test clock (the replay takes seconds, not ten minutes): 40
// requests a simulated second, article reads skewed to the newest, lists,
// sections, searches and view POSTs; views flushed every 5 s (the
// default), an editor saving an article every 30 s, TTL 30 s (the
// default). Modes: "branch" is this code, the save a real SaveArticle;
// "old" also empties the cache at every view flush, as before; "events"
// records the save as the article.updated event the event rule will
// record, without the generation safety net moving.
func TestCacheBenchReplay(t *testing.T) {
	skipUnlessCacheBench(t)
	for _, mode := range []string{"branch", "old", "events"} {
		env := newTestEnv(t)
		ids := cacheBenchArticles(env, 200)
		sink := &viewSink{store: env.store, emulateOld: mode == "old"}
		views := viewcount.New(sink, viewcount.Options{Window: 30 * time.Minute, FlushEvery: time.Hour, Now: env.clock.now})
		r := func() http.Handler {
			defer func(own *viewcount.Counter) { env.views = own }(env.views) // newTestEnv closes its own
			env.views = views
			return env.newRouter(Options{CacheControl: "public, max-age=60", CacheTTL: 30 * time.Second})
		}()
		sink.cache.Store(env.api.cache)
		rng := rand.New(rand.NewPCG(7, 7))
		zipf := rand.NewZipf(rand.New(rand.NewPCG(8, 8)), 1.1, 4, uint64(len(ids)-1))
		locales := []string{"tg", "tg", "fa"}
		queries := []string{"фарҳанг", "иқтисод", "хабар", "فرهنگ", "اقتصاد"}
		const perSecond, seconds = 40, 600
		start := env.clock.t
		hits0, misses0 := env.api.cache.hits.Load(), env.api.cache.misses.Load()
		saves := 0
		for step := range perSecond * seconds {
			env.clock.t = start.Add(time.Duration(step) * time.Second / perSecond)
			if step%perSecond == 0 {
				sec := step / perSecond
				if sec%5 == 0 && sec > 0 {
					if err := views.Flush(context.Background()); err != nil {
						t.Fatal(err)
					}
				}
				if sec%30 == 15 {
					id := ids[zipf.Uint64()]
					saves++
					if mode == "events" {
						if _, err := env.store.RecordTestEvent(context.Background(), models.EventArticleUpdated, &id, "tg", map[string]any{}); err != nil {
							t.Fatal(err)
						}
					} else {
						key := fmt.Sprintf("bench%d", slices.Index(ids, id))
						env.saveTranslation(key, "tg", func(in *models.TranslationInput) { in.Summary = fmt.Sprintf("Хулосаи нав %d", saves) })
					}
				}
			}
			loc := locales[rng.IntN(len(locales))]
			var req *http.Request
			switch p := rng.IntN(100); {
			case p < 60:
				req = httptest.NewRequest(http.MethodGet, fmt.Sprintf("/api/v1/%s/articles/%d", loc, ids[zipf.Uint64()]), nil)
			case p < 75:
				req = httptest.NewRequest(http.MethodGet, "/api/v1/"+loc+"/articles", nil)
			case p < 80:
				req = httptest.NewRequest(http.MethodGet, "/api/v1/"+loc+"/articles?section=culture", nil)
			case p < 85:
				req = httptest.NewRequest(http.MethodGet, "/api/v1/"+loc+"/sections", nil)
			case p < 90:
				req = httptest.NewRequest(http.MethodGet, "/api/v1/"+loc+"/search?q="+url.QueryEscape(queries[rng.IntN(len(queries))]), nil)
			default:
				req = httptest.NewRequest(http.MethodPost, fmt.Sprintf("/api/v1/articles/%d/views", ids[zipf.Uint64()]), nil)
				req.RemoteAddr = fmt.Sprintf("10.1.%d.%d:1000", step>>8&255, step&255)
			}
			rec := httptest.NewRecorder()
			r.ServeHTTP(rec, req)
			if rec.Code >= 500 {
				t.Fatalf("%s %s: %d", req.Method, req.URL, rec.Code)
			}
		}
		views.Close(context.Background())
		hits, misses := env.api.cache.hits.Load()-hits0, env.api.cache.misses.Load()-misses0
		t.Logf("RESULT replay mode=%s: %d cacheable GETs, %d hits, %d renders: hit rate %.1f %% (%d saves, %d view flushes)",
			mode, hits+misses, hits, misses, 100*float64(hits)/float64(hits+misses), saves, seconds/5-1)
	}
}
