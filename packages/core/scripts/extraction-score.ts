// Scores extraction on the corpus of official paragraphs (data/extraction/corpus.json): for each
// set and style, how many of the values a person entered are read right, read wrong (or read where
// nothing was stated), or missed; each wrong or missed value is listed. The last line is JSON.
//   node scripts/extraction-score.ts [dev|held-back]
import { readFileSync } from 'node:fs';
import { scoreEntries, type CorpusEntry } from '../src/report/extract/score.ts';

const corpus = JSON.parse(readFileSync(new URL('../data/extraction/corpus.json', import.meta.url), 'utf8')) as CorpusEntry[];
const only = process.argv[2];
const entries = only ? corpus.filter((e) => e.set === only) : corpus;
if (entries.length === 0) {
  console.error(`no paragraphs in set "${only}" (sets: dev, held-back)`);
  process.exit(2);
}

const styles = [...new Set(entries.map((e) => e.style))];
for (const style of styles) {
  const s = scoreEntries(entries.filter((e) => e.style === style));
  console.log(
    `${style.padEnd(16)} ${String(s.right).padStart(4)} right ${String(s.wrong).padStart(3)} wrong ${String(s.missed).padStart(3)} missed of ${s.total}`,
  );
}
const total = scoreEntries(entries);
for (const m of total.misses) {
  console.log(
    `  ${m.read === null ? 'missed' : 'wrong '} ${m.id} ${m.key}: expected ${m.expected ?? '(not stated)'}, read ${m.read ?? '(nothing)'}`,
  );
}
console.log(
  JSON.stringify({
    set: only ?? 'all',
    paragraphs: entries.length,
    total: total.total,
    right: total.right,
    wrong: total.wrong,
    missed: total.missed,
  }),
);
