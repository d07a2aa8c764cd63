// Package stall runs work that can block for ever, and gives up on it
// once a sign that it is stuck has held for long enough.
package stall

import (
	"errors"
	"time"
)

// ErrStalled is the error of work given up on (Watch.Run).
var ErrStalled = errors.New("stalled")

// Watch says how long a sign of being stuck must hold (After), and how
// often it is looked at (Poll).
type Watch struct {
	After, Poll time.Duration
}

// Run runs work and returns its error, or ErrStalled once stuck has held
// at every look for w.After while work has not returned. Work given up on
// is left running: the caller knows nothing can unblock it.
func (w Watch) Run(work func() error, stuck func() bool) error {
	done := make(chan error, 1)
	go func() { done <- work() }()
	tick := time.NewTicker(w.Poll)
	defer tick.Stop()
	var since time.Time
	for {
		select {
		case err := <-done:
			return err
		case now := <-tick.C:
			switch {
			case !stuck():
				since = time.Time{}
			case since.IsZero():
				since = now
			case now.Sub(since) >= w.After:
				return ErrStalled
			}
		}
	}
}
