package derive

import (
	"encoding/json"
	"html/template"
	"strings"
	"testing"
)

// rowsTemplate is the markup layouts/_partials/group.html wrote for each
// row before the rows came as HTML, over FigureRow's fields instead of the
// compact arrays, in the same escaping contexts. Go's html/template
// escapes as Hugo's copy of it does (the same html.go and url.go).
var rowsTemplate = template.Must(template.New("rows").Parse(`
{{- range . }}{{ $r := . }}
<tr id="{{ .Anchor }}"><th scope="row"><a href="#{{ .Anchor }}">{{ .PeriodLabel }}</a></th><td><span class="kind kind--{{ .Kind }}">{{ .KindLabel }}</span></td>
{{- if or .Note .Discrepancy .CorrectedText .Missing }}<td class="value{{ if .Missing }} value--missing{{ end }}"><b>{{ .ValueText }}</b>{{ with .Note }}<span class="value__note">{{ . }}</span>{{ end }}{{ with .Discrepancy }}<span class="value__note value__note--discrepancy">{{ . }}</span>{{ end }}{{ with .CorrectedText }}<a class="value__corrected" href="{{ $r.CorrectedURL }}">{{ . }}</a>{{ end }}</td>{{ else }}<td class="value"><b>{{ .ValueText }}</b></td>{{ end -}}
<td>{{ .Progress }}</td><td><a href="{{ .Source.URL }}">{{ .SourceCite }}</a>{{ with .Evidence }}<blockquote class="evidence">{{ . }}</blockquote>{{ end }}</td></tr>
{{- end }}`))

func templateRows(t testing.TB, rs Rows) string {
	var b strings.Builder
	if err := rowsTemplate.Execute(&b, rs); err != nil {
		t.Fatal(err)
	}
	return b.String()
}

var rowHTMLCases = []struct {
	name string
	rows Rows
	want string
}{
	{"evidence with quotes",
		Rows{{Anchor: "f-nguoi-nghien-co-ho-so-2022-12-31-baseline", PeriodLabel: "Tính đến 31/12/2022", Kind: "baseline", KindLabel: "Số liệu nền",
			ValueText: "986 người", Source: Link{Name: "Tuyên Quang hỗ trợ…", URL: "/nguon/ldxh-2023-03-15-tuyen-quang/"}, SourceCite: "Báo LĐXH, 15/03/2023",
			Evidence: `toàn tỉnh có 986 người nghiện "có hồ sơ" quản lý, 'tăng' 5% + 3 <so với> năm trước & hơn`}},
		`
<tr id="f-nguoi-nghien-co-ho-so-2022-12-31-baseline"><th scope="row"><a href="#f-nguoi-nghien-co-ho-so-2022-12-31-baseline">Tính đến 31/12/2022</a></th><td><span class="kind kind--baseline">Số liệu nền</span></td><td class="value"><b>986 người</b></td><td></td><td><a href="/nguon/ldxh-2023-03-15-tuyen-quang/">Báo LĐXH, 15/03/2023</a><blockquote class="evidence">toàn tỉnh có 986 người nghiện &#34;có hồ sơ&#34; quản lý, &#39;tăng&#39; 5% &#43; 3 &lt;so với&gt; năm trước &amp; hơn</blockquote></td></tr>`},
	{"withheld figure",
		Rows{{Anchor: "f-cai-nghien-tu-nguyen-2023-result", PeriodLabel: "Năm 2023", Kind: "result", KindLabel: "Kết quả",
			ValueText: "dưới 5 người", Suppressed: true, Progress: "Chưa đủ số liệu", Source: Link{URL: "/nguon/tin-2024-01-05-ba-vi/"}, SourceCite: "Tin Ba Vì, 05/01/2024"}},
		`
<tr id="f-cai-nghien-tu-nguyen-2023-result"><th scope="row"><a href="#f-cai-nghien-tu-nguyen-2023-result">Năm 2023</a></th><td><span class="kind kind--result">Kết quả</span></td><td class="value"><b>dưới 5 người</b></td><td>Chưa đủ số liệu</td><td><a href="/nguon/tin-2024-01-05-ba-vi/">Tin Ba Vì, 05/01/2024</a></td></tr>`},
	{"missing value with a note",
		Rows{{Anchor: "f-cai-nghien-bat-buoc-2024-target", PeriodLabel: "Năm 2024", Kind: "target", KindLabel: "Chỉ tiêu",
			ValueText: "chưa có số liệu", Missing: true, Note: `Văn bản để trống số người <chưa rõ> & "chưa công bố"; 'tạm' + 1`,
			Source: Link{URL: "/nguon/ubnd-thi-tran-thang-2024-02-ke-hoach/"}, SourceCite: "UBND thị trấn Thắng, 02/2024", Evidence: "Cai nghiện ma túy bắt buộc: … người."}},
		`
<tr id="f-cai-nghien-bat-buoc-2024-target"><th scope="row"><a href="#f-cai-nghien-bat-buoc-2024-target">Năm 2024</a></th><td><span class="kind kind--target">Chỉ tiêu</span></td><td class="value value--missing"><b>chưa có số liệu</b><span class="value__note">Văn bản để trống số người &lt;chưa rõ&gt; &amp; &#34;chưa công bố&#34;; &#39;tạm&#39; &#43; 1</span></td><td></td><td><a href="/nguon/ubnd-thi-tran-thang-2024-02-ke-hoach/">UBND thị trấn Thắng, 02/2024</a><blockquote class="evidence">Cai nghiện ma túy bắt buộc: … người.</blockquote></td></tr>`},
	{"corrected value and a discrepancy",
		Rows{{Anchor: "f-nguoi-nghien-co-ho-so-2024-01-2024-09-result-ldxh", PeriodLabel: "9 tháng đầu năm 2024", Kind: "result", KindLabel: "Kết quả",
			ValueText: "trên 80%", Progress: "Đạt 75% chỉ tiêu năm 2024 (kết quả 9 tháng)", Discrepancy: "Văn bản khác ghi 968 người",
			CorrectedText: "đã sửa ngày 03/02/2027", CorrectedURL: "/cap-nhat/#2027-02-03-1",
			Source: Link{URL: "/nguon/ldxh/"}, SourceCite: "Báo LĐXH, 15/03/2023", Evidence: "trên 80%"}},
		`
<tr id="f-nguoi-nghien-co-ho-so-2024-01-2024-09-result-ldxh"><th scope="row"><a href="#f-nguoi-nghien-co-ho-so-2024-01-2024-09-result-ldxh">9 tháng đầu năm 2024</a></th><td><span class="kind kind--result">Kết quả</span></td><td class="value"><b>trên 80%</b><span class="value__note value__note--discrepancy">Văn bản khác ghi 968 người</span><a class="value__corrected" href="/cap-nhat/#2027-02-03-1">đã sửa ngày 03/02/2027</a></td><td>Đạt 75% chỉ tiêu năm 2024 (kết quả 9 tháng)</td><td><a href="/nguon/ldxh/">Báo LĐXH, 15/03/2023</a><blockquote class="evidence">trên 80%</blockquote></td></tr>`},
	{"escaping in ids and links",
		Rows{{Anchor: `f-a/b c"d'<e>&+é`, PeriodLabel: "Năm 2023", Kind: `t"<`, KindLabel: "Kết quả",
			ValueText: "1 người", CorrectedText: "đã sửa", CorrectedURL: "javascript:alert(1)",
			Source: Link{URL: `/nguon/a b'c"d<é>?x=1&y=2+3#%41%zz`}, SourceCite: "A & B"}},
		`
<tr id="f-a/b c&#34;d&#39;&lt;e&gt;&amp;&#43;é"><th scope="row"><a href="#f-a%2fb%20c%22d%27%3ce%3e%26%2b%c3%a9">Năm 2023</a></th><td><span class="kind kind--t&#34;&lt;">Kết quả</span></td><td class="value"><b>1 người</b><a class="value__corrected" href="#ZgotmplZ">đã sửa</a></td><td></td><td><a href="/nguon/a%20b%27c%22d%3c%c3%a9%3e?x=1&amp;y=2&#43;3#%41%25zz">A &amp; B</a></td></tr>`},
	{"two rows", Rows{{Anchor: "a", Kind: "target", KindLabel: "Chỉ tiêu"}, {Anchor: "b", Kind: "result", KindLabel: "Kết quả", Missing: true}},
		`
<tr id="a"><th scope="row"><a href="#a"></a></th><td><span class="kind kind--target">Chỉ tiêu</span></td><td class="value"><b></b></td><td></td><td><a href=""></a></td></tr>
<tr id="b"><th scope="row"><a href="#b"></a></th><td><span class="kind kind--result">Kết quả</span></td><td class="value value--missing"><b></b></td><td></td><td><a href=""></a></td></tr>`},
}

// TestGroupRowsHTML holds the rows' markup, escaping included, to what a
// reader's browser gets, and to what group.html's template wrote.
func TestGroupRowsHTML(t *testing.T) {
	for _, c := range rowHTMLCases {
		t.Run(c.name, func(t *testing.T) {
			if got := RowsOf(c.rows...).HTML(); got != c.want {
				t.Errorf("HTML:\n got %s\nwant %s", got, c.want)
			}
			if got := templateRows(t, c.rows); got != c.want {
				t.Errorf("the template writes\n%s\nnot\n%s", got, c.want)
			}
		})
	}
}

// TestGroupRowsJSON: the view carries the HTML as a JSON string, and a
// group with no rows as null.
func TestGroupRowsJSON(t *testing.T) {
	for _, c := range rowHTMLCases {
		b, err := json.Marshal(IndicatorGroup{Rows: RowsOf(c.rows...)})
		if err != nil {
			t.Fatal(err)
		}
		var g struct {
			Rows string `json:"rows"`
		}
		if err := json.Unmarshal(b, &g); err != nil {
			t.Fatalf("%s: %v in %s", c.name, err, b)
		}
		if g.Rows != c.want {
			t.Errorf("%s: rows decode as\n%s\nwant\n%s", c.name, g.Rows, c.want)
		}
	}
	for _, rs := range []GroupRows{nil, {}} {
		if b, _ := json.Marshal(IndicatorGroup{Rows: rs}); !strings.Contains(string(b), `"rows":null`) {
			t.Errorf("no rows encode as %s, want rows null", b)
		}
	}
}

// FuzzGroupRowsHTML compares the rows' HTML with the template's on any
// texts and links.
func FuzzGroupRowsHTML(f *testing.F) {
	f.Add("f-x-2023-target", "Năm 2023", "target", "1 người", "a < b & \"c\" 'd' + e\x00", "/nguon/x/", "/cap-nhat/#1", true)
	f.Add("a/b", "", "", "", "", "HTTPS://x.vn/a b?q=é&r=+", "mailto:a@b", false)
	f.Add("%zz%41", "\xff\xfe", "<", "", "\u2028", "vbscript:x", "/a:b", true)
	f.Fuzz(func(t *testing.T, anchor, label, kind, value, text, url, corrURL string, missing bool) {
		rs := Rows{{Anchor: anchor, PeriodLabel: label, Kind: kind, KindLabel: text, ValueText: value, Missing: missing,
			Note: text, Discrepancy: label, CorrectedText: value, CorrectedURL: corrURL, Progress: text,
			Source: Link{URL: url}, SourceCite: text, Evidence: value}}
		if got, want := RowsOf(rs...).HTML(), templateRows(t, rs); got != want {
			t.Errorf("HTML:\n got %q\nwant %q", got, want)
		}
	})
}

// htmlTextTemplate writes a string as the layouts do ({{ . }} in text).
var htmlTextTemplate = template.Must(template.New("").Parse(`{{ . }}`))

func templateText(t testing.TB, s string) string {
	var b strings.Builder
	if err := htmlTextTemplate.Execute(&b, s); err != nil {
		t.Fatal(err)
	}
	return b.String()
}

func TestAppendHTMLText(t *testing.T) {
	for _, s := range []string{
		"",
		"Dữ liệu giả lập: 99%",
		"[Dữ liệu giả lập] Báo cáo chỉ tiêu và kết quả năm 2025 — Thành phố Hà Nội",
		`<script>alert("x")</script> & 'y' + z`,
		"abcdefgh<", "abcdefg>h", "abcdefgh&ijklmnop'", "12345678+", "\x00abcdefgh\x00",
		"Quyết định số 12/QĐ-UBND ngày 01/02/2025 \xff\xfe invalid",
		strings.Repeat("Phường Ba Đình ", 20) + `"`,
	} {
		if got, want := string(appendHTMLText([]byte("x"), s)), "x"+templateText(t, s); got != want {
			t.Errorf("appendHTMLText(%q) = %q, want %q as html/template writes it", s, got, want)
		}
	}
}

func FuzzAppendHTMLText(f *testing.F) {
	for _, s := range []string{"Dữ liệu giả lập: 99%", `a<b>"c"&'d'+e`, "abcdefgh\x00ijk"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if got, want := string(appendHTMLText(nil, s)), templateText(t, s); got != want {
			t.Errorf("appendHTMLText(%q) = %q, want %q as html/template writes it", s, got, want)
		}
	})
}
