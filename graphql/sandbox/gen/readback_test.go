package gen

import (
	"bytes"
	"encoding/csv"
	"fmt"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/xuri/excelize/v2"
	"golang.org/x/text/encoding/charmap"

	"github.com/spplus/spplus/rules"
)

// This file reads generated files back, the way ARCHITECTURE.md describes
// them, without the generator's code: if a file says something other than
// what the generator declared in the form, the tests see it.

// fileRows returns the rows of a CSV (any delimiter, BOM, Windows-1252) or
// XLSX file.
func fileRows(data []byte) ([][]string, error) {
	if bytes.HasPrefix(data, []byte("PK\x03\x04")) {
		f, err := excelize.OpenReader(bytes.NewReader(data))
		if err != nil {
			return nil, err
		}
		defer func() { _ = f.Close() }()
		return f.GetRows(f.GetSheetName(0))
	}
	data = bytes.TrimPrefix(data, []byte("\xEF\xBB\xBF"))
	if !utf8.Valid(data) {
		dec, err := charmap.Windows1252.NewDecoder().Bytes(data)
		if err != nil {
			return nil, err
		}
		data = dec
	}
	r := csv.NewReader(bytes.NewReader(data))
	first, _, _ := bytes.Cut(data, []byte("\n"))
	if bytes.Count(first, []byte(";")) > bytes.Count(first, []byte(",")) {
		r.Comma = ';'
	}
	return r.ReadAll()
}

// readSurvey returns the admissible count and per-question counts (0, 0.25,
// 0.75, 1, NC) of a survey file in either shape.
func readSurvey(data []byte, layout rules.SurveyLayout, q rules.Questionnaires) (int, [][5]int, error) {
	rows, err := fileRows(data)
	if err != nil {
		return 0, nil, err
	}
	if len(rows) == 0 {
		return 0, nil, fmt.Errorf("empty file")
	}
	if rows[0][0] == "question" {
		return readDistribution(rows, layout)
	}
	return readResponses(rows, layout, q)
}

func readDistribution(rows [][]string, layout rules.SurveyLayout) (int, [][5]int, error) {
	counts := make([][5]int, len(layout.Questions))
	admissible := -1
	for _, row := range rows[1:] {
		if row[0] == "admissible" {
			admissible, _ = strconv.Atoi(row[1])
			continue
		}
		i := questionIndex(layout, row[0])
		if i < 0 {
			return 0, nil, fmt.Errorf("unknown question %q", row[0])
		}
		for k := range 5 {
			counts[i][k], _ = strconv.Atoi(row[k+1])
		}
	}
	if admissible < 0 {
		return 0, nil, fmt.Errorf("no admissible row")
	}
	return admissible, counts, nil
}

func readResponses(rows [][]string, layout rules.SurveyLayout, q rules.Questionnaires) (int, [][5]int, error) {
	cols, completeCol := make([]int, len(rows[0])), -1
	for j, h := range rows[0] {
		cols[j] = questionIndex(layout, h)
		if h == "complete" {
			completeCol = j
		} else if cols[j] < 0 {
			return 0, nil, fmt.Errorf("unknown column %q", h)
		}
	}
	counts := make([][5]int, len(layout.Questions))
	admissible := 0
	for _, row := range rows[1:] {
		answers := make([]int, len(layout.Questions)) // -1 empty, 4 NC, 0..3 score index
		for i := range answers {
			answers[i] = -1
		}
		complete := completeCol < 0
		for j, v := range row {
			if j == completeCol {
				complete = v == "oui" || v == "1" || v == "true"
				continue
			}
			a, err := readCell(v, q)
			if err != nil {
				return 0, nil, err
			}
			answers[cols[j]] = a
		}
		if !complete || !admissibleAnswers(answers) {
			continue
		}
		admissible++
		for i, a := range answers {
			if a >= 0 {
				counts[i][a]++
			}
		}
	}
	return admissible, counts, nil
}

func admissibleAnswers(answers []int) bool {
	n := 0
	for _, a := range answers {
		if a >= 0 && a < 4 {
			n++
		}
	}
	return 2*n > len(answers)
}

// readCell returns -1 (empty), 4 (NC) or the score index 0..3.
func readCell(v string, q rules.Questionnaires) (int, error) {
	v = strings.TrimSpace(v)
	if v == "" {
		return -1, nil
	}
	for _, nc := range q.NCLabels {
		if strings.EqualFold(v, nc) {
			return 4, nil
		}
	}
	for _, l := range q.AnswerLabels {
		if v == l.Label {
			return quarterIndex(cell(l.Quarters)), nil
		}
	}
	switch strings.Replace(v, ",", ".", 1) {
	case "0":
		return 0, nil
	case "0.25":
		return 1, nil
	case "0.75":
		return 2, nil
	case "1":
		return 3, nil
	}
	return 0, fmt.Errorf("cell %q: expected a score, a label or NC", v)
}

func questionIndex(layout rules.SurveyLayout, code string) int {
	for i, q := range layout.Questions {
		if q.Code == code {
			return i
		}
	}
	return -1
}

// gridNotes reads a local grid: the mean (0..1) of each engagement 1..8,
// and of the "Or" criteria at index 0.
func gridNotes(data []byte) ([9]float64, error) {
	var notes [9]float64
	rows, err := fileRows(data)
	if err != nil {
		return notes, err
	}
	var sum, n [9]float64
	for _, row := range rows[1:] {
		e := 0
		if row[1] != "OR" {
			e, _ = strconv.Atoi(row[1])
		}
		a, err := readCell(row[2], rules.Questionnaires{})
		if err != nil || a > 3 {
			return notes, fmt.Errorf("point %s: score %q", row[0], row[2])
		}
		sum[e] += [4]float64{0, 0.25, 0.75, 1}[a]
		n[e]++
	}
	for e := range notes {
		if n[e] == 0 {
			return notes, fmt.Errorf("engagement %d has no point", e)
		}
		notes[e] = sum[e] / n[e]
	}
	return notes, nil
}

// centralShare reads a central grid: validated points and points.
func centralShare(data []byte) (validated, total int, err error) {
	rows, err := fileRows(data)
	if err != nil {
		return 0, 0, err
	}
	for _, row := range rows[1:] {
		total++
		if row[1] == "oui" {
			validated++
		}
	}
	return validated, total, nil
}
