package jsontext

import (
	"bytes"
	"encoding/json"
	"errors"
	"slices"
	"strconv"
	"unicode/utf8"
)

// Canonical returns JSON text b as encoding/json writes the value it
// decodes from b into an any: objects' keys sorted, every number as a
// float64, strings escaped as json.Marshal escapes them (< > & as \u003c,
// \u003e, \u0026). Those are the bytes a Hugo template's
// `transform.Unmarshal` then `jsonify` writes for the same text, so a page
// can carry JSON made so as it is (internal/charts' options). Duplicate
// keys keep the last value, as decoding into a map does. b must be one
// JSON value.
func Canonical(b []byte) ([]byte, error) {
	c := canonicalizer{in: b}
	c.space()
	out, err := c.value(make([]byte, 0, len(b)+len(b)/16))
	if err != nil {
		return nil, err
	}
	if c.space(); c.i != len(c.in) {
		return nil, c.errorf("text after the value")
	}
	return out, nil
}

type canonicalizer struct {
	in      []byte
	i       int
	members []member // scratch, reused by nested objects one after another
	scratch []byte
}

// member is one key and value of an object being written: the key as
// decoded (for sorting) and where the member's bytes are in the output.
type member struct {
	key        string
	start, end int
}

var errSyntax = errors.New("jsontext: not JSON")

func (c *canonicalizer) errorf(what string) error {
	return errors.Join(errSyntax, errors.New("jsontext: "+what+" at byte "+strconv.Itoa(c.i)))
}

func (c *canonicalizer) space() {
	for c.i < len(c.in) {
		switch c.in[c.i] {
		case ' ', '\t', '\n', '\r':
			c.i++
		default:
			return
		}
	}
}

func (c *canonicalizer) value(out []byte) ([]byte, error) {
	if c.i >= len(c.in) {
		return nil, c.errorf("unexpected end")
	}
	switch ch := c.in[c.i]; {
	case ch == '{':
		return c.object(out)
	case ch == '[':
		return c.array(out)
	case ch == '"':
		s, _, err := c.str(out)
		return s, err
	case ch == '-' || ch >= '0' && ch <= '9':
		return c.number(out)
	}
	for _, lit := range []string{"true", "false", "null"} {
		if bytes.HasPrefix(c.in[c.i:], []byte(lit)) {
			c.i += len(lit)
			return append(out, lit...), nil
		}
	}
	return nil, c.errorf("unexpected character")
}

func (c *canonicalizer) array(out []byte) ([]byte, error) {
	c.i++ // [
	out = append(out, '[')
	c.space()
	if c.i < len(c.in) && c.in[c.i] == ']' {
		c.i++
		return append(out, ']'), nil
	}
	for {
		var err error
		if out, err = c.value(out); err != nil {
			return nil, err
		}
		c.space()
		if c.i >= len(c.in) {
			return nil, c.errorf("unexpected end")
		}
		switch c.in[c.i] {
		case ',':
			c.i++
			c.space()
			out = append(out, ',')
		case ']':
			c.i++
			return append(out, ']'), nil
		default:
			return nil, c.errorf("expected , or ]")
		}
	}
}

// object writes each member (key, colon, value) in the order read, then
// puts them in key order: members are found by their place in out, so
// nested objects need no buffers of their own.
func (c *canonicalizer) object(out []byte) ([]byte, error) {
	c.i++ // {
	out = append(out, '{')
	c.space()
	if c.i < len(c.in) && c.in[c.i] == '}' {
		c.i++
		return append(out, '}'), nil
	}
	first := len(c.members)
	begin := len(out)
	for {
		if c.i >= len(c.in) || c.in[c.i] != '"' {
			return nil, c.errorf("expected a key")
		}
		start := len(out)
		var key string
		var err error
		if out, key, err = c.str(out); err != nil {
			return nil, err
		}
		c.space()
		if c.i >= len(c.in) || c.in[c.i] != ':' {
			return nil, c.errorf("expected :")
		}
		c.i++
		c.space()
		out = append(out, ':')
		if out, err = c.value(out); err != nil {
			return nil, err
		}
		c.members = append(c.members, member{key, start, len(out)})
		c.space()
		if c.i >= len(c.in) {
			return nil, c.errorf("unexpected end")
		}
		if c.in[c.i] == '}' {
			c.i++
			break
		}
		if c.in[c.i] != ',' {
			return nil, c.errorf("expected , or }")
		}
		c.i++
		c.space()
	}
	ms := c.members[first:]
	c.members = c.members[:first]
	sorted := slices.IsSortedFunc(ms, func(a, b member) int { return cmpKey(a.key, b.key) })
	if sorted && !hasDuplicate(ms) {
		return commaSeparated(out, begin, ms), nil
	}
	// Stable: of equal keys the last one read is kept.
	slices.SortStableFunc(ms, func(a, b member) int { return cmpKey(a.key, b.key) })
	c.scratch = append(c.scratch[:0], out[begin:]...)
	out = out[:begin]
	for j, m := range ms {
		if j+1 < len(ms) && ms[j+1].key == m.key {
			continue
		}
		if len(out) > begin {
			out = append(out, ',')
		}
		out = append(out, c.scratch[m.start-begin:m.end-begin]...)
	}
	return append(out, '}'), nil
}

func cmpKey(a, b string) int {
	switch {
	case a < b:
		return -1
	case a > b:
		return 1
	}
	return 0
}

func hasDuplicate(sorted []member) bool {
	for j := 1; j < len(sorted); j++ {
		if sorted[j].key == sorted[j-1].key {
			return true
		}
	}
	return false
}

// commaSeparated puts the commas between members written one after the
// other from begin, already in order.
func commaSeparated(out []byte, begin int, ms []member) []byte {
	if len(ms) == 1 {
		return append(out, '}')
	}
	// Members were written back to back; open room for the commas from
	// the end, moving each member right by the commas before it.
	out = append(out, make([]byte, len(ms)-1)...)
	for j := len(ms) - 1; j >= 1; j-- {
		m := ms[j]
		copy(out[m.start+j:m.end+j], out[m.start:m.end])
		out[m.start+j-1] = ','
	}
	return append(out, '}')
}

// str writes the string at c.i as json.Marshal writes the string it
// decodes to, and returns that string too (a key is sorted by it).
func (c *canonicalizer) str(out []byte) ([]byte, string, error) {
	start := c.i
	c.i++         // "
	plain := true // nothing json.Marshal would write otherwise
	for {
		if c.i >= len(c.in) {
			return nil, "", c.errorf("unterminated string")
		}
		ch := c.in[c.i]
		switch {
		case ch == '"':
			c.i++
			tok := c.in[start:c.i]
			if plain {
				return append(out, tok...), string(tok[1 : len(tok)-1]), nil
			}
			var s string
			if err := json.Unmarshal(tok, &s); err != nil {
				return nil, "", errors.Join(errSyntax, err)
			}
			enc, err := json.Marshal(s)
			if err != nil {
				return nil, "", err
			}
			return append(out, enc...), s, nil
		case ch == '\\':
			plain = false
			c.i += 2
		case ch < 0x20:
			return nil, "", c.errorf("control character in string")
		case ch == '<' || ch == '>' || ch == '&':
			plain = false
			c.i++
		case ch < utf8.RuneSelf:
			c.i++
		default:
			r, size := utf8.DecodeRune(c.in[c.i:])
			if r == utf8.RuneError && size == 1 || r == '\u2028' || r == '\u2029' {
				plain = false
			}
			c.i += size
		}
	}
}

// number writes the number at c.i as json.Marshal writes a float64.
func (c *canonicalizer) number(out []byte) ([]byte, error) {
	start := c.i
	if c.in[c.i] == '-' {
		c.i++
	}
	digits := c.i
	for c.i < len(c.in) && c.in[c.i] >= '0' && c.in[c.i] <= '9' {
		c.i++
	}
	if c.i == digits || c.in[digits] == '0' && c.i-digits > 1 {
		return nil, c.errorf("bad number")
	}
	integer := c.i - digits
	if c.i < len(c.in) && c.in[c.i] == '.' {
		c.i++
		frac := c.i
		for c.i < len(c.in) && c.in[c.i] >= '0' && c.in[c.i] <= '9' {
			c.i++
		}
		if c.i == frac {
			return nil, c.errorf("bad number")
		}
	}
	if c.i < len(c.in) && (c.in[c.i] == 'e' || c.in[c.i] == 'E') {
		c.i++
		if c.i < len(c.in) && (c.in[c.i] == '+' || c.in[c.i] == '-') {
			c.i++
		}
		exp := c.i
		for c.i < len(c.in) && c.in[c.i] >= '0' && c.in[c.i] <= '9' {
			c.i++
		}
		if c.i == exp {
			return nil, c.errorf("bad number")
		}
	}
	tok := c.in[start:c.i]
	// An integer of up to 15 digits is a float64 exactly and is written
	// back the same (json.Marshal writes whole floats below 1e21 so).
	if c.i-digits == integer && integer <= 15 {
		return append(out, tok...), nil
	}
	f, err := strconv.ParseFloat(string(tok), 64)
	if err != nil {
		return nil, errors.Join(errSyntax, err) // out of float64's range: json.Unmarshal refuses it too
	}
	return AppendFloat(out, f), nil
}
