package session_test

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"os/exec"
	"runtime"
	"strings"
	"sync"
	"testing"
	"time"

	"panelpapers/docs/fetch"
	"panelpapers/ui/session"
)

// helper is this test binary run again as another process, as a second
// copy of Panel Papers would be: see helperMain.
type helper struct {
	cmd *exec.Cmd
	mu  sync.Mutex
	out bytes.Buffer
}

func (h *helper) Write(p []byte) (int, error) {
	h.mu.Lock()
	defer h.mu.Unlock()
	return h.out.Write(p)
}

func (h *helper) output() string {
	h.mu.Lock()
	defer h.mu.Unlock()
	return h.out.String()
}

// startHelper runs `mode args…` (see helperMain) in another process.
func startHelper(t *testing.T, mode string, args ...string) *helper {
	t.Helper()
	if runtime.GOOS == "windows" {
		t.Skip("needs SIGKILL")
	}
	h := &helper{}
	h.cmd = exec.Command(os.Args[0], "-test.run=^$")
	h.cmd.Env = append(os.Environ(), envHelper+"="+strings.Join(append([]string{mode}, args...), "\x1f"), envHelperCache+"="+cacheDir)
	h.cmd.Stdout, h.cmd.Stderr = h, h
	if err := h.cmd.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { h.cmd.Process.Kill(); h.cmd.Wait() })
	return h
}

// kill ends the helper with SIGKILL: no deferred cleanup runs, as in a crash.
func (h *helper) kill(t *testing.T) {
	t.Helper()
	if err := h.cmd.Process.Kill(); err != nil {
		t.Fatal(err)
	}
	_ = h.cmd.Wait()
}

// wait waits for the helper to end by itself and returns its exit code.
func (h *helper) wait(t *testing.T) int {
	t.Helper()
	err := h.cmd.Wait()
	if err != nil && h.cmd.ProcessState == nil {
		t.Fatal(err)
	}
	return h.cmd.ProcessState.ExitCode()
}

// waitFor waits until the helper has printed line, or fails.
func (h *helper) waitFor(t *testing.T, line string) {
	t.Helper()
	deadline := time.Now().Add(2 * time.Minute)
	for !strings.Contains(h.output(), line+"\n") {
		if time.Now().After(deadline) {
			t.Fatalf("the helper never said %q; its output:\n%s", line, h.output())
		}
		time.Sleep(10 * time.Millisecond)
	}
}

// helperMain is the helper process: what it does is the value of
// envHelper, fields separated by \x1f.
//
//	sync DIR SITE     sync the library in DIR from the fake site at SITE
func helperMain(spec string) int {
	args := strings.Split(spec, "\x1f")
	fail := func(err error) int {
		fmt.Println("error:", err)
		return 1
	}
	switch args[0] {
	case "sync":
		dir := args[1]
		s := session.New(dir, cacheDir)
		defer s.Close()
		papers, err := s.Papers()
		if err != nil {
			return fail(err)
		}
		c, err := fetch.NewClient()
		if err != nil {
			return fail(err)
		}
		c.Retries, c.Backoff, c.MaxSize = 0, time.Millisecond, testMaxSize
		sy := &fetch.Syncer{Client: c, Store: session.SyncStore{Library: papers.Lib, Papers: papers},
			TempDir: s.DownloadDir(), Now: func() time.Time { return syncClock }}
		rep, err := sy.Sync(context.Background(), time.Time{}, nil)
		if rep != nil {
			fmt.Printf("arrived %d\n", len(rep.Arrived))
		}
		if err != nil {
			return fail(err)
		}
		fmt.Println("done")
		return 0
	}
	return fail(fmt.Errorf("unknown helper %q", args[0]))
}
