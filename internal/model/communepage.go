package model

import "time"

// PageKind is what a commune page is about.
type PageKind string

const (
	CampaignNews PageKind = "tin-chien-dich" // tin chiến dịch, hoạt động tuyên truyền
	PlanPage     PageKind = "ke-hoach"       // kế hoạch của xã
	ResultPage   PageKind = "ket-qua"        // kết quả, báo cáo
)

// PageKinds are the kinds of commune page, in the order the editor shows them.
var PageKinds = []PageKind{CampaignNews, PlanPage, ResultPage}

// PageKindLabel is the Vietnamese name of each kind of commune page.
var PageKindLabel = map[PageKind]string{
	CampaignNews: "Tin chiến dịch",
	PlanPage:     "Kế hoạch",
	ResultPage:   "Kết quả",
}

// CommunePage is a page a commune publishes (trang của xã): campaign news,
// its plan or its results, written in Markdown under content/xa/. Plan
// documents under content/ke-hoach/ of a commune are listed with them.
type CommunePage struct {
	Path   string // content path, e.g. xa/07840/thang-hanh-dong-phong-chong-ma-tuy-2025.md
	Title  string
	Unit   UnitKey // the commune; its era is the one in force on Date
	Kind   PageKind
	Date   time.Time
	Office string // the office responsible: "UBND xã Hiệp Hoà", "Công an xã"...
	Pos    Pos
}
