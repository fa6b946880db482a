package fetch

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"sync"
	"testing"
	"time"

	"panelpapers/docs"
	"panelpapers/docs/fetch/fetchtest"
)

// envHelper runs this test binary as another process (helperMain): its
// value is what the helper does, fields separated by spaces.
const envHelper = "PANELPAPERS_FETCH_HELPER"

func TestMain(m *testing.M) {
	if spec := os.Getenv(envHelper); spec != "" {
		os.Exit(helperMain(strings.Fields(spec)))
	}
	os.Exit(m.Run())
}

// helperMain is the other process.
//
//	download URL DIR   download URL into DIR, saying "receiving" once
//	                   bytes arrive; a stalled site keeps it there
func helperMain(args []string) int {
	if len(args) != 3 || args[0] != "download" {
		fmt.Println("unknown helper", args)
		return 2
	}
	c, err := NewClient()
	if err != nil {
		fmt.Println("error:", err)
		return 1
	}
	c.Timeout, c.Retries = 5*time.Minute, 0
	var once sync.Once
	d, err := c.Download(context.Background(), args[1], args[2], Validators{}, func(done, total int64) {
		if done > 0 {
			once.Do(func() { fmt.Println("receiving") })
		}
	})
	if err != nil {
		fmt.Println("error:", err)
		return 1
	}
	d.Close()
	fmt.Println("done")
	return 0
}

// startHelper runs the helper and returns it with its output's lines.
func startHelper(t *testing.T, args ...string) (*exec.Cmd, *bufio.Scanner) {
	t.Helper()
	if runtime.GOOS == "windows" {
		t.Skip("needs SIGKILL")
	}
	cmd := exec.Command(os.Args[0], "-test.run=^$")
	cmd.Env = append(os.Environ(), envHelper+"="+strings.Join(args, " "))
	out, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	cmd.Stderr = os.Stderr
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { cmd.Process.Kill(); cmd.Wait() })
	return cmd, bufio.NewScanner(out)
}

// expect reads the helper's lines until want, or fails.
func expect(t *testing.T, lines *bufio.Scanner, want string) {
	t.Helper()
	for lines.Scan() {
		if lines.Text() == want {
			return
		}
		if strings.HasPrefix(lines.Text(), "error:") {
			t.Fatalf("helper: %s", lines.Text())
		}
	}
	t.Fatalf("the helper ended without saying %q", want)
}

// TestOneDownloadOfAnAddressAtATime runs a download in another process
// that stalls half-way, and checks that a second download of the same
// address here waits briefly and then says the paper is busy, that tidying
// the downloads folder leaves the other process's part alone, and that once
// that process is gone (killed) the download resumes its part.
//
// Fails when the lock is removed (no filelock.Take in Download: the second
// download writes the same .part), or when tidying ignores the lock (no
// filelock.Take in RemoveStaleParts: the part in use is deleted).
func TestOneDownloadOfAnAddressAtATime(t *testing.T) {
	site := fetchtest.NewSite(t)
	site.SetMaxSize(testMaxSize)
	site.SetFault(fetchtest.URIPack, fetchtest.FaultStall, 1)
	dir := t.TempDir()
	url := site.URL + fetchtest.URIPack
	other, lines := startHelper(t, "download", url, dir)
	expect(t, lines, "receiving")

	c := testClient(t)
	start := time.Now()
	_, err := c.Download(context.Background(), url, dir, Validators{}, nil)
	if !errors.Is(err, docs.ErrBusy) {
		t.Fatalf("a second download of the same address: %v, want ErrBusy", err)
	}
	if waited := time.Since(start); waited < lockWait/2 {
		t.Errorf("gave up after %v without waiting", waited)
	}
	part := partFor(dir, url)
	// Tidying as a new start would, with every file counted as stale.
	if err := RemoveStaleParts(dir, 0, time.Now().Add(365*24*time.Hour)); err != nil {
		t.Fatal(err)
	}
	if fi, err := os.Stat(part.path); err != nil || fi.Size() == 0 {
		t.Fatalf("tidying removed the part another process is writing: %v", err)
	}

	// The other process crashes: its lock goes with it.
	other.Process.Kill()
	other.Wait()
	site.ResetLog()
	d, err := c.Download(context.Background(), url, dir, Validators{}, nil)
	if err != nil {
		t.Fatalf("after the other process died: %v", err)
	}
	defer d.Close()
	rs := site.Requests()
	if len(rs) != 1 || rs[0].Status != 206 {
		t.Errorf("requests %+v, want one that resumes the crashed process's part", rs)
	}
	if d.SHA256 != fetchtest.SHA256(site.Body(fetchtest.URIPack)) {
		t.Errorf("the resumed file is not the paper")
	}
	if _, err := os.Stat(filepath.Join(dir, filepath.Base(part.lock))); err != nil {
		t.Errorf("the lock file should be there while the download is held: %v", err)
	}
}
