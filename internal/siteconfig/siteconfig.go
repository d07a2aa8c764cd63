// Package siteconfig reads pcmt's own settings from the site's config.toml.
// Hugo reads the same file and ignores what it does not know, so pcmt's
// settings live under [params.pcmt]:
//
//	[params.pcmt.disclosure]      # ngưỡng ẩn số nhỏ (disclosure control)
//	  province = 5                # results and baselines below this are published as "dưới 5"
//	  district = 5
//	  commune  = 5
//	[params.pcmt.checks]
//	  parts_total = "warning"     # "error" stops the build when parts do not add up to their total
//
// Anything missing takes its default; a value that is wrong is an error
// naming the key, since a threshold silently read as 0 would publish small
// counts.
package siteconfig

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"

	"github.com/BurntSushi/toml"
)

// File is the configuration file, relative to the site root.
const File = "config.toml"

// DefaultThreshold is the smallest count published as it is, at every level.
const DefaultThreshold = 5

// Severity of a failed check.
type Severity string

const (
	Warning Severity = "warning" // printed, shown on the page as a data note, build goes on
	Error   Severity = "error"   // the build stops
)

// Config is pcmt's part of config.toml.
type Config struct {
	// Thresholds by level (province, district, commune): a result or
	// baseline count below it is suppressed (ẩn).
	Thresholds map[string]int
	// PartsTotal says what a mismatch between a total and its parts is.
	PartsTotal Severity
}

// Default is the configuration when config.toml says nothing.
func Default() Config {
	return Config{Thresholds: map[string]int{"province": DefaultThreshold, "district": DefaultThreshold, "commune": DefaultThreshold},
		PartsTotal: Warning}
}

// Threshold returns the threshold for a level ("province", "district", "commune").
func (c Config) Threshold(level string) int {
	if t, ok := c.Thresholds[level]; ok {
		return t
	}
	return DefaultThreshold
}

type file struct {
	Params struct {
		Pcmt struct {
			Disclosure map[string]any `toml:"disclosure"`
			Checks     map[string]any `toml:"checks"`
		} `toml:"pcmt"`
	} `toml:"params"`
}

// Read reads root/config.toml. A missing file gives the defaults.
func Read(root string) (Config, error) {
	b, err := os.ReadFile(filepath.Join(root, File))
	if errors.Is(err, fs.ErrNotExist) {
		return Default(), nil
	}
	if err != nil {
		return Config{}, err
	}
	return Parse(string(b))
}

// Parse reads pcmt's settings from the text of config.toml.
func Parse(text string) (Config, error) {
	c := Default()
	var f file
	if _, err := toml.Decode(text, &f); err != nil {
		var pe toml.ParseError
		if errors.As(err, &pe) {
			return c, fmt.Errorf("%s:%d: TOML syntax error: %s", File, pe.Position.Line, pe.Message)
		}
		return c, fmt.Errorf("%s: %v", File, err)
	}
	for k, v := range f.Params.Pcmt.Disclosure {
		key := "params.pcmt.disclosure." + k
		switch k {
		case "province", "district", "commune":
		default:
			return c, fmt.Errorf("%s: %s: unknown key: use province, district or commune", File, key)
		}
		n, ok := v.(int64)
		if !ok || n < 1 || n > 1000 {
			return c, fmt.Errorf("%s: %s: %v is not a threshold: write a whole number from 1 to 1000, like %s = 5", File, key, v, k)
		}
		c.Thresholds[k] = int(n)
	}
	for k, v := range f.Params.Pcmt.Checks {
		key := "params.pcmt.checks." + k
		if k != "parts_total" {
			return c, fmt.Errorf("%s: %s: unknown key: use parts_total", File, key)
		}
		s, _ := v.(string)
		switch Severity(s) {
		case Warning, Error:
			c.PartsTotal = Severity(s)
		default:
			return c, fmt.Errorf("%s: %s: %q is not a severity: use \"error\" or \"warning\"", File, key, fmt.Sprint(v))
		}
	}
	return c, nil
}
