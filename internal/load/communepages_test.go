package load

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// communeSite is baseSite with a district and a commune in each list, and
// the image a page may show.
func communeSite(page string) map[string]string {
	files := map[string]string{}
	for k, v := range baseSite {
		files[k] = v
	}
	files["data/units/units-vn-2022.csv"] += "district,223,Hiệp Hòa,huyen,Huyện Hiệp Hòa,24\ncommune,07840,Thắng,thi-tran,Thị trấn Thắng,223\n"
	files["data/units/units-vn-2025-07.csv"] += "commune,07840,Hiệp Hoà,Xã Hiệp Hoà,Hiep Hoa,24\n"
	files["static/images/xa/le-ra-quan.jpg"] = "jpeg"
	files["content/xa/07840/le-ra-quan.md"] = page
	return files
}

const front = "+++\ntitle = \"Lễ ra quân\"\ncommune = \"07840\"\nkind = \"tin-chien-dich\"\ndate = \"2025-06-01\"\noffice = \"UBND thị trấn Thắng\"\n+++\n"

func TestCommunePageLoads(t *testing.T) {
	page := front + "Sáng nay thị trấn tổ chức lễ ra quân.\n\n![Lễ ra quân](/images/xa/le-ra-quan.jpg)\n\n" +
		"Tỷ lệ tiếp cận dịch vụ: {{< so-lieu unit=\"08\" indicator=\"tiep-can-dich-vu\" period=\"2023\" kind=\"target\" >}}.\n\n" +
		"{{< bieu-do unit=\"08\" indicator=\"nguoi-nghien-co-ho-so\" >}}\n\n[Luật](https://vbpl.vn/) · [Gọi](tel:0204385412) · Công an thị trấn: 0204.3854.123.\n"
	ds, err := Load(writeSite(t, communeSite(page)))
	if err != nil {
		t.Fatalf("a good commune page: %v", err)
	}
	if len(ds.CommunePages) != 1 {
		t.Fatalf("commune pages = %d, want 1", len(ds.CommunePages))
	}
	p := ds.CommunePages[0]
	if p.Path != "xa/07840/le-ra-quan.md" || p.Unit.Code != "07840" || p.Unit.Era != "2022" || p.Kind != "tin-chien-dich" || p.Office != "UBND thị trấn Thắng" {
		t.Errorf("commune page = %+v", p)
	}
}

// Each case is a page a commune may not publish, and the exact message.
func TestCommunePageRefused(t *testing.T) {
	const rel = "content/xa/07840/le-ra-quan.md"
	for _, c := range []struct {
		name, page, want string
	}{
		{"raw HTML block", front + "Tin.\n\n<script>alert(1)</script>\n",
			rel + ":10: raw HTML is not allowed on a commune page (<script>): write Markdown"},
		{"inline HTML", front + "Tin <b onclick=\"x()\">đậm</b>.\n",
			rel + ":8: raw HTML is not allowed on a commune page (<b onclick=\"x()\">): write Markdown"},
		{"javascript link", front + "Tin.\n\n[bấm vào đây](javascript:alert(1))\n",
			rel + ":10: link to \"javascript:alert(1)\" refused: javascript: links are not allowed; link to a page (https://… or /…)"},
		{"javascript link in capitals", front + "[x](JaVaScript:alert(1))\n",
			rel + ":8: link to \"JaVaScript:alert(1)\" refused: javascript: links are not allowed; link to a page (https://… or /…)"},
		{"data link", front + "[tệp](data:text/html;base64,PHNjcmlwdD4=)\n",
			rel + ":8: link to \"data:text/html;base64,PHNjcmlwdD4=\" refused: data: links are not allowed; link to a page (https://… or /…)"},
		{"data image", front + "![ảnh](data:image/png;base64,iVBORw0KGgo=)\n",
			rel + ":8: image \"data:image/png;base64,iVBORw0KGgo=\" refused: data: images are not allowed; put the image in static/images/ and write its path (/images/…)"},
		{"image from another site", front + "Ảnh:\n![ảnh](https://example.com/a.jpg)\n",
			rel + ":9: image \"https://example.com/a.jpg\" is not on this site: the site loads nothing from elsewhere; put the image in static/images/ and write its path (/images/…)"},
		{"image missing", front + "![ảnh](/images/xa/khong-co.jpg)\n",
			rel + ":8: image \"/images/xa/khong-co.jpg\": no file static/images/xa/khong-co.jpg"},
		{"image not a picture", front + "![ảnh](/images/xa/a.svg)\n",
			rel + ":8: image \"/images/xa/a.svg\": use a JPEG, PNG or WebP file"},
		{"id number", front + "Tin.\nAnh A, CCCD 001203004567.\n",
			rel + ":9:13: looks like a person's ID number (CCCD, 12 digits): the site publishes aggregate figures only, never a person's data; remove it"},
		{"phone next to người nghiện", front + "Người nghiện Nguyễn Văn A, điện thoại 0912.345.678\n",
			rel + ":8:39: looks like a person's phone number next to “người nghiện”: the site publishes aggregate figures only, never a person's data; remove it"},
		{"birth date next to học viên", front + "\n\nHọc viên Trần B, sinh ngày 12/03/1990, đã hoàn thành.\n",
			rel + ":10:18: looks like a person's birth date next to “học viên”: the site publishes aggregate figures only, never a person's data; remove it"},
		{"personal data in the title", strings.Replace(front, "Lễ ra quân", "Đối tượng Lê C sinh năm 1990", 1) + "Tin.\n",
			rel + ":2: looks like a person's birth date next to “đối tượng”: the site publishes aggregate figures only, never a person's data; remove it"},
		{"unknown figure", front + "Tỷ lệ: {{< so-lieu unit=\"08\" indicator=\"tiep-can-dich-vu\" period=\"2024\" kind=\"target\" >}}\n",
			rel + ":8: {{< so-lieu >}}: no figure unit=\"08\" indicator=\"tiep-can-dich-vu\" period=\"2024\" kind=\"target\" in the dataset; did you mean " +
				"unit=\"08\" indicator=\"tiep-can-dich-vu\" period=\"2023\" kind=\"target\" or unit=\"08\" indicator=\"xa-co-mo-hinh\" period=\"2023\" kind=\"result\" or " +
				"unit=\"08\" indicator=\"nguoi-nghien-co-ho-so\" period=\"2022-12-31\" kind=\"baseline\"?"},
		{"misspelt indicator", front + "\n{{< so-lieu unit=\"08\" indicator=\"tiep-can-dichvu\" period=\"2023\" kind=\"target\" >}}\n",
			rel + ":9: {{< so-lieu >}}: no figure unit=\"08\" indicator=\"tiep-can-dichvu\" period=\"2023\" kind=\"target\" in the dataset; did you mean unit=\"08\" indicator=\"tiep-can-dich-vu\" period=\"2023\" kind=\"target\""},
		{"period not in ISO form", front + "{{< so-lieu unit=\"08\" indicator=\"tiep-can-dich-vu\" period=\"năm 2023\" kind=\"target\" >}}\n",
			rel + ":8: {{< so-lieu >}}: invalid period"},
		{"chart of nothing", front + "{{< bieu-do unit=\"071\" indicator=\"tiep-can-dich-vu\" >}}\n",
			rel + ":8: {{< bieu-do >}}: no figure with a number for unit=\"071\" indicator=\"tiep-can-dich-vu\" in the dataset; did you mean"},
		{"another site's shortcode", front + "{{< youtube w7Ft2ymGmfc >}}\n",
			rel + ":8: shortcode \"youtube\" is not allowed on a commune page: use so-lieu or bieu-do"},
		{"unknown kind", strings.Replace(front, "tin-chien-dich", "tin-tuc", 1),
			rel + ":4: kind: \"tin-tuc\" is not a kind of commune page: use tin-chien-dich (tin chiến dịch), ke-hoach (kế hoạch), ket-qua (kết quả)"},
		{"not a commune", strings.Replace(front, `"07840"`, `"223"`, 1),
			rel + ":3: commune: 223 (Huyện Hiệp Hòa) is not a commune: commune pages belong to a xã, phường or thị trấn"},
		{"commune of the other era", strings.Replace(strings.Replace(front, `"07840"`, `"071"`, 1), "2025-06-01", "2025-08-01", 1),
			rel + ":3: commune: no unit has code \"071\" in the list in force on 01/08/2025 (071 was Huyện Lâm Bình before 1/7/2025: check the period)"},
		{"no office", strings.Replace(front, "office = \"UBND thị trấn Thắng\"\n", "", 1),
			rel + ":2: office: a commune page needs office = \"...\": the office responsible for it (UBND xã ..., Công an xã ...)"},
		{"date without day", strings.Replace(front, "2025-06-01", "2025-06", 1),
			rel + ":5: date: give the day too: date = \"YYYY-MM-DD\""},
	} {
		t.Run(c.name, func(t *testing.T) {
			_, err := Load(writeSite(t, communeSite(c.page)))
			ps, ok := err.(Problems)
			if !ok {
				t.Fatalf("Load error = %v, want Problems", err)
			}
			for _, p := range ps {
				if strings.HasPrefix(p.String(), c.want) {
					return
				}
			}
			t.Errorf("no problem\n  %s\ngot:\n%s", c.want, ps.Error())
		})
	}
}

func TestCommunePageInAnotherCommunesFolder(t *testing.T) {
	files := communeSite(front + "Tin.\n")
	files["content/xa/07846/le-ra-quan.md"] = files["content/xa/07840/le-ra-quan.md"]
	delete(files, "content/xa/07840/le-ra-quan.md")
	_, err := Load(writeSite(t, files))
	want := `content/xa/07846/le-ra-quan.md:1: commune: the page is in folder "07846" but names commune "07840": move it to content/xa/07840/`
	if err == nil || !strings.Contains(err.Error(), want) {
		t.Errorf("got %v\nwant %s", err, want)
	}
}

func TestImageSizeLimit(t *testing.T) {
	files := communeSite(front + "![ảnh](/images/xa/lon.jpg)\n")
	dir := writeSite(t, files)
	big := make([]byte, MaxImageBytes+1)
	if err := os.WriteFile(filepath.Join(dir, "static/images/xa/lon.jpg"), big, 0o644); err != nil {
		t.Fatal(err)
	}
	_, err := Load(dir)
	want := `content/xa/07840/le-ra-quan.md:8: image "/images/xa/lon.jpg" is 1.0 MiB; the limit is 1.0 MiB: make it smaller (1600 px wide is plenty)`
	if err == nil || !strings.Contains(err.Error(), want) {
		t.Errorf("got %v\nwant %s", err, want)
	}
}

func TestFindShortcodes(t *testing.T) {
	for _, c := range []struct {
		in, want string
	}{
		{`{{< so-lieu unit="08" indicator="x" >}}`, `so-lieu [unit indicator] map[indicator:x unit:08] []`},
		{"{{% bieu-do unit=`08`\n indicator=x %}}", `bieu-do [unit indicator] map[indicator:x unit:08] []`},
		{`{{< youtube w7Ft2ymGmfc >}}`, `youtube [] map[] [w7Ft2ymGmfc]`},
		{`{{</* so-lieu unit="08" */>}}`, `comment`},
		{`{{< /note >}}`, `closing note`},
		{`{{< so-lieu unit="08 >}}`, `error a quoted value is not closed`},
	} {
		cs := findShortcodes(c.in)
		if len(cs) != 1 {
			t.Errorf("%q: %d calls", c.in, len(cs))
			continue
		}
		got := describeCall(cs[0])
		if got != c.want {
			t.Errorf("%q:\n got %s\nwant %s", c.in, got, c.want)
		}
	}
}

func describeCall(c shortcodeCall) string {
	switch {
	case c.comment:
		return "comment"
	case c.closing:
		return "closing " + c.name
	case c.err != "":
		return "error " + c.err
	}
	return strings.Join([]string{c.name, fmtSlice(c.order), fmtMap(c.args), fmtSlice(c.positional)}, " ")
}

func fmtSlice(s []string) string { return "[" + strings.Join(s, " ") + "]" }

func fmtMap(m map[string]string) string {
	var parts []string
	for _, k := range keys(m) {
		parts = append(parts, k+":"+m[k])
	}
	return "map[" + strings.Join(parts, " ") + "]"
}

// FuzzFindShortcodes: any page text, no panic, calls in order inside the text.
func FuzzFindShortcodes(f *testing.F) {
	f.Add(`{{< so-lieu unit="08" indicator="x" period="2023" kind="target" >}}`)
	f.Add("{{% bieu-do unit=`08` %}} {{</* x */>}} {{< /y >}}")
	f.Add(`{{< a b="c >}} {{<`)
	f.Fuzz(func(t *testing.T, s string) {
		last := 0
		for _, c := range findShortcodes(s) {
			if c.start < last || c.end > len(s) || c.start >= c.end {
				t.Fatalf("call %+v out of order or range", c)
			}
			last = c.end
		}
	})
}

// FuzzCheckPublishable: any page body, no panic, every problem on a line
// of the file.
func FuzzCheckPublishable(f *testing.F) {
	f.Add("Tin <b>x</b> [a](javascript:1) ![i](/images/a.png)\n\nNgười nghiện 0912345678")
	f.Add("<div>\n{{< so-lieu >}}\n</div>")
	f.Fuzz(func(t *testing.T, body string) {
		l := &loader{root: t.TempDir()}
		page := front + body
		l.checkPublishable("p.md", page, 1)
		n := strings.Count(page, "\n") + 1
		for _, p := range l.r.ps {
			if p.Line < 1 || p.Line > n {
				t.Fatalf("problem on line %d of %d: %v", p.Line, n, p)
			}
		}
	})
}
