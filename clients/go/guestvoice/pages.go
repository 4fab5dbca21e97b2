package guestvoice

import (
	"context"
	"iter"

	"google.golang.org/grpc"
)

// PageRequest is a List request (AIP-158): every guestvoice List request
// has a page_token.
type PageRequest interface {
	GetPageToken() string
}

// PageResponse is a List response.
type PageResponse interface {
	GetNextPageToken() string
}

// All yields every item of a List method across pages. withToken returns a
// copy of the request for a page token, items takes a page's items:
//
//	hotels := guestvoice.All(ctx, client.Hotels.ListHotels,
//		func(token string) *gv.ListHotelsRequest {
//			return &gv.ListHotelsRequest{Parent: parent, PageToken: token}
//		},
//		(*gv.ListHotelsResponse).GetHotels)
//	for hotel, err := range hotels { ... }
//
// Iteration stops after the first error, which is yielded with a zero item.
func All[Req PageRequest, Resp PageResponse, Item any](
	ctx context.Context,
	list func(context.Context, Req, ...grpc.CallOption) (Resp, error),
	withToken func(token string) Req,
	items func(Resp) []Item,
	opts ...grpc.CallOption,
) iter.Seq2[Item, error] {
	return func(yield func(Item, error) bool) {
		token := ""
		for {
			page, err := list(ctx, withToken(token), opts...)
			if err != nil {
				var zero Item
				yield(zero, err)
				return
			}
			for _, item := range items(page) {
				if !yield(item, nil) {
					return
				}
			}
			token = page.GetNextPageToken()
			if token == "" {
				return
			}
		}
	}
}
