package attestation

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"

	"github.com/spplus/spplus/rules"
)

// maxInputBytes bounds the JSON document DecodeInput reads: an attestation
// of thousands of local services is well under it.
const maxInputBytes = 4 << 20

// input is the JSON shape of an attestation (see the package doc).
type input struct {
	ServiceName       string       `json:"service_name"`
	Sites             []string     `json:"sites"`
	Level             string       `json:"level"`
	DecisionDate      string       `json:"decision_date"`
	CertificationBody string       `json:"certification_body"`
	Demarche          int          `json:"demarche"`
	Dossier           int          `json:"dossier"`
	Central           bool         `json:"central"`
	CentralService    string       `json:"central_service"`
	Locals            []inputLocal `json:"locals"`
	Reference         string       `json:"reference"`
}

type inputLocal struct {
	Name  string `json:"name"`
	Level string `json:"level"`
	Year  int    `json:"year"`
}

// DecodeInput reads an attestation from the JSON document of the package
// doc and validates it. It is strict: one object, no unknown key, and its
// errors name the key and what was expected.
func DecodeInput(r io.Reader) (Attestation, error) {
	raw, err := io.ReadAll(io.LimitReader(r, maxInputBytes+1))
	if err != nil {
		return Attestation{}, fmt.Errorf("attestation input: read: %w", err)
	}
	if len(raw) > maxInputBytes {
		return Attestation{}, fmt.Errorf("attestation input: larger than %d bytes", maxInputBytes)
	}
	var in input
	dec := json.NewDecoder(bytes.NewReader(raw))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&in); err != nil {
		return Attestation{}, fmt.Errorf("attestation input: %w", explainJSON(err))
	}
	if _, err := dec.Token(); !errors.Is(err, io.EOF) {
		return Attestation{}, errors.New("attestation input: expected one JSON object, found data after it")
	}
	a, err := in.attestation()
	if err != nil {
		return Attestation{}, fmt.Errorf("attestation input: %w", err)
	}
	if err := a.Validate(); err != nil {
		return Attestation{}, fmt.Errorf("attestation input: %w", err)
	}
	return a, nil
}

// attestation converts the decoded JSON; Validate judges the values.
func (in input) attestation() (Attestation, error) {
	a := Attestation{ServiceName: in.ServiceName, Sites: in.Sites, Level: rules.Level(in.Level),
		CertificationBody: in.CertificationBody, Demarche: in.Demarche,
		Dossier: in.Dossier, Central: in.Central, CentralService: in.CentralService, Reference: in.Reference}
	if in.DecisionDate != "" {
		d, err := rules.ParseDate(in.DecisionDate)
		if err != nil {
			return Attestation{}, fmt.Errorf("key \"decision_date\": %w", err)
		}
		a.DecisionDate = d
	}
	for _, l := range in.Locals {
		a.Locals = append(a.Locals, Local{Name: l.Name, Level: rules.Level(l.Level), Year: l.Year})
	}
	return a, nil
}

// explainJSON words the decoder's errors with the key at fault.
func explainJSON(err error) error {
	var typeErr *json.UnmarshalTypeError
	var syntaxErr *json.SyntaxError
	switch {
	case errors.As(err, &typeErr) && typeErr.Field != "":
		return fmt.Errorf("key %q: expected %s, got JSON %s", typeErr.Field, typeErr.Type, typeErr.Value)
	case errors.As(err, &syntaxErr):
		return fmt.Errorf("invalid JSON at byte %d: %w", syntaxErr.Offset, err)
	case errors.Is(err, io.EOF):
		return errors.New("expected a JSON object, got nothing")
	}
	return err
}
