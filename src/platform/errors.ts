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
