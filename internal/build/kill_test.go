package build

import (
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strings"
	"syscall"
	"testing"
	"time"
)

// TestKilledBuildLeavesSiteWhole runs `pcmt build` as a separate process and
// SIGKILLs it at several moments (while loading, rendering, writing the new
// site, swapping). After each kill the published site must be, byte for
// byte, either the previous site or the new one, complete. The next build
// must succeed and remove what the killed ones left, and no build may write
// outside its destination's folder and its temporary staging folder.
func TestKilledBuildLeavesSiteWhole(t *testing.T) {
	if testing.Short() || raceEnabled {
		t.Skip("builds the site about ten times; separate processes, nothing for -race to see")
	}
	bin := filepath.Join(t.TempDir(), "pcmt")
	gobuild := exec.Command("go", "build", "-o", bin, "./cmd/pcmt")
	gobuild.Dir = repo
	gobuild.Env = append(os.Environ(), "CGO_ENABLED=0")
	if out, err := gobuild.CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	src := inputCopy(t)
	home, tmp, parent := t.TempDir(), t.TempDir(), t.TempDir()
	dest := filepath.Join(parent, "public")
	start := func() *exec.Cmd {
		cmd := exec.Command(bin, "build", "--source", src, "--destination", dest)
		cmd.Env = append(os.Environ(), "HOME="+home, "TMPDIR="+tmp, "XDG_CACHE_HOME="+filepath.Join(home, ".cache"))
		return cmd
	}
	run := func() {
		t.Helper()
		if out, err := start().CombinedOutput(); err != nil {
			t.Fatalf("pcmt build: %v\n%s", err, out)
		}
	}
	srcBefore := inputHash(t, src)

	run()
	oldSite := treeHash(t, dest)
	// The builds to kill publish something else, so that a kill after the
	// swap shows as the new site, not as the old one by luck.
	replaceIn(t, src, "data/figures/ldxh-2023-03-15-tuyen-quang.csv", "Chiêm Hóa (116 đối tượng)", "huyện Chiêm Hóa (116 đối tượng)")
	srcBefore = inputHash(t, src)
	newDest := filepath.Join(t.TempDir(), "public")
	cmd := start()
	cmd.Args[len(cmd.Args)-1] = newDest
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("pcmt build: %v\n%s", err, out)
	}
	newSite := treeHash(t, newDest)
	if len(diffTrees(oldSite, newSite)) == 0 {
		t.Fatal("the old and new sites are the same: the test could not tell them apart")
	}

	kills := 0
	check := func(when string) {
		t.Helper()
		got := treeHash(t, dest)
		if len(diffTrees(oldSite, got)) != 0 && len(diffTrees(newSite, got)) != 0 {
			t.Errorf("killed %s: public/ is neither the old site nor the new one:\n%s", when, strings.Join(diffTrees(oldSite, got), "\n"))
		}
	}
	for _, d := range []time.Duration{0, 20 * time.Millisecond, 80 * time.Millisecond, 200 * time.Millisecond, 400 * time.Millisecond,
		700 * time.Millisecond, 1000 * time.Millisecond, 1400 * time.Millisecond, 1800 * time.Millisecond} {
		cmd := start()
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		time.Sleep(d)
		cmd.Process.Signal(syscall.SIGKILL)
		cmd.Wait()
		kills++
		check("after " + d.String())
	}
	// While it writes the new site: as soon as .public.new-* has files.
	for range 2 {
		cmd := start()
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		deadline := time.Now().Add(30 * time.Second)
		for time.Now().Before(deadline) {
			if m, _ := filepath.Glob(filepath.Join(parent, ".public.new-*", "*")); len(m) > 3 {
				break
			}
			time.Sleep(2 * time.Millisecond)
		}
		cmd.Process.Signal(syscall.SIGKILL)
		cmd.Wait()
		kills++
		check("while writing")
	}
	left, _ := filepath.Glob(filepath.Join(parent, ".public.*"))
	staged, _ := filepath.Glob(filepath.Join(tmp, "pcmt-site-*"))
	t.Logf("%d kills left %d item(s) beside public/ and %d staging folder(s)", kills, len(left), len(staged))

	// The next build succeeds, publishes the new site and removes the
	// leftovers.
	run()
	if d := diffTrees(newSite, treeHash(t, dest)); len(d) > 0 {
		t.Errorf("the build after the kills did not publish the new site:\n%s", strings.Join(d, "\n"))
	}
	if names := list(t, parent); strings.Join(names, ",") != "public" {
		t.Errorf("beside public/ after a clean build: %v, want only public", names)
	}
	if names := list(t, tmp); len(names) > 0 {
		t.Errorf("left in the temporary folder: %v", names)
	}
	if names := list(t, home); len(names) > 0 {
		t.Errorf("a build wrote into HOME: %v", names)
	}
	if d := diffTrees(srcBefore, inputHash(t, src)); len(d) > 0 {
		t.Errorf("a build changed its source:\n%s", strings.Join(d, "\n"))
	}
}

func list(t *testing.T, dir string) []string {
	t.Helper()
	es, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, e := range es {
		out = append(out, e.Name())
	}
	sort.Strings(out)
	return out
}

// inputHash hashes a site's input, not the node_modules it links to.
func inputHash(t *testing.T, src string) map[string][32]byte {
	out := map[string][32]byte{}
	for _, name := range []string{"config.toml", "layouts", "static", "content", "data"} {
		for k, v := range treeHash(t, filepath.Join(src, name)) {
			out[filepath.Join(name, k)] = v
		}
	}
	return out
}
