package siteconfig

import "testing"

func TestParse(t *testing.T) {
	tests := []struct {
		name, text string
		commune    int
		province   int
		parts      Severity
		err        string
	}{
		{"empty", ``, 5, 5, Warning, ""},
		{"hugo only", "title = \"x\"\n[params]\ndescription = \"y\"\n", 5, 5, Warning, ""},
		{"set", "[params.pcmt.disclosure]\ncommune = 10\nprovince = 3\n[params.pcmt.checks]\nparts_total = \"error\"\n", 10, 3, Error, ""},
		{"zero", "[params.pcmt.disclosure]\ncommune = 0\n", 0, 0, "",
			"config.toml: params.pcmt.disclosure.commune: 0 is not a threshold: write a whole number from 1 to 1000, like commune = 5"},
		{"string", "[params.pcmt.disclosure]\ndistrict = \"5\"\n", 0, 0, "",
			"config.toml: params.pcmt.disclosure.district: 5 is not a threshold: write a whole number from 1 to 1000, like district = 5"},
		{"unknown level", "[params.pcmt.disclosure]\nxa = 5\n", 0, 0, "",
			"config.toml: params.pcmt.disclosure.xa: unknown key: use province, district or commune"},
		{"bad severity", "[params.pcmt.checks]\nparts_total = \"fatal\"\n", 0, 0, "",
			`config.toml: params.pcmt.checks.parts_total: "fatal" is not a severity: use "error" or "warning"`},
		{"syntax", "[params.pcmt.disclosure\n", 0, 0, "",
			"config.toml:2: TOML syntax error: expected '.' or ']' to end table name, but got '\\n' instead"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c, err := Parse(tt.text)
			if tt.err != "" {
				if err == nil || err.Error() != tt.err {
					t.Fatalf("error = %v\nwant    %s", err, tt.err)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if c.Threshold("commune") != tt.commune || c.Threshold("province") != tt.province || c.Threshold("district") != 5 || c.PartsTotal != tt.parts {
				t.Errorf("got %+v", c)
			}
		})
	}
}
