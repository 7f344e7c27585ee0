/**
 * Dev check on AnnoMI conversations: every risk finding that is not "not_assessed" (with its
 * evidence), and every rating on a 0–10 ruler. Usage: npx tsx scripts/dev-annomi-risk.ts
 * [--ratings] [--show-text]. Evidence is shown as utterance ids; --show-text adds the words (public
 * AnnoMI demonstrations only: never point developer scripts at real client data).
 */
import { annomiTranscripts } from '../eval/annomi-transcripts.js';
import { buildContext } from '../src/core/analysis/context.js';
import { assessRisk } from '../src/core/analysis/risk.js';
import { extractIndicators } from '../src/core/analysis/indicators.js';
import { parseTranscript } from '../src/core/transcript/parse.js';

const showRatings = process.argv.includes('--ratings');
const showText = process.argv.includes('--show-text');
const counts: Record<string, number> = {};
for (const t of annomiTranscripts()) {
  const ctx = buildContext(parseTranscript(t.text));
  for (const r of assessRisk(ctx)) {
    if (r.status === 'not_assessed') continue;
    const key = `${r.kind}:${r.status}`;
    counts[key] = (counts[key] ?? 0) + 1;
    const where = r.evidence.map((e) => (showText ? e.quote : e.utteranceIds.join('+')));
    console.log(`${t.id} [${t.topic}] ${key} ${JSON.stringify(where)}`);
  }
  if (showRatings)
    for (const ind of extractIndicators(ctx)) {
      if (ind.kind !== 'rating') continue;
      const { evidence, ...rest } = ind;
      console.log(
        `${t.id} rating ${JSON.stringify(rest)} ${JSON.stringify(evidence.map((e) => e.quote))}`,
      );
    }
}
console.log(JSON.stringify(counts));
