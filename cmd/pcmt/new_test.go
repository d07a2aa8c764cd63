package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestNewScaffoldsCommunePage runs the example of issue 4: the file lands
// in content/xa/<code>/, in exactly the form of a hand-written page (and
// of one saved by the web editor), passes pcmt check, and builds into a
// page that shows its commune, date and office.
func TestNewScaffoldsCommunePage(t *testing.T) {
	src := t.TempDir()
	for _, name := range []string{"data", "content", "layouts", "static"} {
		copyDir(t, filepath.Join("../..", name), filepath.Join(src, name))
	}
	cfg, err := os.ReadFile("../../config.toml")
	if err != nil {
		t.Fatal(err)
	}
	os.WriteFile(filepath.Join(src, "config.toml"), cfg, 0o644)
	nm, _ := filepath.Abs("../../node_modules")
	if err := os.Symlink(nm, filepath.Join(src, "node_modules")); err != nil {
		t.Fatal(err)
	}

	var out, errOut bytes.Buffer
	code := run([]string{"new", "--source", src, "--commune", "07840", "--date", "2025-06-01", "Tháng hành động phòng, chống ma túy 2025"}, &out, &errOut)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errOut.String())
	}
	rel := "content/xa/07840/thang-hanh-dong-phong-chong-ma-tuy-2025.md"
	if got := out.String(); got != "pcmt: wrote "+rel+"\n" {
		t.Errorf("stdout %q", got)
	}
	b, err := os.ReadFile(filepath.Join(src, rel))
	if err != nil {
		t.Fatal(err)
	}
	// 07840 on 01/06/2025 is Thị trấn Thắng (the list before 01/7/2025).
	want := `+++
title = "Tháng hành động phòng, chống ma túy 2025"
commune = "07840"
kind = "tin-chien-dich"
date = "2025-06-01"
office = "UBND thị trấn Thắng"
+++
Viết tin ở đây: hoạt động gì, ngày nào, ở đâu, những ai tham gia, và kết quả bằng số tổng hợp (số buổi, số lượt người được tuyên truyền, số hộ ký cam kết).

Không ghi tên, ngày sinh, số căn cước, số điện thoại của người nghiện, học viên hay người sau cai.
`
	if string(b) != want {
		t.Errorf("scaffold:\n%s\nwant:\n%s", b, want)
	}
	out.Reset()
	errOut.Reset()
	if code := run([]string{"check", "--source", src}, &out, &errOut); code != 0 {
		t.Fatalf("pcmt check on the new page: exit %d: %s", code, errOut.String())
	}
	dest := filepath.Join(t.TempDir(), "public")
	if code := run([]string{"build", "--source", src, "--destination", dest}, &out, &errOut); code != 0 {
		t.Fatalf("pcmt build: exit %d: %s", code, errOut.String())
	}
	page, err := os.ReadFile(filepath.Join(dest, "xa/07840/thang-hanh-dong-phong-chong-ma-tuy-2025/index.html"))
	if err != nil {
		t.Fatal(err)
	}
	for _, s := range []string{
		"<h1>Tháng hành động phòng, chống ma túy 2025</h1>",
		`<dt>Xã, phường</dt><dd><a href="/don-vi/07840-thang-truoc-2025/">Thị trấn Thắng</a></dd>`,
		`<dt>Ngày</dt><dd><time datetime="2025-06-01">01/06/2025</time></dd>`,
		"<dt>Cơ quan chịu trách nhiệm</dt><dd>UBND thị trấn Thắng</dd>",
	} {
		if !strings.Contains(string(page), s) {
			t.Errorf("built page lacks %s", s)
		}
	}

	// A second page of the same title is refused; so is a unit that is not a commune.
	for _, c := range []struct {
		args []string
		want string
	}{
		{[]string{"new", "--source", src, "--commune", "07840", "--date", "2025-06-01", "Tháng hành động phòng, chống ma túy 2025"},
			"pcmt: " + rel + " already exists: choose another title\n"},
		{[]string{"new", "--source", src, "--commune", "24", "--date", "2025-06-01", "Tin"},
			"pcmt: --commune \"24\" is Tỉnh Bắc Giang, not a commune (xã, phường, thị trấn)\n"},
		{[]string{"new", "--source", src, "--commune", "07840", "--kind", "tin", "Tin"},
			"pcmt: --kind \"tin\": use tin-chien-dich, ke-hoach or ket-qua\n"},
	} {
		errOut.Reset()
		if code := run(c.args, &out, &errOut); code != 1 || errOut.String() != c.want {
			t.Errorf("%v: exit %d, stderr %q, want %q", c.args, code, errOut.String(), c.want)
		}
	}
}
