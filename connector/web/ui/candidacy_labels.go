package ui

import (
	"strings"
	"unicode"
)

// candidacyLabels name the candidacy inputs in French (the labels of the
// démarche's form, docs/demarche.md). Keys are normalised (lower case, no
// underscores), so that both the candidacy JSON's names (audit_date) and
// rules.Candidacy's field names (AuditDate) find their label.
var candidacyLabels = map[string]string{
	"service":                "Type de service",
	"audit":                  "Type d'audit",
	"auditdate":              "Date de l'audit",
	"auditenddate":           "Date de fin de l'audit",
	"depositdate":            "Date de dépôt",
	"departement":            "Département",
	"pieces":                 "Pièces",
	"identification":         "Fiche d'identification",
	"certificationbody":      "Organisme certificateur",
	"organigram":             "Organigramme",
	"trainingplancurrent":    "Plan de formation de l'année en cours",
	"trainingplanprevious":   "Plan de formation de l'année précédente",
	"selfdiagnosticreport":   "Rapport d'autodiagnostic",
	"samplemethod":           "Méthode d'échantillonnage",
	"userssurveyreport":      "Résultats de l'enquête usagers",
	"agentssurveyreport":     "Résultats de l'enquête agents",
	"actionplan":             "Plan d'actions",
	"indicatorslist":         "Liste des indicateurs",
	"selfdiagnosticdate":     "Date de l'autodiagnostic",
	"userssurveydate":        "Date de l'enquête usagers",
	"agentssurveydate":       "Date de l'enquête agents",
	"indicatorssince":        "Indicateurs publiés depuis le",
	"userssurveylaunchdate":  "Lancement de l'enquête usagers",
	"agentssurveylaunchdate": "Lancement de l'enquête agents",
	"userssurveyclosedate":   "Clôture de l'enquête usagers",
	"agentssurveyclosedate":  "Clôture de l'enquête agents",
	"initialdecisiondate":    "Date de la décision initiale",
	"reportreceiveddate":     "Réception du rapport d'audit",
	"suspensionstartdate":    "Début de la suspension",
	"withdrawaldate":         "Retrait du label",
	"lastrefusaldate":        "Date du dernier refus",
	"initialauditdate":       "Date de l'audit initial",
	"selfdiagnosticdates":    "Autodiagnostics depuis l'audit initial",
	"userssurveydates":       "Enquêtes usagers depuis l'audit initial",
	"agentssurveydates":      "Enquêtes agents depuis l'audit initial",
	"userssurvey":            "Enquête usagers",
	"agentssurvey":           "Enquête agents",
	"auditgrid":              "Grille d'audit",
	"centralgrid":            "Grille d'audit du service central",
	"file":                   "fichier",
	"solicited":              "personnes sollicitées",
	"headcount":              "agents concernés",
	"declaredscore":          "score déclaré",
	"unreadable":             "illisible",
	"notsafe":                "analyse antivirus",
	"localservices":          "Nombre de services locaux",
	"locals":                 "Service local",
	"name":                   "nom",
	"auditedyear":            "année de l'audit",
	"level":                  "niveau",
}

// candidacyLabel labels a dotted path: each known segment is translated,
// list indexes are kept ("Service local n°1 : nom").
func candidacyLabel(path string) string {
	if path == "" {
		return "Candidature"
	}
	var parts []string
	for _, seg := range strings.Split(path, ".") {
		name, index, hasIndex := strings.Cut(seg, "[")
		label := name
		if l, ok := candidacyLabels[normalizeKey(name)]; ok {
			label = l
		}
		if hasIndex {
			label += " n°" + indexPlusOne(strings.TrimSuffix(index, "]"))
		}
		parts = append(parts, label)
	}
	return strings.Join(parts, " : ")
}

// normalizeKey lowers a key and drops what is not a letter or a digit.
func normalizeKey(k string) string {
	return strings.Map(func(r rune) rune {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			return unicode.ToLower(r)
		}
		return -1
	}, k)
}

// indexPlusOne turns a 0-based index into the 1-based one people count in.
func indexPlusOne(s string) string {
	n := 0
	for _, r := range s {
		if r < '0' || r > '9' || n > 1e6 {
			return s
		}
		n = n*10 + int(r-'0')
	}
	return itoa(n + 1)
}
