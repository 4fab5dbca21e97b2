package importing

import "strings"

// plainText is text as the server takes it (no control character but tab,
// line feed and carriage return). A vertical tab or form feed, which exports
// carry over from the tools guests and staff wrote in (Word's line break
// within a paragraph, a page break), becomes a line break; any other
// control character is dropped. Text without them is returned as it is.
func plainText(text string) string {
	if strings.IndexFunc(text, refusedControl) < 0 {
		return text
	}
	var out strings.Builder
	out.Grow(len(text))
	for i := 0; i < len(text); i++ {
		switch c := text[i]; {
		case c == '\v' || c == '\f':
			out.WriteByte('\n')
		case !refusedControl(rune(c)):
			out.WriteByte(c)
		}
	}
	return out.String()
}

// refusedControl is whether the server refuses r in a text: an ASCII
// control character other than tab, line feed and carriage return.
func refusedControl(r rune) bool {
	return (r < 0x20 && r != '\t' && r != '\n' && r != '\r') || r == 0x7f
}
