import type { TSchema } from 'typebox';
import { Value } from 'typebox/value';

interface SchemaErrorRecord {
  readonly keyword: string;
  readonly schemaPath: string;
  readonly instancePath: string;
  readonly params: Record<string, unknown>;
  readonly message: string;
}

/** Keys whose value says which form of a union the user meant (`{"type": "count", …}`). */
const DISCRIMINATORS = ['type', 'kind', 'protocol'];

const pathOf = (instancePath: string) => instancePath || '/';

function valueAt(root: unknown, instancePath: string): unknown {
  let current = root;
  for (const token of instancePath.split('/').slice(1)) {
    const key = token.replace(/~1/g, '/').replace(/~0/g, '~');
    if (current === null || typeof current !== 'object') return undefined;
    current = (current as Record<string, unknown>)[key];
  }
  return current;
}

const quoted = (values: readonly unknown[]) => values.map((v) => JSON.stringify(v)).join(', ');

function plainProblem(e: SchemaErrorRecord): string | string[] {
  const params = e.params;
  if (e.keyword === 'required') {
    const missing = params.requiredProperties ?? params.missingProperty ?? '';
    const names = Array.isArray(missing) ? missing : [missing];
    return names.map((name) => `${e.instancePath}/${String(name)} is required`);
  }
  if (e.keyword === 'additionalProperties') {
    const extra = params.additionalProperties ?? params.additionalProperty;
    const names = Array.isArray(extra) ? extra : [extra];
    return `${pathOf(e.instancePath)}: unknown field${names.length > 1 ? 's' : ''} ${quoted(names)}`;
  }
  if (e.keyword === 'const') return `${pathOf(e.instancePath)} must be ${JSON.stringify(params.allowedValue)}`;
  return `${pathOf(e.instancePath)} ${e.message}`;
}

/** The branch index of an error under a union at `unionPath` (`…/anyOf/2/…` → 2), else null. */
function branchOf(e: SchemaErrorRecord, unionPath: string): number | null {
  const prefix = `${unionPath}/anyOf/`;
  if (!e.schemaPath.startsWith(prefix)) return null;
  return Number.parseInt(e.schemaPath.slice(prefix.length), 10);
}

function explain(errors: readonly SchemaErrorRecord[], root: unknown): string[] {
  const unions = errors.filter((e) => e.keyword === 'anyOf').sort((a, b) => a.schemaPath.length - b.schemaPath.length);
  const outer = unions[0];
  if (outer === undefined) return errors.flatMap(plainProblem);
  const inside = (e: SchemaErrorRecord) => e === outer || branchOf(e, outer.schemaPath) !== null;
  const rest = explain(
    errors.filter((e) => !inside(e)),
    root,
  );
  const branches = new Map<number, SchemaErrorRecord[]>();
  for (const e of errors) {
    const branch = branchOf(e, outer.schemaPath);
    if (branch !== null) branches.set(branch, [...(branches.get(branch) ?? []), e]);
  }
  const where = pathOf(outer.instancePath);
  const value = valueAt(root, outer.instancePath);
  // A union of constants (an enum): say which values are allowed.
  const constants = [...branches.values()].every(
    (list) => list.length === 1 && list[0]?.keyword === 'const' && list[0].instancePath === outer.instancePath,
  );
  if (constants) {
    const allowed = [...branches.values()].map((list) => list[0]?.params.allowedValue);
    return [`${where} is ${JSON.stringify(value)}; allowed: ${quoted(allowed)}`, ...rest];
  }
  // Object forms told apart by a discriminating key: keep the forms whose key matches what the user wrote.
  const discriminator = (list: readonly SchemaErrorRecord[]) =>
    list.find(
      (e) =>
        e.keyword === 'const' &&
        DISCRIMINATORS.some(
          (key) =>
            e.instancePath === `${outer.instancePath}/${key}` &&
            e.schemaPath === `${outer.schemaPath}/anyOf/${branchOf(e, outer.schemaPath)}/properties/${key}`,
        ),
    );
  const candidates = [...branches.entries()].filter(([, list]) => discriminator(list) === undefined);
  if (candidates.length === 0) {
    const keyErrors = [...branches.values()].map(discriminator).filter((e) => e !== undefined);
    const key = keyErrors[0]?.instancePath ?? `${outer.instancePath}/type`;
    const allowed = [...new Set(keyErrors.map((e) => e.params.allowedValue))];
    return [`${key} is ${JSON.stringify(valueAt(root, key))}; allowed: ${quoted(allowed)}`, ...rest];
  }
  // The form the user evidently meant: the one with the fewest problems.
  const [, chosen] = candidates.reduce((best, next) => (next[1].length < best[1].length ? next : best));
  return [...explain(chosen, root), ...rest];
}

/**
 * Every problem of `value` against a TypeBox schema as one readable line each: `anyOf` unions of constants list the
 * allowed values; for unions of objects only the form the user meant is explained (picked by its `type` / `kind` /
 * `protocol`, else the form with the fewest problems), never every alternative.
 */
export function schemaProblems(schema: TSchema, value: unknown): string[] {
  const errors = [...Value.Errors(schema, value)]
    // `additionalProperties: false` also reports each extra field as "schema is false": keep the readable one.
    .filter((e) => e.keyword !== 'boolean')
    .map((e) => ({ ...e, params: e.params as Record<string, unknown> }) as SchemaErrorRecord);
  return [...new Set(explain(errors, value))];
}
