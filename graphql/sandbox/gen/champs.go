package gen

import (
	"strconv"
	"strings"
	"time"
)

// champJSON is a DS Champ as the API returns it, with __typename set to the
// most specific type. The typed value fields are `any` so that a field can
// be absent (nil: the type has no such field) or an explicit JSON null
// (jsonNull(): the type has it and the champ is empty).
type champJSON struct {
	Typename          string     `json:"__typename"`
	ID                string     `json:"id"`
	ChampDescriptorID string     `json:"champDescriptorId"`
	Label             string     `json:"label"`
	StringValue       *string    `json:"stringValue"`
	UpdatedAt         string     `json:"updatedAt"`
	Prefilled         bool       `json:"prefilled"`
	Columns           []struct{} `json:"columns"`
	Value             any        `json:"value,omitempty"`
	Date              any        `json:"date,omitempty"`
	Datetime          any        `json:"datetime,omitempty"`
	Departement       any        `json:"departement,omitempty"`
	Address           any        `json:"address,omitempty"`
	Commune           any        `json:"commune,omitempty"`
	Files             any        `json:"files,omitempty"`
	Rows              any        `json:"rows,omitempty"`
}

// jsonNull is a value that encoding/json writes as null but that
// `omitempty` keeps (a nil pointer inside a non-nil interface).
func jsonNull() any { return (*struct{})(nil) }

// rowJSON is one row of a RepetitionChamp.
type rowJSON struct {
	ID     string      `json:"id"`
	Champs []champJSON `json:"champs"`
}

type departementJSON struct {
	Name string `json:"name"`
	Code string `json:"code"`
}

type communeJSON struct {
	Name       string `json:"name"`
	Code       string `json:"code"`
	PostalCode string `json:"postalCode"`
}

// addressJSON is a DS Address (BAN result).
type addressJSON struct {
	Label          string `json:"label"`
	Type           string `json:"type"`
	StreetAddress  string `json:"streetAddress"`
	StreetNumber   string `json:"streetNumber"`
	StreetName     string `json:"streetName"`
	PostalCode     string `json:"postalCode"`
	CityName       string `json:"cityName"`
	CityCode       string `json:"cityCode"`
	DepartmentName string `json:"departmentName"`
	DepartmentCode string `json:"departmentCode"`
	RegionName     string `json:"regionName"`
	RegionCode     string `json:"regionCode"`
	CountryName    string `json:"countryName"`
	CountryCode    string `json:"countryCode"`
}

// champTypename maps a descriptor type to the champ type DS returns.
// Textarea annotations come back as TextChamp (API-NOTES §6).
func champTypename(descriptorType string) string {
	t := strings.TrimSuffix(descriptorType, "Descriptor")
	if t == "TextareaChamp" {
		return "TextChamp"
	}
	return t
}

// champBuilder turns values into champs; at is the default updatedAt.
type champBuilder struct {
	v  *values
	at time.Time
}

// build returns the champ of descriptor d. children are the descriptors of
// a repetition block's rows.
func (b champBuilder) build(d Descriptor, children []Descriptor) champJSON {
	c := b.base(d, ChampID(d.StableID))
	b.fill(&c, d, children)
	return c
}

func (b champBuilder) base(d Descriptor, id string) champJSON {
	at := b.at
	if t, ok := b.v.updated[d.Key]; ok {
		at = t
	}
	return champJSON{
		Typename:          champTypename(d.Typename),
		ID:                id,
		ChampDescriptorID: ChampID(d.StableID),
		Label:             d.Label,
		StringValue:       ptr(""),
		UpdatedAt:         dsTime(at),
		Columns:           []struct{}{},
	}
}

func (b champBuilder) fill(c *champJSON, d Descriptor, children []Descriptor) {
	v := b.v
	switch c.Typename {
	case "TextChamp", "DropDownListChamp":
		c.Value = jsonNull()
		if s, ok := v.text[d.Key]; ok {
			c.Value, c.StringValue = s, ptr(s)
		}
	case "DateChamp":
		fillDate(c, v.dates, d.Key)
	case "DatetimeChamp":
		c.Datetime = jsonNull()
		if t, ok := v.datetimes[d.Key]; ok {
			c.Datetime, c.StringValue = dsTime(t), ptr(frenchDateTime(t))
		}
	case "IntegerNumberChamp":
		c.Value = jsonNull()
		if n, ok := v.ints[d.Key]; ok {
			s := strconv.Itoa(n) // BigInt: a JSON string
			c.Value, c.StringValue = s, ptr(s)
		}
	case "DecimalNumberChamp":
		c.Value = jsonNull()
		if f, ok := v.decimals[d.Key]; ok {
			c.Value, c.StringValue = f, ptr(strconv.FormatFloat(f, 'f', -1, 64))
		}
	default:
		b.fillOther(c, d, children)
	}
}

func (b champBuilder) fillOther(c *champJSON, d Descriptor, children []Descriptor) {
	v := b.v
	switch c.Typename {
	case "YesNoChamp":
		c.Value = jsonNull()
		if x, ok := v.bools[d.Key]; ok {
			c.Value, c.StringValue = x, ptr(strconv.FormatBool(x))
		}
	case "CheckboxChamp":
		x := v.bools[d.Key]
		c.Value, c.StringValue = x, ptr(strconv.FormatBool(x))
	case "PieceJustificativeChamp":
		files := v.files[d.Key]
		if files == nil {
			files = []fileJSON{}
		}
		c.Files, c.StringValue = files, nil
	case "DepartementChamp":
		b.fillDepartement(c)
	case "AddressChamp":
		b.fillAddress(c)
	case "RepetitionChamp":
		c.Rows = b.rows(children)
	}
}

func fillDate(c *champJSON, dates map[string]time.Time, key string) {
	c.Date, c.Value = jsonNull(), jsonNull()
	if t, ok := dates[key]; ok {
		c.Date, c.Value, c.StringValue = t.Format(time.DateOnly), dsTime(t), ptr(frenchDate(t))
	}
}

func (b champBuilder) fillDepartement(c *champJSON) {
	c.Departement = jsonNull()
	if d := b.v.dep; d != nil {
		c.Departement = departementJSON{Name: d.Name, Code: d.Code}
		c.StringValue = ptr(d.Code + " – " + d.Name)
	}
}

func (b champBuilder) fillAddress(c *champJSON) {
	c.Address, c.Commune, c.Departement = jsonNull(), jsonNull(), jsonNull()
	a := b.v.address
	if a == nil {
		return
	}
	c.Address, c.StringValue = *a, ptr(a.Label)
	c.Commune = communeJSON{Name: a.CityName, Code: a.CityCode, PostalCode: a.PostalCode}
	c.Departement = departementJSON{Name: a.DepartmentName, Code: a.DepartmentCode}
}

// rows builds the rows of the locals' repetition block.
func (b champBuilder) rows(children []Descriptor) []rowJSON {
	out := make([]rowJSON, 0, len(b.v.locals))
	for _, r := range b.v.locals {
		ulid := r.ulid
		row := rowJSON{ID: rowID(ulid)}
		cv := champBuilder{v: r.values(), at: b.at}
		for _, d := range children {
			c := cv.base(d, rowChampID(d.StableID, ulid))
			cv.fill(&c, d, nil)
			row.Champs = append(row.Champs, c)
		}
		out = append(out, row)
	}
	return out
}

// values returns the row's champs as values keyed like the children.
func (r localRow) values() *values {
	v := newValues()
	v.text[KeyLocalName] = r.name
	v.ints[KeyLocalAuditedYear] = r.auditedYear
	v.text[KeyLocalLevel] = r.level.option()
	v.dates[KeyLocalSelfDiagnostic] = r.selfDiagnosis
	return v
}

func ptr[T any](x T) *T { return &x }
