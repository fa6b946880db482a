package pdf

// The CPU an import may cost, counted across the processes it keeps busy.

import (
	"context"
	"sync"
	"time"
)

// DefaultImportBudget is the engine time an import may spend: the time its
// worker processes — dslipak's and PDFium's — are busy on it, added up.
// Each worker runs its work on one core at a time (dslipak's with
// GOMAXPROCS=1; PDFium's WebAssembly runs on one goroutine), so this is
// about their CPU time, or more on a loaded machine. It is two seconds short
// of the promise that no import costs more than 10 s of CPU, leaving room
// for what the meter does not see: the app's own part (merging the engines'
// texts), the workers' garbage collection, killing a worker.
const DefaultImportBudget = 8 * time.Second

// meter adds up the time an import's workers spend on it: intervals that
// have ended, and those still running up to now.
type meter struct {
	mu      sync.Mutex
	spent   time.Duration
	running map[int]time.Time
	nextID  int
}

func newMeter() *meter { return &meter{running: map[int]time.Time{}} }

// begin starts an interval of work and returns the function that ends it.
// A nil meter counts nothing.
func (m *meter) begin() (end func()) {
	if m == nil {
		return func() {}
	}
	m.mu.Lock()
	defer m.mu.Unlock()
	id := m.nextID
	m.nextID++
	m.running[id] = time.Now()
	return func() {
		m.mu.Lock()
		defer m.mu.Unlock()
		if start, ok := m.running[id]; ok {
			m.spent += time.Since(start)
			delete(m.running, id)
		}
	}
}

// used is the time spent so far, intervals still running included.
func (m *meter) used() time.Duration {
	m.mu.Lock()
	defer m.mu.Unlock()
	total := m.spent
	now := time.Now()
	for _, start := range m.running {
		total += now.Sub(start)
	}
	return total
}

type meterKey struct{}

// withMeter is ctx carrying m, so that the PDFium calls made with it are
// counted.
func withMeter(ctx context.Context, m *meter) context.Context {
	return context.WithValue(ctx, meterKey{}, m)
}

// meterOf is the meter ctx carries, or nil.
func meterOf(ctx context.Context) *meter {
	m, _ := ctx.Value(meterKey{}).(*meter)
	return m
}
