package connector

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestTemplatesOverride(t *testing.T) {
	tests := []struct {
		name    string
		files   map[string]string
		wantErr string
		want    string
	}{
		{"built-in", nil, "", "Votre dossier de candidature nº 7"},
		{"override one file", map[string]string{tmplMessage: "Dossier {{.Number}} : {{range .Items}}{{.Message}}{{end}}"}, "", "Dossier 7 : Pièce manquante."},
		{"syntax error names the file", map[string]string{tmplReminder: "{{.Number"}, "reminder.tmpl", ""},
		{"unknown field fails at load", map[string]string{tmplCorrection: "{{.Numero}}"}, "correction.tmpl", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := ""
			if tt.files != nil {
				dir = t.TempDir()
				for name, text := range tt.files {
					if err := os.WriteFile(filepath.Join(dir, name), []byte(text), 0o600); err != nil {
						t.Fatal(err)
					}
				}
			}
			tm, err := loadTemplates(dir)
			if tt.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
					t.Fatalf("err = %v, want one naming %s", err, tt.wantErr)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			body, err := render(tm, tmplMessage, messageData{Number: 7, Items: []messageItem{{Message: "Pièce manquante."}}}, "Réf. SP+ abcdef")
			if err != nil || !strings.Contains(body, tt.want) || !strings.HasSuffix(body, "\n\nRéf. SP+ abcdef") {
				t.Errorf("body = %q, err %v", body, err)
			}
		})
	}
}

// TestBuiltinTemplatesFrench renders each built-in template with several
// items and a deadline, and checks the parts a candidate needs.
func TestBuiltinTemplatesFrench(t *testing.T) {
	tm, err := loadTemplates("")
	if err != nil {
		t.Fatal(err)
	}
	data := messageData{Number: 42, Service: "Préfecture", Deadline: "Le dossier complet doit être déposé au plus tard le 15 mai 2026.",
		Items: []messageItem{{Rule: "MISSING_ORGANIGRAM", Section: "3.5.1", Message: "L'organigramme n'est pas joint."},
			{Rule: "FILE_NOT_SAFE", Message: "L'analyse antivirus n'est pas terminée."}}, Reminder: 2, MaxReminders: 3}
	for _, name := range []string{tmplMessage, tmplReminder, tmplCorrection} {
		body, err := render(tm, name, data, "Réf. SP+ 000000")
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		for _, want := range []string{"nº 42", "(Préfecture)", "1. L'organigramme n'est pas joint. (guide du label, § 3.5.1)",
			"2. L'analyse antivirus n'est pas terminée.\n", "15 mai 2026", "Réf. SP+ 000000"} {
			if !strings.Contains(body, want) {
				t.Errorf("%s: missing %q in\n%s", name, want, body)
			}
		}
	}
}

// TestAttestationTemplate checks the message that goes with the attestation
// PDF when a human accepted the dossier on DS.
func TestAttestationTemplate(t *testing.T) {
	tm, err := loadTemplates("")
	if err != nil {
		t.Fatal(err)
	}
	body, err := render(tm, tmplAttestation, messageData{Number: 42, Service: "Préfecture", Level: "Argent"}, "Réf. SP+ 000000")
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"nº 42", "(Préfecture)", "au niveau Argent", "ci-joint l'attestation", "Réf. SP+ 000000"} {
		if !strings.Contains(body, want) {
			t.Errorf("missing %q in\n%s", want, body)
		}
	}
}
