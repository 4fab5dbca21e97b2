package importing

import "testing"

func TestPlainTextKeepsLineBreaksAndDropsOtherControls(t *testing.T) {
	for text, want := range map[string]string{
		"Dirty room.\vRude staff.":   "Dirty room.\nRude staff.",
		"Page one\fpage two":         "Page one\npage two",
		"Lovely\x00 stay\x1b[2J\x7f": "Lovely stay[2J",
		"Tabs\tand\r\nlines stay":    "Tabs\tand\r\nlines stay",
		"Café ☕, ok":                 "Café ☕, ok",
		// Windows-1252 read as Latin-1 upstream: its quotes, dashes and
		// ellipsis as C1 controls; 0x81 is no character of it.
		"It\u0092s \u0093great\u0094 \u0096 really\u0085": "It’s “great” – really…",
		"Total: 40\u0080\u0081":                           "Total: 40€",
		"Dirty \u009b31m room":                            "Dirty ›31m room",
		"caf\xc3 ok":                                      "caf\xc3 ok",
	} {
		if got := plainText(text); got != want {
			t.Errorf("plainText(%q) = %q, want %q", text, got, want)
		}
	}
}

func TestOneLineJoinsLinesAndDropsHiddenControls(t *testing.T) {
	for name, want := range map[string]string{
		"Smith,\r\n  John":       "Smith, John",
		"Ana\tSilva":             "Ana Silva",
		"\nAna Silva\n":          "Ana Silva",
		"Ana\u0085Silva":         "Ana Silva",
		"Ana \u0092Silva\u202e":  "Ana Silva",
		"\u2066José\u2069 Gómez": "José Gómez",
		"Zoë O'Brien  ☕":         "Zoë O'Brien  ☕",
		"مريم \u200fأحمد":        "مريم \u200fأحمد",
		"caf\xc3(\nB":            "caf\xc3( B",
	} {
		if got := oneLine(name); got != want {
			t.Errorf("oneLine(%q) = %q, want %q", name, got, want)
		}
	}
}
