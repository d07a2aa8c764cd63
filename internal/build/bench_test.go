package build

import (
	"os"
	"path/filepath"
	"runtime"
	"runtime/pprof"
	"testing"

	"github.com/pcmt/pcmt/internal/derive"
	"github.com/pcmt/pcmt/internal/load"
	"github.com/pcmt/pcmt/internal/sitegen"
)

// The benchmarks run on the default site, or on the site in
// $PCMT_BENCH_SOURCE (e.g. the national dataset of `pcmt synth`):
//
//	PCMT_BENCH_SOURCE=/tmp/pcmt-national go test -run '^$' -bench . -benchtime 1x ./internal/build
func benchSource(b *testing.B) string {
	if s := os.Getenv("PCMT_BENCH_SOURCE"); s != "" {
		return s
	}
	abs, err := filepath.Abs(repo)
	if err != nil {
		b.Fatal(err)
	}
	return abs
}

func BenchmarkLoad(b *testing.B) {
	src := benchSource(b)
	for b.Loop() {
		if _, err := load.Load(src); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkDerive(b *testing.B) {
	ds, err := load.Load(benchSource(b))
	if err != nil {
		b.Fatal(err)
	}
	var live uint64
	for b.Loop() {
		site, err := derive.Build(ds)
		if err != nil {
			b.Fatal(err)
		}
		// live-MB: the heap derive leaves for sitegen (with the dataset),
		// which stays live until the site is written.
		b.StopTimer()
		runtime.GC()
		var ms runtime.MemStats
		runtime.ReadMemStats(&ms)
		live = ms.HeapAlloc
		// PCMT_BENCH_HEAP=file: what is live after derive, while the site
		// still is (go tool pprof -sample_index=inuse_space file).
		if path := os.Getenv("PCMT_BENCH_HEAP"); path != "" {
			writeHeapProfile(b, path)
		}
		runtime.KeepAlive(site)
		b.StartTimer()
	}
	b.ReportMetric(float64(live)/1e6, "live-MB")
}

func writeHeapProfile(b *testing.B, path string) {
	f, err := os.Create(path)
	if err != nil {
		b.Fatal(err)
	}
	defer f.Close()
	if err := pprof.WriteHeapProfile(f); err != nil {
		b.Fatal(err)
	}
}

func BenchmarkSitegen(b *testing.B) {
	src := benchSource(b)
	ds, err := load.Load(src)
	if err != nil {
		b.Fatal(err)
	}
	site, err := derive.Build(ds)
	if err != nil {
		b.Fatal(err)
	}
	for b.Loop() {
		dir := b.TempDir()
		if err := sitegen.Write(site, src, filepath.Join(dir, "site")); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkStage is load + derive + sitegen: what pcmt does before Hugo.
func BenchmarkStage(b *testing.B) {
	src := benchSource(b)
	for b.Loop() {
		dir, err := Stage(src)
		if err != nil {
			b.Fatal(err)
		}
		os.RemoveAll(dir)
	}
}

// BenchmarkBuild is the whole build (pcmt build), published into a
// temporary directory.
func BenchmarkBuild(b *testing.B) {
	src := benchSource(b)
	for b.Loop() {
		dest := filepath.Join(b.TempDir(), "public")
		if err := Site(Options{Source: src, Destination: dest}); err != nil {
			b.Fatal(err)
		}
	}
}
