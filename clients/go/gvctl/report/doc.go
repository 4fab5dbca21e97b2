// Package report writes the HTML report of `gvctl report`: Gather asks the
// insight APIs (GetHotelSummary or CompareHotels for the headline figures
// and their deltas, GetSentimentTrend, ListTopIssues, CompareHotels for the
// ranking, GetLoyaltyInsights, ListAttentionItems) and Render writes one
// self-contained page with inline SVG charts laid out in Go.
//
// The page has no script and a content security policy that forbids every
// fetch, so it shows the same offline, archived or mailed; every text in
// it, guests' quotes included, goes through html/template's escaping.
package report
