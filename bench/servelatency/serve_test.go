package main

import (
	"net"
	"os/exec"
	"path/filepath"
	"testing"
)

// TestServeShowsEdits runs `pcmt serve` on a copy of the default site and
// checks that an edit to a commune page and a corrected figure both reach
// the served pages (within run's 10 s limit: this is about the preview
// showing the edit at all, not its speed, which `go run .` measures). A
// unit page reads its view from a bundle resource; once, the served page
// kept the old figure after an edit.
func TestServeShowsEdits(t *testing.T) {
	if testing.Short() {
		t.Skip("runs pcmt serve")
	}
	bin := filepath.Join(t.TempDir(), "pcmt")
	if out, err := exec.Command("go", "build", "-o", bin, "../../cmd/pcmt").CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	port := l.Addr().(*net.TCPAddr).Port
	l.Close()
	if err := run(bin, "../..", 2, port); err != nil {
		t.Fatal(err)
	}
}
