// Command stage writes the staging Hugo site pcmt would render (load,
// check, derive, sitegen) into a directory and stops there, so that the
// benchmark can build the very same pages with a plain `hugo` binary.
//
//	go run ./bench/stage --source /tmp/pcmt-national --out /tmp/pcmt-bench/staging
package main

import (
	"flag"
	"fmt"
	"os"
	"path/filepath"

	"github.com/pcmt/pcmt/internal/build"
)

func main() {
	source := flag.String("source", ".", "the site's root `directory`")
	out := flag.String("out", "", "where the staging site goes (`directory`, replaced)")
	flag.Parse()
	if *out == "" {
		fmt.Fprintln(os.Stderr, "usage: stage --source DIR --out DIR")
		os.Exit(2)
	}
	src, err := filepath.Abs(*source)
	if err == nil {
		var dir string
		dir, err = build.Stage(src)
		if err == nil {
			os.RemoveAll(*out)
			if err = os.MkdirAll(filepath.Dir(*out), 0o755); err == nil {
				err = os.Rename(dir, *out)
			}
		}
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, "stage:", err)
		os.Exit(1)
	}
}
