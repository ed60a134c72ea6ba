package ui

import "github.com/spplus/spplus/connector/report"

// dsStates are the DS dossier states, in the order of a dossier's life,
// with the labels DS shows.
var dsStates = []choice{
	{"en_construction", "En construction"},
	{"en_instruction", "En instruction"},
	{"accepte", "Accepté"},
	{"refuse", "Refusé"},
	{"sans_suite", "Classé sans suite"},
}

// levelChoices are the values of the level filter: the levels from the
// highest, "none" (below bronze) and "undecided" (a survey or the grid is
// missing or invalid).
var levelChoices = []choice{
	{"or", "Or"},
	{"argent", "Argent"},
	{"bronze", "Bronze"},
	{"none", "Aucun palier"},
	{levelUndecided, "Non déterminé"},
}

// levelUndecided is the filter value of a dossier without a level.
const levelUndecided = "indetermine"

// choice is one option of a filter: the value in the URL and its label.
type choice struct{ Value, Label string }

// labelOf returns the label of value among choices, or value itself.
func labelOf(choices []choice, value string) string {
	for _, c := range choices {
		if c.Value == value {
			return c.Label
		}
	}
	return value
}

func stateLabel(s string) string {
	if s == "" {
		return "—"
	}
	return labelOf(dsStates, s)
}

func levelLabel(l string) string {
	if l == "" {
		return "Non déterminé"
	}
	return labelOf(levelChoices, l)
}

// levelRank orders levels for sorting: or > argent > bronze > none > undecided.
func levelRank(l string) int {
	switch l {
	case "or":
		return 4
	case "argent":
		return 3
	case "bronze":
		return 2
	case "none":
		return 1
	}
	return 0
}

// journalKinds label the journal entries the connector writes.
var journalKinds = map[string]string{
	"evaluated":   "Évaluation",
	"planned":     "Action prévue",
	"done":        "Action faite",
	"failed":      "Échec d'une action",
	"parked":      "Action mise de côté",
	"skipped":     "Action inutile (déjà faite)",
	"quarantined": "Mis en quarantaine",
	"deleted":     "Supprimé sur DS",
}

func journalKindLabel(k string) string {
	if l, ok := journalKinds[k]; ok {
		return l
	}
	return k
}

// severityLabels name the findings' severities.
var severityLabels = map[string]string{"blocking": "Bloquant", "warning": "Avertissement", "info": "Information"}

func severityLabel(s string) string {
	if l, ok := severityLabels[s]; ok {
		return l
	}
	return s
}

// engagementNames are the 8 engagements of the 2023 programme (RULES.md).
var engagementNames = map[string]string{
	"1": "Accueil bienveillant et droit à l'erreur",
	"2": "Facilement entrer en contact",
	"3": "Accompagnement adapté",
	"4": "Demande traitée dans les délais annoncés",
	"5": "Information claire, simple et accessible",
	"6": "Accès à nos résultats de qualité de service",
	"7": "Votre avis est pris en compte",
	"8": "Limiter notre impact sur l'environnement",
}

// passOutcomes label the outcomes of a sync pass.
var passOutcomes = map[string]string{
	"running": "En cours", "interrupted": "Interrompue", "success": "Réussie",
	"partial": "Partielle", "failed": "Échouée",
}

// passTriggers label what started a pass.
var passTriggers = map[string]string{
	"cron": "Planifiée", "webhook": "Webhook DS", "cli": "Ligne de commande", "start": "Démarrage",
}

// invalidReasons explain the survey validity codes (docs/rules.md).
var invalidReasons = map[string]string{
	"too_few_admissible":    "trop peu de questionnaires recevables",
	"response_rate_too_low": "taux de réponse insuffisant",
	"solicited_unknown":     "nombre de personnes sollicitées inconnu",
	"headcount_unknown":     "effectif concerné inconnu",
}

func orDefault(m map[string]string, k string) string {
	if l, ok := m[k]; ok {
		return l
	}
	return k
}

// deadlineLabel names a deadline in French (report.DeadlineLabel).
func deadlineLabel(name string) string { return report.DeadlineLabel(name) }
