package importing

import "testing"

func TestATripadvisorOwnerResponseIsTheHotelsReply(t *testing.T) {
	records, err := readString("tripadvisor", `{"data": [
		{"id": "9001", "lang": "en", "location_id": "2222", "published_date": "2025-08-10T10:15:00Z", "rating": 2,
		 "title": "Dirty room", "text": "Hair in the shower.", "user": {"username": "Mei"},
		 "owner_response": {"id": "11", "title": "Owner response", "text": "We are sorry, Mei.", "lang": "en", "author": "GM",
		  "published_date": "2025-08-12T09:00:00Z"}},
		{"id": "9002", "lang": "en", "location_id": "2222", "published_date": "2025-08-11T10:15:00Z", "rating": 5, "text": "Great staff."}
	]}`, Options{})
	if err != nil || len(records) != 2 || records[0].PublicResponse != "We are sorry, Mei." || records[1].PublicResponse != "" {
		t.Errorf("%v %+v", err, records)
	}
}
