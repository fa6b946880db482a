package docs

import (
	"bufio"
	"bytes"
	"os"
	"os/exec"
	"testing"
)

// startWriter runs this test binary again as the writer process of a kill
// test: only the test named runs, with env set to the library folder dir.
// It returns the process, its acknowledgements line by line, and its stderr.
func startWriter(t *testing.T, test, env, dir string) (*exec.Cmd, *bufio.Scanner, *bytes.Buffer) {
	t.Helper()
	cmd := exec.Command(os.Args[0], "-test.run=^"+test+"$")
	cmd.Env = append(os.Environ(), env+"="+dir)
	stderr := new(bytes.Buffer)
	cmd.Stderr = stderr
	out, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	return cmd, bufio.NewScanner(out), stderr
}
