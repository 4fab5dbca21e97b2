package importing

import (
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"
	"time"

	"google.golang.org/genproto/googleapis/type/date"

	gv "github.com/guestvoice/guestvoice/clients/go/guestvoicev1"
)

func init() {
	register(Format{
		Name: "pms",
		Description: "guests and stays from a property-management-system CSV export; columns booking_reference, " +
			"guest_name, email, phone, arrival_date, nights or departure_date, spend, currency, property, status " +
			"(renamed with --map)",
		Kind: KindStay,
		Read: readPMS,
	})
}

func readPMS(r io.Reader, options Options, yield func(Record) bool) error {
	required := []string{"booking_reference", "arrival_date", "nights|departure_date"}
	optional := []string{"guest_name", "email", "phone", "spend", "currency", "property", "status"}
	var stop error
	reject := rejectRow(yield, &stop)
	err := csvRows(r, options, required, optional, func(line int, get func(string) string, problem error) bool {
		if problem != nil {
			return yield(Record{Line: line, Problem: problem})
		}
		if get("booking_reference") == "" {
			return yield(problemf(line, "no booking_reference: a booking is recorded once, under its reference"))
		}
		booking := StayRecord{GuestName: get("guest_name"), Email: get("email"), Phone: get("phone")}
		if isCancelledBooking(get("status")) {
			// Only its reference matters: a stay recorded under it is
			// cancelled, and nothing else is recorded (recordStay).
			if booking.Email == "" && booking.Phone == "" {
				return yield(Record{Line: line, Skipped: SkipCancelled})
			}
			booking.Stay, booking.Cancelled = &gv.Stay{BookingReference: get("booking_reference")}, true
			// Nothing was recorded for a property without a hotel.
			return yield(Record{Line: line, Venue: get("property"), Stay: &booking, SkipIfUnmapped: SkipCancelled})
		}
		arrival, err := parseDate(get("arrival_date"), options.DateOrder)
		if err != nil {
			return reject(line, fmt.Errorf("arrival_date: %w", err))
		}
		nights, err := stayNights(arrival, get("nights"), get("departure_date"), options.DateOrder)
		if err != nil {
			return reject(line, err)
		}
		if booking.Email == "" && booking.Phone == "" {
			return yield(problemf(line, "no email and no phone: the guest could not be found again"))
		}
		booking.Stay = &gv.Stay{
			ArrivalDate:      &date.Date{Year: int32(arrival.Year()), Month: int32(arrival.Month()), Day: int32(arrival.Day())},
			Nights:           nights,
			BookingReference: get("booking_reference"),
		}
		if spend := get("spend"); spend != "" {
			amount, err := ParseAmount(spend)
			if err != nil {
				return yield(problemf(line, "spend: %v", err))
			}
			if get("currency") == "" {
				return yield(problemf(line, "spend without a currency"))
			}
			amount.CurrencyCode = strings.ToUpper(get("currency"))
			booking.Stay.QualifyingSpend = amount
		}
		return yield(Record{Line: line, Venue: get("property"), Stay: &booking})
	})
	if err != nil {
		return err
	}
	return stop
}

// stayNights is the nights column's whole number or, without one, the
// nights from arrival to the departure date; both given, they must agree.
// The server bounds the nights (RecordStay); here they only have to be a
// number and, from dates, a departure after the arrival.
func stayNights(arrival time.Time, nights, departure string, order DateOrder) (int32, error) {
	var counted int32
	if departure != "" {
		left, err := parseDate(departure, order)
		if err != nil {
			return 0, fmt.Errorf("departure_date: %w", err)
		}
		if !left.After(arrival) {
			return 0, fmt.Errorf("departure_date %s is not after arrival_date %s", departure, arrival.Format(time.DateOnly))
		}
		// Both are UTC midnights: whole days apart.
		counted = int32(left.Sub(arrival).Hours() / 24)
	}
	if nights == "" {
		if departure == "" {
			return 0, errors.New("no nights and no departure_date")
		}
		return counted, nil
	}
	n, err := strconv.ParseInt(nights, 10, 32)
	if err != nil {
		return 0, fmt.Errorf("nights %q is not a whole number of nights", nights)
	}
	if departure != "" && counted != int32(n) {
		return 0, fmt.Errorf("nights %d, but arrival to departure_date is %d nights", n, counted)
	}
	return int32(n), nil
}

// cancelledStatuses are the reservation statuses PMS exports give a booking
// that earned no stay, as letterKey writes them: cancelled (Cancelled,
// CANCELED, CXL) and no-show (No Show, NOSHOW, NS).
var cancelledStatuses = map[string]bool{
	"CANCELLED": true, "CANCELED": true, "CANCELLATION": true, "CXL": true,
	"NOSHOW": true, "NS": true,
}

// isCancelledBooking tells a cancelled or no-show booking by its status
// column; any other status (checked out, in house, reserved) is a stay.
func isCancelledBooking(status string) bool { return cancelledStatuses[letterKey(status)] }
