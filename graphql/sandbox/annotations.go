package sandbox

import (
	"fmt"
	"strconv"
	"strings"
	"time"
)

// annotationKind describes how a private-annotation descriptor is written: the
// AnnotationValueInput key, and the champ type that stores it.
type annotationKind struct {
	key      string
	champ    string
	children []any
}

// kindOf maps a descriptor's __typename to its AnnotationValueInput key and champ type.
func kindOf(desc map[string]any) (annotationKind, bool) {
	t, _ := desc["__typename"].(string)
	base := strings.TrimSuffix(t, "ChampDescriptor")
	k := annotationKind{champ: base + "Champ"}
	switch base {
	case "Text", "Textarea", "Email", "Phone":
		k.key, k.champ = lowerFirst(base), "TextChamp"
	case "Checkbox", "YesNo", "Date", "Datetime", "IntegerNumber", "DecimalNumber", "DropDownList", "MultipleDropDownList":
		k.key = lowerFirst(base)
	case "Repetition":
		k.key = "repetition"
		k.children, _ = desc["champDescriptors"].([]any)
	default:
		return k, false
	}
	return k, true
}

// annotationDescriptors are the private descriptors of the dossier's revision.
func annotationDescriptors(r *dossierRec) []any {
	if d, ok := r.raw["demarche"].(map[string]any); ok {
		if rev, ok := d["revision"].(map[string]any); ok {
			if l, ok := rev["annotationDescriptors"].([]any); ok {
				return l
			}
		}
	}
	rev, _ := r.dem.raw["activeRevision"].(map[string]any)
	l, _ := rev["annotationDescriptors"].([]any)
	return l
}

// findDescriptor finds the descriptor of an annotation id ("Champ-<stable_id>" or
// "Champ-<stable_id>|<row>"), searching repetition children too.
func findDescriptor(descs []any, annotationID string) map[string]any {
	class, id, ok := decodeTypedID(annotationID)
	if !ok || class != "Champ" {
		return nil
	}
	stable, _, _ := strings.Cut(id, "|")
	want := "Champ-" + stable
	for _, d := range listOfMaps(descs) {
		if _, did, ok := decodeTypedID(str(d["id"])); ok && "Champ-"+did == want {
			return d
		}
		children, _ := d["champDescriptors"].([]any)
		if found := findDescriptor(children, annotationID); found != nil {
			return found
		}
	}
	return nil
}

// findChamp finds a stored champ by id in a champ list, rows included.
func findChamp(list any, id string) map[string]any {
	for _, c := range listOfMaps(list) {
		if c["id"] == id {
			return c
		}
		for _, row := range listOfMaps(c["rows"]) {
			if found := findChamp(row["champs"], id); found != nil {
				return found
			}
		}
	}
	return nil
}

// annotationFor returns the stored annotation, creating a root one from its descriptor
// like DS's champ_for_update; nil when it is in a row that does not exist.
func (ex *executor) annotationFor(r *dossierRec, id string, desc map[string]any, k annotationKind) map[string]any {
	if c := findChamp(r.raw["annotations"], id); c != nil {
		return c
	}
	if _, raw, _ := decodeTypedID(id); strings.Contains(raw, "|") {
		return nil
	}
	c := newChamp(id, desc, k.champ, ex.now)
	appendTo(r.raw, "annotations", c)
	return c
}

func newChamp(id string, desc map[string]any, champType string, now time.Time) map[string]any {
	c := map[string]any{
		"__typename": champType, "id": id, "champDescriptorId": desc["id"], "label": desc["label"],
		"stringValue": "", "updatedAt": formatDSTime(now), "prefilled": false, "columns": []any{},
	}
	switch champType {
	case "CheckboxChamp":
		c["value"] = false
		c["stringValue"] = "false"
	case "MultipleDropDownListChamp":
		c["values"] = []any{}
	case "RepetitionChamp":
		c["rows"] = []any{}
		c["champs"] = []any{}
	default:
		c["value"] = nil
	}
	return c
}

// setAnnotation stores a coerced AnnotationValueInput value in the champ, with the
// stringValue DS computes for it.
func (ex *executor) setAnnotation(c map[string]any, k annotationKind, v any) {
	c["updatedAt"] = formatDSTime(ex.now)
	switch k.key {
	case "checkbox", "yesNo":
		b, _ := v.(bool)
		c["value"], c["stringValue"] = b, strconv.FormatBool(b)
	case "date":
		d, _ := parseDate(str(v))
		c["date"], c["value"], c["stringValue"] = str(v), formatDSTime(d), frenchDate(d)
	case "datetime":
		t, _ := v.(time.Time)
		c["datetime"] = formatDSTime(t)
		c["stringValue"] = frenchDate(t.In(paris)) + " " + t.In(paris).Format("15:04")
	case "integerNumber":
		n, _ := asInt(v)
		c["value"], c["stringValue"] = strconv.FormatInt(n, 10), strconv.FormatInt(n, 10)
	case "decimalNumber":
		f, _ := asFloat(v)
		c["value"], c["stringValue"] = f, strconv.FormatFloat(f, 'f', -1, 64)
	case "multipleDropDownList":
		list, _ := v.([]any)
		parts := make([]string, 0, len(list))
		for _, x := range list {
			parts = append(parts, fmt.Sprint(x))
		}
		c["values"], c["stringValue"] = orEmptyList(list), strings.Join(parts, ", ")
	case "repetition":
		n, _ := asInt(v)
		for range n {
			ex.addRow(c, k)
		}
	default:
		c["value"], c["stringValue"] = v, str(v)
	}
}

// addRow appends a repetition row with one empty champ per child descriptor.
func (ex *executor) addRow(c map[string]any, k annotationKind) {
	rowID := fmt.Sprintf("01SANDBOX%017d", ex.srv.db.nextSeq())
	var champs []any
	for _, child := range listOfMaps(k.children) {
		ck, _ := kindOf(child)
		_, stable, _ := decodeTypedID(str(child["id"]))
		id := typedID("Champ", strings.TrimPrefix(stable, "Champ-")+"|"+rowID)
		champs = append(champs, newChamp(id, child, orDefault(ck.champ, "TextChamp"), ex.now))
	}
	appendTo(c, "rows", map[string]any{"id": typedID("Row", rowID), "champs": orEmptyList(champs)})
	flat, _ := c["champs"].([]any)
	c["champs"] = append(flat, champs...)
}
