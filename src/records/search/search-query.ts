// Turns what a person types into a PostgreSQL tsquery, without ever building
// SQL from the input: the text goes in as parameters. Web-search syntax for
// words, "quoted phrases", OR and -exclusions (websearch_to_tsquery, Swedish
// stemming), plus prefixes written as `simh*` (to_tsquery with :*).

export interface ParsedQuery {
  /** Text for websearch_to_tsquery('swedish', …); empty when only prefixes were given. */
  web: string;
  /** Words (letters and digits only) to match as prefixes. */
  prefixes: string[];
}

const PREFIX_RE = /(^|\s)-?([\p{L}\p{N}]+)\*(?=\s|$)/gu;

export function parseSearchQuery(q: string): ParsedQuery {
  const prefixes: string[] = [];
  const web = q.replace(PREFIX_RE, (_m, lead: string, word: string) => {
    prefixes.push(word.toLowerCase());
    return lead;
  }).replace(/\s+/g, " ").trim();
  return { web, prefixes: prefixes.slice(0, 8) };
}

/**
 * SQL for the tsquery, with `$n` placeholders appended to `params`; null when
 * the query has no searchable words.
 */
export function tsquerySql(p: ParsedQuery, params: unknown[]): string | null {
  const parts: string[] = [];
  if (/[\p{L}\p{N}]/u.test(p.web)) {
    params.push(p.web);
    parts.push(`websearch_to_tsquery('swedish', $${params.length})`);
  }
  for (const w of p.prefixes) {
    params.push(`${w}:*`);
    parts.push(`to_tsquery('swedish', $${params.length})`);
  }
  return parts.length ? `(${parts.join(" && ")})` : null;
}
