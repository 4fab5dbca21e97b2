package guestvoice

import (
	"fmt"
	"strings"

	"google.golang.org/genproto/googleapis/type/money"
)

// MoneyString is a google.type.Money as a person writes it, exactly: at
// least two decimals, more only where its nanos have them ("540.10 EUR",
// "0.099999999 USD"); "none" for nil.
func MoneyString(m *money.Money) string {
	if m == nil {
		return "none"
	}
	fraction := strings.TrimRight(fmt.Sprintf("%09d", m.GetNanos()), "0")
	if len(fraction) < 2 {
		fraction = (fraction + "00")[:2]
	}
	return fmt.Sprintf("%d.%s %s", m.GetUnits(), fraction, m.GetCurrencyCode())
}
