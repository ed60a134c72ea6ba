package sandbox

import (
	"fmt"
	"slices"
)

// modifierAnnotations is dossierModifierAnnotations: each annotation is written when its
// AnnotationValueInput key matches its descriptor type; the others are reported, and the
// valid ones are still saved (partial success, as in DS).
func modifierAnnotations(ex *executor, in map[string]any, rec *recording) (map[string]any, error) {
	r, instr, err := ex.loadDossierAndInstructeur(in, "dossierModifierAnnotations")
	if err != nil {
		return nil, err
	}
	if !ex.authorizedFor(r, instr) {
		return refused(rec, errNoAccess)
	}
	descs := annotationDescriptors(r)
	saved, errs := []any{}, []any{}
	for _, a := range listOfMaps(in["annotations"]) {
		c, msg := ex.writeAnnotation(r, descs, a)
		if msg != "" {
			errs = append(errs, map[string]any{"message": msg})
			rec.fail(msg)
			continue
		}
		saved = append(saved, c)
	}
	if len(saved) > 0 {
		ex.bump(r, "dateDerniereModificationAnnotations")
	}
	payload := map[string]any{"annotations": saved, "errors": nil}
	if len(errs) > 0 {
		payload["errors"] = errs
	}
	return payload, nil
}

// writeAnnotation applies one AnnotationInput {id, value}; the message is DS's (with its
// U+2018 opening quote) when refused.
func (ex *executor) writeAnnotation(r *dossierRec, descs []any, a map[string]any) (map[string]any, string) {
	id := str(a["id"])
	desc := findDescriptor(descs, id)
	if desc == nil {
		return nil, fmt.Sprintf("L‘annotation %q n’existe pas", id)
	}
	value, _ := a["value"].(map[string]any)
	k, ok := kindOf(desc)
	v, given := value[k.key]
	if !ok || !given || v == nil {
		return nil, fmt.Sprintf("L‘annotation %q n’est pas de type attendu", id)
	}
	c := ex.annotationFor(r, id, desc, k)
	if c == nil {
		return nil, fmt.Sprintf("L‘annotation %q n’existe pas", id)
	}
	ex.setAnnotation(c, k, v)
	return c, ""
}

// legacyAnnotationMutations maps each deprecated per-type mutation to the AnnotationValueInput
// keys of the descriptor types it accepts (app/graphql/mutations/dossier_modifier_annotation*.rb).
func legacyAnnotationMutations() map[string][]string {
	return map[string][]string{
		"dossierModifierAnnotationText":          {"text", "textarea", "email", "dropDownList", "phone"},
		"dossierModifierAnnotationCheckbox":      {"checkbox", "yesNo"},
		"dossierModifierAnnotationDate":          {"date"},
		"dossierModifierAnnotationDatetime":      {"datetime"},
		"dossierModifierAnnotationIntegerNumber": {"integerNumber"},
		"dossierModifierAnnotationDecimalNumber": {"decimalNumber"},
		"dossierModifierAnnotationDropDownList":  {"dropDownList"},
		"dossierModifierAnnotationAjouterLigne":  {"repetition"},
	}
}

// modifierAnnotationLegacy builds a deprecated dossierModifierAnnotation<Type> mutation:
// {dossierId, instructeurId, annotationId, value} → {annotation, errors}; an annotation of
// another type is "L’annotation "<id>" n’existe pas" (U+2019 here).
func modifierAnnotationLegacy(name string, keys []string) mutationHandler {
	return func(ex *executor, in map[string]any, rec *recording) (map[string]any, error) {
		r, instr, err := ex.loadDossierAndInstructeur(in, name)
		if err != nil {
			return nil, err
		}
		if !ex.authorizedFor(r, instr) {
			return refused(rec, errNoAccess)
		}
		id := str(in["annotationId"])
		desc := findDescriptor(annotationDescriptors(r), id)
		k, ok := annotationKind{}, false
		if desc != nil {
			k, ok = kindOf(desc)
		}
		if !ok || !slices.Contains(keys, k.key) {
			return refused(rec, fmt.Sprintf("L’annotation %q n’existe pas", id))
		}
		c := ex.annotationFor(r, id, desc, k)
		if c == nil {
			return refused(rec, fmt.Sprintf("L’annotation %q n’existe pas", id))
		}
		v := in["value"]
		if k.key == "repetition" {
			v = int64(1)
		}
		ex.setAnnotation(c, k, v)
		ex.bump(r, "dateDerniereModificationAnnotations")
		return map[string]any{"annotation": c, "errors": nil}, nil
	}
}
