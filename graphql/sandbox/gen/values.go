package gen

import "time"

// values holds what a candidate typed in the form, by descriptor key. A key
// absent from every map is an empty champ. Maps are only looked up, never
// ranged over for output, so they cannot make the output order vary.
type values struct {
	text      map[string]string // TextChamp and DropDownListChamp values
	dates     map[string]time.Time
	datetimes map[string]time.Time
	ints      map[string]int
	decimals  map[string]float64
	bools     map[string]bool
	files     map[string][]fileJSON
	// updated overrides a champ's updatedAt (e.g. the grid attached after the audit).
	updated map[string]time.Time
	dep     *departement
	address *addressJSON
	locals  []localRow
}

// localRow is one row of the central service's "Services locaux labellisés".
type localRow struct {
	ulid          string // the row's id (API-NOTES §6)
	name          string
	auditedYear   int
	level         level
	selfDiagnosis time.Time
}

func newValues() *values {
	return &values{
		text: map[string]string{}, dates: map[string]time.Time{}, datetimes: map[string]time.Time{},
		ints: map[string]int{}, decimals: map[string]float64{}, bools: map[string]bool{},
		files: map[string][]fileJSON{}, updated: map[string]time.Time{},
	}
}

// clear empties the champ of key, whatever its type.
func (v *values) clear(key string) {
	delete(v.text, key)
	delete(v.dates, key)
	delete(v.datetimes, key)
	delete(v.ints, key)
	delete(v.decimals, key)
	delete(v.bools, key)
	delete(v.files, key)
}

// addFile attaches f to the champ of key.
func (v *values) addFile(key string, f fileJSON) {
	v.files[key] = append(v.files[key], f)
}
