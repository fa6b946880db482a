package docs

import (
	"time"
	_ "time/tzdata" // the zone database is linked in: Windows has no zoneinfo files
)

// London is Europe/London, where councils keep their office hours: meeting
// days, question deadlines and "sent on" dates are reckoned there, whatever
// the computer's own zone is. The zone database is linked into the program,
// so it always loads; should it ever not, UTC (GMT) is used rather than
// stopping the program.
var London = func() *time.Location {
	loc, err := time.LoadLocation("Europe/London")
	if err != nil {
		return time.UTC
	}
	return loc
}()
