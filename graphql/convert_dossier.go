package graphql

import (
	"errors"
	"fmt"
	"time"
)

// dateParser parses several named dates, keeping the first error.
type dateParser struct{ err error }

func (p *dateParser) at(field, s string) time.Time {
	t, err := parseDateTime(field, s)
	if err != nil && p.err == nil {
		p.err = err
	}
	return t
}

// toDossier converts a decoded dossier; fetched is the client's read time.
func toDossier(w *dossierWire, fetched time.Time) (Dossier, error) {
	var p dateParser
	d := Dossier{
		ID: w.ID, Number: w.Number, State: w.State, Archived: w.Archived,
		DateDepot:                           p.at("dateDepot", w.DateDepot),
		DatePassageEnConstruction:           p.at("datePassageEnConstruction", w.DatePassageEnConstruction),
		DatePassageEnInstruction:            p.at("datePassageEnInstruction", w.DatePassageEnInstruction),
		DateTraitement:                      p.at("dateTraitement", w.DateTraitement),
		DateDerniereModification:            p.at("dateDerniereModification", w.DateDerniereModification),
		DateDerniereModificationChamps:      p.at("dateDerniereModificationChamps", w.DateDerniereModificationChamps),
		DateDerniereModificationAnnotations: p.at("dateDerniereModificationAnnotations", w.DateDerniereModificationAnnotations),
		Motivation:                          w.Motivation,
		JustificatifFilename:                justificatifName(w),
		UsagerEmail:                         w.Usager.Email,
		GroupeInstructeur:                   GroupeInstructeur{ID: w.GroupeInstructeur.ID, Number: w.GroupeInstructeur.Number, Label: w.GroupeInstructeur.Label},
		Instructeurs:                        toInstructeurs(w.Instructeurs),
		Demandeur:                           Demandeur{Typename: w.Demandeur.Typename, Siret: w.Demandeur.Siret, Nom: w.Demandeur.Nom, Prenom: w.Demandeur.Prenom},
		FetchedAt:                           fetched,
	}
	for _, l := range w.Labels {
		d.Labels = append(d.Labels, Label{ID: l.ID, Name: l.Name})
	}
	for i, m := range w.Messages {
		d.Messages = append(d.Messages, Message{ID: m.ID, Email: m.Email, Body: m.Body,
			CreatedAt: p.at(fmt.Sprintf("messages[%d].createdAt", i), m.CreatedAt)})
	}
	for i, t := range w.Traitements {
		d.Traitements = append(d.Traitements, Traitement{State: t.State,
			DateTraitement: p.at(fmt.Sprintf("traitements[%d].dateTraitement", i), t.DateTraitement)})
	}
	champs, errChamps := toChamps("champs", w.Champs, fetched)
	annotations, errAnnotations := toChamps("annotations", w.Annotations, fetched)
	d.Champs, d.Annotations = champs, annotations
	if err := errors.Join(p.err, errChamps, errAnnotations); err != nil {
		return d, fmt.Errorf("dossier %d: %w", w.Number, err)
	}
	return d, nil
}

func toInstructeurs(in []profileWire) []Instructeur {
	var out []Instructeur
	for _, p := range in {
		out = append(out, Instructeur(p))
	}
	return out
}

// toChamps converts top-level champs, with their repetition rows.
func toChamps(where string, in []champWire, fetched time.Time) ([]Champ, error) {
	out := make([]Champ, 0, len(in))
	for i := range in {
		c, err := toChamp(&in[i].champFields, fetched)
		if err != nil {
			return out, fmt.Errorf("%s[%d]: %w", where, i, err)
		}
		for j, r := range in[i].Rows {
			row := Row{ID: r.ID}
			for k := range r.Champs {
				rc, err := toChamp(&r.Champs[k], fetched)
				if err != nil {
					return out, fmt.Errorf("%s[%d].rows[%d].champs[%d]: %w", where, i, j, k, err)
				}
				row.Champs = append(row.Champs, rc)
			}
			c.Rows = append(c.Rows, row)
		}
		out = append(out, c)
	}
	return out, nil
}

// toChamp converts one champ's typed values.
func toChamp(w *champFields, fetched time.Time) (Champ, error) {
	c := Champ{Typename: w.Typename, ID: w.ID, ChampDescriptorID: w.ChampDescriptorID, Label: w.Label,
		Values: w.Values}
	if w.StringValue != nil {
		c.StringValue = *w.StringValue
	}
	c.Text = firstNonNil(w.Text, w.Choice)
	c.Checked = firstNonNil(w.Checked, w.YesNo)
	c.Decimal = w.DecimalNumber
	if w.IntegerNumber != nil && w.IntegerNumber.valid {
		v := w.IntegerNumber.v
		c.Integer = &v
	}
	if err := setChampDates(&c, w); err != nil {
		return c, fmt.Errorf("champ %s %q: %w", c.Typename, c.ChampDescriptorID, err)
	}
	files, err := toFiles(w.Files, fetched)
	if err != nil {
		return c, fmt.Errorf("champ %s %q: %w", c.Typename, c.ChampDescriptorID, err)
	}
	c.Files = files
	if w.Address != nil {
		a := Address(*w.Address)
		c.Address = &a
	}
	if w.Departement != nil {
		dep := Departement(*w.Departement)
		c.Departement = &dep
	}
	return c, nil
}

// setChampDates parses the date and datetime values.
func setChampDates(c *Champ, w *champFields) error {
	if w.Date != nil && *w.Date != "" {
		t, err := parseISODate("date", *w.Date)
		if err != nil {
			return err
		}
		c.Date = &t
	}
	if w.Datetime != nil && *w.Datetime != "" {
		t, err := parseDateTime("datetime", *w.Datetime)
		if err != nil {
			return err
		}
		c.Datetime = &t
	}
	return nil
}

// toFiles converts attachments.
func toFiles(in []fileWire, fetched time.Time) ([]File, error) {
	var out []File
	for i, f := range in {
		created, err := parseDateTime(fmt.Sprintf("files[%d].createdAt", i), f.CreatedAt)
		if err != nil {
			return nil, err
		}
		if !f.ByteSize.valid {
			return nil, fmt.Errorf("files[%d].byteSizeBigInt: expected an integer, got null", i)
		}
		out = append(out, File{Filename: f.Filename, URL: f.URL, ByteSize: f.ByteSize.v, Checksum: f.Checksum,
			ContentType: f.ContentType, VirusScanResult: f.VirusScanResult, CreatedAt: created, FetchedAt: fetched})
	}
	return out, nil
}

func firstNonNil[T any](ps ...*T) *T {
	for _, p := range ps {
		if p != nil {
			return p
		}
	}
	return nil
}

func justificatifName(w *dossierWire) string {
	if w.MotivationAttachment == nil {
		return ""
	}
	return w.MotivationAttachment.Filename
}
