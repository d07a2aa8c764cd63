package load

import (
	"hash/maphash"
	"os"
	"path"
	"path/filepath"
	"runtime"
	"sort"
	"strings"

	"github.com/pcmt/pcmt/internal/model"
	"github.com/pcmt/pcmt/internal/period"
)

type loader struct {
	root string
	ds   *model.Dataset
	r    report
	// seen finds duplicate figures: the position in ds.Figures of the
	// first figure of each key's hash (one map operation of a number a
	// figure, not two of a 150-byte key), in one map a shard of the
	// hashes (h % len(seen): the figure files' are made on every CPU,
	// loadFigureFiles), and in seenMore the rare keys whose hash another
	// key took first.
	seed     maphash.Seed
	seen     []map[uint64]int32
	seenMore map[figureKey]model.Pos
	// Figures and their numbers are made in blocks, not one by one: two
	// million figures nationally, each with up to three numbers, all kept
	// for the whole build (fewer objects to allocate and for the GC).
	figBlock []model.Figure
	numBlock []float64
	// lastPeriod is the period text parsed last (parsePeriod).
	lastPeriod struct {
		text string
		p    period.Period
		ok   bool
	}
}

// newSeen is an empty loader.seen, a shard a CPU.
func newSeen() []map[uint64]int32 {
	seen := make([]map[uint64]int32, runtime.GOMAXPROCS(0))
	for s := range seen {
		seen[s] = map[uint64]int32{}
	}
	return seen
}

// keep returns a lasting copy of the checked figure f.
func (l *loader) keep(f *model.Figure) *model.Figure {
	if len(l.figBlock) == 0 {
		l.figBlock = make([]model.Figure, 256)
	}
	p := &l.figBlock[0]
	l.figBlock = l.figBlock[1:]
	*p = *f
	return p
}

// number returns a lasting pointer to v.
func (l *loader) number(v float64) *float64 {
	if len(l.numBlock) == 0 {
		l.numBlock = make([]float64, 512)
	}
	p := &l.numBlock[0]
	l.numBlock = l.numBlock[1:]
	*p = v
	return p
}

// Load reads and checks the site at root. When anything is wrong it
// returns the partial dataset and Problems listing every problem found.
func Load(root string) (*model.Dataset, error) {
	l := &loader{root: root, seed: maphash.MakeSeed(), seen: newSeen(), seenMore: map[figureKey]model.Pos{}, ds: &model.Dataset{
		Units: map[model.UnitKey]*model.Unit{}, Places: map[string]*model.Place{},
		Indicators: map[string]*model.Indicator{}, Sources: map[string]*model.Source{},
		Predecessors: map[string][]string{},
	}}
	l.loadUnits()
	l.loadIndicators("data/indicators.toml")
	l.loadSources("data/sources.toml")
	l.loadPlaces("data/places.toml")
	l.loadFigureFiles(l.glob("data/figures", ".csv"))
	for _, rel := range l.glob(PlanDir, ".md") {
		if path.Base(rel) == "_index.md" {
			continue
		}
		l.loadPlan(rel)
	}
	l.loadChanges() // the ledger, checked against the figures above
	l.loadCommunePages()
	l.checkShortcodes()
	l.crossCheck()
	if len(l.r.ps) > 0 {
		return l.ds, l.r.ps.sorted()
	}
	return l.ds, nil
}

// glob lists the files with suffix in dir (relative, slash-separated), sorted.
func (l *loader) glob(dir, suffix string) []string {
	entries, err := os.ReadDir(filepath.Join(l.root, filepath.FromSlash(dir)))
	if err != nil {
		if !os.IsNotExist(err) {
			l.r.add(dir, 0, "", "cannot read folder: %v", err)
		}
		return nil
	}
	var out []string
	for _, e := range entries {
		if !e.IsDir() && strings.HasSuffix(e.Name(), suffix) && !strings.HasPrefix(e.Name(), ".") {
			out = append(out, dir+"/"+e.Name())
		}
	}
	sort.Strings(out)
	return out
}

// crossCheck checks what only the whole dataset shows.
func (l *loader) crossCheck() {
	for _, s := range sortedSources(l.ds) {
		if s.Kind != model.Plan {
			continue
		}
		found := false
		for _, p := range l.ds.Plans {
			if p.Path == s.Plan {
				found = true
			}
		}
		if !found {
			l.r.add(s.Pos.File, s.Pos.Line, "plan", "plan document %q not found under content/", s.Plan)
		}
	}
}

func sortedSources(ds *model.Dataset) []*model.Source {
	out := make([]*model.Source, 0, len(ds.Sources))
	for _, s := range ds.Sources {
		out = append(out, s)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].ID < out[j].ID })
	return out
}
