package gen

import (
	"bytes"
	"fmt"
	"math/rand/v2"

	"github.com/xuri/excelize/v2"
)

// surveyXLSX writes s as the first sheet of a workbook, the way a Sphinx
// export opened and saved in a spreadsheet looks: scores are numbers, some
// answers are labels, NC and `complete` are text, no answer is an empty cell.
func surveyXLSX(rng *rand.Rand, s survey, st cellStyle, withComplete bool) ([]byte, error) {
	rows := make([][]any, 0, len(s.rows)+1)
	var header []any
	for _, q := range s.layout.Questions {
		header = append(header, q.Code)
	}
	if withComplete {
		header = append(header, "complete")
	}
	rows = append(rows, header)
	for _, r := range s.rows {
		row := make([]any, 0, len(header))
		for _, c := range r.cells {
			row = append(row, xlsxCell(rng, st, c))
		}
		if withComplete {
			row = append(row, st.completeText(r.complete))
		}
		rows = append(rows, row)
	}
	return workbook(rows)
}

func xlsxCell(rng *rand.Rand, st cellStyle, c cell) any {
	if c < 0 {
		if c == cellNC {
			return st.nc
		}
		return nil
	}
	if t := st.text(rng, c); t == "5" || (t != pointsText(c, false) && t != pointsText(c, true)) {
		return t
	}
	return float64(c) / 4
}

// workbook writes rows into the first sheet of a new workbook. excelize's
// output is deterministic (fixed zip times and document properties).
func workbook(rows [][]any) ([]byte, error) {
	f := excelize.NewFile()
	defer func() { _ = f.Close() }()
	sheet := f.GetSheetName(0)
	for i, row := range rows {
		ref, err := excelize.CoordinatesToCellName(1, i+1)
		if err != nil {
			return nil, fmt.Errorf("xlsx row %d: %w", i+1, err)
		}
		if err := f.SetSheetRow(sheet, ref, &row); err != nil {
			return nil, fmt.Errorf("xlsx row %d: %w", i+1, err)
		}
	}
	var b bytes.Buffer
	if _, err := f.WriteTo(&b); err != nil {
		return nil, fmt.Errorf("write xlsx: %w", err)
	}
	return b.Bytes(), nil
}
