package graphql

import (
	"fmt"
	"math"
	"time"
)

// AnnotationKind is the type of a private annotation, named as DS's
// AnnotationValueInput names it. It must match the annotation's type.
type AnnotationKind string

// Annotation kinds.
const (
	AnnotationText                 AnnotationKind = "text"
	AnnotationTextarea             AnnotationKind = "textarea"
	AnnotationEmail                AnnotationKind = "email"
	AnnotationCheckbox             AnnotationKind = "checkbox"
	AnnotationYesNo                AnnotationKind = "yesNo"
	AnnotationDate                 AnnotationKind = "date"
	AnnotationDatetime             AnnotationKind = "datetime"
	AnnotationIntegerNumber        AnnotationKind = "integerNumber"
	AnnotationDecimalNumber        AnnotationKind = "decimalNumber"
	AnnotationDropDownList         AnnotationKind = "dropDownList"
	AnnotationMultipleDropDownList AnnotationKind = "multipleDropDownList"
)

// AnnotationValue is the value to set on one annotation. Build it with
// TextValue, CheckboxValue, DateValue, ... rather than by hand.
type AnnotationValue struct {
	// ID is the annotation's id (Champ.ID; for a root annotation it equals
	// its descriptor id).
	ID     string
	Kind   AnnotationKind
	Text   string    // text, textarea, email, dropDownList
	Bool   bool      // checkbox, yesNo
	Time   time.Time // date (its calendar day, in its own location), datetime
	Int    int64     // integerNumber (DS takes a 32-bit Int here)
	Float  float64   // decimalNumber
	Values []string  // multipleDropDownList
}

// TextValue sets a text annotation.
func TextValue(id, s string) AnnotationValue {
	return AnnotationValue{ID: id, Kind: AnnotationText, Text: s}
}

// TextareaValue sets a multi-line text annotation.
func TextareaValue(id, s string) AnnotationValue {
	return AnnotationValue{ID: id, Kind: AnnotationTextarea, Text: s}
}

// CheckboxValue sets a checkbox annotation.
func CheckboxValue(id string, b bool) AnnotationValue {
	return AnnotationValue{ID: id, Kind: AnnotationCheckbox, Bool: b}
}

// YesNoValue sets a yes/no annotation.
func YesNoValue(id string, b bool) AnnotationValue {
	return AnnotationValue{ID: id, Kind: AnnotationYesNo, Bool: b}
}

// DateValue sets a date annotation to the calendar day of t in t's location.
func DateValue(id string, t time.Time) AnnotationValue {
	return AnnotationValue{ID: id, Kind: AnnotationDate, Time: t}
}

// DatetimeValue sets a date-time annotation (DS keeps second precision).
func DatetimeValue(id string, t time.Time) AnnotationValue {
	return AnnotationValue{ID: id, Kind: AnnotationDatetime, Time: t}
}

// IntegerValue sets an integer annotation.
func IntegerValue(id string, n int64) AnnotationValue {
	return AnnotationValue{ID: id, Kind: AnnotationIntegerNumber, Int: n}
}

// DecimalValue sets a decimal annotation.
func DecimalValue(id string, f float64) AnnotationValue {
	return AnnotationValue{ID: id, Kind: AnnotationDecimalNumber, Float: f}
}

// DropDownValue sets a single-choice annotation.
func DropDownValue(id, choice string) AnnotationValue {
	return AnnotationValue{ID: id, Kind: AnnotationDropDownList, Text: choice}
}

// MultipleDropDownValue sets a multiple-choice annotation.
func MultipleDropDownValue(id string, choices []string) AnnotationValue {
	return AnnotationValue{ID: id, Kind: AnnotationMultipleDropDownList, Values: choices}
}

// wireValue returns the JSON value for v's kind, checked against DS's types.
func (v AnnotationValue) wireValue() (any, error) {
	switch v.Kind {
	case AnnotationText, AnnotationTextarea, AnnotationEmail, AnnotationDropDownList:
		return v.Text, nil
	case AnnotationCheckbox, AnnotationYesNo:
		return v.Bool, nil
	case AnnotationDate:
		return v.Time.Format(isoDate), nil
	case AnnotationDatetime:
		return v.Time.Truncate(time.Second).Format(time.RFC3339), nil
	case AnnotationIntegerNumber:
		if v.Int < math.MinInt32 || v.Int > math.MaxInt32 {
			return nil, fmt.Errorf("annotation %q: integer %d: expected a 32-bit value", v.ID, v.Int)
		}
		return v.Int, nil
	case AnnotationDecimalNumber:
		if math.IsNaN(v.Float) || math.IsInf(v.Float, 0) {
			return nil, fmt.Errorf("annotation %q: decimal %v: expected a finite number", v.ID, v.Float)
		}
		return v.Float, nil
	case AnnotationMultipleDropDownList:
		if v.Values == nil {
			return []string{}, nil
		}
		return v.Values, nil
	default:
		return nil, fmt.Errorf("annotation %q: kind %q: expected one of text, textarea, email, checkbox, yesNo, date, datetime, integerNumber, decimalNumber, dropDownList, multipleDropDownList", v.ID, v.Kind)
	}
}

// singleMutationKey maps a kind to the per-type fallback mutation's key.
func (v AnnotationValue) singleMutationKey() (string, error) {
	switch v.Kind {
	case AnnotationText, AnnotationTextarea, AnnotationEmail:
		return "text", nil
	case AnnotationCheckbox, AnnotationYesNo:
		return "checkbox", nil
	case AnnotationMultipleDropDownList:
		return "", fmt.Errorf("annotation %q: a multiple drop-down list needs dossierModifierAnnotations, which this server lacks", v.ID)
	default:
		return string(v.Kind), nil
	}
}
