package pdf

import (
	"fmt"
	"sync"
	"testing"
)

func TestRefereeOrder(t *testing.T) {
	r := &referee{state: make([]pageState, 10)}
	r.wake = sync.NewCond(&r.mu)
	r.ask(0, false)
	r.ask(8, false)
	r.ask(3, true)
	r.ask(8, true) // planned, now wanted
	r.ask(5, true)
	r.ask(3, true)  // asked again: read once
	r.ask(0, false) // planned again: read once
	var got []int
	for range 4 {
		i, _ := r.next()
		got = append(got, i)
	}
	if want := []int{3, 8, 5, 0}; fmt.Sprint(got) != fmt.Sprint(want) {
		t.Errorf("read in order %v, want %v", got, want)
	}
	r.ask(0, true) // taken already: nothing more to read
	if len(r.urgent) != 0 {
		t.Errorf("page 1 queued again: %v", r.urgent)
	}
}
