package importing

import (
	"fmt"
	"os"
	"strings"

	"gopkg.in/yaml.v3"
)

// HotelMapping ties the places of a source (a Google location id, a
// Tripadvisor location id, a Foursquare venue id, a PMS property code) to
// guestvoice hotel ids. The file is YAML, one `source id: hotel id` a line.
type HotelMapping struct {
	Path     string
	Hotels   map[string]string
	Fallback string // --hotel: the hotel of records that name no place
}

// LoadHotelMapping reads path; an empty path is an empty mapping.
func LoadHotelMapping(path, fallback string) (*HotelMapping, error) {
	mapping := &HotelMapping{Path: path, Hotels: map[string]string{}, Fallback: fallback}
	if path == "" {
		return mapping, nil
	}
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("hotel mapping: %w", err)
	}
	if err := yaml.Unmarshal(data, &mapping.Hotels); err != nil {
		return nil, &FileError{Path: path, Err: fmt.Errorf("not a YAML map of source id: hotel id: %v", err)}
	}
	return mapping, nil
}

// Hotel is the hotel id for a record's venue, or an error saying what to
// add to the mapping.
func (m *HotelMapping) Hotel(venue string) (string, error) {
	if venue == "" {
		if m.Fallback == "" {
			return "", fmt.Errorf("the record names no place: give the hotel with --hotel")
		}
		return m.Fallback, nil
	}
	if hotel, ok := m.Hotels[venue]; ok {
		return hotel, nil
	}
	if m.Fallback != "" && len(m.Hotels) == 0 {
		return m.Fallback, nil
	}
	where := "a hotel mapping file (--hotels FILE)"
	if m.Path != "" {
		where = m.Path
	}
	return "", fmt.Errorf("place %q is not in the hotel mapping: add `%s: HOTEL_ID` to %s", venue, strings.ReplaceAll(venue, ":", "\\:"), where)
}
