package connector

import (
	"os"
	"os/exec"
	"path/filepath"
	"testing"
)

func TestProfRSS(t *testing.T) {
	e := newEnv(t, envOptions{N: 1000, Configure: noWrites})
	cmd := exec.Command(os.Args[0], "-test.run=^TestHelperPass$", "-test.count=1", "-test.v")
	cmd.Env = append(os.Environ(), envHelperURL+"="+e.ts.URL, envHelperStore+"="+filepath.Join(t.TempDir(), "rss.db"), envHelperVariant+"=nowrites", "SPPLUS_DUMP=1")
	out, err := cmd.CombinedOutput()
	t.Logf("%v %s", err, out)
}
