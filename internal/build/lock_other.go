//go:build !unix

package build

import "os"

// lockFile: without flock, no build can tell a dead build from a running
// one, so leftovers are kept (never removed by mistake).
func lockFile(f *os.File, wait bool) bool { return false }
