package sandbox

import (
	"encoding/json"
	"testing"
	"time"
)

// bigBase is the dépôt time of the first generated dossier.
var bigBase = time.Date(2025, 10, 1, 9, 0, 0, 0, paris)

// bigData builds démarche 1 with n dossiers numbered 1..n: dossier i is filed at
// bigBase+i minutes and last modified at a permuted minute, so the two sort orders differ.
// Dossiers with i%10 == 0 are accepte and archived, i%3 == 0 en_instruction.
func bigData(t testing.TB, n int) []byte {
	t.Helper()
	dossiers := make([]any, 0, n)
	for i := 1; i <= n; i++ {
		state, archived := "en_construction", false
		switch {
		case i%10 == 0:
			state, archived = "accepte", true
		case i%3 == 0:
			state = "en_instruction"
		}
		depot := bigBase.Add(time.Duration(i) * time.Minute)
		updated := bigBase.Add(time.Duration(n+(i*7919)%n) * time.Minute)
		dossiers = append(dossiers, map[string]any{
			"number": i, "state": state, "archived": archived,
			"dateDepot": formatDSTime(depot), "dateDerniereModification": formatDSTime(updated),
			"groupeInstructeur": map[string]any{"id": typedID("GroupeInstructeur", 1), "number": 1, "label": "Défaut"},
			"usager":            map[string]any{"id": typedID("User", i), "email": "u@example.fr"},
		})
	}
	b, err := json.Marshal(map[string]any{"demarches": []any{map[string]any{
		"number": 1, "title": "Big", "description": "", "state": "publiee", "dateCreation": formatDSTime(bigBase),
		"activeRevision":     map[string]any{"id": "UmV2LTE=", "dateCreation": formatDSTime(bigBase), "champDescriptors": []any{}, "annotationDescriptors": []any{}},
		"groupeInstructeurs": []any{map[string]any{"number": 1, "label": "Défaut", "instructeurs": []any{}}},
		"dossiers":           dossiers,
	}}})
	if err != nil {
		t.Fatal(err)
	}
	return b
}
