/**
 * Benchmark of the checks that run over user text, on input shaped against their patterns (100 KB by default): each
 * old, backtracking regex beside the function that replaced it, measured in the same run, with the ratio. The old
 * shapes were quadratic, so their time grows with the square of the size; the new ones grow linearly.
 */
import { performance } from 'node:perf_hooks';
import { scrubNames } from '../src/aggregation/quotes';
import { neutralise } from '../src/cards/safe-text';
import { normalizeTyped } from '../src/strategy/commands';
import { readFlags } from './bench/flags';
import { progress, runMain } from './bench/run-main';
import { ratio } from './bench/stats';

const USAGE = `Usage: npm run bench:text -- [--kb 100] [--repeats 5]

  --kb N        size of each input in KB (default 100; the old patterns take seconds at 100)
  --repeats N   runs of each new function; the median is shown (the old ones run once)`;

interface Case {
  name: string;
  input: (bytes: number) => string;
  /** The pattern as it was before (a copy: the code no longer has it). */
  old: (text: string) => unknown;
  now: (text: string) => unknown;
}

const CASES: Case[] = [
  {
    name: 'typed command: /[.!]+$/ vs normalizeTyped',
    input: (bytes) => `${'.'.repeat(bytes - 1)}x`,
    old: (text) => text.replace(/[.!]+$/g, ''),
    now: normalizeTyped,
  },
  {
    name: 'e-mail address: old pattern vs scrubNames',
    input: (bytes) => 'a'.repeat(bytes),
    old: (text) => text.replace(/[\w.+-]+@[\w-]+(?:\.[\w-]+)+/g, ' [name] '),
    now: scrubNames,
  },
  {
    name: 'capitalised words: prefix test per word vs scrubNames',
    input: (bytes) => 'Aa '.repeat(Math.floor(bytes / 3)),
    old: (text) =>
      text.replace(/\b\p{Lu}\p{Ll}+\b/gu, (word: string, offset: number) =>
        offset === 0 || /[.!?:]\s*$/.test(text.slice(0, offset)) ? word : '[name]',
      ),
    now: scrubNames,
  },
  {
    name: 'unclosed mentions: old pattern vs neutralise',
    input: (bytes) => '<at'.repeat(Math.floor(bytes / 3)),
    old: (text) => text.replace(/<at\b[^>]*>([\s\S]*?)<\/at\s*>/gi, '$1'),
    now: neutralise,
  },
];

function timeOnce(run: () => unknown): number {
  const started = performance.now();
  run();
  return performance.now() - started;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

const format = (ms: number) => (ms >= 100 ? ms.toFixed(0) : ms >= 1 ? ms.toFixed(2) : ms.toFixed(4)).padStart(9);

async function main(): Promise<number> {
  const options = { kb: 100, repeats: 5, help: false };
  readFlags(
    process.argv.slice(2),
    {
      '--kb': { kind: 'number', minimum: 1, set: (value) => (options.kb = value) },
      '--repeats': { kind: 'number', minimum: 1, set: (value) => (options.repeats = value) },
      '--help': { kind: 'switch', set: () => (options.help = true) },
    },
    USAGE,
  );
  if (options.help) {
    console.log(USAGE);
    return 0;
  }
  const bytes = options.kb * 1024;
  console.log(`input: ${options.kb} KB per case; old pattern once, new function median of ${options.repeats}`);
  console.log(`${'case'.padEnd(56)}${'old ms'.padStart(9)}${'new ms'.padStart(9)}   old/new`);
  for (const { name, input, old, now } of CASES) {
    progress(name);
    const text = input(bytes);
    now(text);
    const newMs = median(Array.from({ length: options.repeats }, () => timeOnce(() => now(text))));
    const oldMs = timeOnce(() => old(text));
    const times = ratio(oldMs, newMs);
    console.log(`${name.padEnd(56)}${format(oldMs)}${format(newMs)}   ${Math.round(times).toLocaleString('en-US')}×`);
  }
  return 0;
}

runMain(main);
