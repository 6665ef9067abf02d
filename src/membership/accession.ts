import { createHash } from 'node:crypto';
import { Injectable, type OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import { actorOf, AuditService } from '../audit/index.js';
import { InvitationsService } from '../auth/invitations.service.js';
import { PostgresThrottlerStorage } from '../auth/rate-limit/postgres-throttler.storage.js';
import { CaseTypeHooks } from '../cases/case-type-hooks.js';
import type { CaseRow } from '../cases/cases.repository.js';
import { OpenMatter } from '../cases/filing/open-matter.js';
import type { Caller, Language } from '../common/caller.js';
import { InvalidTransition, NotFound, TooManyRequests, Unprocessable } from '../common/errors.js';
import { OutboxService } from '../notifications/outbox.service.js';
import { RecipientsService } from '../notifications/recipients.service.js';
import { decideOrganisationShape } from '../organisations/organisation-rules.js';
import { slugFrom } from '../organisations/organisations.service.js';
import { pickFields } from '../policies/ability.js';
import { PoliciesService } from '../policies/policies.service.js';
import { type AccessionRow, AccessionRepository } from './accession.repository.js';
import { MembershipRepository } from './membership.repository.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
// The JSON body limit is 1 MiB (bootstrap.ts): a base64 letter of 700 KiB fits.
const PDF_MAX_BYTES = 700 * 1024;
/** The public form (art. 70) is open to anyone: at most this many requests per client address per hour. */
const PUBLIC_REQUESTS_PER_HOUR = 10;
const HOUR_MS = 3_600_000;
const bad = (field: string, problem: string) => new Unprocessable('The request does not fit the agreement', [{ field, problem }]);

export interface AccessionInput {
  name: string;
  kind: string;
  country?: string;
  contactName: string;
  contactEmail: string;
  language?: string;
  motivation?: string;
  /** the motivation letter as a PDF, base64 */
  motivationPdf?: string;
}

/**
 * Accession (art. 69-72; issue 13, part 4). An organisation that wants to join files a motivated request — through
 * the public form, or the secretariat on its behalf. The secretariat informs all parties beforehand (mail, and the
 * request visible to parties at headline level, with its letter); parties can ask questions; informing them puts the
 * request before the Kerngroep as a case of type `accession`, ruled by the same decision rule as every matter. On
 * approval the organisation is registered (its kind decides party or supporter, art. 40) with its signing date, and
 * its contact person is invited as its first administrator.
 */
@Injectable()
export class Accession implements OnModuleInit {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly repo: AccessionRepository,
    private readonly members: MembershipRepository,
    private readonly matters: OpenMatter,
    private readonly hooks: CaseTypeHooks,
    private readonly invitations: InvitationsService,
    private readonly policies: PoliciesService,
    private readonly audit: AuditService,
    private readonly outbox: OutboxService,
    private readonly recipients: RecipientsService,
    private readonly throttle: PostgresThrottlerStorage,
  ) {}

  onModuleInit(): void {
    // GET /authz/explain?subject=AccessionRequest&id=…: the fields its rules condition on (the status, art. 71)
    this.policies.registerRecordLoader('AccessionRequest', async (id) => {
      const row = UUID.test(id) ? await this.repo.find(this.db.manager, id) : null;
      return row ? { id: row.id, status: row.status } : null;
    });
    this.hooks.register('accession', {
      onTransition: (m, c, action, _params, _decision, details) => this.onDecided(m, c, action, details),
    });
  }

  /** POST /api/v1/accession-requests (public form) and POST /api/v1/membership/accession-requests (secretariat). */
  async file(caller: Caller | null, input: AccessionInput, clientIp?: string): Promise<{ id: string; status: string }> {
    if (!caller) {
      // Counted in PostgreSQL (every instance shares it); the address is kept only as a hash.
      const key = createHash('sha256').update(`accession:${clientIp ?? 'unknown'}`).digest('hex');
      const hit = await this.throttle.increment(key, HOUR_MS, PUBLIC_REQUESTS_PER_HOUR, HOUR_MS, 'accession-requests');
      if (hit.isBlocked) throw new TooManyRequests(Math.max(1, hit.timeToBlockExpire));
    }
    const name = input.name.trim();
    const email = input.contactEmail.trim().toLowerCase();
    let pdf: Buffer | null = null;
    if (input.motivationPdf) {
      pdf = Buffer.from(input.motivationPdf, 'base64');
      if (pdf.length > PDF_MAX_BYTES) throw bad('motivationPdf', `must be at most ${PDF_MAX_BYTES / 1024} KiB`);
      if (pdf.subarray(0, 5).toString('latin1') !== '%PDF-') throw bad('motivationPdf', 'must be a PDF file, base64-encoded');
    }
    if (!input.motivation?.trim() && !pdf) throw bad('motivation', 'give the motivation letter as text or as a PDF (art. 70)');
    if (input.kind === 'secretariat' || input.kind === 'local_partner')
      throw bad('kind', 'a local partner is affiliated through its NGO or union (art. 22) and the secretariat does not join; choose company, ngo, union, branch_org or supporter');
    return this.db.transaction(async (m) => {
      if (await this.repo.existingMember(m, name, slugFrom(name))) throw bad('name', 'already takes part in the agreement or has a request pending: accession is for other organisations (art. 69)');
      if (await this.repo.emailTaken(m, email)) throw bad('contactEmail', 'belongs to a person who already acts for an organisation in the agreement');
      const id = await this.repo.insert(m, {
        name,
        kind: input.kind,
        country: input.country ?? null,
        contactName: input.contactName.trim(),
        contactEmail: email,
        language: (input.language ?? 'nl') as Language,
        motivation: input.motivation?.trim() || null,
        pdf,
        via: caller ? 'secretariat' : 'public-form',
      });
      for (const to of await this.recipients.secretariatStaff(m)) await this.outbox.enqueue(m, { to, template: 'membership.accession-received', params: { name } });
      await this.audit.appendInTransaction(m, {
        actor: caller ? actorOf(caller) : null,
        action: 'accession.file',
        object: { type: 'AccessionRequest', id },
        details: { kind: input.kind, via: caller ? 'secretariat' : 'public-form', pdf: pdf !== null },
      });
      return { id, status: 'received' };
    });
  }

  /**
   * GET /api/v1/membership/accession-requests: the secretariat and the chair see all; parties the ones they were
   * informed of, without the contact person (policies/accession-requests.yaml: the rows and the fields).
   */
  async list(caller: Caller) {
    const ability = await this.policies.abilityFor(caller);
    const rows = await this.repo.list(this.db.manager, ability.toSql('list', 'AccessionRequest', { status: 'a.status' }));
    await this.audit.record({ actor: actorOf(caller), action: 'accession.list', details: { count: rows.length } });
    return { items: rows.map((r) => pickFields(this.view(r), ability.permittedFields('list', 'AccessionRequest', { id: r.id, status: r.status }))) };
  }

  /** GET /api/v1/membership/accession-requests/:id, with the parties' questions where the rule opens `questionList`. */
  async read(caller: Caller, id: string) {
    const { row, fields } = await this.visible(caller, id);
    await this.audit.record({ actor: actorOf(caller), action: 'accession.read', object: { type: 'AccessionRequest', id } });
    const questions = fields.includes('questionList') || fields.includes('*')
      ? (await this.repo.questions(this.db.manager, id)).map((q) => ({ id: Number(q.id), organisation: q.organisation_name, question: q.question, askedAt: new Date(q.asked_at).toISOString() }))
      : undefined;
    return pickFields({ ...this.view(row), ...(questions ? { questionList: questions } : {}) }, fields);
  }

  /** GET /api/v1/membership/accession-requests/:id/letter: the motivation letter as PDF. */
  async letter(caller: Caller, id: string): Promise<Buffer> {
    await this.visible(caller, id);
    const pdf = await this.repo.pdf(this.db.manager, id);
    if (!pdf) throw new NotFound('letter');
    await this.audit.record({ actor: actorOf(caller), action: 'accession.letter', object: { type: 'AccessionRequest', id } });
    return pdf;
  }

  /** POST /api/v1/membership/accession-requests/:id/inform: art. 71, then the Kerngroep assesses it (art. 72). */
  async inform(caller: Caller, id: string) {
    await this.db.transaction(async (m) => {
      const row = UUID.test(id) ? await this.repo.find(m, id, true) : null;
      if (!row) throw new NotFound('accession request', id);
      if (row.status !== 'received') throw new InvalidTransition(`The parties were already informed of this request (it is ${row.status})`);
      const secretariat = (await this.members.secretariatOrganisation(m))!;
      const c = await this.matters.execute(m, caller, {
        type: 'accession',
        // the secretariat puts the request before the Kerngroep (art. 71; `secretariat-informs-parties`)
        requesterOrganisationId: secretariat,
        subjectOrganisationId: null,
        grounds: `Request to join the agreement by ${row.name} (${row.kind}), art. 70`,
        scope: { accessionRequestId: row.id, name: row.name, kind: row.kind },
        proposal: { name: row.name, kind: row.kind },
        concerned: [],
        details: { accessionRequestId: row.id },
      });
      await this.repo.markInformed(m, row.id, c.id);
      const to = new Map<string, { email: string; language: Language }>();
      for (const r of await this.recipients.forOrganisations(m, await this.members.parties(m))) to.set(r.email, r);
      for (const r of to.values()) await this.outbox.enqueue(m, { to: r, template: 'membership.accession-informed', params: { name: row.name } });
      await this.audit.appendInTransaction(m, { actor: actorOf(caller), action: 'accession.inform', object: { type: 'AccessionRequest', id: row.id }, details: { caseId: c.id, parties: to.size } });
    });
    return this.read(caller, id);
  }

  /** POST /api/v1/membership/accession-requests/:id/questions {question}: a party's question (art. 71). */
  async ask(caller: Caller, id: string, question: string) {
    return this.db.transaction(async (m) => {
      const { row } = await this.visible(caller, id, m);
      if (row.status !== 'informed') throw new InvalidTransition(`Questions are asked before the Kerngroep decides; the request is ${row.status}`);
      const qid = await this.repo.insertQuestion(m, { requestId: id, organisationId: caller.organisation.id, personId: caller.personId, question: question.trim() });
      for (const to of await this.recipients.secretariatStaff(m)) await this.outbox.enqueue(m, { to, template: 'membership.accession-question', params: { name: row.name } });
      await this.audit.appendInTransaction(m, { actor: actorOf(caller), action: 'accession.question', object: { type: 'AccessionRequest', id }, details: { questionId: qid } });
      return { id: qid };
    });
  }

  /** The Kerngroep decided (art. 72): on approval the organisation is registered with its signing date and its first person invited. */
  private async onDecided(m: EntityManager, c: CaseRow, action: string, details: Record<string, unknown>): Promise<void> {
    const row = await this.repo.byCase(m, c.id);
    if (!row) return;
    if (action === 'ruling-rejected') {
      await this.repo.markDecided(m, row.id, 'rejected', null);
      return;
    }
    if (action !== 'ruling-approved') return;
    // Art. 69: between filing and approval the same organisation may have been registered another way.
    if (await this.repo.memberNamed(m, row.name))
      throw new InvalidTransition('This organisation already takes part in the agreement (art. 69)');
    const shape = decideOrganisationShape({ kind: row.kind }, null);
    if ('problems' in shape) throw new Unprocessable('The organisation does not fit the rules of the agreement', shape.problems);
    let slug = slugFrom(row.name) || 'organisation';
    for (let i = 2; await this.repo.slugTaken(m, slug); i++) slug = `${slugFrom(row.name)}-${i}`;
    const organisationId = await this.repo.registerOrganisation(m, { slug, name: row.name, kind: row.kind, isParty: shape.shape.isParty, constituency: shape.shape.constituency, country: row.country });
    const personId = await this.repo.insertFirstPerson(m, { organisationId, email: row.contact_email, name: row.contact_name, language: row.contact_language });
    const invitation = await this.invitations.issue(m, { personId, email: row.contact_email, name: row.contact_name, language: row.contact_language, organisationName: row.name }, null);
    await this.repo.markDecided(m, row.id, 'approved', organisationId);
    await this.audit.appendInTransaction(m, {
      actor: null,
      action: 'organisations.register',
      object: { type: 'Organisation', id: organisationId },
      details: { kind: row.kind, slug, party: shape.shape.isParty, accessionRequestId: row.id, caseId: c.id, invitationId: invitation.invitationId },
    });
    details.organisationId = organisationId;
  }

  /**
   * The request and the fields of it the caller may see. Parties see a request only once they were informed of it
   * (art. 71, `parties-read-informed-requests`): before that it is a 404, like an absent one.
   */
  private async visible(caller: Caller, id: string, m: EntityManager = this.db.manager): Promise<{ row: AccessionRow; fields: string[] }> {
    const row = UUID.test(id) ? await this.repo.find(m, id) : null;
    if (!row) throw new NotFound('accession request', id);
    const { fields } = await this.policies.authorizeRecord(caller, 'read', 'AccessionRequest', { id, status: row.status }, { id });
    return { row, fields };
  }

  private view(r: AccessionRow) {
    return {
      id: r.id,
      name: r.name,
      kind: r.kind,
      country: r.country,
      status: r.status,
      motivation: r.motivation,
      hasLetter: r.has_pdf,
      receivedAt: new Date(r.received_at).toISOString(),
      informedAt: r.informed_at ? new Date(r.informed_at).toISOString() : null,
      caseId: r.case_id,
      organisationId: r.organisation_id,
      questions: r.questions,
      contact: { name: r.contact_name, email: r.contact_email, language: r.contact_language },
      receivedVia: r.received_via,
    };
  }
}
