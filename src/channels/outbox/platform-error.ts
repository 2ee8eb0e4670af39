// What went wrong on a platform, classified for the outbox: retry later, wait
// as the platform asks, or stop and tell a person — in plain Swedish.

export type PlatformErrorKind =
  | "rate_limited" // 429 / Meta codes 4, 17, 32, 613: wait as told, not counted as a failure
  | "unavailable" // 5xx: retry with backoff; the outcome of the call is unknown
  | "network" // no answer: as unavailable
  | "auth_expired" // 401 / Meta code 190: a person must renew the credentials
  | "permission" // 403: the account may not do this
  | "not_found" // the item is gone on the platform
  | "not_supported" // the platform's API has no such action
  | "quota_exceeded" // YouTube daily quota spent
  | "invalid"; // any other refusal

export class PlatformError extends Error {
  readonly kind: PlatformErrorKind;
  readonly httpStatus: number | null;
  readonly platformCode: string | null;
  readonly retryAfterMs: number | null;
  readonly platformMessage: string | null;

  constructor(kind: PlatformErrorKind, o: { httpStatus?: number | null; platformCode?: string | number | null; retryAfterMs?: number | null; message?: string | null } = {}) {
    super(`${kind}${o.httpStatus ? ` (HTTP ${o.httpStatus})` : ""}${o.message ? `: ${o.message}` : ""}`);
    this.name = "PlatformError";
    this.kind = kind;
    this.httpStatus = o.httpStatus ?? null;
    this.platformCode = o.platformCode === undefined || o.platformCode === null ? null : String(o.platformCode);
    this.retryAfterMs = o.retryAfterMs ?? null;
    this.platformMessage = o.message ?? null;
  }
}

/** Kinds after which the last call may or may not have taken effect: reconcile before repeating it. */
export const UNCERTAIN_KINDS: ReadonlySet<string> = new Set(["unavailable", "network", "lease_expired"]);

/** Kinds a retry cannot fix: the job becomes a dead letter for a person to look at. */
export const PERMANENT_KINDS: ReadonlySet<PlatformErrorKind> = new Set(["auth_expired", "permission", "not_supported", "invalid"]);

/** Retry-After: seconds or an HTTP date; null when absent or unreadable. */
export function parseRetryAfter(v: string | null | undefined, now = Date.now()): number | null {
  if (!v) return null;
  if (/^\d+$/.test(v.trim())) return Number(v.trim()) * 1000;
  const t = Date.parse(v);
  return Number.isNaN(t) ? null : Math.max(0, t - now);
}

const PLATFORM_NAMES: Record<string, string> = {
  facebook: "Facebook", instagram: "Instagram", youtube: "YouTube", linkedin: "LinkedIn", mastodon: "Mastodon",
};
const ACTION_SV: Record<string, string> = { hide: "dölja", unhide: "visa", delete: "ta bort", reply: "svara", ban: "blockera" };

/** The dead-letter text a moderator reads, Swedish and English. */
export function explainPlatformError(kind: string, ctx: { platform: string; action: string; message?: string | null }): { sv: string; en: string } {
  const p = PLATFORM_NAMES[ctx.platform] ?? ctx.platform;
  const a = ACTION_SV[ctx.action] ?? ctx.action;
  switch (kind) {
    case "auth_expired":
      return {
        sv: `${p} godtar inte längre kanalens åtkomsttoken (den har gått ut eller dragits tillbaka). Förnya kanalens inloggningsuppgifter och välj sedan Försök igen.`,
        en: `${p} no longer accepts the channel's access token (expired or revoked). Renew the channel's credentials, then choose Retry.`,
      };
    case "permission":
      return {
        sv: `Kontot som Växel använder har inte behörighet att ${a} på ${p}. Kontrollera kontots roll på sidan.`,
        en: `The account Växel uses may not ${ctx.action} on ${p}. Check the account's role on the page.`,
      };
    case "not_supported":
      return {
        sv: `${p} låter inte Växel ${a} via sitt gränssnitt för program. Gör det för hand direkt på ${p}.`,
        en: `${p}'s API does not allow Växel to ${ctx.action}. Do it by hand on ${p}.`,
      };
    case "not_found":
      return { sv: `Inlägget finns inte längre på ${p}.`, en: `The item no longer exists on ${p}.` };
    case "quota_exceeded":
      return {
        sv: `Kanalens dagliga kvot hos ${p} är slut. Växel försöker igen när kvoten fylls på.`,
        en: `The channel's daily ${p} quota is spent. Växel retries when it is refilled.`,
      };
    case "rate_limited":
      return { sv: `${p} ber Växel vänta innan nästa anrop. Växel försöker igen automatiskt.`, en: `${p} asks Växel to wait. Växel retries automatically.` };
    case "unavailable":
    case "network":
    case "lease_expired":
      return {
        sv: `${p} svarade inte som väntat (serverfel eller inget svar). Växel försökte flera gånger utan att lyckas.`,
        en: `${p} did not answer as expected (server error or no answer). Växel tried several times without success.`,
      };
    default:
      return {
        sv: `${p} avvisade åtgärden${ctx.message ? `: ”${ctx.message}”` : "."}`,
        en: `${p} refused the action${ctx.message ? `: "${ctx.message}"` : "."}`,
      };
  }
}
