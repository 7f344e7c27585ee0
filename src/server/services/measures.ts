/**
 * Outcome measures (issue 5): the clinician enters a client's answers (validated against the
 * instrument, scored by the core, stored sealed; an item-9 alert is created in the same
 * transaction), the client's outcomes picture (summaries, session log, what preceded improvement,
 * plateau prompt, due measures), recurring schedules, reminders over the caseload (measures due,
 * plan reviews due) and the FHIR R4 export. Reads and writes are authorized like the client's
 * chart (supervisors read, owners write) and audited (ids only, never answers or scores).
 */
import { dateIn } from '../../core/time-zone.js';
import { INSTRUMENTS } from '../../core/measures/instruments.js';
import { scoreInstrument } from '../../core/measures/score.js';
import type { Instrument, InstrumentId } from '../../core/measures/schema.js';
import type {
  ClientOutcomes,
  ClinicalAlert,
  MeasureAdministration,
  MeasureDue,
  MeasureSchedule,
  Reminders,
  ScheduleCadence,
} from '../domain/schemas.js';
import { InternalError, validationFailed, type ValidationIssue } from '../errors.js';
import { measuresToFhir } from '../export/fhir-measures.js';
import { validateFhir } from '../export/fhir-validate.js';
import type { Bundle } from '../export/fhir-types.js';
import type { Actor } from './access.js';
import { alertsForScore, raiseAlerts } from './alerts.js';
import { audit, auditAccess, type StoreTx } from './audit.js';
import { ClientService, type ClinicalDeps } from './clients.js';
import {
  adaptPrompt,
  dueMeasures,
  latestByInstrument,
  outcomesOf,
  precededImprovements,
  riskFlags,
  sessionLog,
} from './measure-outcomes.js';
import { readPracticeSettings } from './settings.js';

/** Every instrument DocScrib administers (forms and constants; not PHI). */
export function instrumentList(): Instrument[] {
  return Object.values(INSTRUMENTS);
}

/**
 * Check answers against the instrument (count, answer scale): 400 `validation_failed` naming the
 * item (`<path>[i]`), never quoting the value.
 */
export function checkAnswers(
  instrumentId: InstrumentId,
  answers: readonly (number | null)[],
  path: string,
): void {
  const inst = INSTRUMENTS[instrumentId];
  const n = inst.items.length;
  if (answers.length !== n) {
    throw validationFailed(
      [
        {
          path,
          message: `must hold ${n} answers, one per ${inst.shortName} item in order (null for an unanswered item); ${answers.length} were given`,
        },
      ],
      `Send ${n} answers for the ${inst.shortName}.`,
    );
  }
  const allowed = inst.answerOptions.map((o) => o.value);
  const issues: ValidationIssue[] = [];
  answers.forEach((v, i) => {
    if (v !== null && !allowed.includes(v)) {
      issues.push({
        path: `${path}[${i}]`,
        message: `${inst.shortName} item ${i + 1} must be one of ${allowed.join(', ')} (or null when unanswered)`,
      });
    }
  });
  if (issues.length > 0) {
    throw validationFailed(issues, `Answer each ${inst.shortName} item on its scale.`);
  }
}

/** One administration to store (answers already checked). */
export interface AdministrationInput {
  clientId: string;
  clinicianId: string;
  instrument: InstrumentId;
  answers: (number | null)[];
  administeredAt: string;
  source: MeasureAdministration['source'];
  sessionId: string | null;
  enteredBy: string | null;
  linkId: string | null;
}

/**
 * Score and store an administration and its alerts inside `tx`, with audit entries (`create`
 * `measure` / `alert`; `actor` null for a client answering through a link).
 */
export async function storeAdministration(
  deps: ClinicalDeps,
  tx: StoreTx,
  actor: Pick<Actor, 'id'> | null,
  input: AdministrationInput,
): Promise<{ administration: MeasureAdministration; alerts: ClinicalAlert[] }> {
  const score = scoreInstrument(input.instrument, input.answers);
  const administration = await tx.measures.create({
    clientId: input.clientId,
    instrument: input.instrument,
    answers: input.answers,
    score,
    administeredAt: input.administeredAt,
    source: input.source,
    sessionId: input.sessionId,
    enteredBy: input.enteredBy,
    linkId: input.linkId,
  });
  await audit(deps, tx, actor, 'create', 'measure', administration.id);
  const alerts = await raiseAlerts(
    deps,
    tx,
    actor,
    alertsForScore(score, {
      clientId: input.clientId,
      clinicianId: input.clinicianId,
      administrationId: administration.id,
      sessionId: input.sessionId,
    }),
  );
  return { administration, alerts };
}

export class MeasureService {
  private readonly clients: ClientService;

  constructor(private readonly deps: ClinicalDeps) {
    this.clients = new ClientService(deps);
  }

  /** The clinician enters the client's answers (owner only). */
  async enter(
    actor: Actor,
    clientId: string,
    body: {
      instrument: InstrumentId;
      answers: (number | null)[];
      administeredAt?: string | undefined;
      sessionId: string | null;
    },
  ): Promise<{ administration: MeasureAdministration; alerts: ClinicalAlert[] }> {
    const client = await this.clients.load(actor, clientId, 'write');
    checkAnswers(body.instrument, body.answers, 'body.answers');
    const now = this.deps.clock.now();
    const administeredAt = body.administeredAt ?? now.toISOString();
    if (Date.parse(administeredAt) > now.getTime() + 5 * 60 * 1000) {
      throw validationFailed(
        [{ path: 'body.administeredAt', message: 'must not be in the future' }],
        'Give the time the client answered, or leave it out for now.',
      );
    }
    await this.checkSession(clientId, body.sessionId, 'body.sessionId');
    return this.deps.store.transaction((tx) =>
      storeAdministration(this.deps, tx, actor, {
        clientId,
        clinicianId: client.clinicianId,
        instrument: body.instrument,
        answers: body.answers,
        administeredAt: new Date(administeredAt).toISOString(),
        source: 'clinician',
        sessionId: body.sessionId,
        enteredBy: actor.id,
        linkId: null,
      }),
    );
  }

  /** A session id given with a measure must be one of this client's sessions. */
  async checkSession(clientId: string, sessionId: string | null, path: string): Promise<void> {
    if (sessionId === null) return;
    const session = await this.deps.store.sessions.get(sessionId);
    if (session?.clientId !== clientId) {
      throw validationFailed(
        [{ path, message: "is not one of this client's sessions" }],
        'Leave it out, or give the id of a session of this client.',
      );
    }
  }

  /** The client's measurement-based-care picture. */
  async outcomes(actor: Actor, clientId: string): Promise<ClientOutcomes> {
    const client = await this.clients.load(actor, clientId, 'read');
    const { store } = this.deps;
    const [administrations, sessions, notes, schedules, plan, settings, alerts, assessments] =
      await Promise.all([
        store.measures.listForClient(clientId),
        store.sessions.listForClient(clientId),
        store.notes.listForClient(clientId),
        store.measureSchedules.listForClient(clientId),
        store.plans.get(clientId),
        readPracticeSettings(store),
        store.alerts.listForClient(clientId),
        store.safetyAssessments.listForClient(clientId),
      ]);
    const now = this.deps.clock.now();
    const timeZone = settings.timezone;
    const outcomes = outcomesOf(administrations, { timeZone });
    const log = sessionLog(sessions, notes, administrations, timeZone);
    const tried = [
      ...log.flatMap((e) => e.interventions.map((i) => i.interventionId)),
      ...(plan?.plannedInterventions.map((p) => p.interventionId) ?? []),
    ];
    const lastSessionDate =
      sessions
        .map((s) => s.details.date)
        .sort()
        .at(-1) ?? null;
    const due = dueMeasures(
      schedules,
      latestByInstrument(administrations),
      lastSessionDate,
      now,
      timeZone,
    );
    const usedNotes = log.map((e) => e.noteId).filter((id): id is string => id !== null);
    await auditAccess(
      this.deps,
      actor,
      'read',
      ['client', [clientId]],
      ['measure', administrations.map((a) => a.id)],
      ['session', sessions.map((s) => s.id)],
      ['note', usedNotes],
      ['plan', plan ? [clientId] : []],
      ['measure_schedule', schedules.map((s) => s.id)],
      // Read for the plateau prompt's risk flags (see riskFlags).
      ['alert', alerts.map((a) => a.id)],
      ['safety_assessment', assessments.map((a) => a.id)],
    );
    return {
      outcomes,
      administrations,
      sessionLog: log,
      precededImprovement: precededImprovements(outcomes, log),
      adaptPrompt: adaptPrompt(
        outcomes,
        client.profile.presentingConcerns,
        tried,
        riskFlags(alerts, assessments),
      ),
      due,
    };
  }

  async schedules(actor: Actor, clientId: string): Promise<MeasureSchedule[]> {
    await this.clients.load(actor, clientId, 'read');
    const list = await this.deps.store.measureSchedules.listForClient(clientId);
    await auditAccess(this.deps, actor, 'read', ['measure_schedule', list.map((s) => s.id)]);
    return list;
  }

  /** Replace the client's schedules (owner only). One schedule per instrument. */
  async putSchedules(
    actor: Actor,
    clientId: string,
    schedules: { instrument: InstrumentId; cadence: ScheduleCadence; active: boolean }[],
  ): Promise<MeasureSchedule[]> {
    await this.clients.load(actor, clientId, 'write');
    const seen = new Map<InstrumentId, number>();
    schedules.forEach((s, i) => {
      const first = seen.get(s.instrument);
      if (first !== undefined) {
        throw validationFailed(
          [
            {
              path: `body.schedules[${i}].instrument`,
              message: `is already scheduled by schedules[${first}]`,
            },
          ],
          'Give each instrument one schedule.',
        );
      }
      seen.set(s.instrument, i);
    });
    return this.deps.store.transaction(async (tx) => {
      const before = await tx.measureSchedules.listForClient(clientId);
      const after = await tx.measureSchedules.replace(clientId, schedules);
      for (const s of before) await audit(this.deps, tx, actor, 'delete', 'measure_schedule', s.id);
      for (const s of after) await audit(this.deps, tx, actor, 'create', 'measure_schedule', s.id);
      return after;
    });
  }

  /**
   * Measures due and plan reviews due, over the actor's caseload: a fixed number of queries
   * whatever its size (schedules, latest administrations, latest session dates, plans).
   */
  async reminders(actor: Actor): Promise<Reminders> {
    const { store } = this.deps;
    const clients = await this.clients.caseload(actor);
    const ids = clients.map((c) => c.id);
    const [schedules, latest, settings, lastSessions, plans] = await Promise.all([
      store.measureSchedules.listForClients(ids),
      store.measures.latestTimes(ids),
      readPracticeSettings(store),
      store.sessions.latestDates(ids),
      store.plans.listForClients(ids),
    ]);
    const now = this.deps.clock.now();
    const today = dateIn(settings.timezone, now);
    const measuresDue: MeasureDue[] = [];
    const planReviews: Reminders['planReviews'] = [];
    for (const c of clients) {
      const mine = schedules.filter((s) => s.clientId === c.id && s.active);
      if (mine.length > 0) {
        const last = new Map(
          latest.filter((l) => l.clientId === c.id).map((l) => [l.instrument, l.administeredAt]),
        );
        const lastSession = lastSessions.get(c.id) ?? null;
        measuresDue.push(...dueMeasures(mine, last, lastSession, now, settings.timezone));
      }
      const reviewDate = plans.get(c.id)?.reviewDate;
      if (reviewDate != null && reviewDate <= today) {
        planReviews.push({ clientId: c.id, reviewDate });
      }
    }
    await auditAccess(
      this.deps,
      actor,
      'read',
      ['measure_schedule', measuresDue.map((d) => d.scheduleId)],
      ['plan', planReviews.map((p) => p.clientId)],
    );
    return { measuresDue, planReviews };
  }

  /**
   * Every administration of the client (PHQ-9, GAD-7, PCL-5 and the session feedback form) as a
   * FHIR R4 Bundle (owner only; audited `export`).
   */
  async fhir(actor: Actor, clientId: string): Promise<Bundle> {
    const client = await this.clients.load(actor, clientId, 'export');
    const administrations = await this.deps.store.measures.listForClient(clientId);
    const settings = await readPracticeSettings(this.deps.store);
    const bundle = measuresToFhir({
      client,
      administrations,
      practice: {
        name: settings.practiceName,
        address: settings.address,
        phone: settings.phone,
        npi: settings.npi,
        timezone: settings.timezone,
      },
      generatedAt: this.deps.clock.now().toISOString(),
    });
    const check = validateFhir(bundle);
    if (!check.valid) {
      const paths = check.errors.slice(0, 5).map((e) => e.path || '(root)');
      throw new InternalError(
        `FHIR measures export failed schema validation at ${paths.join(', ')}`,
      );
    }
    await auditAccess(this.deps, actor, 'export', ['measure', administrations.map((a) => a.id)]);
    return bundle;
  }
}
