//go:build race

package docs

// raceEnabled is true in a test binary built with -race.
const raceEnabled = true
