package stall

import (
	"errors"
	"sync/atomic"
	"testing"
	"time"
)

// Run gives the work's own error unless the work is stuck at every look
// for After; then ErrStalled, without waiting for the work.
func TestRun(t *testing.T) {
	w := Watch{After: 50 * time.Millisecond, Poll: 5 * time.Millisecond}
	failed := errors.New("render of content/don-vi/x.md failed")
	never := make(chan struct{})
	t.Cleanup(func() { close(never) })
	after := func(d time.Duration, err error) func() error {
		return func() error { time.Sleep(d); return err }
	}
	var flips atomic.Int32
	cases := []struct {
		name  string
		work  func() error
		stuck func() bool
		want  error
	}{
		{"done at once", after(0, failed), func() bool { return true }, failed},
		{"slow, not stuck", after(200*time.Millisecond, failed), func() bool { return false }, failed},
		{"slow, succeeds", after(200*time.Millisecond, nil), func() bool { return false }, nil},
		{"stuck", func() error { <-never; return nil }, func() bool { return true }, ErrStalled},
		// A sign that comes and goes is not a stall.
		{"stuck now and then", after(300*time.Millisecond, failed), func() bool { return flips.Add(1)%4 != 0 }, failed},
	}
	for _, c := range cases {
		start := time.Now()
		if err := w.Run(c.work, c.stuck); err != c.want {
			t.Errorf("%s: Run = %v, want %v", c.name, err, c.want)
		}
		if c.want == ErrStalled && time.Since(start) > time.Second {
			t.Errorf("%s: took %v to give up", c.name, time.Since(start))
		}
	}
}
