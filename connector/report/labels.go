package report

// deadlineLabels name the deadlines of RULES.md's table in French, for the
// people who read the pages, the feed and the exports.
var deadlineLabels = map[string]string{
	"deposit_due":           "Date limite de dépôt du dossier",
	"audit_plan_due":        "Envoi du plan d'audit",
	"report_due":            "Remise du rapport d'audit",
	"remarks_due":           "Observations sur le rapport d'audit",
	"label_expires":         "Fin de validité du label",
	"renewal_invite":        "Invitation au renouvellement",
	"followup_target":       "Date cible de l'audit de suivi",
	"followup_window_start": "Ouverture de la fenêtre de l'audit de suivi",
	"followup_window_end":   "Fermeture de la fenêtre de l'audit de suivi",
	"followup_prepare":      "Préparation de l'audit de suivi",
	"reapply_from":          "Nouvelle candidature possible",
	"survey_rerun_from":     "Nouvelles enquêtes possibles",
	"suspension_max_end":    "Fin maximale de la suspension",
	"stop_mark_use":         "Arrêt de l'usage de la marque",
}

// DeadlineLabel returns the French label of a deadline name of RULES.md, or
// the name itself when it is not one of them.
func DeadlineLabel(name string) string {
	if l, ok := deadlineLabels[name]; ok {
		return l
	}
	return name
}
