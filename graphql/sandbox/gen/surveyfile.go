package gen

import (
	"bytes"
	"encoding/csv"
	"fmt"
	"math/rand/v2"
	"strconv"
	"strings"

	"golang.org/x/text/encoding/charmap"

	"github.com/spplus/spplus/rules"
)

// fileFormat is one of the ways a survey reaches the certification body
// (ARCHITECTURE.md, "Survey and grid files").
type fileFormat uint8

const (
	formatCSVComma     fileFormat = iota // UTF-8, ",", points with "."
	formatCSVSemicolon                   // UTF-8 with BOM, ";", points with ",", CRLF
	formatCSV1252                        // Windows-1252, ";", answer labels, CRLF
	formatXLSX                           // first sheet, numbers as numbers
	formatDistribution                   // one row per question + an admissible row
)

// defect is a deliberate flaw of a file, for the "bad file" scenarios.
type defect uint8

const (
	defectNone       defect = iota
	defectTitleLine         // an export title above the header: unknown columns
	defectOutOfScale        // a few cells hold "5" (a 1–5 scale mistake)
)

const (
	contentCSV  = "text/csv"
	contentXLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
	contentPDF  = "application/pdf"
)

// renderedFile is a file's bytes and how to name and type it.
type renderedFile struct {
	data        []byte
	ext         string
	contentType string
}

// cellStyle says how the answers of one file are spelled.
type cellStyle struct {
	comma      bool    // decimal comma
	labelShare float64 // share of answers written as their label
	labels     [4]string
	nc         string
	yes, no    string // values of the `complete` column
	outOfScale bool
}

// newCellStyle picks the spelling of a file of format f.
func newCellStyle(rng *rand.Rand, f fileFormat, kind rules.SurveyKind, q rules.Questionnaires) cellStyle {
	st := cellStyle{comma: f == formatCSVSemicolon, labels: answerLabels(kind, q), nc: "NC"}
	if rng.IntN(3) == 0 && len(q.NCLabels) > 4 {
		st.nc = q.NCLabels[4] // "Non concerné / Ne se prononce pas"
	}
	switch f {
	case formatCSV1252:
		st.labelShare = 1
	case formatXLSX:
		st.labelShare = 0.15
	}
	yesNo := [][2]string{{"oui", "non"}, {"1", "0"}, {"true", "false"}}[rng.IntN(3)]
	st.yes, st.no = yesNo[0], yesNo[1]
	return st
}

// answerLabels returns the label of each score (0, 0.25, 0.75, 1) for a
// questionnaire: the "satisfait" scale for users, "d'accord" for agents.
func answerLabels(kind rules.SurveyKind, q rules.Questionnaires) [4]string {
	word := "satisfait"
	if kind == rules.AgentsSurvey {
		word = "accord"
	}
	var out [4]string
	for _, l := range q.AnswerLabels {
		if strings.Contains(l.Label, word) && rules.ValidQuarters(int(l.Quarters)) {
			out[quarterIndex(cell(l.Quarters))] = l.Label
		}
	}
	return out
}

func (st cellStyle) text(rng *rand.Rand, c cell) string {
	switch {
	case c == cellEmpty:
		return ""
	case c == cellNC:
		return st.nc
	case st.outOfScale && rng.IntN(40) == 0:
		return "5"
	case st.labelShare > 0 && rng.Float64() < st.labelShare && st.labels[quarterIndex(c)] != "":
		return st.labels[quarterIndex(c)]
	}
	return pointsText(c, st.comma)
}

func (st cellStyle) completeText(complete bool) string {
	if complete {
		return st.yes
	}
	return st.no
}

func pointsText(c cell, comma bool) string {
	s := [4]string{"0", "0.25", "0.75", "1"}[quarterIndex(c)]
	if comma {
		s = strings.Replace(s, ".", ",", 1)
	}
	return s
}

// renderSurvey writes s in format f with the defect d.
func renderSurvey(rng *rand.Rand, s survey, f fileFormat, st cellStyle, withComplete bool, d defect) (renderedFile, error) {
	st.outOfScale = d == defectOutOfScale
	switch f {
	case formatXLSX:
		data, err := surveyXLSX(rng, s, st, withComplete)
		return renderedFile{data, "xlsx", contentXLSX}, err
	case formatDistribution:
		return csvFile(distributionRows(s), ',', false, false, false, d)
	}
	rows := responseRows(rng, s, st, withComplete)
	switch f {
	case formatCSVSemicolon:
		return csvFile(rows, ';', true, true, false, d)
	case formatCSV1252:
		return csvFile(rows, ';', false, true, true, d)
	default:
		return csvFile(rows, ',', false, false, false, d)
	}
}

// responseRows returns the header and one row per respondent.
func responseRows(rng *rand.Rand, s survey, st cellStyle, withComplete bool) [][]string {
	header := make([]string, 0, len(s.layout.Questions)+1)
	for _, q := range s.layout.Questions {
		header = append(header, q.Code)
	}
	if withComplete {
		header = append(header, "complete")
	}
	rows := [][]string{header}
	for _, r := range s.rows {
		row := make([]string, 0, len(header))
		for _, c := range r.cells {
			row = append(row, st.text(rng, c))
		}
		if withComplete {
			row = append(row, st.completeText(r.complete))
		}
		rows = append(rows, row)
	}
	return rows
}

// distributionRows returns the aggregated shape: counts of admissible
// answers per question, then the admissible count.
func distributionRows(s survey) [][]string {
	rows := [][]string{{"question", "n_0", "n_025", "n_075", "n_1", "n_nc"}}
	for i, c := range s.counts() {
		row := []string{s.layout.Questions[i].Code}
		for _, n := range c {
			row = append(row, strconv.Itoa(n))
		}
		rows = append(rows, row)
	}
	return append(rows, []string{"admissible", strconv.Itoa(s.stats().Admissible), "", "", "", ""})
}

// csvFile encodes rows as CSV with the given delimiter, BOM, line ends and
// charset, then applies the defect.
func csvFile(rows [][]string, comma rune, bom, crlf, cp1252 bool, d defect) (renderedFile, error) {
	var b bytes.Buffer
	if d == defectTitleLine {
		b.WriteString("Résultats de l'enquête – export Sphinx\n")
	}
	w := csv.NewWriter(&b)
	w.Comma, w.UseCRLF = comma, crlf
	if err := w.WriteAll(rows); err != nil {
		return renderedFile{}, fmt.Errorf("write survey csv: %w", err)
	}
	data := b.Bytes()
	if cp1252 {
		enc, err := charmap.Windows1252.NewEncoder().Bytes(data)
		if err != nil {
			return renderedFile{}, fmt.Errorf("encode survey csv in windows-1252: %w", err)
		}
		data = enc
	}
	if bom {
		data = append([]byte("\xEF\xBB\xBF"), data...)
	}
	return renderedFile{data, "csv", contentCSV}, nil
}
