package guestvoice

import (
	"fmt"

	"google.golang.org/genproto/googleapis/type/date"
)

// DateString is a google.type.Date as ISO 8601, "2026-01-31".
func DateString(d *date.Date) string {
	return fmt.Sprintf("%04d-%02d-%02d", d.GetYear(), d.GetMonth(), d.GetDay())
}
