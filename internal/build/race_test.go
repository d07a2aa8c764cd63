//go:build race

package build

// raceEnabled: the -race run skips the kill test, which checks separate
// processes (no goroutines of its own to race) and only gets slower.
const raceEnabled = true
