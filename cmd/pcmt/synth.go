package main

import (
	"flag"
	"fmt"
	"io"
	"path/filepath"

	"github.com/pcmt/pcmt/internal/synth"
)

// synthMain runs `pcmt synth`: write the synthetic national dataset (for
// benchmarks; never the real site) into a directory of its own.
func synthMain(args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("pcmt synth", flag.ContinueOnError)
	fs.SetOutput(stderr)
	source := fs.String("source", ".", "the repository whose layouts, unit lists and catalogue are used (`directory`)")
	out := fs.String("out", "", "where the synthetic site is written (`directory`, outside the repository)")
	seed := fs.Uint64("seed", 1, "random seed: the same seed writes the same files")
	provinces := fs.Int("provinces", 0, "only the first `N` provinces of each era (0: the whole country)")
	if err := fs.Parse(args); err != nil {
		return 2
	}
	if *out == "" || fs.NArg() > 0 {
		fmt.Fprintln(stderr, "usage: pcmt synth --out DIR [--seed N] [--provinces N] [--source DIR]")
		return 2
	}
	src, _ := filepath.Abs(*source)
	dst, _ := filepath.Abs(*out)
	if rel, err := filepath.Rel(src, dst); err == nil && filepath.IsLocal(rel) {
		fmt.Fprintf(stderr, "pcmt synth: %s is inside the repository; write the synthetic site elsewhere (e.g. /tmp/pcmt-national)\n", dst)
		return 2
	}
	st, err := synth.Write(src, dst, synth.Options{Seed: *seed, Provinces: *provinces})
	if err != nil {
		fmt.Fprintf(stderr, "pcmt synth: %v\n", err)
		return 1
	}
	fmt.Fprintf(stdout, "pcmt synth: wrote a synthetic site (%s) into %s: %d units, %d sources, %d figures, %d campaign pages\n",
		synth.Label, dst, st.Units, st.Sources, st.Figures, st.CampaignPages)
	return 0
}
