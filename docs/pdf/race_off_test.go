//go:build !race

package pdf

// raceEnabled is true in a test binary built with -race.
const raceEnabled = false
