import { MAX_CARD_BYTES } from '../../src/cards/card-renderer';
import { isSupportedVersion } from '../../src/cards/template-files';

type AdaptiveCardsModule = typeof import('adaptivecards');

// The package's lib/ entry does not load in Node; its bundled dist/ build does and needs no DOM.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const AC = require('adaptivecards/dist/adaptivecards.js') as AdaptiveCardsModule;

/** Teams chart elements; the adaptivecards library does not know them, so each must carry a fallback. */
const TEAMS_CHARTS = new Set([
  'Chart.Donut',
  'Chart.Pie',
  'Chart.VerticalBar',
  'Chart.VerticalBar.Grouped',
  'Chart.HorizontalBar',
  'Chart.HorizontalBar.Stacked',
  'Chart.Line',
  'Chart.Gauge',
]);

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

function isObject(value: unknown): value is Record<string, Json> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Replaces every Teams chart by its fallback, recording charts that have none (or an unusable one). */
function withChartFallbacks(node: Json, path: string, errors: string[]): Json {
  if (Array.isArray(node)) return node.map((item, index) => withChartFallbacks(item, `${path}[${index}]`, errors));
  if (!isObject(node)) return node;
  const type = node.type;
  if (typeof type === 'string' && type.startsWith('Chart.')) {
    if (!TEAMS_CHARTS.has(type)) errors.push(`${path}: unknown chart type ${type}`);
    if (!Array.isArray(node.data)) errors.push(`${path}: ${type} needs a data array`);
    if (!isObject(node.fallback)) {
      errors.push(`${path}: ${type} needs a fallback element for clients that cannot draw charts`);
      return { type: 'Container', items: [] };
    }
    return withChartFallbacks(node.fallback, `${path}.fallback`, errors);
  }
  return Object.fromEntries(
    Object.entries(node).map(([key, value]) => [key, withChartFallbacks(value, `${path}.${key}`, errors)]),
  );
}

/** The Teams people picker's datasets (an Input.ChoiceSet's `choices.data`, a Teams extension the library dates 1.6). */
const PEOPLE_DATASETS = new Set(['graph.microsoft.com/users', 'graph.microsoft.com/users?scope=currentContext']);

/** Replaces every people picker by a plain choice set with one choice, recording unknown datasets. */
function withPeoplePickers(node: Json, path: string, errors: string[]): Json {
  if (Array.isArray(node)) return node.map((item, index) => withPeoplePickers(item, `${path}[${index}]`, errors));
  if (!isObject(node)) return node;
  const query = node['choices.data'];
  if (node.type === 'Input.ChoiceSet' && query !== undefined) {
    const dataset = isObject(query) ? query.dataset : undefined;
    if (!isObject(query) || query.type !== 'Data.Query' || typeof dataset !== 'string' || !PEOPLE_DATASETS.has(dataset))
      errors.push(`${path}: choices.data must be a Data.Query of a Teams people dataset`);
    const plain: Record<string, Json> = { ...node, choices: [{ title: 'A person', value: 'person' }] };
    delete plain['choices.data'];
    return plain;
  }
  return Object.fromEntries(
    Object.entries(node).map(([key, value]) => [key, withPeoplePickers(value, `${path}.${key}`, errors)]),
  );
}

/**
 * Checks a card as Teams will get it: schema 1.5 at most, under the size limit, and parsed and
 * validated by the adaptivecards library against 1.5 (unknown types, bad enums, properties newer
 * than 1.5, duplicate ids, required inputs without label or error message). Teams charts are
 * accepted when they carry a fallback, which is validated in their place. Returns the problems.
 */
export function validateCard(content: unknown): string[] {
  if (!isObject(content)) return ['card content is not an object'];
  const errors: string[] = [];
  if (content.type !== 'AdaptiveCard') errors.push(`type is ${String(content.type)}, not AdaptiveCard`);
  if (!isSupportedVersion(content.version)) errors.push(`version ${String(content.version)} is not 1.5 or lower`);
  const bytes = Buffer.byteLength(JSON.stringify(content), 'utf8');
  if (bytes >= MAX_CARD_BYTES) errors.push(`card is ${bytes} bytes, limit ${MAX_CARD_BYTES}`);

  const card = withPeoplePickers(withChartFallbacks(content, '$', errors), '$', errors);
  const context = new AC.SerializationContext(AC.Versions.v1_5);
  const parsed = new AC.AdaptiveCard();
  parsed.parse(card, context);
  for (let index = 0; index < context.eventCount; index++) errors.push(`parse: ${context.getEventAt(index).message}`);
  for (const event of parsed.validateProperties().validationEvents) errors.push(`validate: ${event.message}`);
  return errors;
}

/** Strings in the card that still hold a `${`: a placeholder the template left unbound (or user text holding one). */
export function unboundPlaceholders(content: unknown): string[] {
  const found: string[] = [];
  const walk = (node: unknown, path: string): void => {
    if (typeof node === 'string') {
      if (node.includes('${')) found.push(`${path}: ${node.slice(0, 80)}`);
    } else if (Array.isArray(node)) {
      node.forEach((item, index) => walk(item, `${path}[${index}]`));
    } else if (isObject(node)) {
      Object.entries(node).forEach(([key, value]) => walk(value, `${path}.${key}`));
    }
  };
  walk(content, '$');
  return found;
}
