package config

import (
	"bytes"
	"fmt"
	"slices"
	"strings"
	"unicode"

	"go.yaml.in/yaml/v3"
)

// renderBanner heads every rendered file.
const renderBanner = `spplus configuration, written by "spplus init".
Mapping keys are spplus's vocabulary; values are DS descriptor ids, which
survive the démarche's revisions (labels do not). The comment next to an id
is the label it had. Secrets are never written here: set SPPLUS_DS_TOKEN
(or SPPLUS_DS_TOKEN_FILE) and SPPLUS_WEBHOOK_SECRET in the environment.`

// Render writes c as a commented YAML file, the way "spplus init" hands a
// configuration to a human: labels[id] is written as a comment next to each
// mapped descriptor id, the vocabulary keys left unmapped are listed in a
// comment above each mapping, and unmapped (labels of the démarche's
// descriptors that spplus does not use) in a comment above the first
// démarche's fields. Secrets are left out. The result loads back into c
// (secrets aside); it validates when c does.
func Render(c Config, labels map[string]string, unmapped []string) ([]byte, error) {
	c.DS.Token, c.HTTP.WebhookSecret = "", ""
	var root yaml.Node
	if err := root.Encode(c); err != nil {
		return nil, fmt.Errorf("render config: %w", err)
	}
	root.HeadComment = renderBanner
	if _, ds := mapEntry(&root, "ds"); ds != nil {
		if k, _ := mapEntry(ds, "requests_per_minute"); k != nil {
			k.HeadComment = "token: never written here, see above (or token_file: /run/secrets/ds_token)"
		}
	}
	if _, list := mapEntry(&root, "demarches"); list != nil {
		for i, d := range list.Content {
			var extra []string
			if i == 0 {
				extra = unmapped
			}
			commentMapping(d, "fields", Fields(), labels, extra)
			commentMapping(d, "annotations", Annotations(), labels, nil)
		}
	}
	shortenDurations(&root)
	var buf bytes.Buffer
	enc := yaml.NewEncoder(&buf)
	enc.SetIndent(2)
	if err := enc.Encode(&root); err != nil {
		return nil, fmt.Errorf("render config: %w", err)
	}
	if err := enc.Close(); err != nil {
		return nil, fmt.Errorf("render config: %w", err)
	}
	return buf.Bytes(), nil
}

// commentMapping orders the mapping `name` of démarche node d like the
// vocabulary, puts each id's label beside it, and lists above it what is
// not mapped.
func commentMapping(d *yaml.Node, name string, vocabulary []FieldSpec, labels map[string]string, unmapped []string) {
	key, m := mapEntry(d, name)
	if m == nil || m.Kind != yaml.MappingNode {
		return
	}
	order := specKeys(vocabulary)
	pairs := pairsOf(m)
	slices.SortStableFunc(pairs, func(a, b [2]*yaml.Node) int {
		return rank(order, a[0].Value) - rank(order, b[0].Value)
	})
	m.Content = m.Content[:0]
	mapped := map[string]bool{}
	for _, p := range pairs {
		mapped[p[0].Value] = true
		if l := labels[p[1].Value]; l != "" {
			p[1].LineComment = commentText(l)
		}
		m.Content = append(m.Content, p[0], p[1])
	}
	key.HeadComment = missingComment(name, vocabulary, mapped, unmapped)
}

func missingComment(name string, vocabulary []FieldSpec, mapped map[string]bool, unmapped []string) string {
	var lines []string
	for _, s := range vocabulary {
		if mapped[s.Key] {
			continue
		}
		line := fmt.Sprintf("  %s: \"\"  # %s", s.Key, commentText(s.Label))
		if s.Required {
			line += " (needed to judge a local candidacy)"
		}
		lines = append(lines, line)
	}
	var b strings.Builder
	if len(lines) > 0 {
		fmt.Fprintf(&b, "not mapped: no descriptor has the usual label; if the démarche has one, uncomment and put its id:\n%s\n",
			strings.Join(lines, "\n"))
	}
	if len(unmapped) > 0 {
		b.WriteString("Descriptors of the démarche that spplus does not use:\n")
		for _, u := range unmapped {
			fmt.Fprintf(&b, "  - %s\n", commentText(u))
		}
	}
	if b.Len() == 0 {
		return ""
	}
	return name + " — " + strings.TrimRight(b.String(), "\n")
}

// commentText keeps outside text (labels typed on DS) on one comment line,
// so that it cannot end the comment and inject keys.
func commentText(s string) string {
	return strings.Join(strings.FieldsFunc(s, func(r rune) bool {
		return unicode.IsSpace(r) || unicode.IsControl(r)
	}), " ")
}

// mapEntry returns the key and value nodes of key in mapping m, or nils.
func mapEntry(m *yaml.Node, key string) (k, v *yaml.Node) {
	if m == nil || m.Kind != yaml.MappingNode {
		return nil, nil
	}
	for i := 0; i+1 < len(m.Content); i += 2 {
		if m.Content[i].Value == key {
			return m.Content[i], m.Content[i+1]
		}
	}
	return nil, nil
}

func pairsOf(m *yaml.Node) [][2]*yaml.Node {
	pairs := make([][2]*yaml.Node, 0, len(m.Content)/2)
	for i := 0; i+1 < len(m.Content); i += 2 {
		pairs = append(pairs, [2]*yaml.Node{m.Content[i], m.Content[i+1]})
	}
	return pairs
}

// rank is a key's position in the vocabulary; unknown keys go last.
func rank(order []string, key string) int {
	if i := slices.Index(order, key); i >= 0 {
		return i
	}
	return len(order)
}

// durationKeys are the keys whose values are durations.
var durationKeys = []string{"request_timeout", "checkpoint_margin", "open_timeout", "ready_max_age", "reminder_every"}

// shortenDurations writes durations the way a human would ("168h", not
// "168h0m0s"); both forms parse alike.
func shortenDurations(n *yaml.Node) {
	if n.Kind == yaml.MappingNode {
		for _, p := range pairsOf(n) {
			if p[1].Kind == yaml.ScalarNode && slices.Contains(durationKeys, p[0].Value) {
				p[1].Value = shortDuration(p[1].Value)
			}
		}
	}
	for _, c := range n.Content {
		shortenDurations(c)
	}
}

func shortDuration(s string) string {
	if strings.HasSuffix(s, "m0s") {
		s = strings.TrimSuffix(s, "0s")
	}
	if strings.HasSuffix(s, "h0m") {
		s = strings.TrimSuffix(s, "0m")
	}
	return s
}
