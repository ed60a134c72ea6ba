package connector

import (
	"fmt"
	"math"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/spplus/spplus/config"
	"github.com/spplus/spplus/graphql"
	"github.com/spplus/spplus/rules"
)

// RuleFieldInvalid is the finding of a mapped champ of the wrong type or
// with a value that cannot be read. It is blocking: the rules cannot judge
// what they cannot read, and the candidate (or the administrator who mapped
// the démarche) has to fix it.
const RuleFieldInvalid rules.RuleID = "FIELD_INVALID"

// fieldProblem is one mapped champ that could not be read.
type fieldProblem struct {
	Key      string // the config's field key
	Label    string // the champ's label on the form
	Expected string // in French, for the message
	Got      string // what was found, shortened
}

// finding turns the problem into a FIELD_INVALID finding.
func (p fieldProblem) finding() rules.Finding {
	msg := fmt.Sprintf("Le champ « %s » n'a pas pu être lu : %s était attendu, le dossier contient %s. "+
		"Corrigez ce champ.", p.Label, p.Expected, p.Got)
	return rules.Finding{Rule: RuleFieldInvalid, Severity: rules.Blocking, Message: msg,
		Values: map[string]string{"field": p.Key, "champ": p.Label, "expected": p.Expected, "got": p.Got}}
}

// champReader reads the mapped champs of one dossier by descriptor id and
// collects the problems instead of failing: a bad champ is a finding.
type champReader struct {
	champs   []graphql.Champ
	fields   map[string]string // config key → descriptor id
	problems []fieldProblem
}

// get returns the champ mapped to key; absent when the key is not mapped
// or the dossier has no such champ (hidden by a condition, other revision).
func (r *champReader) get(key string) (graphql.Champ, bool) {
	id := r.fields[key]
	if id == "" {
		return graphql.Champ{}, false
	}
	for _, c := range r.champs {
		if c.ChampDescriptorID == id {
			return c, true
		}
	}
	return graphql.Champ{}, false
}

// bad records a problem with champ c read as key.
func (r *champReader) bad(key string, c graphql.Champ, expected string) {
	label := c.Label
	if label == "" {
		if spec, ok := config.FieldByKey(key); ok {
			label = spec.Label
		}
	}
	r.problems = append(r.problems, fieldProblem{Key: key, Label: label, Expected: expected, Got: describe(c)})
}

// describe renders what a champ holds, for a problem's message.
func describe(c graphql.Champ) string {
	v := strings.TrimSpace(c.StringValue)
	switch {
	case c.Typename == "":
		return "une valeur de type inconnu"
	case v == "":
		return "un champ de type " + c.Typename
	}
	if utf8.RuneCountInString(v) > 40 {
		v = string([]rune(v)[:40]) + "…"
	}
	return fmt.Sprintf("« %s » (type %s)", v, c.Typename)
}

// date reads a date champ; a text champ is accepted when it holds a date
// written YYYY-MM-DD or DD/MM/YYYY.
func (r *champReader) date(key string) rules.Date {
	c, ok := r.get(key)
	if !ok {
		return rules.Date{}
	}
	switch c.Typename {
	case "DateChamp", "DatetimeChamp":
		return champDate(c)
	case "TextChamp":
		if c.Text == nil || strings.TrimSpace(*c.Text) == "" {
			return rules.Date{}
		}
		if d, err := parseTextDate(*c.Text); err == nil {
			return d
		}
	}
	r.bad(key, c, "une date")
	return rules.Date{}
}

// champDate is the calendar day of a date or datetime champ: a DateChamp
// carries midnight UTC of its day, a DatetimeChamp DS's Paris offset.
func champDate(c graphql.Champ) rules.Date {
	var t *time.Time
	if c.Date != nil {
		t = c.Date
	} else if c.Datetime != nil {
		t = c.Datetime
	}
	if t == nil {
		return rules.Date{}
	}
	y, m, d := t.Date()
	return rules.NewDate(y, m, d)
}

// parseTextDate reads YYYY-MM-DD or DD/MM/YYYY.
func parseTextDate(s string) (rules.Date, error) {
	s = strings.TrimSpace(s)
	if d, err := rules.ParseDate(s); err == nil {
		return d, nil
	}
	t, err := time.Parse("02/01/2006", s)
	if err != nil || t.Year() < 1 {
		// Year 0 parses but is no calendar day (rules.ParseDate refuses it).
		return rules.Date{}, fmt.Errorf("expected a date YYYY-MM-DD or DD/MM/YYYY, got %q", s)
	}
	return rules.NewDate(t.Date()), nil
}

// integer reads a whole number; a decimal champ holding a whole value and a
// text champ holding digits are accepted. Absent or blank is 0.
func (r *champReader) integer(key string) int {
	c, ok := r.get(key)
	if !ok {
		return 0
	}
	switch {
	case c.Typename == "IntegerNumberChamp" && c.Integer == nil, c.Typename == "DecimalNumberChamp" && c.Decimal == nil:
		return 0
	case c.Typename == "IntegerNumberChamp" && *c.Integer >= 0 && *c.Integer <= math.MaxInt32:
		return int(*c.Integer)
	case c.Typename == "DecimalNumberChamp" && *c.Decimal >= 0 && *c.Decimal <= math.MaxInt32 && *c.Decimal == math.Trunc(*c.Decimal):
		return int(*c.Decimal)
	case c.Typename == "TextChamp":
		return r.textInteger(key, c)
	}
	r.bad(key, c, "un nombre entier positif")
	return 0
}

func (r *champReader) textInteger(key string, c graphql.Champ) int {
	if c.Text == nil || strings.TrimSpace(*c.Text) == "" {
		return 0
	}
	n, err := strconv.Atoi(strings.ReplaceAll(strings.TrimSpace(*c.Text), " ", ""))
	if err != nil || n < 0 {
		r.bad(key, c, "un nombre entier positif")
		return 0
	}
	return n
}

// score reads a decimal number on the 0–100 scale (a declared score).
func (r *champReader) score(key string) rules.Score {
	c, ok := r.get(key)
	if !ok {
		return rules.Score{}
	}
	var text string
	switch {
	case c.Typename == "DecimalNumberChamp" && c.Decimal != nil:
		text = strconv.FormatFloat(*c.Decimal, 'f', -1, 64)
	case c.Typename == "IntegerNumberChamp" && c.Integer != nil:
		text = strconv.FormatInt(*c.Integer, 10)
	case c.Typename == "TextChamp" && c.Text != nil:
		text = *c.Text
	case c.Typename == "DecimalNumberChamp" || c.Typename == "IntegerNumberChamp" || c.Typename == "TextChamp":
		return rules.Score{}
	default:
		r.bad(key, c, "un nombre décimal")
		return rules.Score{}
	}
	if strings.TrimSpace(text) == "" {
		return rules.Score{}
	}
	s, err := rules.ParseScore(text)
	if err != nil || s.Float64() < 0 || s.Float64() > 100 {
		r.bad(key, c, "un score entre 0 et 100")
		return rules.Score{}
	}
	return s
}

// text reads a text or a choice; "" when absent or blank.
func (r *champReader) text(key string) string {
	c, ok := r.get(key)
	if !ok {
		return ""
	}
	switch c.Typename {
	case "TextChamp", "DropDownListChamp":
		if c.Text == nil {
			return ""
		}
		return strings.TrimSpace(*c.Text)
	case "MultipleDropDownListChamp":
		return strings.TrimSpace(strings.Join(c.Values, ", "))
	}
	r.bad(key, c, "un texte")
	return ""
}

// files returns the files of a piece justificative champ.
func (r *champReader) files(key string) []graphql.File {
	c, ok := r.get(key)
	if !ok {
		return nil
	}
	if c.Typename != "PieceJustificativeChamp" {
		r.bad(key, c, "une pièce jointe")
		return nil
	}
	return c.Files
}

// piece reports whether a piece justificative champ holds at least one file.
func (r *champReader) piece(key string) bool { return len(r.files(key)) > 0 }

// departement reads a département code from a département champ, a text
// champ ("57" or "57 – Moselle") or an address champ.
func (r *champReader) departement(key string) string {
	c, ok := r.get(key)
	if !ok {
		return ""
	}
	switch {
	case c.Departement != nil:
		return c.Departement.Code
	case c.Address != nil:
		return addressDepartement(*c.Address)
	case c.Typename == "DepartementChamp" || c.Typename == "AddressChamp":
		return ""
	case c.Typename == "TextChamp":
		return r.textDepartement(key, c)
	}
	r.bad(key, c, "un département")
	return ""
}

// addressDepartement is the address's département, or the one its postal
// code implies for mainland France.
func addressDepartement(a graphql.Address) string {
	if a.DepartmentCode != "" {
		return a.DepartmentCode
	}
	if len(a.PostalCode) == 5 && !strings.HasPrefix(a.PostalCode, "97") && !strings.HasPrefix(a.PostalCode, "20") {
		return a.PostalCode[:2]
	}
	return ""
}

func (r *champReader) textDepartement(key string, c graphql.Champ) string {
	if c.Text == nil || strings.TrimSpace(*c.Text) == "" {
		return ""
	}
	code, _, _ := strings.Cut(strings.TrimSpace(*c.Text), " ")
	code = rules.NormalizeDepartement(code)
	if !validDepartement(code) {
		r.bad(key, c, "un code de département (par exemple 57)")
		return ""
	}
	return code
}

// validDepartement accepts 01..95, 2A, 2B and the overseas 971..989.
func validDepartement(code string) bool {
	if code == "2A" || code == "2B" {
		return true
	}
	n, err := strconv.Atoi(code)
	switch {
	case err != nil:
		return false
	case len(code) == 2:
		return n >= 1 && n <= 95 && n != 20
	case len(code) == 3:
		return n >= 971 && n <= 989
	}
	return false
}

// dayOf is the calendar day of an instant in its own location (DS sends
// its dates with the Paris offset); zero stays zero.
func dayOf(t time.Time) rules.Date {
	if t.IsZero() {
		return rules.Date{}
	}
	return rules.NewDate(t.Date())
}
