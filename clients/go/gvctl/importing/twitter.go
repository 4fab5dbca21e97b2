package importing

import (
	"encoding/json"
	"fmt"
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

// twitterUser is an author of a page's posts, from its includes.users.
type twitterUser struct{ handle, name string }

// users are the authors a page includes, by id.
func (d twitterSearch) users() map[string]twitterUser {
	users := map[string]twitterUser{}
	for _, u := range d.Includes.Users {
		users[u.ID] = twitterUser{u.Username, u.Name}
	}
	return users
}

// readTwitterSearch reads one search response, or several one after
// another (twarc2 writes each page it fetches as a line): each page's posts
// are read with that page's includes. Records are numbered across the file.
func readTwitterSearch(r io.Reader, _ Options, yield func(Record) bool) error {
	pages, err := readPages(r)
	if err != nil {
		return err
	}
	number := 0
	for _, page := range pages {
		var document twitterSearch
		if err := onPageAt(readTwitterPage(page.data, &document), page.line); err != nil {
			return err
		}
		// Where a file holds several pages, its places name the page's line.
		where := ""
		if len(pages) > 1 {
			where = fmt.Sprintf("line %d: ", page.line)
		}
		users := document.users()
		for i, raw := range document.Data {
			number++
			if !yield(readTwitterPost(number, fmt.Sprintf("%sdata[%d]", where, i), raw, users)) {
				return nil
			}
		}
	}
	return nil
}

// readTwitterPage decodes one search response and checks it is one.
func readTwitterPage(data json.RawMessage, document *twitterSearch) error {
	var keys map[string]json.RawMessage
	if err := decodeDocument(data, document, &keys); err != nil {
		return err
	}
	const what = "an X/Twitter API v2 search response (--format twitter)"
	if err := checkShape(keys, twitterSearchKeys, what); err != nil {
		return err
	}
	return checkElements("data", document.Data, twitterPostShape, tripadvisorReviewShape, what)
}

// readTwitterPost is the record of the number-th post of the file, at
// place (data[3]) in its page.
func readTwitterPost(number int, place string, raw json.RawMessage, users map[string]twitterUser) Record {
	var tweet twitterPost
	if err := decodeElement(raw, &tweet); err != nil {
		return problemf(number, "%s: %v", place, err)
	}
	if tweet.isRetweet() {
		return Record{Line: number, Skipped: SkipRetweet}
	}
	created, err := time.Parse(time.RFC3339Nano, tweet.CreatedAt)
	if err != nil {
		return problemf(number, "%s.created_at %q is not an RFC 3339 time (ask for tweet.fields=created_at)", place, tweet.CreatedAt)
	}
	author, known := users[tweet.AuthorID]
	if !known {
		return problemf(number, "%s: author %q is not in includes.users (ask for expansions=author_id)", place, tweet.AuthorID)
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
	return Record{Line: number, Feedback: feedback}
}
