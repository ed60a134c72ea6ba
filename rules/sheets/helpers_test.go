package sheets

import (
	"bytes"
	"errors"
	"strings"
	"testing"

	"github.com/spplus/spplus/rules"
	"github.com/xuri/excelize/v2"
)

// pts is a scored answer of q quarter points.
func pts(q int8) rules.Answer { return rules.Answer{Kind: rules.AnswerPoints, Quarters: q} }

var (
	nc    = rules.Answer{Kind: rules.AnswerNC}
	empty = rules.Answer{}
)

// usersHeader is the default users' header with sep between codes.
func usersHeader(sep string) string {
	return strings.Join(questionCodes(rules.DefaultQuestionnaires().Users), sep)
}

// row joins 15 users' cells: first the given ones, then fill up to 15.
func row(sep, fill string, cells ...string) string {
	for len(cells) < 15 {
		cells = append(cells, fill)
	}
	return strings.Join(cells, sep)
}

// parseString parses content as a survey of kind with the default options.
func parseString(name, content string, kind rules.SurveyKind) (*rules.SurveyTally, error) {
	return ParseSurvey(name, strings.NewReader(content), kind, Options{})
}

// errText returns err's text, or "" for nil.
func errText(err error) string {
	if err == nil {
		return ""
	}
	return err.Error()
}

// mustParseError checks that err is a *ParseError with the given text.
func mustParseError(t *testing.T, err error, want string) {
	t.Helper()
	if err == nil {
		t.Fatalf("no error, want %q", want)
	}
	if _, ok := errors.AsType[*ParseError](err); !ok {
		t.Errorf("error %q is a %T, want *ParseError", err, err)
	}
	if err.Error() != want {
		t.Errorf("error\n got %q\nwant %q", err.Error(), want)
	}
}

// buildXLSX writes rows into the first sheet (named sheet) of a new workbook.
func buildXLSX(t testing.TB, sheet string, rows [][]any) []byte {
	t.Helper()
	f := excelize.NewFile()
	defer func() { _ = f.Close() }()
	if sheet != "Sheet1" {
		if err := f.SetSheetName("Sheet1", sheet); err != nil {
			t.Fatal(err)
		}
	}
	for i, r := range rows {
		cell, err := excelize.CoordinatesToCellName(1, i+1)
		if err != nil {
			t.Fatal(err)
		}
		if err := f.SetSheetRow(sheet, cell, &r); err != nil {
			t.Fatal(err)
		}
	}
	var buf bytes.Buffer
	if _, err := f.WriteTo(&buf); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// counts builds the expected counts of one question.
func counts(zero, quarter, three, one, ncs int64) rules.AnswerCounts {
	return rules.AnswerCounts{Zero: zero, Quarter: quarter, ThreeQuarters: three, One: one, NC: ncs}
}
