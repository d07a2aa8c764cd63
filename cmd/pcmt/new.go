package main

import (
	"bytes"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"text/template"
	"time"

	"github.com/pcmt/pcmt/internal/load"
	"github.com/pcmt/pcmt/internal/model"
	"github.com/pcmt/pcmt/internal/units"
	"github.com/pcmt/pcmt/internal/vntext"
)

const newUsage = `usage:
  pcmt new --commune CODE|NAME [--kind KIND] [--date YYYY-MM-DD] [--office TEXT] [--source DIR] "TITLE"
      write a commune page content/xa/<code>/<slug>.md with its front
      matter filled, ready to write and pass pcmt check. KIND is
      tin-chien-dich (default), ke-hoach or ket-qua; DATE defaults to today.
`

// communePage is the form of a commune page, the same whether written by
// hand, by this command or by the web editor (front matter keys in the
// order the editor writes them).
var communePage = template.Must(template.New("page").Funcs(template.FuncMap{"q": tomlString}).Parse(`+++
title = {{ q .Title }}
commune = {{ q .Commune }}
kind = {{ q .Kind }}
date = {{ q .Date }}
office = {{ q .Office }}
+++
{{ .Body }}`))

// bodies are the starting text of each kind of page: plain Markdown the
// official replaces.
var bodies = map[model.PageKind]string{
	model.CampaignNews: "Viết tin ở đây: hoạt động gì, ngày nào, ở đâu, những ai tham gia, và kết quả bằng số tổng hợp (số buổi, số lượt người được tuyên truyền, số hộ ký cam kết).\n\nKhông ghi tên, ngày sinh, số căn cước, số điện thoại của người nghiện, học viên hay người sau cai.\n",
	model.PlanPage:     "Dán toàn văn kế hoạch của xã ở đây, theo bố cục của kế hoạch mẫu: mục đích, yêu cầu; mục tiêu và chỉ tiêu; nhiệm vụ; giải pháp; kinh phí; tổ chức thực hiện.\n",
	model.ResultPage:   "Viết kết quả ở đây: chỉ tiêu được giao, kết quả đạt được, bằng số tổng hợp của xã.\n",
}

// runNew runs `pcmt new`; args start after "new".
func runNew(args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("pcmt new", flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.Usage = func() { fmt.Fprint(stderr, newUsage) }
	source := fs.String("source", ".", "the site's root `directory`")
	commune := fs.String("commune", "", "the commune: its `code` (07840) or its name")
	kind := fs.String("kind", string(model.CampaignNews), "the `kind` of page: tin-chien-dich, ke-hoach or ket-qua")
	date := fs.String("date", "", "the page's `date`, YYYY-MM-DD (default today)")
	office := fs.String("office", "", "the office responsible (default UBND <commune>)")
	// The title may come before or after the flags.
	var rest []string
	list := args
	for len(list) > 0 {
		if err := fs.Parse(list); err != nil {
			return 2
		}
		if fs.NArg() == 0 {
			break
		}
		rest = append(rest, fs.Arg(0))
		list = fs.Args()[1:]
	}
	if len(rest) != 1 || strings.TrimSpace(rest[0]) == "" || *commune == "" {
		fs.Usage()
		return 2
	}
	day := time.Now().In(vietnam())
	if *date != "" {
		var err error
		if day, err = time.Parse("2006-01-02", *date); err != nil {
			fmt.Fprintf(stderr, "pcmt new: --date %q: write YYYY-MM-DD\n", *date)
			return 2
		}
	}
	rel, err := newCommunePage(*source, rest[0], *commune, model.PageKind(*kind), day, *office)
	if err != nil {
		return report(err, stderr)
	}
	fmt.Fprintf(stdout, "pcmt: wrote %s\n", rel)
	return 0
}

// newCommunePage writes the page and returns its path relative to root.
func newCommunePage(root, title, commune string, kind model.PageKind, day time.Time, office string) (string, error) {
	if _, ok := model.PageKindLabel[kind]; !ok {
		return "", fmt.Errorf("--kind %q: use tin-chien-dich, ke-hoach or ket-qua", kind)
	}
	// Only the unit lists are needed; problems elsewhere in the data do not
	// stop a page being started.
	ds, err := load.Load(root)
	if ds == nil || len(ds.Units) == 0 {
		return "", err
	}
	day = time.Date(day.Year(), day.Month(), day.Day(), 0, 0, 0, 0, time.UTC)
	m, err := units.New(ds).Resolve(commune, "", day)
	if err != nil {
		return "", fmt.Errorf("--commune: %w", err)
	}
	u := m.Unit
	if u.Level != model.Commune {
		return "", fmt.Errorf("--commune %q is %s, not a commune (xã, phường, thị trấn)", commune, u.FullName)
	}
	if office == "" {
		office = "UBND " + lowerFirst(u.FullName)
	}
	title = vntext.NFC(strings.TrimSpace(title))
	slug := vntext.Slug(title)
	if slug == "" {
		return "", errors.New("the title gives an empty file name: use letters or digits")
	}
	rel := load.CommuneDir + "/" + u.Key.Code + "/" + slug + ".md"
	path := filepath.Join(root, filepath.FromSlash(rel))
	if _, err := os.Stat(path); err == nil {
		return "", fmt.Errorf("%s already exists: choose another title", rel)
	}
	var b bytes.Buffer
	err = communePage.Execute(&b, map[string]string{"Title": title, "Commune": u.Key.Code, "Kind": string(kind),
		"Date": day.Format("2006-01-02"), "Office": office, "Body": bodies[kind]})
	if err != nil {
		return "", err
	}
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		return "", err
	}
	return rel, os.WriteFile(path, b.Bytes(), 0o644)
}

// tomlString quotes s as a TOML basic string.
func tomlString(s string) string {
	r := strings.NewReplacer(`\`, `\\`, `"`, `\"`, "\n", `\n`, "\r", `\r`, "\t", `\t`)
	return `"` + r.Replace(s) + `"`
}

func lowerFirst(s string) string {
	for i, r := range s {
		return strings.ToLower(string(r)) + s[i+len(string(r)):]
	}
	return s
}

func vietnam() *time.Location {
	if loc, err := time.LoadLocation("Asia/Ho_Chi_Minh"); err == nil {
		return loc
	}
	return time.FixedZone("ICT", 7*3600)
}
