package graphql

import "fmt"

// toDemarche converts a decoded démarche.
func toDemarche(w *demarcheWire) (*Demarche, error) {
	published, err := parseDateTime("activeRevision.datePublication", w.ActiveRevision.DatePublication)
	if err != nil {
		return nil, fmt.Errorf("demarche %d: %w", w.Number, err)
	}
	d := &Demarche{
		ID: w.ID, Number: w.Number, Title: w.Title, State: w.State,
		Revision: Revision{
			ID:                    w.ActiveRevision.ID,
			DatePublication:       published,
			ChampDescriptors:      toDescriptors(w.ActiveRevision.ChampDescriptors),
			AnnotationDescriptors: toDescriptors(w.ActiveRevision.AnnotationDescriptors),
		},
	}
	for _, g := range w.Groupes {
		d.GroupeInstructeurs = append(d.GroupeInstructeurs, GroupeInstructeur{ID: g.ID, Number: g.Number,
			Label: g.Label, Closed: g.Closed, Instructeurs: toInstructeurs(g.Instructeurs)})
	}
	for _, l := range w.Labels {
		d.Labels = append(d.Labels, Label(l))
	}
	return d, nil
}

// toDescriptors converts top-level descriptors with repetition children.
func toDescriptors(in []descriptorWire) []ChampDescriptor {
	out := make([]ChampDescriptor, 0, len(in))
	for i := range in {
		d := toDescriptor(&in[i].descriptorFields)
		for j := range in[i].ChampDescriptors {
			d.Children = append(d.Children, toDescriptor(&in[i].ChampDescriptors[j]))
		}
		out = append(out, d)
	}
	return out
}

// toDescriptor converts one descriptor.
func toDescriptor(w *descriptorFields) ChampDescriptor {
	d := ChampDescriptor{Typename: w.Typename, ID: w.ID, Label: w.Label, Required: w.Required,
		Options: w.Options}
	if w.Description != nil {
		d.Description = *w.Description
	}
	if w.OtherOption != nil {
		d.OtherOption = *w.OtherOption
	}
	if len(w.MultipleOptions) > 0 {
		d.Options = w.MultipleOptions
	}
	return d
}

// toDeleted converts deleted-dossier nodes, skipping null ones.
func toDeleted(in []deletedWire) ([]DeletedDossier, error) {
	var out []DeletedDossier
	for _, w := range in {
		if w.Number == 0 && w.ID == "" {
			continue
		}
		t, err := parseDateTime("dateSupression", w.DateSupression)
		if err != nil {
			return out, fmt.Errorf("deleted dossier %d: %w", w.Number, err)
		}
		out = append(out, DeletedDossier{ID: w.ID, Number: w.Number, State: w.State, Reason: w.Reason, DateSupression: t})
	}
	return out, nil
}
