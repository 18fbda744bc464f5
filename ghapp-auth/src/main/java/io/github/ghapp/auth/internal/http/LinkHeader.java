package io.github.ghapp.auth.internal.http;

import java.net.http.HttpHeaders;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads the {@code rel="next"} URL of a {@code Link} header (RFC 8288), as GitHub paginates. */
public final class LinkHeader {
  private static final Pattern LINK = Pattern.compile("<([^>]*)>\\s*((?:;\\s*[^;,]+)*)");
  private static final Pattern NEXT = Pattern.compile(";\\s*rel\\s*=\\s*\"?([^\";]*)\"?");

  private LinkHeader() {}

  /** The next page's URL, or null on the last page. */
  public static String next(HttpHeaders headers) {
    for (String value : headers.allValues("link")) {
      Matcher m = LINK.matcher(value);
      while (m.find()) {
        Matcher rel = NEXT.matcher(m.group(2));
        while (rel.find()) {
          for (String r : rel.group(1).trim().split("\\s+")) {
            if (r.equals("next")) {
              return m.group(1);
            }
          }
        }
      }
    }
    return null;
  }
}
