//go:build unix

package build

import (
	"os"

	"golang.org/x/sys/unix"
)

// lockFile takes an exclusive lock on f; wait says whether to wait for it.
// The kernel drops the lock when the process dies, however it dies.
func lockFile(f *os.File, wait bool) bool {
	how := unix.LOCK_EX
	if !wait {
		how |= unix.LOCK_NB
	}
	return unix.Flock(int(f.Fd()), how) == nil
}
