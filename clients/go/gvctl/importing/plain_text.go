package importing

// plainText is text as the server takes it (no control character but tab,
// line feed and carriage return). A vertical tab or form feed, which exports
// carry over from the tools guests and staff wrote in (Word's line break
// within a paragraph, a page break), becomes a line break; any other
// control character is dropped. Text without them is returned as it is.
func plainText(text string) string {
	for i := 0; i < len(text); i++ {
		if c := text[i]; (c < 0x20 && c != '\t' && c != '\n' && c != '\r') || c == 0x7f {
			return stripControls(text)
		}
	}
	return text
}

func stripControls(text string) string {
	out := make([]byte, 0, len(text))
	for i := 0; i < len(text); i++ {
		switch c := text[i]; {
		case c == '\v' || c == '\f':
			out = append(out, '\n')
		case (c < 0x20 && c != '\t' && c != '\n' && c != '\r') || c == 0x7f:
		default:
			out = append(out, c)
		}
	}
	return string(out)
}
