package config

import (
	"errors"
	"fmt"
	"reflect"
	"regexp"
	"strings"
	"time"

	"go.yaml.in/yaml/v3"
)

var (
	unknownFieldRE = regexp.MustCompile(`^line (\d+): field (.+) not found in type (\S+)$`)
	badValueRE     = regexp.MustCompile("^line (\\d+): cannot unmarshal (\\S+)(?: `(.*)`)? into (\\S+)$")
)

// explainYAML rewrites the decoder's messages, which name Go types, into
// messages that name the YAML section, the valid keys and the expected
// value. Each problem of a *yaml.TypeError becomes one joined error.
func explainYAML(err error) error {
	var te *yaml.TypeError
	if !errors.As(err, &te) {
		return fmt.Errorf("parse YAML: %w", err)
	}
	sections := yamlSections()
	errs := make([]error, 0, len(te.Errors))
	for _, msg := range te.Errors {
		errs = append(errs, errors.New(explainLine(msg, sections)))
	}
	return errors.Join(errs...)
}

func explainLine(msg string, sections map[string]section) string {
	if m := unknownFieldRE.FindStringSubmatch(msg); m != nil {
		s, ok := sections[m[3]]
		if !ok {
			return fmt.Sprintf("line %s: unknown key %q", m[1], m[2])
		}
		return fmt.Sprintf("line %s: unknown key %q in %s (valid keys: %s)",
			m[1], m[2], s.path, strings.Join(s.keys, ", "))
	}
	if m := badValueRE.FindStringSubmatch(msg); m != nil {
		got := m[2]
		if m[3] != "" {
			got = fmt.Sprintf("%q", m[3])
		}
		return fmt.Sprintf("line %s: expected %s, got %s", m[1], expectedFor(m[4], sections), got)
	}
	return msg
}

// expectedFor describes the value a Go type name wants, in YAML terms.
func expectedFor(goType string, sections map[string]section) string {
	switch {
	case goType == reflect.TypeFor[time.Duration]().String():
		return "a duration such as 30s, 15m or 168h"
	case strings.HasPrefix(goType, "int") || strings.HasPrefix(goType, "uint"):
		return "an integer"
	case strings.HasPrefix(goType, "float"):
		return "a number"
	case goType == "bool":
		return "true or false"
	case goType == "string" || goType == reflect.TypeFor[Policy]().String() ||
		goType == reflect.TypeFor[Secret]().String():
		return "a single value"
	case strings.HasPrefix(goType, "[]"):
		return "a list"
	case strings.HasPrefix(goType, "map["):
		return "a mapping of key: value"
	}
	if s, ok := sections[goType]; ok {
		return "a mapping for " + s.path
	}
	return "a value of type " + goType
}

// section is a YAML mapping of the configuration: where it is and its keys.
type section struct {
	path string
	keys []string
}

// yamlSections maps the Go type name of each struct the configuration is
// decoded into to its YAML path and keys.
func yamlSections() map[string]section {
	out := map[string]section{}
	addSections(out, reflect.TypeFor[Config](), "the top level")
	demarche := out[reflect.TypeFor[Demarche]().String()]
	out[reflect.TypeFor[demarcheYAML]().String()] = demarche
	return out
}

func addSections(out map[string]section, t reflect.Type, path string) {
	s := section{path: path}
	for i := range t.NumField() {
		f := t.Field(i)
		name, _, _ := strings.Cut(f.Tag.Get("yaml"), ",")
		s.keys = append(s.keys, name)
		child := name
		if path != "the top level" {
			child = path + "." + name
		}
		ft := f.Type
		if ft.Kind() == reflect.Slice {
			ft, child = ft.Elem(), child+"[]"
		}
		if ft.Kind() == reflect.Struct {
			addSections(out, ft, child)
		}
	}
	out[t.String()] = s
}
