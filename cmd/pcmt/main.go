// Command pcmt builds the pcmt site: public figures on drug prevention and
// rehabilitation (phòng, chống ma túy) in Vietnam, with their sources.
//
//	pcmt build [--source DIR] [--destination DIR]   build the site into public/
//	pcmt check [--source DIR]                        check the input, write nothing
//	pcmt serve [--source DIR] [--port N]             preview on 127.0.0.1 with live reload
//	pcmt units resolve NAME [--in PARENT] [--on DATE] look up a unit by name or code
//	pcmt new --commune CODE "TITLE"                  start a commune page (content/xa/CODE/)
package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"runtime/debug"
	"runtime/pprof"

	"github.com/pcmt/pcmt/internal/build"
	"github.com/pcmt/pcmt/internal/load"
)

const usage = `usage: pcmt <command> [flags]

commands:
  build   check the input and build the site (default into public/)
  check   check the input and report every problem as path:line: message
  serve   preview the site on http://127.0.0.1:1313/ with live reload
  units   look up a unit by name or code (units resolve NAME [--in PARENT] [--on DATE])
  new     start a commune page (new --commune CODE "TITLE"), see 'pcmt new -h'
  synth   write a synthetic national dataset for benchmarks (never the real site)

Run 'pcmt <command> -h' for a command's flags.
`

func main() {
	os.Exit(run(os.Args[1:], os.Stdout, os.Stderr))
}

func run(args []string, stdout, stderr io.Writer) int {
	if len(args) == 0 {
		fmt.Fprint(stderr, usage)
		return 2
	}
	if args[0] == "units" {
		return runUnits(args[1:], stdout, stderr)
	}
	if args[0] == "new" {
		return runNew(args[1:], stdout, stderr)
	}
	if args[0] == "synth" {
		return synthMain(args[1:], stdout, stderr)
	}
	fs := flag.NewFlagSet("pcmt "+args[0], flag.ContinueOnError)
	fs.SetOutput(stderr)
	source := fs.String("source", ".", "the site's root `directory`")
	var dest *string
	var port *int
	var verbose *bool
	switch args[0] {
	case "build":
		dest = fs.String("destination", "public", "where the site is published (`directory`), replaced only when the build succeeds")
		verbose = fs.Bool("v", false, "print each step's time and Hugo's messages")
	case "check":
	case "serve":
		port = fs.Int("port", 1313, "port on 127.0.0.1")
	case "-h", "--help", "help":
		fmt.Fprint(stdout, usage)
		return 0
	default:
		fmt.Fprintf(stderr, "pcmt: unknown command %q\n\n%s", args[0], usage)
		return 2
	}
	if err := fs.Parse(args[1:]); err != nil {
		return 2
	}
	if fs.NArg() > 0 {
		fmt.Fprintf(stderr, "pcmt %s: unexpected argument %q\n", args[0], fs.Arg(0))
		return 2
	}
	var err error
	switch args[0] {
	case "build":
		var log io.Writer = io.Discard
		if *verbose {
			log = stderr
		}
		if limit, ok := buildMemoryLimit(); ok {
			debug.SetMemoryLimit(limit)
			fmt.Fprintf(log, "pcmt: memory limit %d MiB (GOMEMLIMIT to change it, GOMEMLIMIT=off for none)\n", limit>>20)
		}
		if percent, ok := buildGCPercent(); ok {
			debug.SetGCPercent(percent)
		}
		// PCMT_CPUPROFILE=file: a CPU profile of the whole build, Hugo
		// included (bench/README.md).
		if path := os.Getenv("PCMT_CPUPROFILE"); path != "" {
			stop, perr := startCPUProfile(path)
			if perr != nil {
				return report(perr, stderr)
			}
			defer stop()
		}
		err = build.Site(build.Options{Source: *source, Destination: *dest, Log: log, Warn: stderr})
		// PCMT_MEMPROFILE=file: what the whole build allocated, by where
		// (go tool pprof -sample_index=alloc_space; bench/README.md).
		if path := os.Getenv("PCMT_MEMPROFILE"); path != "" && err == nil {
			err = writeAllocProfile(path)
		}
		if err == nil {
			abs, _ := filepath.Abs(*dest)
			fmt.Fprintf(stdout, "pcmt: built the site into %s\n", abs)
		}
	case "check":
		err = build.Check(*source)
		if err == nil {
			fmt.Fprintln(stdout, "pcmt: no problems found")
		}
	case "serve":
		err = serve(*source, *port, stdout, stderr)
	}
	return report(err, stderr)
}

// defaultMemoryLimit is the soft limit of a build's Go heap when GOMEMLIMIT
// is not set. The whole country (two million figures) keeps ~1.8 GB live
// while its pages are written; by default the heap may grow to twice that
// before the GC runs (4.8 GB peak). With this limit it peaks at 2.5 GB for
// ~20 % more time (bench/README.md). Small sites never reach it.
const defaultMemoryLimit = 2500 << 20

// buildMemoryLimit is the limit pcmt build sets itself: none when the
// Go runtime's GOMEMLIMIT is set (the runtime reads it; "off" included).
func buildMemoryLimit() (int64, bool) {
	if _, set := os.LookupEnv("GOMEMLIMIT"); set {
		return 0, false
	}
	return defaultMemoryLimit, true
}

// defaultGCPercent is the GC percent of a build when GOGC is not set: the
// heap may grow to five times what is live before a collection, up to the
// memory limit, which keeps the peak. The whole country runs 30 GC cycles
// (4.6 s of CPU) at Go's default of 100 and 15-18 (3.0-3.6 s) at 400, for
// the same peak; a mid-size site peaks higher (one province: ~570 MB, not
// 280, in round 6 of bench/README.md).
const defaultGCPercent = 400

// buildGCPercent is the GC percent pcmt build sets itself: none when the
// Go runtime's GOGC is set.
func buildGCPercent() (int, bool) {
	if _, set := os.LookupEnv("GOGC"); set {
		return 0, false
	}
	return defaultGCPercent, true
}

func startCPUProfile(path string) (stop func(), err error) {
	f, err := os.Create(path)
	if err != nil {
		return nil, err
	}
	if err := pprof.StartCPUProfile(f); err != nil {
		f.Close()
		return nil, err
	}
	return func() { pprof.StopCPUProfile(); f.Close() }, nil
}

// writeAllocProfile writes the allocs profile after a GC: without it the
// profile holds the allocations up to the last GC, not the build's end.
func writeAllocProfile(path string) error {
	runtime.GC()
	f, err := os.Create(path)
	if err != nil {
		return err
	}
	if err := pprof.Lookup("allocs").WriteTo(f, 0); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}

// report prints err for a person and returns the exit status: 1 for
// problems in the input or a failed build.
func report(err error, stderr io.Writer) int {
	if err == nil {
		return 0
	}
	var ps load.Problems
	if errors.As(err, &ps) {
		for _, p := range ps {
			fmt.Fprintln(stderr, p)
		}
		fmt.Fprintf(stderr, "pcmt: %d problem(s) found; nothing was published\n", len(ps))
		return 1
	}
	fmt.Fprintf(stderr, "pcmt: %v\n", err)
	return 1
}
