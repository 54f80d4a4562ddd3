import { readdirSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { errorMessage } from '../../shared/error-message';

/**
 * `npm run bench [-- NAME ...]`: runs every tests/bench/<name>.bench.ts (or the named ones) and prints
 * one JSON object per figure per line, e.g. {"bench":"sync","figure":"records_per_s","value":8120,"unit":"1/s"}.
 * Each bench file's default export is an async generator of figures, so a long bench reports as it goes.
 */
export interface Figure {
  bench: string;
  figure: string;
  value: number;
  unit: string;
  note?: string;
}

const dir = fileURLToPath(new URL('.', import.meta.url));
const wanted = process.argv.slice(2).filter((a) => !a.startsWith('-'));
const files = readdirSync(dir)
  .filter((f) => f.endsWith('.bench.ts'))
  .filter((f) => wanted.length === 0 || wanted.includes(f.replace(/\.bench\.ts$/, '')))
  .sort();

if (files.length === 0) {
  console.error(
    `No benchmark matches ${wanted.join(', ')}. Available: ${readdirSync(dir)
      .filter((f) => f.endsWith('.bench.ts'))
      .map((f) => f.replace(/\.bench\.ts$/, ''))
      .join(', ')}`,
  );
  process.exit(2);
}

let failed = 0;
for (const file of files) {
  try {
    const mod = (await import(pathToFileURL(`${dir}${file}`).href)) as { default: () => AsyncIterable<Figure> };
    for await (const figure of mod.default()) console.log(JSON.stringify(figure));
  } catch (error) {
    failed++;
    console.log(
      JSON.stringify({
        bench: file.replace(/\.bench\.ts$/, ''),
        figure: 'error',
        value: 0,
        unit: '',
        note: errorMessage(error),
      }),
    );
  }
}
process.exit(failed ? 1 : 0);
