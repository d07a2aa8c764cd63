package publish

import (
	"io/fs"
	"os"
	"path/filepath"
	"sync"
)

// removeWorkers is how many files RemoveTree deletes at once.
const removeWorkers = 4

// RemoveTree removes dir and everything in it, as os.RemoveAll does, but
// deletes the files on several goroutines: a whole site is tens of
// thousands of files, and on a file system that discards freed blocks
// online each deletion mostly waits for the disk (bench/README.md: half
// the time with four at once). What a first pass leaves (an error, a file
// made meanwhile) os.RemoveAll removes or reports.
func RemoveTree(dir string) error {
	var files, dirs []string
	filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		switch {
		case err != nil:
			// os.RemoveAll below deals with what cannot be read.
		case d.IsDir():
			dirs = append(dirs, p)
		default:
			files = append(files, p)
		}
		return nil
	})
	next := make(chan string)
	var wg sync.WaitGroup
	for range min(removeWorkers, len(files)) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for p := range next {
				os.Remove(p)
			}
		}()
	}
	for _, p := range files {
		next <- p
	}
	close(next)
	wg.Wait()
	// Deepest first: WalkDir lists a directory before what it holds.
	for i := len(dirs) - 1; i >= 0; i-- {
		os.Remove(dirs[i])
	}
	return os.RemoveAll(dir)
}
