package ui

import (
	"sync"
	"sync/atomic"
	"time"

	"fyne.io/fyne/v2"
)

// async is the one way work leaves the UI thread and its results come back:
// run does slow work on a goroutine and applies what it returns on the UI
// thread, post applies a function on the UI thread from any goroutine. No
// other goroutine in this package touches a widget.
//
// In tests (manual set) nothing is applied until settle, which the test
// calls from its own goroutine: widgets are then only ever touched by the
// test's goroutine, and the tests need no sleeps.
type async struct {
	wg      sync.WaitGroup
	manual  bool
	stopped atomic.Bool // the window has closed: nothing more is applied

	mu   sync.Mutex
	held []func()
}

func newAsync(manual bool) *async { return &async{manual: manual} }

// run calls work on a goroutine and applies the function it returns (if
// not nil) on the UI thread.
func (a *async) run(work func() (apply func())) {
	a.wg.Add(1)
	go func() {
		defer a.wg.Done()
		if apply := work(); apply != nil {
			a.post(apply)
		}
	}()
}

// post applies f on the UI thread; callable from any goroutine.
func (a *async) post(f func()) {
	if a.stopped.Load() {
		return
	}
	if a.manual {
		a.mu.Lock()
		a.held = append(a.held, f)
		a.mu.Unlock()
		return
	}
	fyne.Do(f)
}

// stop drops whatever is posted from now on: the window is closing.
func (a *async) stop() { a.stopped.Store(true) }

// settle (tests) waits for the work in flight and for each of also (such as
// the page renderer), applies what they posted, and repeats until nothing
// more is posted.
func (a *async) settle(also ...func()) {
	for {
		a.wg.Wait()
		for _, wait := range also {
			wait()
		}
		a.mu.Lock()
		held := a.held
		a.held = nil
		a.mu.Unlock()
		if len(held) == 0 {
			return
		}
		for _, f := range held {
			f()
		}
	}
}

// debouncer calls a function on the UI thread once calls have stopped
// coming for a while: a search as the member types, a saved reading
// position as they scroll. Its methods are called on the UI thread.
type debouncer struct {
	a     *async
	delay time.Duration // 0 (tests): when the test settles, without waiting
	timer *time.Timer
	gen   int
}

// call schedules f, replacing anything scheduled before.
func (d *debouncer) call(f func()) {
	d.gen++
	if d.timer != nil {
		d.timer.Stop()
	}
	gen := d.gen
	later := func() {
		if gen == d.gen { // not replaced meanwhile
			f()
		}
	}
	if d.delay <= 0 {
		d.a.post(later)
		return
	}
	d.timer = time.AfterFunc(d.delay, func() { d.a.post(later) })
}

// cancel forgets anything scheduled.
func (d *debouncer) cancel() {
	d.gen++
	if d.timer != nil {
		d.timer.Stop()
	}
}
