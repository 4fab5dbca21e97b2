package importing

import (
	"encoding/json"
	"html"
	"io"
	"time"

	"google.golang.org/protobuf/types/known/timestamppb"

	gv "github.com/guestvoice/guestvoice/clients/go/guestvoicev1"
)

func init() {
	register(Format{
		Name:        "twitter",
		Description: "X/Twitter API v2 search results (data[] with includes.users for handles); --hotel names the hotel",
		Kind:        KindFeedback,
		Read:        readTwitterSearch,
	})
}

type twitterSearch struct {
	Data     []json.RawMessage `json:"data"` // twitterPost each
	Includes struct {
		Users []struct {
			ID       string `json:"id"`
			Username string `json:"username"`
			Name     string `json:"name"`
		} `json:"users"`
	} `json:"includes"`
}

// twitterSearchKeys are the response's fields, the array first (a search
// that found nothing has meta only).
var twitterSearchKeys = []string{"data", "includes", "meta"}

type twitterPost struct {
	ID        string `json:"id"`
	Text      string `json:"text"`
	AuthorID  string `json:"author_id"`
	CreatedAt string `json:"created_at"`
	Lang      string `json:"lang"`
	// A post longer than 280 characters: text holds its first 280 and
	// note_tweet.text all of it (tweet.fields=note_tweet).
	NoteTweet *struct {
		Text string `json:"text"`
	} `json:"note_tweet"`
	ReferencedTweets []struct {
		Type string `json:"type"` // retweeted, quoted, replied_to
	} `json:"referenced_tweets"`
	// The ids of every version of the post, the original first: an edit
	// of a post is a new post with its own id and created_at.
	EditHistoryTweetIDs []string `json:"edit_history_tweet_ids"`
}

// originalID is the id of the post this one is a version of: its own for
// a post never edited.
func (p twitterPost) originalID() string {
	if len(p.EditHistoryTweetIDs) > 0 && p.EditHistoryTweetIDs[0] != "" {
		return p.EditHistoryTweetIDs[0]
	}
	return p.ID
}

// words is the post's whole text as its author wrote it: X escapes &, <
// and > in the API's text as HTML entities.
func (p twitterPost) words() string {
	text := p.Text
	if p.NoteTweet != nil && p.NoteTweet.Text != "" {
		text = p.NoteTweet.Text
	}
	return html.UnescapeString(text)
}

// isRetweet is a repost of another post without words of its own (a quote
// post has its own, and is kept).
func (p twitterPost) isRetweet() bool {
	for _, referenced := range p.ReferencedTweets {
		if referenced.Type == "retweeted" {
			return true
		}
	}
	return false
}

func readTwitterSearch(r io.Reader, _ Options, yield func(Record) bool) error {
	var document twitterSearch
	var keys map[string]json.RawMessage
	if err := readDocument(r, &document, &keys); err != nil {
		return err
	}
	const what = "an X/Twitter API v2 search response (--format twitter)"
	if err := checkShape(keys, twitterSearchKeys, what); err != nil {
		return err
	}
	if err := checkElements("data", document.Data, twitterPostShape, tripadvisorReviewShape, what); err != nil {
		return err
	}
	type user struct{ handle, name string }
	users := map[string]user{}
	for _, u := range document.Includes.Users {
		users[u.ID] = user{u.Username, u.Name}
	}
	for i, raw := range document.Data {
		number := i + 1
		var tweet twitterPost
		if err := decodeElement(raw, &tweet); err != nil {
			if !yield(problemf(number, "data[%d]: %v", i, err)) {
				return nil
			}
			continue
		}
		if tweet.isRetweet() {
			if !yield(Record{Line: number, Skipped: SkipRetweet}) {
				return nil
			}
			continue
		}
		created, err := time.Parse(time.RFC3339Nano, tweet.CreatedAt)
		if err != nil {
			if !yield(problemf(number, "data[%d].created_at %q is not an RFC 3339 time (ask for tweet.fields=created_at)", i, tweet.CreatedAt)) {
				return nil
			}
			continue
		}
		author, known := users[tweet.AuthorID]
		if !known {
			if !yield(problemf(number, "data[%d]: author %q is not in includes.users (ask for expansions=author_id)", i, tweet.AuthorID)) {
				return nil
			}
			continue
		}
		feedback := &gv.Feedback{
			Source:       gv.Source_SOURCE_TWITTER,
			ExternalId:   tweet.originalID(),
			Author:       &gv.Author{Handle: author.handle, DisplayName: author.name},
			Text:         tweet.words(),
			LanguageCode: languageTag(tweet.Lang),
			PostTime:     timestamppb.New(created),
		}
		// An edited post is the same post saying something else: stored
		// under its original's id, it edits what that said (or, read
		// before it, keeps the original from counting a second time). Its
		// own created_at is all a version tells of when the post was made.
		if tweet.originalID() != tweet.ID {
			feedback.EditTime = timestamppb.New(created)
		}
		if !yield(Record{Line: number, Feedback: feedback}) {
			return nil
		}
	}
	return nil
}
