package model

import (
	"cmp"
	"math"
)

// unitMinutes is the length of each unit of a duration in minutes: the one
// definition of a month in policyc, a twelfth of a year of 365.25 days, so
// that 12 months and 1 year are the same length.
var unitMinutes = map[string]int64{"minute": 1, "hour": 60, "day": 1440, "week": 10080, "month": 43830, "year": 525960}

// Minutes is the length of a period in minutes: an amount of a unit, or the
// bound of "at most". A session or persistent storage has no length of its
// own (0); Compare orders them.
func (d *Duration) Minutes() int64 {
	switch {
	case d == nil || d.Session || d.Persistent:
		return 0
	case d.Max != nil:
		return d.Max.Minutes()
	}
	return int64(d.Amount) * unitMinutes[d.Unit]
}

// Compare orders two durations by how long they may last: negative when d
// is shorter than o, zero when as long, positive when longer. Persistent
// storage outlasts any period. A session ends when the browser closes, so
// it is shorter than any period, and a cap only shortens it; a capped
// session compares with a period by its cap, and a period as long as the
// cap is the longer, as it outlives the browser session. "At most" a
// period compares as that period.
func (d *Duration) Compare(o *Duration) int {
	switch {
	case d.Persistent || o.Persistent:
		return cmp.Compare(b2i(d.Persistent), b2i(o.Persistent))
	case d.Session && o.Session:
		switch {
		case d.Max == nil && o.Max == nil:
			return 0
		case d.Max == nil:
			return 1
		case o.Max == nil:
			return -1
		}
		return cmp.Compare(d.Max.Minutes(), o.Max.Minutes())
	case d.Session:
		if d.Max == nil || d.Max.Minutes() <= o.Minutes() {
			return -1
		}
		return 1
	case o.Session:
		return -o.Compare(d)
	}
	return cmp.Compare(d.Minutes(), o.Minutes())
}

func b2i(b bool) int {
	if b {
		return 1
	}
	return 0
}

// Compare orders two retention rules by how long they keep the data, and
// reports whether they can be compared at all: only rules that count from
// the same event can, by how long the data are kept in all (the period or
// the time after the event, plus the archive) and by the cap. It is
// negative when r keeps the data for less time, positive for more; rules
// where one keeps longer in all and the other has the higher cap cannot be
// compared.
func (r *Retention) Compare(o *Retention) (int, bool) {
	if r.event() != o.event() {
		return 0, false
	}
	total := cmp.Compare(r.keptFor(), o.keptFor())
	capped := cmp.Compare(r.cap(), o.cap())
	switch {
	case total >= 0 && capped >= 0:
		return total + capped, true
	case total <= 0 && capped <= 0:
		return total + capped, true
	}
	return 0, false
}

// event is what a rule counts from: "period from <event>", "until
// <event>", or "at most" alone.
func (r *Retention) event() string {
	switch {
	case r.Period != nil && r.Typical:
		// A usual period is no promise: it compares with usual periods
		// only, never with a fixed one.
		return "typically from " + r.From
	case r.Period != nil:
		return "period from " + r.From
	case r.Until != "":
		return "until " + r.Until
	}
	return "at most"
}

func (r *Retention) keptFor() int64 {
	main := r.Period
	if main == nil {
		main = r.Plus
	}
	return main.Minutes() + r.Archive.Minutes()
}

func (r *Retention) cap() int64 {
	if r.Max == nil {
		return math.MaxInt64
	}
	return r.Max.Minutes()
}
