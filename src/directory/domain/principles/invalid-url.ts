// Rule `invalid-url`: web, chat and social links and external actors' websites must be
// absolute https (or http) URLs to a public host: no javascript:, data:, credentials or IPs.
import { toAsciiHostname } from "../hostnames.ts";
import { screenText } from "./text.ts";
import { violation, type Violation } from "./violation.ts";

const RULE = "invalid-url";

export function parseWebUrl(value: string): URL | null {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return null;
  }
  if (url.protocol !== "https:" && url.protocol !== "http:") return null;
  if (url.username !== "" || url.password !== "") return null;
  if (!toAsciiHostname(url.hostname)) return null;
  return url;
}

export function checkUrl(value: unknown, path = "url", required = true): Violation[] {
  const screened = screenText(value, { ruleId: RULE, path, maxLength: 2000, required, what_sv: "webbadressen", what_en: "the web address" });
  if (!screened.ok) return [screened.violation];
  if (screened.value === undefined) return [];
  if (!parseWebUrl(screened.value)) {
    return [violation(RULE, path,
      "Webbadressen är inte giltig. Ange en fullständig adress som börjar med https://.",
      "The web address is not valid. Give a full address starting with https://.")];
  }
  return [];
}
