package importing

import (
	"errors"
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"time"

	"google.golang.org/genproto/googleapis/type/money"
)

// DateOrder is how a file writes the dates whose numbers alone do not say
// which is the day: 03/04/2026 is 3 April in Europe and March 4 in the US.
type DateOrder int

const (
	// DateOrderUnset: a date with slashes stops the file, asking for
	// --date-order, rather than being read one way and stored wrong.
	DateOrderUnset DateOrder = iota
	DayFirst                 // DMY: 31/01/2026
	MonthFirst               // MDY: 01/31/2026
)

func (o DateOrder) String() string {
	switch o {
	case DayFirst:
		return "day first (--date-order DMY)"
	case MonthFirst:
		return "month first (--date-order MDY)"
	}
	return "without --date-order"
}

// notADate is a value in none of parseDate's forms.
type notADate struct{ value string }

func (e notADate) Error() string {
	return fmt.Sprintf("%q is not a date such as 2026-01-31, 31.01.2026 or 31-Jan-2026", e.value)
}

// ParseDateOrder reads --date-order: DMY or MDY, in any case.
func ParseDateOrder(value string) (DateOrder, error) {
	switch strings.ToUpper(strings.TrimSpace(value)) {
	case "DMY":
		return DayFirst, nil
	case "MDY":
		return MonthFirst, nil
	}
	return DateOrderUnset, fmt.Errorf("%q: use DMY (31/01/2026) or MDY (01/31/2026)", value)
}

// ambiguousDateError is a date with slashes read without a DateOrder. The
// readers stop the file on it: every later row would be read the same way.
type ambiguousDateError struct{ value string }

func (e ambiguousDateError) Error() string {
	return fmt.Sprintf("%q could be day/month/year or month/day/year: say which the file uses with "+
		"--date-order DMY or --date-order MDY, and import the file again", e.value)
}

// rejectRow is what a reader does with a row's problem: it becomes the
// row's Record, except a date with slashes read without a DateOrder, which
// stops the file (the error is left in *stop): every later row's dates would
// be read the same way.
func rejectRow(yield func(Record) bool, stop *error) func(line int, problem error) bool {
	return func(line int, problem error) bool {
		var ambiguous ambiguousDateError
		if errors.As(problem, &ambiguous) {
			*stop = &FileError{Line: line, Err: problem}
			return false
		}
		return yield(Record{Line: line, Problem: problem})
	}
}

var (
	isoDate = regexp.MustCompile(`^(\d{4})-(\d{1,2})-(\d{1,2})$`)
	// 31.01.2026, as German-speaking countries and much of Europe write it:
	// always day first.
	dottedDate = regexp.MustCompile(`^(\d{1,2})\.(\d{1,2})\.(\d{4}|\d{2})$`)
	slashDate  = regexp.MustCompile(`^(\d{1,2})/(\d{1,2})/(\d{4}|\d{2})$`)
	// 31-Jan-2026, 31-JAN-26 (Oracle Opera), 31 January 2026.
	dayMonthNameDate = regexp.MustCompile(`^(\d{1,2})[- ]([A-Za-z]+)\.?[- ](\d{4}|\d{2})$`)
	// Jan 31, 2026; January 31 2026.
	monthNameDayDate = regexp.MustCompile(`^([A-Za-z]+)\.? (\d{1,2}),? (\d{4})$`)
)

// monthNames are English month names and their abbreviations, lower case.
var monthNames = func() map[string]time.Month {
	names := map[string]time.Month{"sept": time.September}
	for month := time.January; month <= time.December; month++ {
		full := strings.ToLower(month.String())
		names[full] = month
		names[full[:3]] = month
	}
	return names
}()

// parseDate reads a calendar date as exports write it: 2026-01-31 (ISO
// 8601), 31.01.2026 (day first), 31-Jan-2026, 31-JAN-26, 31 January 2026 or
// Jan 31, 2026 (English month names), and 31/01/2026 or 01/31/2026 as order
// says. A two-digit year is of this century.
func parseDate(value string, order DateOrder) (time.Time, error) {
	var year, month, day string
	var named time.Month
	if m := isoDate.FindStringSubmatch(value); m != nil {
		year, month, day = m[1], m[2], m[3]
	} else if m := dottedDate.FindStringSubmatch(value); m != nil {
		day, month, year = m[1], m[2], m[3]
	} else if m := slashDate.FindStringSubmatch(value); m != nil {
		switch order {
		case DayFirst:
			day, month, year = m[1], m[2], m[3]
		case MonthFirst:
			month, day, year = m[1], m[2], m[3]
		default:
			return time.Time{}, ambiguousDateError{value}
		}
	} else if m := dayMonthNameDate.FindStringSubmatch(value); m != nil {
		day, named, year = m[1], monthNames[strings.ToLower(m[2])], m[3]
	} else if m := monthNameDayDate.FindStringSubmatch(value); m != nil {
		named, day, year = monthNames[strings.ToLower(m[1])], m[2], m[3]
	} else {
		return time.Time{}, notADate{value}
	}
	y, _ := strconv.Atoi(year)
	if len(year) == 2 {
		y += 2000
	}
	d, _ := strconv.Atoi(day)
	mo := int(named)
	if month != "" {
		mo, _ = strconv.Atoi(month)
	}
	date := time.Date(y, time.Month(mo), d, 0, 0, 0, 0, time.UTC)
	// time.Date normalises 31 April to 1 May: a date that moved is not one.
	if mo < 1 || mo > 12 || date.Day() != d || int(date.Month()) != mo {
		if slashDate.MatchString(value) {
			return time.Time{}, fmt.Errorf("%q is not a day of the calendar read %s", value, order)
		}
		return time.Time{}, fmt.Errorf("%q is not a day of the calendar", value)
	}
	return date, nil
}

// timesOfDay are the clock times that may follow a date, without zone (a
// fraction of a second after the seconds is read by time.Parse).
var timesOfDay = []string{"15:04:05", "15:04", "3:04:05 PM", "3:04 PM"}

// parseDateTime reads a date (parseDate) followed by a time of day without
// zone ("2026-01-31 14:05:00", "2026-01-31T14:05", "01/31/2026 2:05 PM",
// "Jan 31, 2026 2:05 PM") as a wall clock (LocalTime.Wall); hasClock is
// false when value has no time of day.
func parseDateTime(value string, order DateOrder) (at time.Time, hasClock bool, err error) {
	colon := strings.Index(value, ":")
	if colon < 0 {
		return time.Time{}, false, nil
	}
	// The clock starts after the space or "T" before its first colon.
	split := strings.LastIndexAny(value[:colon], " T")
	if split < 0 {
		return time.Time{}, false, nil
	}
	date, err := parseDate(strings.TrimRight(value[:split], " ,"), order)
	if err != nil {
		return time.Time{}, true, err
	}
	clock := strings.ToUpper(strings.TrimSpace(value[split+1:]))
	for _, layout := range timesOfDay {
		if t, err := time.Parse(layout, clock); err == nil {
			return date.Add(t.Sub(time.Date(0, 1, 1, 0, 0, 0, 0, time.UTC))), true, nil
		}
	}
	return time.Time{}, true, fmt.Errorf("%q is not a time of day such as 14:05, 14:05:00 or 2:05 PM", value[split+1:])
}

// zonedClock is a date and time of day followed by its zone: " UTC",
// "GMT", "Z", or an offset "+0100" or "+01:00" (what databases and logs
// write where RFC 3339 is not followed to the letter).
var zonedClock = regexp.MustCompile(`^(.*\d(?: ?[AaPp][Mm])?) ?((?i:Z|UTC|GMT)|([+-])(\d{2}):?(\d{2}))$`)

// parseZonedDateTime reads a date and time of day (parseDateTime) with
// its zone after it as the instant it names; zoned is false when value has
// no time of day or no zone.
func parseZonedDateTime(value string, order DateOrder) (at time.Time, zoned bool, err error) {
	m := zonedClock.FindStringSubmatch(value)
	if m == nil {
		return time.Time{}, false, nil
	}
	wall, hasClock, err := parseDateTime(m[1], order)
	if !hasClock {
		return time.Time{}, false, nil
	}
	if err != nil {
		return time.Time{}, true, err
	}
	var offset time.Duration
	if m[3] != "" {
		hours, _ := strconv.Atoi(m[4])
		minutes, _ := strconv.Atoi(m[5])
		offset = time.Duration(hours)*time.Hour + time.Duration(minutes)*time.Minute
		if m[3] == "-" {
			offset = -offset
		}
	}
	// The wall clock reads offset ahead of UTC.
	return wall.Add(-offset), true, nil
}

// Amounts in ParseAmount's canonical form, with ',' grouping thousands and
// '.' before decimals.
var (
	groupedAmount = regexp.MustCompile(`^\d{1,3}(,\d{3})+(\.\d+)?$`)
	plainAmount   = regexp.MustCompile(`^\d+(\.\d+)?$`)
)

// ParseAmount reads a spend as exports write it, without its currency:
// 1234.50 or 1234,50, and with grouped thousands 1,234.50, 1.234,50,
// 1 234,50 or 1'234.50. When both separators appear the last is the
// decimal one; one separator that appears once is decimal, unless it is
// followed by exactly three digits after one to three (1,234 is 1234 in
// the US and 1.234 in Kuwait): such a value is refused as ambiguous rather
// than stored a thousand times off.
func ParseAmount(value string) (*money.Money, error) {
	compact := strings.NewReplacer(" ", "", "\u00a0", "", "\u202f", "", "'", "", "\u2019", "").Replace(value)
	commas, points := strings.Count(compact, ","), strings.Count(compact, ".")
	decimal, group := ".", ","
	switch {
	case commas > 0 && points > 0:
		if strings.LastIndex(compact, ",") > strings.LastIndex(compact, ".") {
			decimal, group = ",", "."
		}
	case commas == 1 && points == 0:
		decimal, group = ",", "."
	case commas > 1:
		decimal, group = ".", ","
	case points > 1:
		decimal, group = ",", "."
	}
	// In the canonical form '.' is the decimal separator and ',' groups.
	canonical := strings.NewReplacer(decimal, ".", group, ",").Replace(compact)
	if commas+points == 1 && groupedAmount.MatchString(strings.Replace(canonical, ".", ",", 1)) &&
		!strings.HasPrefix(canonical, "0") {
		return nil, fmt.Errorf("%q is ambiguous: its %q could group thousands or be the decimal separator; "+
			"write the amount with its decimals (1234.00) or without grouping", value, decimal)
	}
	if !groupedAmount.MatchString(canonical) && !plainAmount.MatchString(canonical) {
		return nil, fmt.Errorf("%q is not an amount such as 1234.50, 1234,50 or 1,234.50", value)
	}
	whole, fraction, _ := strings.Cut(strings.ReplaceAll(canonical, ",", ""), ".")
	units, err := strconv.ParseInt(whole, 10, 64)
	if err != nil || len(fraction) > 9 {
		return nil, fmt.Errorf("%q is not an amount of money (at most 9 decimals and 18 digits before them)", value)
	}
	nanos, _ := strconv.Atoi((fraction + "000000000")[:9])
	return &money.Money{Units: units, Nanos: int32(nanos)}, nil
}

// parseDecimal reads a number written with a decimal point or, as
// spreadsheets of most of Europe write it, a decimal comma ("4,5").
func parseDecimal(value string) (float64, error) {
	return strconv.ParseFloat(strings.ReplaceAll(value, ",", "."), 64)
}
