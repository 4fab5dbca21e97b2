package importing

import (
	"strings"
	"unicode/utf8"

	"golang.org/x/text/encoding/charmap"
)

// plainText is text as the server takes it (no control character but tab,
// line feed and carriage return). A vertical tab or form feed, which exports
// carry over from the tools guests and staff wrote in (Word's line break
// within a paragraph, a page break), becomes a line break. A C1 control is
// what text holds where Windows-1252 was read as Latin-1 before the export:
// it becomes the character Windows-1252 gives its byte (0x92 is ’, 0x85 …,
// 0x80 €), or is dropped where that gives none. Any other control character
// is dropped. Text without them is returned as it is.
func plainText(text string) string {
	if strings.IndexFunc(text, refusedControl) < 0 {
		return text
	}
	var out strings.Builder
	out.Grow(len(text))
	for i := 0; i < len(text); {
		r, size := utf8.DecodeRuneInString(text[i:])
		// Bytes that are not UTF-8 pass as they are: the server names them.
		char := text[i : i+size]
		i += size
		switch {
		case r == '\v' || r == '\f':
			out.WriteByte('\n')
		case isC1Control(r):
			if meant := charmap.Windows1252.DecodeByte(byte(r)); meant != utf8.RuneError {
				out.WriteRune(meant)
			}
		case !refusedControl(r):
			out.WriteString(char)
		}
	}
	return out.String()
}

// refusedControl is whether the server refuses r in a text: a control
// character other than tab, line feed and carriage return.
func refusedControl(r rune) bool {
	return (r < 0x20 && r != '\t' && r != '\n' && r != '\r') || r == 0x7f || isC1Control(r)
}

func isC1Control(r rune) bool {
	return r >= 0x80 && r <= 0x9f
}

// oneLine is a name as the server takes it (on one line: CheckOneLine in
// service/core/field_checks.h). A PMS export may wrap a name over lines or
// carry a tab or a mis-decoded C1 control in it: each run of tabs and line
// breaks, with the spaces around it, becomes one space (none at either end),
// and control characters and bidirectional embeddings, overrides and
// isolates are dropped. A name without them is returned as it is.
func oneLine(name string) string {
	if strings.IndexFunc(name, func(r rune) bool { return breaksLine(r) || hiddenControl(r) }) < 0 {
		return name
	}
	out := make([]byte, 0, len(name))
	afterBreak := false
	for i := 0; i < len(name); {
		r, size := utf8.DecodeRuneInString(name[i:])
		// Bytes that are not UTF-8 pass as they are: the server names them.
		char := name[i : i+size]
		i += size
		switch {
		case breaksLine(r):
			for len(out) > 0 && out[len(out)-1] == ' ' {
				out = out[:len(out)-1]
			}
			afterBreak = true
		case hiddenControl(r):
		case afterBreak && r == ' ':
		default:
			if afterBreak && len(out) > 0 {
				out = append(out, ' ')
			}
			afterBreak = false
			out = append(out, char...)
		}
	}
	return string(out)
}

// breaksLine is whether r is a tab or a line break (line feed, vertical tab,
// form feed, carriage return, NEL, line and paragraph separators).
func breaksLine(r rune) bool {
	return (r >= '\t' && r <= '\r') || r == 0x85 || r == 0x2028 || r == 0x2029
}

// hiddenControl is whether r is a control character no name shows: one the
// server refuses in any text, a C1 control, or a bidirectional embedding,
// override or isolate.
func hiddenControl(r rune) bool {
	return refusedControl(r) || (r >= 0x202a && r <= 0x202e) || (r >= 0x2066 && r <= 0x2069)
}
