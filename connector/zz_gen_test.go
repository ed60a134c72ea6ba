package connector

import (
	"os"
	"testing"
)

func TestGenDump(t *testing.T) {
	os.WriteFile("/tmp/cx/d2000.json", testData(t, 2000), 0o644)
}
