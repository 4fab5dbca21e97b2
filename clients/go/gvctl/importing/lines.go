package importing

import (
	"bufio"
	"bytes"
	"fmt"
	"io"
	"unicode/utf8"
)

// MaxLineBytes is the longest line a line-based format reads: a longer one
// is reported as a problem of its own and skipped, never buffered whole.
const MaxLineBytes = 1 << 20

// line is one line of a text file, without its line break.
type line struct {
	number  int
	text    []byte
	problem error // too long or not UTF-8; text is then empty
}

// readLines calls yield for each line of r until yield returns false or r
// ends; a read error ends it with that error.
func readLines(r io.Reader, yield func(line) bool) error {
	reader := asUTF8(r)
	for number := 1; ; number++ {
		text, tooLong, err := readCappedLine(reader)
		if err == io.EOF && len(text) == 0 && !tooLong {
			return nil
		}
		if err != nil && err != io.EOF {
			return err
		}
		current := line{number: number, text: text}
		switch {
		case tooLong:
			current = line{number: number, problem: fmt.Errorf("line longer than %d bytes", MaxLineBytes)}
		case !utf8.Valid(text):
			current = line{number: number, problem: fmt.Errorf("not valid UTF-8 (save the file as UTF-8)")}
		}
		if !yield(current) || err == io.EOF {
			return nil
		}
	}
}

// readCappedLine reads to the next line break, keeping at most
// MaxLineBytes; tooLong says the rest was dropped.
func readCappedLine(reader *bufio.Reader) (text []byte, tooLong bool, err error) {
	for {
		chunk, err := reader.ReadSlice('\n')
		if !tooLong {
			if len(text)+len(chunk) > MaxLineBytes+2 {
				tooLong, text = true, nil
			} else {
				text = append(text, chunk...)
			}
		}
		if err == bufio.ErrBufferFull {
			continue
		}
		text = bytes.TrimRight(text, "\r\n")
		return text, tooLong, err
	}
}
