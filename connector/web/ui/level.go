package ui

import (
	"strings"

	"github.com/spplus/spplus/rules"
)

// levelExplanation says what level a dossier reached and why: the
// thresholds of the levels table (RULES.md, §2.2.1) beside its notes.
type levelExplanation struct {
	Label   string
	Summary string
	Reasons []string
	Rows    []thresholdRow
	Central bool
}

// thresholdRow is one level of the table, its thresholds and the
// dossier's notes.
type thresholdRow struct {
	Level string
	Cells []thresholdCell
	Met   bool
}

// thresholdCell is one condition of a level.
type thresholdCell struct {
	Name, Min, Value string
	Applies, Met     bool
}

// notes are the four notes the levels look at; nil when not computed.
type notes struct {
	engagement, or, agents, users *float64
}

// explainLevel explains v's level with the levels of s. The rules decided
// on exact values (D1) and the notes here are rounded to two decimals, so
// the stored level is authoritative: every level up to it is shown as met,
// and a level above it whose rounded notes all look sufficient is said to
// miss a threshold by less than the rounding.
func explainLevel(v verdictView, s rules.Settings) levelExplanation {
	level := ""
	if v.Level != nil {
		level = *v.Level
	}
	e := levelExplanation{Label: levelLabel(level)}
	if v.Central != nil {
		return explainCentral(e, v, s)
	}
	n := notesOf(v)
	e.Rows = thresholdRows(n, level, s)
	switch {
	case level == "":
		e.Summary = "Le niveau ne peut pas encore être déterminé :"
		e.Reasons = undecidedReasons(v)
	case level == string(rules.LevelNone):
		e.Summary = "Les notes n'atteignent pas le premier palier ; il manque :"
		e.Reasons = missing(e.Rows, 0)
	default:
		e.Summary = "Toutes les conditions du palier " + levelLabel(level) + " sont remplies."
		if next := nextRow(e.Rows, level); next >= 0 {
			e.Summary += " Pour le palier " + e.Rows[next].Level + ", il manque :"
			e.Reasons = missing(e.Rows, next)
		}
	}
	return e
}

func notesOf(v verdictView) notes {
	var n notes
	if v.Users != nil {
		n.users = v.Users.Score
	}
	if v.Agents != nil {
		n.agents = v.Agents.Score
	}
	if v.Audit != nil {
		n.or = v.Audit.OrCriteria
		n.engagement = lowest(v.Audit.Engagements)
	}
	return n
}

// lowest is the lowest engagement note; nil when one has none, since the
// level then cannot be reached.
func lowest(list []keyScore) *float64 {
	var low *float64
	for _, k := range list {
		if k.Value == nil {
			return nil
		}
		if low == nil || *k.Value < *low {
			low = k.Value
		}
	}
	return low
}

func thresholdRows(n notes, level string, s rules.Settings) []thresholdRow {
	reached := levelRank(level)
	var rows []thresholdRow
	for _, lr := range s.Levels {
		authoritative := levelRank(string(lr.Level)) <= reached
		row := thresholdRow{Level: levelLabel(string(lr.Level)), Met: true}
		row.Cells = []thresholdCell{
			cell("Engagements de l'audit (note la plus basse)", lr.Engagement, n.engagement, true, authoritative),
			cell("Critères « Or » de l'audit", lr.OrCriteria, n.or, lr.RequireOr, authoritative),
			cell("Enquête agents", lr.Agents, n.agents, true, authoritative),
			cell("Enquête usagers", lr.Users, n.users, true, authoritative),
		}
		for _, c := range row.Cells {
			row.Met = row.Met && (!c.Applies || c.Met)
		}
		rows = append(rows, row)
	}
	return rows
}

func cell(name string, minimum rules.Ratio, value *float64, applies, authoritative bool) thresholdCell {
	c := thresholdCell{Name: name, Applies: applies, Value: score(value)}
	if !applies {
		return c
	}
	m := ratio(minimum)
	c.Min = "≥ " + score(&m)
	c.Met = authoritative || (value != nil && *value >= m)
	return c
}

// ratio is a threshold as a float, for display and the rounded comparison.
func ratio(r rules.Ratio) float64 {
	if r.Den == 0 {
		return float64(r.Num)
	}
	return float64(r.Num) / float64(r.Den)
}

// nextRow is the index of the level just above level, or -1.
func nextRow(rows []thresholdRow, level string) int {
	for i, r := range rows {
		if r.Level == levelLabel(level) && i+1 < len(rows) {
			return i + 1
		}
	}
	return -1
}

// missing lists the unmet conditions of rows[i].
func missing(rows []thresholdRow, i int) []string {
	if i < 0 || i >= len(rows) {
		return nil
	}
	var out []string
	for _, c := range rows[i].Cells {
		if c.Applies && !c.Met {
			out = append(out, c.Name+" : "+c.Value+" pour un minimum de "+strings.TrimPrefix(c.Min, "≥ "))
		}
	}
	if len(out) == 0 {
		out = append(out, "une note qui, à sa valeur exacte, reste sous le seuil (l'arrondi à deux décimales l'affiche égale ou supérieure ; décision D1)")
	}
	return out
}

// undecidedReasons say which input keeps the level from being decided.
func undecidedReasons(v verdictView) []string {
	var out []string
	survey := func(name string, s *surveyView) {
		switch {
		case s == nil:
			out = append(out, name+" : résultats absents ou illisibles")
		case !s.Valid:
			var causes []string
			for _, r := range s.InvalidReasons {
				causes = append(causes, orDefault(invalidReasons, r))
			}
			out = append(out, name+" non valide ("+strings.Join(causes, ", ")+")")
		}
	}
	survey("Enquête usagers", v.Users)
	survey("Enquête agents", v.Agents)
	switch {
	case v.Audit == nil:
		out = append(out, "Grille d'audit absente (l'audit n'a pas encore eu lieu ou la grille n'est pas jointe)")
	case hasFinding(v, string(rules.AuditGridInvalid)):
		out = append(out, "Grille d'audit non valide (voir le constat AUDIT_GRID_INVALID)")
	}
	if len(out) == 0 {
		out = append(out, "une donnée nécessaire manque (voir les constats)")
	}
	return out
}

func hasFinding(v verdictView, rule string) bool {
	for _, f := range v.Findings {
		if f.Rule == rule {
			return true
		}
	}
	return false
}

// explainCentral explains the level of a central service (§2.2.2).
func explainCentral(e levelExplanation, v verdictView, s rules.Settings) levelExplanation {
	e.Central = true
	c := v.Central
	grid := ratio(s.Central.GridMin)
	labelled := ratio(s.Central.LabelledMin)
	e.Summary = "Service central : le niveau est celui que détient le plus grand nombre de services locaux labellisés l'année de l'audit (décision D9), à condition que " +
		score(&labelled) + " % au moins des services locaux audités soient labellisés et que " + score(&grid) + " % au moins des points de la grille centrale soient validés."
	pass := "non atteint"
	if c.Passed {
		pass = "atteint"
	}
	e.Reasons = []string{"Grille centrale : " + itoa(c.Validated) + " points validés sur " + itoa(c.Points) + " (" + percent(c.ValidatedPct) + ") : seuil " + pass + "."}
	for _, f := range v.Findings {
		if strings.HasPrefix(f.Rule, "CENTRAL_") {
			e.Reasons = append(e.Reasons, f.Rule+" : "+f.Message)
		}
	}
	return e
}
