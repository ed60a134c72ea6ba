package rules

import (
	"fmt"
	"math/big"
	"strings"
)

// central judges a central service (§2.2.2, §3.1, §3.3, §3.7.2): the sample
// of locals audited this year, the share labelled, its grid, the yearly
// self-diagnostics of its locals, and its level. "This year" is the
// calendar year of its audit date.
func (e *evaluation) central() {
	in := e.c.Central
	if e.fileUsable("fichier de la grille d'audit du service central", in.Grid.FileInput) && in.Grid.Grid != nil {
		g := ScoreCentral(*in.Grid.Grid, e.s)
		e.v.Central = &g
	}
	e.checkCentralGrid()
	if e.c.AuditDate.IsZero() {
		return // AUDIT_DATE_MISSING: the year, and so the sample, is unknown
	}
	year := e.c.AuditDate.Year
	audited, labelled := e.localsOfYear(year)
	e.checkSample(year, int64(len(audited)))
	e.checkLabelled(year, int64(len(audited)), int64(len(labelled)))
	e.checkLocalSelfDiagnostics()
	e.v.Level = e.centralLevel(year, labelled)
}

// localsOfYear returns the locals audited in year and those of them labelled.
func (e *evaluation) localsOfYear(year int) (audited, labelled []LocalService) {
	for _, l := range e.c.Central.Locals {
		if l.AuditedYear != year {
			continue
		}
		audited = append(audited, l)
		if l.Level.Labelled() {
			labelled = append(labelled, l)
		}
	}
	return audited, labelled
}

// CeilSqrt returns the smallest k ≥ 0 with k×k ≥ n (decision D8: 100 → 10,
// 101 → 11): the size of the sample of local services (§3.1, "√n, en
// arrondissant à l'entier supérieur").
func CeilSqrt(n int64) int64 {
	if n <= 0 {
		return 0
	}
	k := new(big.Int).Sqrt(big.NewInt(n)).Int64()
	if k*k < n {
		k++
	}
	return k
}

// checkSample: CENTRAL_SAMPLE_TOO_SMALL (§3.1, §3.3).
func (e *evaluation) checkSample(year int, audited int64) {
	n := int64(e.c.Central.LocalServices)
	if n <= 0 {
		e.f.add(CentralSampleTooSmall, "Le nombre total de services locaux rattachés au service central n'est pas renseigné : "+
			"la taille minimale de l'échantillon audité (racine carrée de ce nombre, arrondie à l'entier supérieur) ne peut "+
			"pas être vérifiée (§3.1). Indiquez-le dans le dossier.", "audited", fmt.Sprint(audited))
		return
	}
	need := CeilSqrt(n)
	if audited >= need {
		return
	}
	e.f.add(CentralSampleTooSmall, fmt.Sprintf("%d service(s) local(aux) audité(s) en %d, alors que l'échantillon doit en "+
		"compter au moins %d (racine carrée de %d services locaux, arrondie à l'entier supérieur, §3.1). Faites auditer "+
		"les services manquants, choisis au hasard par l'organisme de certification, avant l'audit du service central.",
		audited, year, need, n), "audited", fmt.Sprint(audited), "required", fmt.Sprint(need), "local_services", fmt.Sprint(n))
}

// checkLabelled: CENTRAL_LABELLED_75, 4×labelled < 3×audited (§2.2.2, D8).
func (e *evaluation) checkLabelled(year int, audited, labelled int64) {
	min := e.s.Central.LabelledMin
	share := percentOf(labelled, audited)
	if audited == 0 || share.AtLeast(min) {
		return
	}
	e.f.add(CentralLabelled75, fmt.Sprintf("%d des %d services locaux audités en %d sont labellisés (%s %%) : il en faut "+
		"au moins %s %%, soit %d (§2.2.2). Présentez à l'audit un ou plusieurs services locaux supplémentaires.",
		labelled, audited, year, share.French(), min.Score().frenchShort(), ceilShare(audited, min)),
		"audited", fmt.Sprint(audited), "labelled", fmt.Sprint(labelled))
}

// checkCentralGrid: CENTRAL_GRID_75 (§2.2.2, §3.7.2).
func (e *evaluation) checkCentralGrid() {
	g := e.v.Central
	if g == nil || g.Passed {
		return
	}
	min := e.s.Central.GridMin
	e.f.add(CentralGrid75, fmt.Sprintf("%d point(s) de contrôle validé(s) sur %d à l'audit du service central (%s %%) : "+
		"il en faut au moins %s %% (§3.7.2). Transmettez à l'auditeur, dans les 10 jours suivant la réception du rapport, "+
		"des propositions d'actions correctives pour les points non validés.",
		g.Validated, g.Points, g.ValidatedPct.French(), min.Score().frenchShort()),
		"validated", fmt.Sprint(g.Validated), "points", fmt.Sprint(g.Points))
}

// checkLocalSelfDiagnostics: CENTRAL_SELF_DIAGNOSTICS, each local listed
// needs a self-diagnostic within 12 months before the central audit (§2.2.2).
func (e *evaluation) checkLocalSelfDiagnostics() {
	audit, n := e.c.AuditDate, e.s.Central.SelfDiagnosticMonths
	var lacking, names []string
	for _, l := range e.c.Central.Locals {
		d := l.SelfDiagnosticDate
		switch {
		case d.IsZero():
			lacking = append(lacking, fmt.Sprintf("%s (aucun autodiagnostic)", l.Name))
		case !d.WithinMonthsBefore(audit, n):
			lacking = append(lacking, fmt.Sprintf("%s (autodiagnostic du %s)", l.Name, d.French()))
		default:
			continue
		}
		names = append(names, l.Name)
	}
	if len(lacking) == 0 {
		return
	}
	e.f.add(CentralSelfDiagnostics, fmt.Sprintf("Ces services locaux n'ont pas d'autodiagnostic réalisé dans les %d mois "+
		"précédant l'audit du %s (du %s au %s) : %s (§2.2.2). Joignez leurs rapports d'autodiagnostic au format normalisé.",
		n, audit.French(), audit.AddMonths(-n).French(), audit.French(), joinFrench(lacking)),
		"locals", strings.Join(names, ", "))
}

// centralLevel: the level held by the most locals labelled this year (D9);
// a tie goes to the lower level and raises CENTRAL_LEVEL_TIE. "none" when
// CENTRAL_LABELLED_75 or CENTRAL_GRID_75 fails; unknown without a grid.
func (e *evaluation) centralLevel(year int, labelled []LocalService) Level {
	if e.v.Central == nil {
		return LevelUnknown
	}
	if !e.v.Central.Passed || e.f.fired(CentralLabelled75) || len(labelled) == 0 {
		return LevelNone
	}
	counts := map[Level]int{}
	for _, l := range labelled {
		counts[l.Level]++
	}
	best, tied := LevelUnknown, []string(nil)
	for _, l := range []Level{LevelBronze, LevelArgent, LevelOr} { // lowest first: a tie keeps the lower
		switch {
		case counts[l] > counts[best]:
			best, tied = l, []string{l.French()}
		case counts[l] > 0 && counts[l] == counts[best]:
			tied = append(tied, l.French())
		}
	}
	if len(tied) > 1 {
		e.f.add(CentralLevelTie, fmt.Sprintf("Les services locaux labellisés en %d se répartissent à égalité entre les paliers "+
			"%s (%d chacun) : le palier retenu est le plus bas, %s, sous réserve de confirmation par l'organisme de "+
			"certification (§2.2.2).", year, joinFrench(tied), counts[best], best.French()),
			"level", string(best), "tied", fmt.Sprint(len(tied)))
	}
	return best
}

// fired reports whether a finding of rule id has been raised.
func (f *findings) fired(id RuleID) bool {
	for _, x := range f.list {
		if x.Rule == id {
			return true
		}
	}
	return false
}
