package io.guestvoice.client;

import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.function.Function;

/** Iterates over every item of a List method (AIP-158), fetching pages lazily. */
public final class Pages {
  private Pages() {}

  /**
   * For example:
   * <pre>{@code
   * for (Hotel hotel : Pages.all(
   *     token -> client.hotels.listHotels(
   *         ListHotelsRequest.newBuilder().setParent(parent).setPageToken(token).build()),
   *     ListHotelsResponse::getHotelsList, ListHotelsResponse::getNextPageToken)) { ... }
   * }</pre>
   */
  public static <Resp, T> Iterable<T> all(
      Function<String, Resp> listPage, Function<Resp, List<T>> items, Function<Resp, String> nextPageToken) {
    return () -> new Iterator<T>() {
      private Iterator<T> page = List.<T>of().iterator();
      private String token = "";
      private boolean last = false;

      @Override
      public boolean hasNext() {
        while (!page.hasNext() && !last) {
          Resp response = listPage.apply(token);
          page = items.apply(response).iterator();
          token = nextPageToken.apply(response);
          last = token.isEmpty();
        }
        return page.hasNext();
      }

      @Override
      public T next() {
        if (!hasNext()) {
          throw new NoSuchElementException();
        }
        return page.next();
      }
    };
  }
}
