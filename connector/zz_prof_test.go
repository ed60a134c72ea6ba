package connector

import (
	"os"
	"os/exec"
	"path/filepath"
	"syscall"
	"testing"
	"time"
)

func TestProfRSS(t *testing.T) {
	for _, n := range []int{500, 2000} {
		e := newEnv(t, envOptions{N: n, Configure: noWrites})
		cmd := exec.Command(os.Args[0], "-test.run=^TestHelperPass$", "-test.count=1", "-test.v")
		cmd.Env = append(os.Environ(), envHelperURL+"="+e.ts.URL, envHelperStore+"="+filepath.Join(t.TempDir(), "rss.db"), envHelperVariant+"=nowrites", "GODEBUG=gctrace=1")
		start := time.Now()
		out, err := cmd.CombinedOutput()
		ru := cmd.ProcessState.SysUsage().(*syscall.Rusage)
		t.Logf("n=%d err=%v rss=%d MiB took %v\n%s", n, err, ru.Maxrss/1024, time.Since(start), tail(out))
	}
}

func tail(b []byte) string {
	if len(b) > 1500 {
		return string(b[len(b)-1500:])
	}
	return string(b)
}
