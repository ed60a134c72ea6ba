package connector
import ("testing";"os";"github.com/spplus/spplus/graphql/sandbox/gen")
func TestProbeGen(t *testing.T){ b,err:=gen.Generate(gen.DemoOptions()); if err!=nil{t.Fatal(err)}; os.WriteFile("/tmp/cx/demo.json",b,0644)}
