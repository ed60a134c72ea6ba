package report

import (
	"encoding/csv"
	"fmt"
	"io"
	"sort"
	"strings"
	"time"
)

// csvHeader names the columns in French, for the people who open the file.
var csvHeader = []string{
	"Démarche", "Dossier", "Service", "Groupe instructeur", "État DS", "Statut SP+", "Complet",
	"Niveau", "Constats bloquants", "Constats", "Prochaine échéance", "Date de l'échéance",
	"Échéances", "Dernière évaluation", "En quarantaine", "Dernière erreur",
}

// WriteCSV writes rows as a CSV file that French Excel opens as it is: a
// UTF-8 byte-order mark, ";" separators, dates as dd/mm/yyyy, times in loc
// (Europe/Paris for people), and cells that a spreadsheet would run as
// formulas neutralised.
func WriteCSV(w io.Writer, rows []Row, loc *time.Location) error {
	if _, err := io.WriteString(w, "\ufeff"); err != nil {
		return fmt.Errorf("write csv: %w", err)
	}
	cw := csv.NewWriter(w)
	cw.Comma = ';'
	cw.UseCRLF = true
	if err := cw.Write(csvHeader); err != nil {
		return fmt.Errorf("write csv: %w", err)
	}
	for _, r := range rows {
		if err := cw.Write(csvRecord(r, loc)); err != nil {
			return fmt.Errorf("write csv row of dossier %d: %w", r.Number, err)
		}
	}
	cw.Flush()
	if err := cw.Error(); err != nil {
		return fmt.Errorf("write csv: %w", err)
	}
	return nil
}

func csvRecord(r Row, loc *time.Location) []string {
	next, nextDate := "", ""
	if r.NextDeadline != nil {
		next, nextDate = r.NextDeadline.Name, FrenchDate(r.NextDeadline.Date)
	}
	level := ""
	if r.Level != nil {
		level = *r.Level
	}
	evaluated := ""
	if r.EvaluatedAt != nil {
		evaluated = r.EvaluatedAt.In(loc).Format("02/01/2006 15:04")
	}
	rec := []string{
		fmt.Sprint(r.Demarche), fmt.Sprint(r.Number), r.ServiceName, r.GroupeInstructeur, r.DSState, r.Status,
		ouiNon(r.Complete), level, fmt.Sprint(r.Blocking), strings.Join(r.Findings, ", "), next, nextDate,
		deadlinesText(r.Deadlines), evaluated, ouiNon(r.Quarantined), r.LastError,
	}
	for i, cell := range rec {
		rec[i] = NeutralizeCell(cell)
	}
	return rec
}

// NeutralizeCell defuses a cell that a spreadsheet would evaluate as a
// formula (CSV injection): one starting with =, +, -, @, a tab or a carriage
// return gets a leading apostrophe, which Excel and LibreOffice show as text.
func NeutralizeCell(s string) string {
	if s == "" {
		return s
	}
	switch s[0] {
	case '=', '+', '-', '@', '\t', '\r':
		return "'" + s
	}
	return s
}

// FrenchDate turns YYYY-MM-DD into dd/mm/yyyy; anything else is kept as is.
func FrenchDate(iso string) string {
	if len(iso) != 10 || iso[4] != '-' || iso[7] != '-' {
		return iso
	}
	return iso[8:10] + "/" + iso[5:7] + "/" + iso[0:4]
}

func deadlinesText(d map[string]string) string {
	names := make([]string, 0, len(d))
	for n := range d {
		names = append(names, n)
	}
	sort.Strings(names)
	parts := make([]string, len(names))
	for i, n := range names {
		parts[i] = n + " " + FrenchDate(d[n])
	}
	return strings.Join(parts, ", ")
}

func ouiNon(b bool) string {
	if b {
		return "oui"
	}
	return "non"
}
