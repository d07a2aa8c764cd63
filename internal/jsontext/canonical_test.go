package jsontext

import (
	"encoding/json"
	"testing"
)

// jsonified is what a template writes for JSON text b with
// `transform.Unmarshal` then `jsonify`: encoding/json decoding into an
// any and encoding that.
func jsonified(b []byte) ([]byte, error) {
	var v any
	if err := json.Unmarshal(b, &v); err != nil {
		return nil, err
	}
	return json.Marshal(v)
}

func TestCanonical(t *testing.T) {
	for _, c := range []struct{ in, want string }{
		{`{"b":1,"a":2}`, `{"a":2,"b":1}`},
		{` { "z" : [ 3 , {"y":null,"x":true} ] , "a" : "" } `, `{"a":"","z":[3,{"x":true,"y":null}]}`},
		{`{"a":1,"a":2}`, `{"a":2}`},
		{`{"b":{"d":1,"c":2},"a":{"d":1,"d":2}}`, `{"a":{"d":2},"b":{"c":2,"d":1}}`},
		{`[1.50,1e2,-0,0.0000001,1e21,123456789012345678,2.5E-3]`, `[1.5,100,-0,1e-7,1e+21,123456789012345680,0.0025]`},
		{`"<a href=\"x\">&</a>"`, `"\u003ca href=\"x\"\u003e\u0026\u003c/a\u003e"`},
		{`"\u00e9\u2028\/\t"`, `"é\u2028/\t"`},
		{`"Bắc Ninh"`, `"Bắc Ninh"`},
		{`{"\u0062":1,"a":2}`, `{"a":2,"b":1}`},
		{`{}`, `{}`},
		{`[]`, `[]`},
		{`{"a":[],"b":{}}`, `{"a":[],"b":{}}`},
	} {
		got, err := Canonical([]byte(c.in))
		if err != nil {
			t.Errorf("%s: %v", c.in, err)
			continue
		}
		if string(got) != c.want {
			t.Errorf("%s:\n got %s\nwant %s", c.in, got, c.want)
		}
		if ref, _ := jsonified([]byte(c.in)); string(ref) != c.want {
			t.Errorf("%s: the test's want %s is not encoding/json's %s", c.in, c.want, ref)
		}
	}
	for _, bad := range []string{``, `{`, `{"a"}`, `{"a":1,}`, `[1,]`, `01`, `1.`, `1e`, `"abc`, `tru`, `{"a":1}x`, `1e400`, "\"\x01\""} {
		if got, err := Canonical([]byte(bad)); err == nil {
			t.Errorf("%q: no error, got %s", bad, got)
		}
	}
}

func FuzzCanonical(f *testing.F) {
	for _, s := range []string{`{"b":1,"a":[1.5,"x<y",{"d":null,"c":false}]}`, `{"a":1,"a":2}`, `"\ud800"`, "\"\xff\"", `1E+2`, `-0.0e-0`, `[{"":{"":0}}]`} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, b []byte) {
		want, wantErr := jsonified(b)
		got, err := Canonical(b)
		if wantErr != nil {
			if err == nil {
				t.Fatalf("%q: no error (encoding/json: %v), got %s", b, wantErr, got)
			}
			return
		}
		if err != nil {
			t.Fatalf("%q: %v", b, err)
		}
		if string(got) != string(want) {
			t.Fatalf("%q:\n got %s\nwant %s", b, got, want)
		}
	})
}
