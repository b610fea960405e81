/**
 * A CSV of answers of the full template for the analyze benchmarks: one respondent per row from the
 * seeded population generator (scripts/population), so every run writes the same bytes. The comment
 * column carries commas (quoted cells) as the generator's comments do.
 */
import { createWriteStream } from 'node:fs';
import { once } from 'node:events';
import { fullTemplate } from '../../api/src/model/template.js';
import { generatePopulation } from '../population/index.js';

function cell(value: string | number | undefined): string {
  if (value === undefined) return '';
  const text = String(value);
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/**
 * Write `n` respondents (seeded) to `path`; resolves to the file's question ids (the header).
 *
 * @example
 * await writeAnswersCsv('/tmp/answers.csv', 1_002_000, 20261202);
 */
export async function writeAnswersCsv(path: string, n: number, seed: number): Promise<string[]> {
  const ids = fullTemplate().questions.map((question) => question.id);
  const out = createWriteStream(path);
  let batch = `${ids.join(',')}\n`;
  for (const respondent of generatePopulation({ n, seed, questions: 'full' })) {
    const answers = respondent.answers;
    let line = '';
    for (let i = 0; i < ids.length; i++) line += (i === 0 ? '' : ',') + cell(answers[ids[i]!] as string | number | undefined);
    batch += `${line}\n`;
    if (batch.length > 1 << 20) {
      if (!out.write(batch)) await once(out, 'drain');
      batch = '';
    }
  }
  out.end(batch);
  await once(out, 'finish');
  return ids;
}
