// createAnalyzer: runs the phases over one comment and turns their candidates
// into findings with legal basis and the action the page rules prescribe.
// Pure: no I/O (except the optional external classifier in analyzeAsync),
// deterministic, never throws, and bounded in memory (the spam history).
import type { Action, AnalysisResult, CategoryId, CommentInput, Finding, LegalBasis, OrgProfile } from "./types.ts";
import { ACTION_RANK, CATEGORY_IDS } from "./types.ts";
import type { PageRules } from "./rules.ts";
import { resolvePageRules } from "./rules.ts";
import type { Candidate } from "./context.ts";
import { AnalysisContext, GateState } from "./context.ts";
import { buildLexicon } from "./lexicons/index.ts";
import { buildOrgIdentity } from "./org.ts";
import { SpamHistory } from "./spam-history.ts";
import { TextCache } from "./text-cache.ts";
import { PHASES } from "./phases.ts";
import type { Phase } from "./phases.ts";
import { classifyExternally } from "./detectors/external-classifier.ts";
import { crossCommentSpam, spamFingerprint, spamPhase } from "./detectors/spam.ts";
import type { SpamFingerprint } from "./detectors/spam.ts";

/** Legal basis per category (DOMAIN.md); a detector may override it per finding. */
export const DEFAULT_LEGAL_BASIS: Readonly<Record<CategoryId, LegalBasis>> = Object.freeze({
  personal_data: "page-rule",
  threat: "bbs-5",
  insult: "page-rule",
  hate: "bbs-5",
  sexism_harassment: "page-rule",
  violence_porn: "bbs-5",
  crime_incitement: "bbs-5",
  copyright: "page-rule",
  profanity: "page-rule",
  commercial: "page-rule",
  party_political: "page-rule",
  spam: "page-rule",
  misleading: "page-rule",
});

const MAX_PER_CATEGORY = 50;
const CACHE_MAX_TEXT = 2000;
const CACHE_MAX_ENTRIES = 20_000;

/**
 * The part of an analysis that depends only on the text: the findings of all
 * phases and the spam fingerprint. `null` when the analysis failed (the
 * comment then gets an empty result and leaves no trace in the spam history).
 * Plain data, so the CLI can compute it in worker threads and finish the
 * comments in input order in the main thread.
 */
export interface TextAnalysis {
  findings: Finding[];
  fingerprint: SpamFingerprint | null;
}
const MAX_EVIDENCE = 200;
const CATEGORY_ORDER = new Map(CATEGORY_IDS.map((c, i) => [c, i]));

export interface Analyzer {
  /** Synchronous analysis with cross-comment spam memory. Never throws. */
  analyze(input: CommentInput): AnalysisResult;
  /** `analyze` plus the optional external classifier (page rules `externalClassifier`). Never rejects. */
  analyzeAsync(input: CommentInput): Promise<AnalysisResult>;
  /** The resolved page rules in force. */
  readonly rules: PageRules;
}

type PhaseInfo = Pick<Phase, "id" | "version" | "category">;

function makeToFinding(rules: PageRules) {
  return function toFinding(phase: PhaseInfo, c: Candidate, text: string): Finding | null {
    const rule = rules.categories[phase.category];
    const confidence = Number.isFinite(c.confidence) ? Math.max(0, Math.min(1, Math.round(c.confidence * 1000) / 1000)) : 0;
    if (confidence < rule.threshold || confidence === 0) return null;
    const start = Math.max(0, Math.min(text.length, Math.floor(c.start)));
    const end = Math.max(0, Math.min(text.length, Math.floor(c.end)));
    if (!(start < end)) return null;
    return {
      category: phase.category,
      ruleId: c.ruleId,
      legalBasis: c.legalBasis ?? DEFAULT_LEGAL_BASIS[phase.category],
      start,
      end,
      evidence: text.slice(start, Math.min(end, start + MAX_EVIDENCE)),
      confidence,
      detector: phase.id,
      detectorVersion: phase.version,
      action: rule.action,
    };
  };
}

/** The comment's text as analysed: a missing or non-string text is the empty text. */
export function textOf(input: CommentInput): string {
  return typeof input?.text === "string" ? input.text : "";
}

/**
 * The text-only half of the analyzer: every phase over the text, cached for
 * identical texts. Pure: the same text always gives the same result, so it
 * may run anywhere (another thread) and in any order.
 */
export function createTextAnalyzer(opts: { org?: OrgProfile; rules?: Partial<PageRules> } = {}): (input: CommentInput) => TextAnalysis | null {
  const rules = resolvePageRules(opts.rules ?? {});
  const lex = buildLexicon({ rules, ...(opts.org ? { org: opts.org } : {}) });
  const org = buildOrgIdentity(opts.org);
  // Phases never read the history (only crossCommentSpam does); the context still carries one.
  const history = new SpamHistory(1);
  const gates = new GateState(lex.gateCount, lex.matcher.gateSlots);
  const phases = PHASES.filter((p) => rules.categories[p.category].enabled);
  const spamOn = rules.categories.spam.enabled;
  const staticCache = new TextCache<TextAnalysis>(CACHE_MAX_ENTRIES);
  const toFinding = makeToFinding(rules);

  function analyzeStatic(input: CommentInput, text: string): TextAnalysis {
    const ctx = new AnalysisContext({ input, lex, rules, org, ...(opts.org ? { orgProfile: opts.org } : {}), history, gates });
    const findings: Finding[] = [];
    for (const phase of phases) {
      let candidates: Candidate[];
      try {
        candidates = phase.run(ctx);
      } catch {
        // A failing phase must not stop moderation of the comment; the other
        // phases still decide. (Property tests keep this path unused.)
        continue;
      }
      let kept = 0;
      for (const c of candidates) {
        const f = toFinding(phase, c, text);
        if (!f) continue;
        findings.push(f);
        if (++kept >= MAX_PER_CATEGORY) break;
      }
    }
    return { findings, fingerprint: spamOn ? spamFingerprint(ctx) : null };
  }

  return (input) => {
    try {
      const text = textOf(input);
      // Identical texts recur (greetings, copied spam): the text-only part is
      // cached. It is a pure function of the text, so results do not depend
      // on what is in the cache.
      // Clearing the whole cache when it was full threw away the texts that
      // recur most; CLOCK eviction (text-cache.ts) keeps them: on the
      // benchmark corpus the hit rate rises from 34 % to 41 % at the same size.
      const cacheable = text.length <= CACHE_MAX_TEXT;
      let st = cacheable ? staticCache.get(text) : undefined;
      if (st) return st;
      st = analyzeStatic({ ...input, text }, text);
      if (cacheable) staticCache.add(text, st);
      return st;
    } catch {
      return null;
    }
  };
}

/** The result of a comment whose analysis failed: nothing found (analyze never throws). */
export function emptyResult(): AnalysisResult {
  return { labels: [], action: "none", findings: [] };
}

/** The result from the text-only findings plus the cross-comment spam finding, if any. */
export function resultOf(st: TextAnalysis, spam: Finding | null): AnalysisResult {
  // Most comments: nothing found (what summarize(dedupe([])) returns, without the work).
  if (st.findings.length === 0 && !spam) return emptyResult();
  // A copy: dedupe merges in place, and `st` may be cached.
  const findings = st.findings.map((f) => ({ ...f }));
  if (spam) findings.push(spam);
  return summarize(dedupe(findings));
}

export interface Finisher {
  /** The whole order-dependent step for one comment. Never throws. */
  finish(input: CommentInput, st: TextAnalysis | null): AnalysisResult;
  /** The cross-comment spam check alone (updates the history): a candidate, or null. */
  spamCandidate(meta: Pick<CommentInput, "author" | "at">, textLength: number, fp: SpamFingerprint): Candidate | null;
  /** The candidate as a finding under the page rules (null below the threshold). */
  spamFinding(c: Candidate, text: string): Finding | null;
}

/**
 * The order-dependent half: the cross-comment spam check against the history
 * (which it updates), then dedupe, labels and the overall action. Comments
 * must be finished in their order of arrival. Needs no lexicon.
 */
export function createFinisher(rules: PageRules): Finisher {
  const history = new SpamHistory(rules.spam.maxHistory);
  const toFinding = makeToFinding(rules);
  const spamCandidate: Finisher["spamCandidate"] = (meta, textLength, fp) => crossCommentSpam(fp, meta, history, rules.spam, textLength);
  const spamFinding: Finisher["spamFinding"] = (c, text) => toFinding(spamPhase, c, text);
  return {
    finish(input, st) {
      if (!st) return emptyResult();
      try {
        const text = textOf(input);
        const c = st.fingerprint ? spamCandidate(input, text.length, st.fingerprint) : null;
        return resultOf(st, c && spamFinding(c, text));
      } catch {
        return emptyResult();
      }
    },
    spamCandidate,
    spamFinding,
  };
}

export function createAnalyzer(opts: { org?: OrgProfile; rules?: Partial<PageRules> } = {}): Analyzer {
  const rules = resolvePageRules(opts.rules ?? {});
  const analyzeText = createTextAnalyzer(opts);
  const { finish } = createFinisher(rules);
  const phases = PHASES.filter((p) => rules.categories[p.category].enabled);
  const toFinding = makeToFinding(rules);

  function analyze(input: CommentInput): AnalysisResult {
    return finish(input, analyzeText(input));
  }

  async function analyzeAsync(input: CommentInput): Promise<AnalysisResult> {
    const local = analyze(input);
    const ext = rules.externalClassifier;
    if (!ext) return local;
    try {
      const text = textOf(input);
      const remote = await classifyExternally(ext, { ...input, text }, local, phases.map((p) => p.category));
      if (!remote || remote.findings.length === 0) return local;
      const extra: Finding[] = [];
      for (const r of remote.findings) {
        if (!rules.categories[r.category].enabled) continue;
        const f = toFinding({ id: "external-classifier", version: remote.model, category: r.category }, r, text);
        if (f) extra.push(f);
      }
      return summarize(dedupe([...local.findings, ...extra]));
    } catch {
      return local;
    }
  }

  return { analyze, analyzeAsync, rules };
}

/** Same category and rule on overlapping spans: keep the most confident one. */
function dedupe(findings: Finding[]): Finding[] {
  findings.sort(
    (a, b) =>
      a.start - b.start ||
      CATEGORY_ORDER.get(a.category)! - CATEGORY_ORDER.get(b.category)! ||
      (a.ruleId < b.ruleId ? -1 : a.ruleId > b.ruleId ? 1 : 0) ||
      b.confidence - a.confidence ||
      a.end - b.end,
  );
  const out: Finding[] = [];
  for (const f of findings) {
    const dup = out.find((o) => o.category === f.category && o.ruleId === f.ruleId && f.start < o.end && o.start < f.end);
    if (dup) {
      if (f.confidence > dup.confidence) Object.assign(dup, f);
      continue;
    }
    out.push(f);
  }
  return out;
}

export function summarize(findings: Finding[]): AnalysisResult {
  const present = new Set(findings.map((f) => f.category));
  const labels = CATEGORY_IDS.filter((c) => present.has(c));
  let action: Action = "none";
  for (const f of findings) if (ACTION_RANK[f.action] > ACTION_RANK[action]) action = f.action;
  return { labels, action, findings };
}
