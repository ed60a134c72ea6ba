package connector

import (
	"bytes"
	"crypto/sha256"
	"embed"
	"encoding/hex"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"text/template"
)

// builtinTemplates are the messages to the candidate, in French. A
// démarche's messages.templates_dir may override each file by name.
//
//go:embed templates/*.tmpl
var builtinTemplates embed.FS

// Template names, one per kind of message.
const (
	tmplMessage    = "message.tmpl"
	tmplReminder   = "reminder.tmpl"
	tmplCorrection = "correction.tmpl"
	// tmplAttestation goes with the attestation PDF when a human accepted
	// the dossier on DS without a justificatif.
	tmplAttestation = "attestation.tmpl"
)

// templateNames lists every template a set must define.
func templateNames() []string {
	return []string{tmplMessage, tmplReminder, tmplCorrection, tmplAttestation}
}

// MarkerPrefix starts the reference marker that ends every message spplus
// sends; the marker makes a message exactly-once (see markerFor).
const MarkerPrefix = "Réf. SP+ "

// messageItem is one finding the message asks the candidate to act on.
type messageItem struct {
	Rule    string
	Section string
	Message string
}

// messageData is what a template is executed with.
type messageData struct {
	Number       int
	Service      string
	Items        []messageItem
	Deadline     string // a French sentence, or ""
	Reminder     int    // 0 for the first message, then 1, 2...
	MaxReminders int
	Correction   bool
	Level        string // the level in French (attestation message), or ""
}

// loadTemplates parses the built-in templates, then the files of dir (if
// any) with the same names, which replace them. A template that does not
// parse, or that names a field messageData lacks, is an error naming the file.
func loadTemplates(dir string) (*template.Template, error) {
	t := template.New("messages").Option("missingkey=error").Funcs(template.FuncMap{
		"add": func(a, b int) int { return a + b },
	})
	for _, name := range templateNames() {
		text, err := fs.ReadFile(builtinTemplates, "templates/"+name)
		if err != nil {
			return nil, fmt.Errorf("built-in template %s: %w", name, err)
		}
		if dir != "" {
			text, err = overrideText(dir, name, text)
			if err != nil {
				return nil, err
			}
		}
		if _, err := t.New(name).Parse(string(text)); err != nil {
			return nil, fmt.Errorf("message template %s: %w", name, err)
		}
	}
	if err := checkTemplates(t); err != nil {
		return nil, err
	}
	return t, nil
}

// overrideText returns the content of dir/name, or def when there is none.
func overrideText(dir, name string, def []byte) ([]byte, error) {
	path := filepath.Join(dir, name)
	b, err := os.ReadFile(path)
	if errors.Is(err, fs.ErrNotExist) {
		return def, nil
	}
	if err != nil {
		return nil, fmt.Errorf("message template %s: %w", path, err)
	}
	return b, nil
}

// checkTemplates executes every template on sample data, so that a bad
// override fails at start-up rather than on the first dossier.
func checkTemplates(t *template.Template) error {
	sample := messageData{Number: 1, Service: "Service", Items: []messageItem{{Rule: "R", Section: "3.5.1", Message: "m"}},
		Deadline: "d", Reminder: 1, MaxReminders: 3}
	for _, name := range templateNames() {
		if err := t.ExecuteTemplate(&bytes.Buffer{}, name, sample); err != nil {
			return fmt.Errorf("message template %s: %w", name, err)
		}
	}
	return nil
}

// render executes template name and appends the reference marker on its
// own line: the marker is added here, not by the template, so that an
// override cannot drop it.
func render(t *template.Template, name string, data messageData, marker string) (string, error) {
	var b bytes.Buffer
	if err := t.ExecuteTemplate(&b, name, data); err != nil {
		return "", fmt.Errorf("dossier %d: message template %s: %w", data.Number, name, err)
	}
	return strings.TrimSpace(b.String()) + "\n\n" + marker, nil
}

// markerFor is the reference marker of a message: a hash of the dossier
// number, the sorted blocking rule IDs, the reminder index and the kind of
// message. The same findings give the same marker, so a message found on
// the dossier with it is never sent again.
func markerFor(number int, ids []string, index int, kind string) string {
	sum := sha256.Sum256([]byte(strconv.Itoa(number) + "|" + strings.Join(ids, ",") + "|" + strconv.Itoa(index) + "|" + kind))
	return MarkerPrefix + hex.EncodeToString(sum[:3])
}

// setHash identifies a set of blocking findings of one dossier.
func setHash(number int, ids []string) string {
	sum := sha256.Sum256([]byte(strconv.Itoa(number) + "|" + strings.Join(ids, ",")))
	return hex.EncodeToString(sum[:8])
}
