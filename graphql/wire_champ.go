package graphql

// Typed selections of champs and descriptors. Each struct is both the source
// of the query text (hasura's ConstructQuery reads the graphql tags) and the
// target of encoding/json: fragments are embedded structs, so their fields
// are promoted into the champ object, and every `value` is aliased to a
// name of its own (text, choice, checked, yesNo, integerNumber,
// decimalNumber). The aliases are required twice over: strict validators
// reject one response name with two scalar types, and encoding/json drops
// promoted fields that share a JSON name.

// champFields are the Champ interface fields plus the value of every type
// the connector reads. Naming a type in a fragment also makes DS return that
// type rather than the legacy one (DatetimeChamp instead of DateChamp,
// YesNoChamp instead of CheckboxChamp, DropDownListChamp instead of TextChamp).
type champFields struct {
	Typename          string  `graphql:"__typename" json:"__typename"`
	ID                string  `graphql:"id"`
	ChampDescriptorID string  `graphql:"champDescriptorId"`
	Label             string  `graphql:"label"`
	StringValue       *string `graphql:"stringValue"`

	textFragment        `graphql:"... on TextChamp"`
	dropDownFragment    `graphql:"... on DropDownListChamp"`
	checkboxFragment    `graphql:"... on CheckboxChamp"`
	yesNoFragment       `graphql:"... on YesNoChamp"`
	dateFragment        `graphql:"... on DateChamp"`
	datetimeFragment    `graphql:"... on DatetimeChamp"`
	integerFragment     `graphql:"... on IntegerNumberChamp"`
	decimalFragment     `graphql:"... on DecimalNumberChamp"`
	multipleFragment    `graphql:"... on MultipleDropDownListChamp"`
	pieceFragment       `graphql:"... on PieceJustificativeChamp"`
	addressFragment     `graphql:"... on AddressChamp"`
	departementFragment `graphql:"... on DepartementChamp"`
}

// champWire is a top-level champ or annotation: champFields plus the rows of
// a repetition (rows hold champFields, DS has no nested repetitions).
type champWire struct {
	champFields
	repetitionFragment `graphql:"... on RepetitionChamp"`
}

type textFragment struct {
	Text *string `graphql:"text: value"`
}

type dropDownFragment struct {
	Choice *string `graphql:"choice: value"`
}

type checkboxFragment struct {
	Checked *bool `graphql:"checked: value"`
}

type yesNoFragment struct {
	YesNo *bool `graphql:"yesNo: value"`
}

type dateFragment struct {
	Date *string `graphql:"date"`
}

type datetimeFragment struct {
	Datetime *string `graphql:"datetime"`
}

type integerFragment struct {
	IntegerNumber *bigInt `graphql:"integerNumber: value"`
}

type decimalFragment struct {
	DecimalNumber *float64 `graphql:"decimalNumber: value"`
}

type multipleFragment struct {
	Values []string `graphql:"values"`
}

type pieceFragment struct {
	Files []fileWire `graphql:"files"`
}

type addressFragment struct {
	Address *addressWire `graphql:"address"`
}

type departementFragment struct {
	Departement *departementWire `graphql:"departement"`
}

type repetitionFragment struct {
	Rows []rowWire `graphql:"rows"`
}

type rowWire struct {
	ID     string        `graphql:"id"`
	Champs []champFields `graphql:"champs"`
}

type fileWire struct {
	Filename        string `graphql:"filename"`
	URL             string `graphql:"url"`
	ByteSize        bigInt `graphql:"byteSizeBigInt" json:"byteSizeBigInt"`
	Checksum        string `graphql:"checksum"`
	ContentType     string `graphql:"contentType"`
	VirusScanResult string `graphql:"virusScanResult"`
	CreatedAt       string `graphql:"createdAt"`
}

type addressWire struct {
	StreetAddress  string `graphql:"streetAddress"`
	PostalCode     string `graphql:"postalCode"`
	CityName       string `graphql:"cityName"`
	CityCode       string `graphql:"cityCode"`
	DepartmentCode string `graphql:"departmentCode"`
}

type departementWire struct {
	Code string `graphql:"code"`
	Name string `graphql:"name"`
}

// descriptorFields are the ChampDescriptor fields the connector maps by id.
type descriptorFields struct {
	Typename    string  `graphql:"__typename" json:"__typename"`
	ID          string  `graphql:"id"`
	Label       string  `graphql:"label"`
	Description *string `graphql:"description"`
	Required    bool    `graphql:"required"`

	dropDownDescriptorFragment `graphql:"... on DropDownListChampDescriptor"`
	multipleDescriptorFragment `graphql:"... on MultipleDropDownListChampDescriptor"`
}

// descriptorWire adds a repetition's children to descriptorFields.
type descriptorWire struct {
	descriptorFields
	repetitionDescriptorFragment `graphql:"... on RepetitionChampDescriptor"`
}

type dropDownDescriptorFragment struct {
	Options     []string `graphql:"options"`
	OtherOption *bool    `graphql:"otherOption"`
}

type multipleDescriptorFragment struct {
	MultipleOptions []string `graphql:"multipleOptions: options"`
}

type repetitionDescriptorFragment struct {
	ChampDescriptors []descriptorFields `graphql:"champDescriptors"`
}
