package importing

import "testing"

func TestPlainTextKeepsLineBreaksAndDropsOtherControls(t *testing.T) {
	for text, want := range map[string]string{
		"Dirty room.\vRude staff.":   "Dirty room.\nRude staff.",
		"Page one\fpage two":         "Page one\npage two",
		"Lovely\x00 stay\x1b[2J\x7f": "Lovely stay[2J",
		"Tabs\tand\r\nlines stay":    "Tabs\tand\r\nlines stay",
		"Café ☕, ok":                 "Café ☕, ok",
	} {
		if got := plainText(text); got != want {
			t.Errorf("plainText(%q) = %q, want %q", text, got, want)
		}
	}
}
