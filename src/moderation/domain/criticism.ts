// RF 1:9: the city must not remove criticism of itself. This small classifier
// decides whether a comment *reads as* criticism of the city, its decisions or
// its officials in their role: a target (kommunen, nämnden, beslutet,
// politikerna, "ni" addressing the city …) together with a critical cue
// (skandal, slöseri, borde, inkompetent, "hur kan ni" …). It is deliberately
// generous: a false positive only costs a second moderator's confirmation,
// while a false negative could let lawful criticism be removed on a mere
// page-rule ground. It never decides anything alone; it only triggers the
// guard (written reason + second moderator).
//
// Matching is on lowercase words where å/ä/ö are letters (\p{L}), never folded.

const TARGET_STEMS = [
  "kommun", "stad", "staden", "stadens", "förvaltning", "nämnd", "styrelse", "kommunstyrelse", "fullmäktige", "kommunfullmäktige",
  "politiker", "kommunalråd", "ordförande", "tjänsteman", "tjänstemän", "handläggare", "beslut", "majoritet", "styre", "ledning",
  "chef", "förvaltningschef", "kommundirektör", "rektor", "socialtjänst", "myndighet", "budget", "skattepengar", "skatt", "nedläggning",
  "renovering", "detaljplan", "bygglov", "prioritering", "ni", "er", "era", "ert",
] as const;

const CUE_STEMS = [
  "skandal", "slöseri", "slösa", "inkompetent", "oduglig", "dålig", "sämst", "katastrof", "misslyck", "fiasko", "oacceptab", "skäm",
  "borde", "bör", "måste", "kräver", "protest", "kritik", "kritiser", "fel", "felaktig", "orimlig", "upprörd", "besviken", "arg",
  "ansvarslös", "lögn", "ljug", "ljuger", "korrupt", "maktmissbruk", "avgå", "avgång", "ta ansvar", "struntar", "bryr", "lyssnar inte",
  "svik", "förskräcklig", "urusel", "pinsam", "hån", "respektlös", "dumt", "idiotisk", "tramsig", "obegriplig", "vansinn",
] as const;

const QUESTION_CUES = [/\bhur kan ni\b/u, /\bvarför (har|har ni|ska|gör|får|låter)\b/u, /\bvem (har )?bestämt\b/u];

const WORD = /[\p{L}\p{N}]+/gu;

function words(text: string): string[] {
  return text.toLowerCase().match(WORD) ?? [];
}

function hasStem(ws: string[], joined: string, stems: readonly string[]): string | null {
  for (const s of stems) {
    if (s.includes(" ")) {
      if (joined.includes(` ${s}`)) return s;
      continue;
    }
    // Short pronoun targets must match whole words ("ni" is not in "nivå").
    if (s.length <= 3) {
      if (ws.includes(s)) return s;
      continue;
    }
    for (const w of ws) if (w.startsWith(s) || (s.length >= 5 && w.includes(s))) return s;
  }
  return null;
}

export interface CriticismReading {
  criticism: boolean;
  target: string | null;
  cue: string | null;
}

export function readCriticism(text: string): CriticismReading {
  const ws = words(text);
  const joined = ` ${ws.join(" ")}`;
  const target = hasStem(ws, joined, TARGET_STEMS);
  let cue = hasStem(ws, joined, CUE_STEMS);
  if (!cue) for (const q of QUESTION_CUES) if (q.test(joined.trim())) cue = q.source;
  return { criticism: target !== null && cue !== null, target, cue };
}
