import { readFileSync } from 'node:fs';
import path from 'node:path';
import Ajv, { type AnySchemaObject, type ErrorObject, type ValidateFunction } from 'ajv';
import { checkContentPack } from './content-pack-checks';
import { ContentPackError, pointerSegment, type ContentPackProblem } from './content-pack-error';
import type { ContentPack } from './types';
import { projectRoot } from '../project-root';

const CONTENT_DIR = path.join('dialogs', 'content');
const DEFAULT_PACK_FILE = 'strategy-pack.json';
const SCHEMA_FILE = 'content-pack.schema.json';

/** Absolute path of the default content pack shipped with the bot. */
export function defaultContentPackPath(): string {
  return path.join(projectRoot(), CONTENT_DIR, DEFAULT_PACK_FILE);
}

/** Absolute path of the JSON Schema every content pack must satisfy. */
export function contentPackSchemaPath(): string {
  return path.join(projectRoot(), CONTENT_DIR, SCHEMA_FILE);
}

/** Reads, parses and validates a content pack (the default pack when no path is given); throws ContentPackError. */
export function loadContentPack(filePath?: string): ContentPack {
  const file = path.resolve(filePath ?? defaultContentPackPath());
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    throw new ContentPackError(file, [
      { message: `cannot be read (${(error as NodeJS.ErrnoException).code ?? String(error)})` },
    ]);
  }
  return parseContentPack(text, file);
}

/** Parses and validates the JSON text of a content pack; `source` names it in error messages. */
export function parseContentPack(text: string, source: string): ContentPack {
  let data: unknown;
  try {
    data = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (error) {
    throw new ContentPackError(source, [{ message: `not valid JSON: ${describeSyntaxError(error, text)}` }]);
  }
  return validateContentPack(data, source);
}

/** Validates parsed data against the schema, then against the rules the schema cannot express; throws ContentPackError. */
export function validateContentPack(data: unknown, source: string): ContentPack {
  const validate = schemaValidator();
  if (!validate(data)) throw new ContentPackError(source, schemaProblems(validate.errors ?? []));
  const problems = checkContentPack(data);
  if (problems.length > 0) throw new ContentPackError(source, problems);
  return data;
}

/** Compiled per call: a pack is validated once, at start-up. */
function schemaValidator(): ValidateFunction<ContentPack> {
  const schema = JSON.parse(readFileSync(contentPackSchemaPath(), 'utf8')) as AnySchemaObject;
  return new Ajv({ allErrors: true, strict: true }).compile<ContentPack>(schema);
}

function schemaProblems(errors: readonly ErrorObject[]): ContentPackProblem[] {
  const seen = new Set<string>();
  const { kept, problems } = alternativesResolved(errors);
  for (const error of kept) {
    // "must match then schema" only repeats the error already reported inside the matching question or field kind.
    if (error.keyword === 'if') continue;
    // An invalid property name is reported once, by the propertyNames error, not again by the pattern it broke.
    if (error.propertyName !== undefined && error.keyword !== 'propertyNames') continue;
    const problem = schemaProblem(error);
    const key = `${problem.path}\n${problem.message}`;
    if (seen.has(key)) continue;
    seen.add(key);
    problems.push(problem);
  }
  return problems;
}

/**
 * A value that may take one of several forms (a path's questions: "all" or a list) fails every form. When it has the
 * shape of one form, only that form's errors are reported; otherwise one problem names the forms it may take.
 */
function alternativesResolved(errors: readonly ErrorObject[]): { kept: ErrorObject[]; problems: ContentPackProblem[] } {
  const dropped = new Set<ErrorObject>();
  const problems: ContentPackProblem[] = [];
  for (const choice of errors.filter((error) => error.keyword === 'oneOf')) {
    // Errors inside the value come from the form whose shape it has (a $ref in it hides which, by schema path).
    const deeper = errors.some((error) => error.instancePath.startsWith(`${choice.instancePath}/`));
    const forms = errors.filter(
      (error) => error.instancePath === choice.instancePath && error.schemaPath.startsWith(`${choice.schemaPath}/`),
    );
    // A form whose type the value has, but whose constraint it breaks (a list too short), is the form meant.
    const meant = forms.filter((error) => error.keyword !== 'type' && error.keyword !== 'const');
    dropped.add(choice);
    for (const error of forms) if (!meant.includes(error)) dropped.add(error);
    if (!deeper && meant.length === 0)
      problems.push({ path: choice.instancePath, message: `must be ${forms.map(formName).join(' or ')}` });
  }
  return { kept: errors.filter((error) => !dropped.has(error)), problems };
}

function formName(error: ErrorObject): string {
  const params: Record<string, unknown> = error.params;
  if (error.keyword === 'const') return JSON.stringify(params.allowedValue);
  if (error.keyword === 'type') return params.type === 'array' ? 'a list' : `a ${String(params.type)}`;
  return error.message ?? 'another form';
}

function schemaProblem(error: ErrorObject): ContentPackProblem {
  const params: Record<string, unknown> = error.params;
  switch (error.keyword) {
    case 'required':
      return {
        path: `${error.instancePath}/${pointerSegment(String(params.missingProperty))}`,
        message: 'is required',
      };
    case 'additionalProperties':
      return {
        path: `${error.instancePath}/${pointerSegment(String(params.additionalProperty))}`,
        message: 'is not a known property here',
      };
    case 'enum':
      return {
        path: error.instancePath,
        message: `must be one of ${Array.isArray(params.allowedValues) ? params.allowedValues.map((value) => JSON.stringify(value)).join(', ') : 'the allowed values'}`,
      };
    case 'propertyNames':
      return {
        path: `${error.instancePath}/${pointerSegment(String(params.propertyName))}`,
        message: 'is not a valid id (lowercase letters, digits and hyphens)',
      };
    case 'pattern':
      return {
        path: error.instancePath,
        message: params.pattern === '\\S' ? 'must not be blank' : `must match the pattern ${String(params.pattern)}`,
      };
    default:
      return { path: error.instancePath, message: error.message ?? `fails the "${error.keyword}" rule` };
  }
}

function describeSyntaxError(error: unknown, text: string): string {
  const message = error instanceof Error ? error.message : String(error);
  const position = /at position (\d+)/.exec(message);
  if (position === null || /line \d+/.test(message)) return message;
  const before = text
    .replace(/^\uFEFF/, '')
    .slice(0, Number(position[1]))
    .split('\n');
  return `${message} (line ${before.length}, column ${(before.at(-1)?.length ?? 0) + 1})`;
}
