import type { z } from 'zod';
import type { MappingSaveInput, SavedMapping } from '../../../shared/contract/mappings';
import { AppError } from '../../../shared/errors';
import { compileMapping } from '../../../shared/mapping/compile';
import { suggestRules } from '../../../shared/mapping/suggest';
import type { MappingDraft, MatchKey, ResourceRef } from '../../../shared/models/mapping';
import type { ConnectionService } from '../connections';
import type { ConnectorCatalog } from '../connectors/catalog';
import { resolveEndpoint, resolveEnds } from './endpoints';
import type { MappingRepository } from './repository';

type Saved = z.output<typeof SavedMapping>;

/** Mapping CRUD with the rule report attached: every answer says which rules are broken against today's schemas. */
export class MappingService {
  constructor(
    private readonly deps: {
      repository: MappingRepository;
      connections: ConnectionService;
      catalog: ConnectorCatalog;
      clock: () => Date;
    },
  ) {}

  /** Broken rules against the connectors' current schemas; an unreachable end (connection deleted) is one issue. */
  async report(mapping: MappingDraft): Promise<Saved> {
    try {
      const [source, target] = await resolveEnds(mapping, this.deps);
      const compiled = compileMapping(mapping, source.resource.fields, target.resource.fields);
      return { mapping, issues: compiled.issues, unmappedRequired: compiled.unmappedRequired };
    } catch (error) {
      if (!AppError.is(error)) throw error;
      return {
        mapping,
        issues: [{ ruleId: '*', target: '*', code: error.code, message: error.message }],
        unmappedRequired: [],
      };
    }
  }

  async list() {
    return (await this.deps.repository.list()).map((m) => ({
      id: m.id,
      name: m.name,
      version: m.version,
      updatedAt: m.updatedAt,
      source: m.source,
      target: m.target,
      rules: m.rules.length,
    }));
  }

  async get(id: string, version?: number): Promise<Saved> {
    return this.report(await this.deps.repository.get(id, version));
  }

  async save(input: z.output<typeof MappingSaveInput>): Promise<Saved> {
    // Both ends must exist when saving (they may disappear later: the mapping then still loads).
    await Promise.all([
      resolveEndpoint(input.source, this.deps, 'source'),
      resolveEndpoint(input.target, this.deps, 'target'),
    ]);
    return this.report(await this.deps.repository.save(input));
  }

  async revert(id: string, version: number): Promise<Saved> {
    return this.report(await this.deps.repository.revert(id, version));
  }

  async acknowledgePii(id: string, fields: string[], baseVersion?: number): Promise<Saved> {
    const current = await this.deps.repository.get(id);
    const { version, updatedAt: _u, ...content } = current;
    const piiAcknowledged = fields.length
      ? { fields: [...new Set(fields)].sort(), at: this.deps.clock().toISOString() }
      : null;
    return this.report(
      await this.deps.repository.save({ ...content, piiAcknowledged, baseVersion: baseVersion ?? version }),
    );
  }

  /** Suggested rules plus a match key: the e-mail when both sides have one, else an external id. */
  async suggest(sourceRef: ResourceRef, targetRef: ResourceRef, defaultCountry?: string) {
    const [source, target] = await Promise.all([
      resolveEndpoint(sourceRef, this.deps, 'source'),
      resolveEndpoint(targetRef, this.deps, 'target'),
    ]);
    const result = suggestRules(
      source.resource.fields,
      target.resource.fields,
      defaultCountry ? { defaultCountry } : {},
    );
    const emailRule = result.rules.find(
      (r) => target.resource.fields.find((f) => f.name === r.target)?.format === 'email',
    );
    let matchKey: MatchKey | null = null;
    if (emailRule) matchKey = { sourceRule: emailRule.id, targetField: emailRule.target, normalization: 'email' };
    else {
      const idRule = result.rules.find((r) => /external_?id/i.test(r.target));
      if (idRule) matchKey = { sourceRule: idRule.id, targetField: idRule.target, normalization: 'trim' };
    }
    return {
      rules: result.rules,
      suggestions: result.suggestions.map((s) => ({ ruleId: s.rule.id, score: s.score, reason: s.reason })),
      unmatchedTargets: result.unmatchedTargets,
      matchKey,
    };
  }

  remove(id: string): Promise<void> {
    return this.deps.repository.remove(id);
  }

  versions(id: string) {
    return this.deps.repository.versions(id);
  }
}
