import type { CallOptions } from "@connectrpc/connect";

/**
 * Yields every item of a List method (AIP-158) across pages:
 *
 *   for await (const hotel of pages(client.hotels.listHotels,
 *                                   { parent }, (page) => page.hotels)) { ... }
 */
export async function* pages<Req extends { pageToken?: string }, Resp extends { nextPageToken: string }, Item>(
  list: (request: Req, options?: CallOptions) => Promise<Resp>,
  request: Req,
  items: (page: Resp) => Item[],
  options?: CallOptions,
): AsyncGenerator<Item> {
  let pageToken = request.pageToken ?? "";
  for (;;) {
    const page = await list({ ...request, pageToken }, options);
    yield* items(page);
    pageToken = page.nextPageToken;
    if (!pageToken) return;
  }
}
