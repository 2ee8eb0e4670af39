// One error catalogue (STYLE 7): a stable code, its HTTP status and a public
// message in Swedish and English. `detail` is private context for logs only and
// is never sent to a client. The CLI prints the same codes.

export interface CatalogueEntry {
  status: number;
  sv: string;
  en: string;
}

export const ERROR_CATALOGUE = {
  bad_request: { status: 400, sv: "Felaktig begäran.", en: "Bad request." },
  validation_failed: { status: 400, sv: "Uppgifterna är inte giltiga.", en: "The input is not valid." },
  payload_too_large: { status: 413, sv: "Begäran är för stor.", en: "The request is too large." },
  unauthenticated: { status: 401, sv: "Du måste logga in.", en: "You must sign in." },
  invalid_credentials: {
    status: 401,
    sv: "Fel användarnamn eller lösenord.",
    en: "Wrong username or password.",
  },
  forbidden: { status: 403, sv: "Du har inte behörighet till detta.", en: "You are not allowed to do this." },
  csrf_invalid: {
    status: 403,
    sv: "Formuläret har gått ut. Ladda om sidan och försök igen.",
    en: "The form has expired. Reload the page and try again.",
  },
  not_found: { status: 404, sv: "Hittades inte.", en: "Not found." },
  conflict: { status: 409, sv: "Uppgiften finns redan eller har ändrats.", en: "Already exists or was changed." },
  principle_violation: {
    status: 422,
    sv: "Uppgifterna bryter mot principerna för kontaktuppgifter.",
    en: "The details break the principles for contact information.",
  },
  rate_limited: {
    status: 429,
    sv: "För många försök. Vänta en stund och försök igen.",
    en: "Too many attempts. Wait a while and try again.",
  },
  config_invalid: { status: 500, sv: "Ogiltig konfiguration.", en: "Invalid configuration." },
  migration_failed: { status: 500, sv: "Databasmigreringen misslyckades.", en: "The database migration failed." },
  database_unavailable: { status: 503, sv: "Databasen svarar inte.", en: "The database is not reachable." },
  audit_chain_broken: {
    status: 500,
    sv: "Granskningsloggens kedja är bruten.",
    en: "The audit trail's chain is broken.",
  },
  webhook_signature_invalid: {
    status: 401,
    sv: "Webhookens signatur stämmer inte.",
    en: "The webhook signature does not match.",
  },
  webhook_payload_invalid: {
    status: 400,
    sv: "Webhookens innehåll har fel format.",
    en: "The webhook payload has the wrong shape.",
  },
  webhook_verification_failed: {
    status: 403,
    sv: "Verifieringen av webhooken misslyckades.",
    en: "The webhook verification failed.",
  },
  moderation_rule_required: {
    status: 422,
    sv: "Ett beslut måste ange vilken sidregel det grundar sig på.",
    en: "A decision must name the page rule it is based on.",
  },
  moderation_basis_invalid: {
    status: 422,
    sv: "Regeln kan inte åberopas med den rättsliga grunden (5 § BBS-lagen gäller bara brott som lagen räknar upp).",
    en: "The rule cannot be cited on that legal basis (section 5 of the BBS Act covers only the crimes it lists).",
  },
  moderation_criticism_reason_required: {
    status: 422,
    sv: "Kommentaren kritiserar kommunen. Att dölja eller ta bort den enbart med stöd av sidreglerna kräver en skriftlig motivering och en andra moderators bekräftelse (RF 1:9).",
    en: "The comment criticises the municipality. Hiding or removing it on a page-rule ground alone needs a written reason and a second moderator's confirmation (RF 1:9).",
  },
  moderation_second_moderator_required: {
    status: 403,
    sv: "En annan moderator än den som fattade beslutet måste bekräfta det.",
    en: "A moderator other than the one who made the decision must confirm it.",
  },
  moderation_state_conflict: {
    status: 409,
    sv: "Beslutet passar inte objektets nuvarande läge. Ladda om och försök igen.",
    en: "The decision does not fit the item's current state. Reload and try again.",
  },
  moderation_ban_needs_warning: {
    status: 422,
    sv: "Personen har inte fått någon varning. En avstängning utan varning kräver en skriftlig motivering.",
    en: "The person has not been warned. A ban without a warning needs a written reason.",
  },
  appeal_closed: {
    status: 410,
    sv: "Tiden för att överklaga har gått ut.",
    en: "The time to appeal has passed.",
  },
  registration_series_unknown: {
    status: 422,
    sv: "Diarieserien finns inte. Lägg upp serien först.",
    en: "The diary series does not exist. Create the series first.",
  },
  registration_subject_sensitive: {
    status: 422,
    sv: "Ärendemeningen får inte innehålla känsliga uppgifter (till exempel personnummer). Skriv om den.",
    en: "The subject line must not contain sensitive data (for example a personnummer). Rewrite it.",
  },
  records_request_closed: {
    status: 409,
    sv: "Begäran är redan bekräftad och kan inte ändras.",
    en: "The request is already confirmed and cannot be changed.",
  },
  records_request_not_confirmed: {
    status: 409,
    sv: "Begäran måste bekräftas (sekretessprövas) innan den kan lämnas ut.",
    en: "The request must be confirmed (secrecy review) before it can be disclosed.",
  },
  port_in_use: {
    status: 500,
    sv: "Porten används redan av ett annat program. Välj en annan med PORT.",
    en: "The port is already in use by another program. Choose another with PORT.",
  },
  internal: { status: 500, sv: "Ett oväntat fel inträffade.", en: "An unexpected error occurred." },
} as const satisfies Record<string, CatalogueEntry>;

export type ErrorCode = keyof typeof ERROR_CATALOGUE;

export interface AppErrorOptions {
  /** Private context for the log; never shown to clients. */
  detail?: string;
  /** Public, non-sensitive structured context (e.g. which field, which rule). */
  public?: Record<string, unknown>;
  cause?: unknown;
}

export class AppError extends Error {
  readonly code: ErrorCode;
  readonly status: number;
  readonly publicContext: Record<string, unknown> | undefined;
  readonly detail: string | undefined;

  constructor(code: ErrorCode, opts: AppErrorOptions = {}) {
    super(opts.detail ? `${code}: ${opts.detail}` : code, { cause: opts.cause });
    this.name = "AppError";
    this.code = code;
    this.status = ERROR_CATALOGUE[code].status;
    this.publicContext = opts.public;
    this.detail = opts.detail;
  }
}

export interface ErrorBody {
  error: { code: string; message: string; message_sv: string; message_en: string; context?: Record<string, unknown> };
}

/** The public JSON body for an error; `lang` picks `message`. */
export function errorBody(code: ErrorCode, lang: "sv" | "en" = "sv", context?: Record<string, unknown>): ErrorBody {
  const e = ERROR_CATALOGUE[code];
  return {
    error: {
      code,
      message: lang === "en" ? e.en : e.sv,
      message_sv: e.sv,
      message_en: e.en,
      ...(context ? { context } : {}),
    },
  };
}

/** CLI rendering: `code: svenska / English (detail)` on stderr. */
export function formatCliError(err: unknown): string {
  if (err instanceof AppError) {
    const e = ERROR_CATALOGUE[err.code];
    const ctx = err.publicContext ? ` ${JSON.stringify(err.publicContext)}` : "";
    return `${err.code}: ${e.sv} / ${e.en}${ctx}`;
  }
  const msg = err instanceof Error ? err.message : String(err);
  return `internal: ${ERROR_CATALOGUE.internal.sv} / ${ERROR_CATALOGUE.internal.en} (${msg})`;
}
