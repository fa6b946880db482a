package pdf

import (
	"context"
	"errors"
	"fmt"
	"sync"
)

// referee is PDFium reading the pages it is asked for, one at a time, beside
// the goroutine that merges the engines' texts: the urgent ones first, in
// the order asked, then the planned ones, in page order.
type referee struct {
	mu      sync.Mutex
	wake    *sync.Cond
	urgent  []int       // page indexes (from 0)
	planned []int       // page indexes, in order; some may have been made urgent
	state   []pageState // of each page
	stopped bool
	results chan refResult // room for every page: each is read at most once
	done    chan struct{}
}

// pageState is where a page is in the referee's queues.
type pageState uint8

const (
	notAsked pageState = iota
	planned            // waits in planned
	taken              // waits in urgent, or is read or being read
)

// refResult is PDFium's reading of page i (from 0).
type refResult struct {
	i        int
	text     engineText
	err      error
	hasImage bool
}

// errBudgetSpent is a page PDFium did not read because the import's budget
// (Extractor.Budget) ran out first.
var errBudgetSpent = errors.New("the import's time ran out")

// startReferee starts reading pages of doc as they are asked for, with
// ctx: when it ends (the import's budget is spent), the page being read is
// given up, and so is every page asked for after.
func startReferee(ctx context.Context, doc *PDFDoc, n int) *referee {
	r := &referee{state: make([]pageState, n), results: make(chan refResult, n), done: make(chan struct{})}
	r.wake = sync.NewCond(&r.mu)
	go func() {
		defer close(r.done)
		for {
			i, ok := r.next()
			if !ok {
				return
			}
			text, images, err := doc.readPage(ctx, i+1)
			if err != nil && ctx.Err() != nil {
				err = fmt.Errorf("%w: %v", errBudgetSpent, err)
			}
			r.results <- refResult{i: i, text: newEngineText(text), err: err, hasImage: images}
		}
	}()
	return r
}

// next waits for the next page to read; false when stopped.
func (r *referee) next() (int, bool) {
	r.mu.Lock()
	defer r.mu.Unlock()
	for {
		if r.stopped {
			return 0, false
		}
		if len(r.urgent) > 0 {
			i := r.urgent[0]
			r.urgent = r.urgent[1:]
			return i, true
		}
		for len(r.planned) > 0 {
			i := r.planned[0]
			r.planned = r.planned[1:]
			if r.state[i] == planned {
				r.state[i] = taken
				return i, true
			}
		}
		r.wake.Wait()
	}
}

// ask queues page i (from 0) for reading, urgently or when PDFium has
// nothing urgent to do. Asking urgently for a page still planned moves it
// up; a page is read once however often it is asked for.
func (r *referee) ask(i int, urgent bool) {
	r.mu.Lock()
	defer r.mu.Unlock()
	switch {
	case r.state[i] == taken:
		return
	case urgent:
		r.state[i] = taken
		r.urgent = append(r.urgent, i)
	case r.state[i] == notAsked:
		r.state[i] = planned
		r.planned = append(r.planned, i)
	}
	r.wake.Signal()
}

// stop ends the referee's work and waits for it, so that the document can
// be closed.
func (r *referee) stop() {
	r.mu.Lock()
	r.stopped = true
	r.wake.Signal()
	r.mu.Unlock()
	<-r.done
}
