package sandbox

import _ "embed"

//go:embed demo.json
var demoJSON []byte

// DemoData returns the embedded demo data set (démarche number 1), in the format New reads.
func DemoData() []byte {
	return append([]byte(nil), demoJSON...)
}
