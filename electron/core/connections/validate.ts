import { AppError } from '../../../shared/errors';
import {
  REQUIRED_SETTINGS,
  SECRET_FIELDS,
  type AuthKind,
  type AuthSettings,
  type Connection,
} from '../../../shared/models/connection';

const invalid = (field: string, message: string) =>
  new AppError('invalid_input', `${field}: ${message}`, { field, issues: [{ path: field, message }] });

/** Per-kind rules zod cannot express on a flat settings object. */
export function checkAuthRequirements(
  kind: AuthKind,
  settings: AuthSettings,
  secretsGiven: Record<string, string>,
  alreadySet: Connection['secrets'] = {},
): void {
  for (const key of REQUIRED_SETTINGS[kind]) {
    const value = settings[key];
    if (value === undefined || value === '') throw invalid(`authSettings.${key}`, `Required for ${kind}`);
  }
  const allowed = new Map(SECRET_FIELDS[kind].map((s) => [s.field as string, s]));
  for (const field of Object.keys(secretsGiven)) {
    const spec = allowed.get(field);
    if (!spec) throw invalid(`secrets.${field}`, `Not used by ${kind}`);
    if (!spec.userInput) throw invalid(`secrets.${field}`, 'Obtained by signing in; it cannot be typed in');
  }
  for (const spec of SECRET_FIELDS[kind]) {
    if (spec.required && !(spec.field in secretsGiven) && !alreadySet[spec.field])
      throw invalid(`secrets.${spec.field}`, `Required for ${kind}`);
  }
}

export function checkUniqueName(name: string, others: Connection[], exceptId?: string): void {
  const key = name.trim().toLowerCase();
  if (others.some((c) => c.id !== exceptId && c.name.trim().toLowerCase() === key)) {
    throw invalid('name', `A connection named "${name.trim()}" already exists; choose another name`);
  }
}

export function checkConnector(connectorId: string, exists?: (id: string) => boolean): void {
  if (exists && !exists(connectorId)) throw invalid('connectorId', `Unknown connector "${connectorId}"`);
}

export { invalid as invalidField };
