package importing

import (
	"fmt"
	"io"
	"math"
	"strconv"
	"strings"
	"time"

	"google.golang.org/genproto/googleapis/type/date"
	"google.golang.org/genproto/googleapis/type/money"

	gv "github.com/guestvoice/guestvoice/clients/go/guestvoicev1"
)

func init() {
	register(Format{
		Name: "pms",
		Description: "guests and stays from a property-management-system CSV export; columns booking_reference, " +
			"guest_name, email, phone, arrival_date, nights, spend, currency, property (renamed with --map)",
		Kind: KindStay,
		Read: readPMS,
	})
}

func readPMS(r io.Reader, options Options, yield func(Record) bool) error {
	required := []string{"booking_reference", "arrival_date", "nights"}
	optional := []string{"guest_name", "email", "phone", "spend", "currency", "property"}
	return csvRows(r, options, required, optional, func(line int, get func(string) string, problem error) bool {
		if problem != nil {
			return yield(Record{Line: line, Problem: problem})
		}
		arrival, err := time.Parse("2006-01-02", get("arrival_date"))
		if err != nil {
			return yield(problemf(line, "arrival_date %q is not a date such as 2026-01-31", get("arrival_date")))
		}
		nights, err := strconv.Atoi(get("nights"))
		if err != nil {
			return yield(problemf(line, "nights %q is not a whole number", get("nights")))
		}
		if get("email") == "" && get("phone") == "" {
			return yield(problemf(line, "no email and no phone: the guest could not be found again"))
		}
		stay := &gv.Stay{
			ArrivalDate:      &date.Date{Year: int32(arrival.Year()), Month: int32(arrival.Month()), Day: int32(arrival.Day())},
			Nights:           int32(nights),
			BookingReference: get("booking_reference"),
		}
		if spend := get("spend"); spend != "" {
			amount, err := parseAmount(spend)
			if err != nil {
				return yield(problemf(line, "spend: %v", err))
			}
			if get("currency") == "" {
				return yield(problemf(line, "spend without a currency"))
			}
			amount.CurrencyCode = strings.ToUpper(get("currency"))
			stay.QualifyingSpend = amount
		}
		return yield(Record{Line: line, Venue: get("property"), Stay: &StayRecord{
			GuestName: get("guest_name"), Email: get("email"), Phone: get("phone"), Stay: stay,
		}})
	})
}

// parseAmount reads "1234.50" (a decimal comma, "1234,50", too) as Money
// without its currency.
func parseAmount(value string) (*money.Money, error) {
	amount, err := parseDecimal(value)
	if err != nil || amount < 0 || math.IsInf(amount, 0) {
		return nil, fmt.Errorf("%q is not an amount such as 1234.50", value)
	}
	units := math.Floor(amount)
	return &money.Money{Units: int64(units), Nanos: int32(math.Round((amount - units) * 1e9))}, nil
}

// parseDecimal reads a number written with a decimal point or, as
// spreadsheets of most of Europe write it, a decimal comma ("4,5").
func parseDecimal(value string) (float64, error) {
	return strconv.ParseFloat(strings.ReplaceAll(value, ",", "."), 64)
}
