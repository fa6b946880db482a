package library

import (
	"bufio"
	"bytes"
	"fmt"
	"os"
	"os/exec"
	"runtime"
	"testing"
)

// killWriter runs this test binary again as the writer process of a kill
// test (only the test named runs, with env set to the library folder dir),
// reads acks acknowledgements "ack <id> <save>" from it, then kills it with
// SIGKILL mid-burst: no deferred Close, no chance to finish the transaction
// under way. It returns the last save acknowledged for each id.
func killWriter(t *testing.T, test, env, dir string, acks int) map[string]int {
	t.Helper()
	if runtime.GOOS == "windows" {
		t.Skip("needs SIGKILL")
	}
	cmd := exec.Command(os.Args[0], "-test.run=^"+test+"$")
	cmd.Env = append(os.Environ(), env+"="+dir)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	acked := map[string]int{}
	lines := bufio.NewScanner(out)
	for n := 0; n < acks && lines.Scan(); n++ {
		var id string
		var i int
		if _, err := fmt.Sscanf(lines.Text(), "ack %s %d", &id, &i); err != nil {
			n-- // the test framework's own output
			continue
		}
		acked[id] = i
	}
	if err := cmd.Process.Kill(); err != nil {
		t.Fatal(err)
	}
	_ = cmd.Wait()
	if len(acked) == 0 {
		t.Fatalf("the writer acknowledged nothing; its stderr:\n%s", stderr.String())
	}
	return acked
}
