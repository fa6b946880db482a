package pdf

import (
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"
)

// hangPageEnv lists pages ("2" or "2,3") the test worker hangs on, through
// the hook main.go never sets, so tests can see pages that never finish.
const hangPageEnv = "PANELPAPERS_TEST_WORKER_HANG_PAGES"

// TestMain doubles as the extraction worker, as main does, so that tests can
// start the test binary itself as the dslipak child process.
func TestMain(m *testing.M) {
	if IsExtractWorker() {
		hang := map[int]bool{}
		for _, f := range strings.Split(os.Getenv(hangPageEnv), ",") {
			if n, err := strconv.Atoi(f); err == nil {
				hang[n] = true
			}
		}
		workerPageHook = func(page int) {
			if hang[page] {
				time.Sleep(time.Hour)
			}
		}
		os.Exit(RunExtractWorker(os.Stdin, os.Stdout))
	}
	code := m.Run()
	if sharedPDFium.p != nil {
		_ = sharedPDFium.p.Close()
	}
	os.Exit(code)
}

// testCacheDir is the wazero compilation cache every test run shares: the
// first run compiles PDFium (seconds), the others load it.
func testCacheDir() string {
	return filepath.Join(os.TempDir(), "panelpapers-test-cache", "wazero") // shared by every package's tests
}

var sharedPDFium struct {
	once sync.Once
	p    *PDFium
	err  error
}

// testPDFium is the PDFium engine all tests of the package share, started on
// first use.
func testPDFium(t testing.TB) *PDFium {
	t.Helper()
	sharedPDFium.once.Do(func() {
		sharedPDFium.p, sharedPDFium.err = StartPDFium(testCacheDir())
	})
	if sharedPDFium.err != nil {
		t.Fatalf("start PDFium: %v", sharedPDFium.err)
	}
	return sharedPDFium.p
}
