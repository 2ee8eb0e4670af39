// Links and e-mail addresses in a comment, found by linkify-it. linkify-it
// searches the whole text with several large regexes; a long comment with one
// address in it was scanned from end to end. Here it only sees the
// whitespace-separated segments that can hold a link, with the same result.
import { LinkifyIt } from "linkify-it";

// linkify-it knows the two-letter country domains and a few generic ones;
// spam and phishing favour cheap generic TLDs, so those are added.
const linkify = new LinkifyIt({ fuzzyLink: true, fuzzyEmail: true }).tlds(
  [
    "fun", "xyz", "top", "shop", "online", "site", "store", "club", "live", "app", "dev", "link", "click", "today", "life",
    "world", "news", "blog", "bet", "casino", "win", "vip", "tech", "cloud", "digital", "email", "fans", "porn", "sex",
    "adult", "tube", "video", "stream", "movie", "games", "icu", "buzz", "best", "page", "space", "website", "gg", "io",
    "me", "tv", "cc", "info", "biz", "nu", "se",
  ],
  true,
);

export interface LinkMatch {
  /** "mailto:" for e-mail addresses, "" for links without a scheme, else the scheme. */
  schema: string;
  /** Offsets in the text. */
  index: number;
  lastIndex: number;
  /** Normalised URL (`http://` added to fuzzy links, `mailto:` to addresses). */
  url: string;
}

/** Below this length the whole text goes to linkify-it at once (segmenting would cost more than it saves). */
const SEGMENT_FROM = 200;

const isSpace = (c: number): boolean => c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09;

/** linkify-it over the whole text (the reference the segmented search must equal). */
export function linkifyAll(text: string): LinkMatch[] {
  return (linkify.match(text) ?? []).map((m) => ({ schema: m.schema, index: m.index, lastIndex: m.lastIndex, url: m.url }));
}

/**
 * What `linkifyAll` returns, found one segment at a time: a segment is a run
 * without space, tab or line break, and only segments with "@", ":", "/" or a
 * "." before their last character are searched (every link, address and
 * scheme has one). This gives the same matches because no link contains
 * such whitespace, and linkify-it accepts whitespace before a link exactly
 * as it accepts the start of the text (links.test.ts compares the two on
 * random texts).
 */
export function findLinks(text: string): LinkMatch[] {
  if (text.length < SEGMENT_FROM) return linkifyAll(text);
  const out: LinkMatch[] = [];
  const n = text.length;
  let i = 0;
  while (i < n) {
    while (i < n && isSpace(text.charCodeAt(i))) i++;
    let j = i;
    let candidate = false;
    for (; j < n; j++) {
      const c = text.charCodeAt(j);
      if (isSpace(c)) break;
      if (c === 0x40 || c === 0x3a || c === 0x2f || (c === 0x2e && j + 1 < n && !isSpace(text.charCodeAt(j + 1)))) candidate = true;
    }
    if (candidate) {
      for (const m of linkifyAll(text.slice(i, j))) out.push({ ...m, index: m.index + i, lastIndex: m.lastIndex + i });
    }
    i = j;
  }
  return out;
}
