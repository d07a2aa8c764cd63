package derive

import (
	"testing"

	"github.com/pcmt/pcmt/internal/load"
	"github.com/pcmt/pcmt/internal/model"
	"github.com/pcmt/pcmt/internal/siteconfig"
)

// defaultSiteSettings loads the repository's own data and gives the two
// settings tests run it with: the default thresholds, and every threshold
// at 100 (most figures withheld).
func defaultSiteSettings(t *testing.T) (*model.Dataset, map[string]siteconfig.Config) {
	t.Helper()
	ds, err := load.Load("../..")
	if err != nil {
		t.Fatal(err)
	}
	strict := siteconfig.Default()
	for k := range strict.Thresholds {
		strict.Thresholds[k] = 100
	}
	return ds, map[string]siteconfig.Config{"default": siteconfig.Default(), "threshold 100": strict}
}
