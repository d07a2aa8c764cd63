package browsertest

import (
	"bytes"
	"os"
	"path/filepath"
	"sync"
	"testing"

	"github.com/pcmt/pcmt/internal/build"
)

var (
	defaultOnce sync.Once
	defaultDir  string
	defaultErr  error
	defaultLog  bytes.Buffer
)

// defaultSite builds the repository's site once for the package's browser
// tests, which only read it.
func defaultSite(t *testing.T) string {
	t.Helper()
	defaultOnce.Do(func() {
		dir, err := os.MkdirTemp("", "pcmt-browsertest-")
		if err != nil {
			defaultErr = err
			return
		}
		defaultDir = filepath.Join(dir, "public")
		defaultErr = build.Site(build.Options{Source: RepoRoot(t), Destination: defaultDir, Log: &defaultLog})
	})
	if defaultErr != nil {
		t.Fatalf("building the default site: %v\n%s", defaultErr, defaultLog.String())
	}
	return defaultDir
}

func TestMain(m *testing.M) {
	code := m.Run()
	if defaultDir != "" {
		os.RemoveAll(filepath.Dir(defaultDir))
	}
	os.Exit(code)
}
