package importing

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
)

// Checkpoint is how far an import got: the records before Done were all
// answered by the server and counted in Counts. It is rewritten (temp file,
// rename) after every batch, so it never holds a half-written state, and
// removed when the import finishes.
type Checkpoint struct {
	Format   string `json:"format"`
	FileSize int64  `json:"file_size"`
	// TimeZone is --time-zone ("" without it): the rest of a file is read
	// in the zone its first records were, or its items' times would not
	// agree (and stored ones never change).
	TimeZone string `json:"time_zone,omitempty"`
	Done     int    `json:"done"`
	Counts   Counts `json:"counts"`
	// Bookings is each booking reference's first row so far (a PMS file's;
	// Importer.bookings), so that a resumed import of a file listing a
	// booking twice takes its first row as an uninterrupted one does.
	Bookings map[string]string `json:"bookings,omitempty"`
}

// loadCheckpoint reads path; no file is a fresh start (nil).
func loadCheckpoint(path string) (*Checkpoint, error) {
	data, err := os.ReadFile(path)
	if os.IsNotExist(err) {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	var checkpoint Checkpoint
	if err := json.Unmarshal(data, &checkpoint); err != nil {
		return nil, fmt.Errorf("checkpoint %s is unreadable (%v): delete it to import from the start", path, err)
	}
	return &checkpoint, nil
}

func (c *Checkpoint) save(path string) error {
	data, err := json.Marshal(c)
	if err != nil {
		return err
	}
	return writeFileAtomically(path, data)
}

// writeFileAtomically writes data to a temporary file beside path and
// renames it over path: readers see the old file or the new one, whole.
func writeFileAtomically(path string, data []byte) error {
	temp, err := os.CreateTemp(filepath.Dir(path), "."+filepath.Base(path)+".*")
	if err != nil {
		return err
	}
	defer os.Remove(temp.Name())
	if _, err := temp.Write(data); err != nil {
		temp.Close()
		return err
	}
	if err := temp.Sync(); err != nil {
		temp.Close()
		return err
	}
	if err := temp.Close(); err != nil {
		return err
	}
	return os.Rename(temp.Name(), path)
}
