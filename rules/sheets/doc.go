// Package sheets reads the files a candidate attaches to a dossier — survey
// results and audit grids — into the value types of package rules.
//
// # Formats
//
// A file is CSV or XLSX. The content decides (a zip signature means XLSX);
// the name only helps the error messages, and a ".xlsx" name on content
// that is not a zip is refused. An XLSX workbook is read from its first sheet.
// A CSV file is separated by "," or ";" (whichever the header line holds
// more of) and is UTF-8, with or without a byte-order mark, or Windows-1252:
// the text is read as UTF-8 while it is valid and as Windows-1252 from the
// first byte that is not, so a file saved by an old spreadsheet keeps its
// accents. UTF-16 text and legacy .xls workbooks are refused with a message
// saying how to re-export them.
//
// # Shapes of a survey file (ARCHITECTURE.md, "Survey and grid files")
//
// The responses shape has one row per respondent and one column per question
// code, plus an optional "complete" column (oui/non, 1/0, true/false,
// vrai/faux; an absent column or an empty cell counts as complete, giving
// the candidate the benefit of the doubt). A cell holds points (0, 0.25,
// 0.75, 1, with "." or ","), a configured answer label, a configured NC
// spelling, or nothing. Labels, NC spellings, headers and booleans are
// matched ignoring case, accents, repeated spaces and spaces around "/".
// Rows whose cells are all empty are skipped, since spreadsheets export
// them as trailing separators; every other row is a respondent.
//
// The distribution shape has one row per question, under the header
// question,n_0,n_025,n_075,n_1,n_nc, and gives counts of answers of
// admissible respondents. The admissible count comes from a row
// "admissible,N" or from Options.Admissible; when both are given they must
// agree. Such a report carries no per-respondent data, so the tally's
// Respondents equals its Admissible count.
//
// # Audit grids
//
// A local grid has the columns point,engagement,score (engagement 1 to 8 or
// OR, score a point value); a central grid has point,validated (oui/non).
// Headers are matched ignoring case and accents, in any order. The parser
// refuses malformed rows; whether every engagement has points is the
// engine's check (rule AUDIT_GRID_INVALID), not a parse error.
//
// # What it refuses
//
// Every error about the input is a *ParseError naming the file, the line
// (CSV) or sheet and cell (XLSX), the column, and what was expected.
// Limits bound the work done on hostile input: bytes read (Options.MaxBytes,
// checked before the rest of an endless upload is read), rows, cells, bytes
// per line and per cell, and the uncompressed size of an XLSX archive,
// whose parts are also checked against their declared sizes and checksums
// before excelize reads them (a zip bomb or a lying archive is refused).
// Exceeding a limit is an error wrapping ErrLimit.
//
// CSV files are streamed by a scanner of the package's own, with the
// semantics of encoding/csv (a fuzz test compares them) but no allocation
// per row: memory does not grow with the number of respondents (about
// 5 MiB of heap for 100,000 or 1,000,000 of them). An XLSX file is held in
// memory (at most MaxBytes, twice while excelize opens it) and its first
// sheet's rows are streamed.
//
// The package does no scoring: the tallies and grids it returns are judged
// by package rules.
package sheets
