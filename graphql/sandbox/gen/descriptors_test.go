package gen

import (
	"os"
	"strconv"
	"strings"
	"testing"
	"unicode"

	"golang.org/x/text/unicode/norm"
)

// foldLabel matches labels as "spplus init" does: ignoring case, accents
// and apostrophe variants.
func foldLabel(s string) string {
	var b strings.Builder
	for _, r := range norm.NFD.String(strings.ReplaceAll(s, "’", "'")) {
		if !unicode.Is(unicode.Mn, r) {
			b.WriteRune(unicode.ToLower(r))
		}
	}
	return strings.Join(strings.Fields(b.String()), " ")
}

// TestDescriptorsUnique: stable ids, keys and folded labels are unique,
// so both the id mapping and the label mapping are unambiguous.
func TestDescriptorsUnique(t *testing.T) {
	ids, keys, labels := map[int]bool{}, map[string]bool{}, map[string]bool{}
	for _, d := range Descriptors() {
		switch {
		case ids[d.StableID]:
			t.Errorf("stable id %d used twice", d.StableID)
		case keys[d.Key]:
			t.Errorf("key %q used twice", d.Key)
		case labels[foldLabel(d.Label)]:
			t.Errorf("label %q used twice (ignoring case and accents)", d.Label)
		case d.Annotation != (d.StableID >= 100):
			t.Errorf("%s: annotations use ids from 100, champs below", d.Label)
		}
		ids[d.StableID], keys[d.Key], labels[foldLabel(d.Label)] = true, true, true
		if _, ok := typedFields()[champTypename(d.Typename)]; !ok {
			t.Errorf("%s: descriptor type %s has no champ type", d.Label, d.Typename)
		}
		if got, ok := DescriptorByKey(d.Key); !ok || got.StableID != d.StableID {
			t.Errorf("DescriptorByKey(%q) = %v, %v", d.Key, got.StableID, ok)
		}
	}
	if ChampID(16) != "Q2hhbXAtMTY=" {
		t.Errorf("ChampID(16) = %s, want base64 of Champ-16", ChampID(16))
	}
}

// TestDescriptorsCoverCandidacy checks there is a champ for every input of
// the candidacy JSON (ARCHITECTURE.md) and of the central candidacy
// (RULES.md), and an annotation for everything spplus writes.
func TestDescriptorsCoverCandidacy(t *testing.T) {
	want := []string{
		"service", "audit", "service_name", "departement", "certification_body", "audit_date", "audit_end_date",
		"identification", "organigram", "training_plan_current", "training_plan_previous", "self_diagnostic_report",
		"self_diagnostic_date", "sample_method", "users_survey_report", "users_survey_date", "users_survey_launch_date",
		"users_survey_close_date", "users_solicited", "users_declared_score", "agents_survey_report", "agents_survey_date",
		"agents_survey_launch_date", "agents_survey_close_date", "agents_solicited", "agents_headcount",
		"agents_declared_score", "action_plan", "indicators_list", "indicators_since", "audit_grid",
		"last_refusal_date", "initial_decision_date", "report_received_date", "suspension_start_date",
		"withdrawal_date", "local_services", "locals", "local_name", "local_audited_year",
		"local_level", "local_self_diagnostic_date", "central_grid",
		"status", "users_score", "agents_score", "level", "blocking_findings", "next_deadline", "evaluated_at",
		"proposed_decision", "complete",
	}
	for _, k := range want {
		if _, ok := DescriptorByKey(k); !ok {
			t.Errorf("no descriptor for %q", k)
		}
	}
}

// TestDocsListEveryDescriptor keeps docs/demarche.md in step with the form:
// each label, stable id and key appears in it.
func TestDocsListEveryDescriptor(t *testing.T) {
	doc, err := os.ReadFile("../../../docs/demarche.md")
	if err != nil {
		t.Fatalf("read docs/demarche.md: %v", err)
	}
	for _, d := range Descriptors() {
		row := "| " + d.Label + " | "
		if !strings.Contains(string(doc), row) {
			t.Errorf("docs/demarche.md has no row for %q", d.Label)
			continue
		}
		line := string(doc)[strings.Index(string(doc), row):]
		line = line[:strings.IndexByte(line, '\n')]
		if !strings.Contains(line, "| "+strconv.Itoa(d.StableID)+" |") || !strings.Contains(line, "`"+d.Key+"`") {
			t.Errorf("docs/demarche.md row %q lacks stable id %d or key %s", line, d.StableID, d.Key)
		}
	}
}
