import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import { actorOf, AuditService } from '../../audit/index.js';
import type { Caller } from '../../common/caller.js';
import { Conflict, InvalidTransition, NotAllowed, NotFound, Unprocessable } from '../../common/errors.js';
import { PoliciesService } from '../../policies/policies.service.js';
import type { CreateModuleDto, ModuleDto } from '../dto/module.dto.js';
import { slugFrom } from '../organisations.service.js';
import { enrolmentProblems, type ModuleKind, modulePeriodProblems } from './module-rules.js';
import { type ModuleRow, ModulesRepository, type ParticipationRow } from './modules.repository.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function toModule(r: ModuleRow, participations: ParticipationRow[]): ModuleDto {
  return {
    id: r.id,
    slug: r.slug,
    kind: r.kind as ModuleKind,
    name: r.name,
    startsOn: r.starts_on,
    endsOn: r.ends_on,
    running: r.running,
    participants: participations
      .filter((p) => p.module_id === r.id)
      .map((p) => ({
        organisation: { id: p.organisation_id, name: p.organisation_name, slug: p.organisation_slug, kind: p.organisation_kind },
        joinedAt: new Date(p.joined_at).toISOString(),
        leftAt: p.left_at ? new Date(p.left_at).toISOString() : null,
      })),
  };
}

/**
 * The modules of the framework agreement (art. 13 footnote 4, 29-30) and who takes part. Taking part is what art. 13
 * asks of a CSO party before it sees individual scores, and the policy fact `modules` reads the view
 * `current_module_participations` on every request, so an enrolment or a removal counts at once. Who may change it
 * is policies/modules.yaml; every change commits with its audit entry. The demo seed calls these same methods.
 */
@Injectable()
export class ModulesService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly repo: ModulesRepository,
    private readonly policies: PoliciesService,
    private readonly audit: AuditService,
  ) {}

  async list(): Promise<ModuleDto[]> {
    const modules = await this.repo.list(this.db.manager);
    const participations = await this.repo.participations(this.db.manager, modules.map((m) => m.id), false);
    return modules.map((m) => toModule(m, participations));
  }

  async read(id: string, withHistory: boolean): Promise<ModuleDto> {
    const module = UUID.test(id) ? await this.repo.one(this.db.manager, id) : undefined;
    if (!module) throw new NotFound('module', id);
    return toModule(module, await this.repo.participations(this.db.manager, [id], withHistory));
  }

  async create(caller: Caller, input: CreateModuleDto, manager?: EntityManager): Promise<ModuleDto> {
    await this.authorize(caller, 'create');
    const problems = modulePeriodProblems(input.startsOn, input.endsOn);
    if (problems.length) throw new Unprocessable('The module period does not fit the agreement', problems);
    const slug = input.slug ?? slugFrom(input.name);
    if (!/^[a-z0-9]+(-[a-z0-9]+)*$/.test(slug) || slug.length < 2) {
      throw new Unprocessable('The module needs a slug', [{ field: 'slug', problem: 'cannot be derived from the name; give one' }]);
    }
    const run = async (m: EntityManager) => {
      if (await this.repo.slugTaken(m, slug)) throw new Conflict(`The slug ${slug} is already taken`);
      const id = await this.repo.insert(m, { slug, kind: input.kind, name: input.name.trim(), startsOn: input.startsOn, endsOn: input.endsOn ?? null, createdBy: caller.personId });
      await this.audit.appendInTransaction(m, {
        actor: actorOf(caller),
        action: 'modules.create',
        object: { type: 'Module', id },
        details: { slug, kind: input.kind, startsOn: input.startsOn, endsOn: input.endsOn ?? null },
      });
      return toModule((await this.repo.one(m, id))!, []);
    };
    return (manager ? run(manager) : this.db.transaction(run)).catch((error: unknown) => {
      if ((error as { code?: string }).code === '23505') throw new Conflict(`The slug ${slug} is already taken`);
      throw error;
    });
  }

  async enrol(caller: Caller, moduleId: string, organisationId: string, manager?: EntityManager): Promise<ModuleDto> {
    await this.authorize(caller, 'enrol');
    const run = async (m: EntityManager) => {
      const module = UUID.test(moduleId) ? await this.repo.one(m, moduleId, true) : undefined;
      if (!module) throw new NotFound('module', moduleId);
      const organisation = UUID.test(organisationId) ? await this.repo.organisation(m, organisationId) : undefined;
      const problems = enrolmentProblems(organisation);
      if (problems.length) throw new Unprocessable('The organisation cannot take part in a module', problems);
      if (!(await this.repo.enrol(m, module.slug, organisationId, caller.personId))) {
        throw new InvalidTransition('The organisation already takes part in this module');
      }
      await this.audit.appendInTransaction(m, {
        actor: actorOf(caller),
        action: 'modules.enrol',
        object: { type: 'Module', id: module.id },
        details: { organisationId },
      });
      return toModule(module, await this.repo.participations(m, [module.id], false));
    };
    return manager ? run(manager) : this.db.transaction(run);
  }

  async remove(caller: Caller, moduleId: string, organisationId: string): Promise<ModuleDto> {
    await this.authorize(caller, 'remove');
    return this.db.transaction(async (m) => {
      const module = UUID.test(moduleId) ? await this.repo.one(m, moduleId, true) : undefined;
      if (!module) throw new NotFound('module', moduleId);
      if (!UUID.test(organisationId) || !(await this.repo.remove(m, module.slug, organisationId, caller.personId))) {
        throw new InvalidTransition('The organisation does not take part in this module');
      }
      await this.audit.appendInTransaction(m, {
        actor: actorOf(caller),
        action: 'modules.remove',
        object: { type: 'Module', id: module.id },
        details: { organisationId },
      });
      return toModule(module, await this.repo.participations(m, [module.id], false));
    });
  }

  private async authorize(caller: Caller, action: 'create' | 'enrol' | 'remove'): Promise<void> {
    const ability = await this.policies.abilityFor(caller);
    if (!ability.can(action, 'Module', {})) throw new NotAllowed('Only secretariat staff keep the modules and their participants (art. 13, 55)');
  }
}
