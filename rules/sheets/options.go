package sheets

import (
	"fmt"

	"github.com/spplus/spplus/rules"
)

// Default limits. They are far above what a real survey or grid needs, and
// low enough that a hostile file cannot exhaust memory or time.
const (
	// DefaultMaxBytes caps the bytes read from one file.
	DefaultMaxBytes int64 = 64 << 20
	// DefaultMaxRows caps the rows read from one file, header included.
	DefaultMaxRows int64 = 5_000_000
	// DefaultMaxUnzipBytes caps the uncompressed size of an XLSX archive.
	DefaultMaxUnzipBytes int64 = 256 << 20
	// DefaultMaxLineBytes caps one physical line of a CSV file.
	DefaultMaxLineBytes = 1 << 20
	// DefaultMaxCellBytes caps one cell.
	DefaultMaxCellBytes = 4 << 10
	// DefaultMaxCells caps the cells read from one file: a million
	// respondents to 16 columns is a third of it. It bounds the time spent
	// on a small workbook whose rows each reach column XFD, which excelize
	// pads with 16,384 empty cells.
	DefaultMaxCells int64 = 50_000_000
)

// xlsxInMemoryPart is the size above which excelize spools a worksheet to a
// temporary file instead of holding it in memory.
const xlsxInMemoryPart int64 = 16 << 20

// Options tunes the parsers. A zero field takes its default, so the zero
// Options reads the guide's questionnaires with the default limits.
type Options struct {
	// Questionnaires gives the question codes, engagements and answer labels.
	// When it is entirely zero, rules.DefaultQuestionnaires() is used.
	Questionnaires rules.Questionnaires
	// Admissible is the admissible count of a distribution-shaped survey
	// (the --admissible flag); 0 means not given. Responses files ignore it.
	Admissible int
	// MaxBytes caps the bytes read from one file (default DefaultMaxBytes).
	MaxBytes int64
	// MaxRows caps the rows read, header included (default DefaultMaxRows).
	MaxRows int64
	// MaxUnzipBytes caps the uncompressed size of an XLSX archive
	// (default DefaultMaxUnzipBytes).
	MaxUnzipBytes int64
	// MaxLineBytes caps one physical CSV line (default DefaultMaxLineBytes).
	MaxLineBytes int
	// MaxCellBytes caps one cell (default DefaultMaxCellBytes).
	MaxCellBytes int
	// MaxCells caps the cells read, empty ones included (default DefaultMaxCells).
	MaxCells int64
}

// DefaultOptions returns the options used when none are given: the guide's
// questionnaires and the default limits.
func DefaultOptions() Options {
	return Options{
		Questionnaires: rules.DefaultQuestionnaires(),
		MaxBytes:       DefaultMaxBytes,
		MaxRows:        DefaultMaxRows,
		MaxUnzipBytes:  DefaultMaxUnzipBytes,
		MaxLineBytes:   DefaultMaxLineBytes,
		MaxCellBytes:   DefaultMaxCellBytes,
		MaxCells:       DefaultMaxCells,
	}
}

// withDefaults fills the zero fields of o with their defaults.
func (o Options) withDefaults() Options {
	d := DefaultOptions()
	if isZeroQuestionnaires(o.Questionnaires) {
		o.Questionnaires = d.Questionnaires
	}
	o.MaxBytes = positiveOr(o.MaxBytes, d.MaxBytes)
	o.MaxRows = positiveOr(o.MaxRows, d.MaxRows)
	o.MaxUnzipBytes = positiveOr(o.MaxUnzipBytes, d.MaxUnzipBytes)
	o.MaxLineBytes = positiveOr(o.MaxLineBytes, d.MaxLineBytes)
	o.MaxCellBytes = positiveOr(o.MaxCellBytes, d.MaxCellBytes)
	o.MaxCells = positiveOr(o.MaxCells, d.MaxCells)
	return o
}

func positiveOr[T int | int64](v, def T) T {
	if v > 0 {
		return v
	}
	return def
}

func isZeroQuestionnaires(q rules.Questionnaires) bool {
	return len(q.Users.Questions) == 0 && len(q.Agents.Questions) == 0 &&
		len(q.AnswerLabels) == 0 && len(q.NCLabels) == 0
}

// layout returns the questionnaire layout of kind, checked: a layout must
// have questions, and their codes must differ once case and accents are
// ignored, since that is how headers are matched.
func (o Options) layout(kind rules.SurveyKind) (rules.SurveyLayout, error) {
	var l rules.SurveyLayout
	switch kind {
	case rules.UsersSurvey:
		l = o.Questionnaires.Users
	case rules.AgentsSurvey:
		l = o.Questionnaires.Agents
	default:
		return l, fmt.Errorf("survey kind %q: expected %q or %q", kind, rules.UsersSurvey, rules.AgentsSurvey)
	}
	if len(l.Questions) == 0 {
		return l, fmt.Errorf("questionnaires: the %s layout has no questions", kind)
	}
	seen := make(map[string]bool, len(l.Questions))
	for _, q := range l.Questions {
		key := Fold(q.Code)
		if key == "" || key == completeColumn || seen[key] {
			return l, fmt.Errorf("questionnaires: %s question code %q is empty, reserved or repeated", kind, q.Code)
		}
		seen[key] = true
	}
	if l.Kind == "" {
		l.Kind = kind
	}
	return l, nil
}
