//go:build race

package library

// raceEnabled is true in a test binary built with -race.
const raceEnabled = true
