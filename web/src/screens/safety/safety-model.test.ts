import { describe, expect, it } from 'vitest';
import {
  NewConsentBodySchema,
  SafetyAssessmentBodySchema,
  SafetyPlanBodySchema,
  type ClinicalAlert,
} from '../../../../src/server/domain/schemas.js';
import {
  alertsToAssess,
  blankAssessment,
  blankConsent,
  bodyFromAssessment,
  bodyFromSafetyPlan,
  consentBody,
  consentProblems,
  draftFromAssessment,
  draftFromSafetyPlan,
  elementText,
  safetyPlanEmpty,
  triggerFromAlert,
} from './safety-model';

const ALERT: ClinicalAlert = {
  id: 'alert_00000001',
  clientId: 'client_000001',
  clinicianId: 'user_0000001',
  kind: 'phq9_item9',
  severity: 'urgent',
  message: 'PHQ-9 item 9 answered 2',
  administrationId: 'admin_000001',
  sessionId: null,
  safetyAssessmentId: null,
  createdAt: '2026-01-01T10:00:00.000Z',
  acknowledgedAt: null,
  acknowledgedBy: null,
};

describe('safety assessment', () => {
  it('starts with every element and the risk level not assessed, and nothing else', () => {
    const blank = blankAssessment();
    expect(blank).toEqual(SafetyAssessmentBodySchema.parse({}));
    for (const k of ['ideation', 'plan', 'intent', 'means'] as const) {
      expect(blank[k].status).toBe('not_assessed');
      expect(elementText(blank[k])).toBe('Not assessed');
    }
    expect(blank.riskLevel).toBe('not_assessed');
  });

  it('keeps untouched elements not assessed through the form; drops blank factor rows', () => {
    const d = draftFromAssessment(blankAssessment());
    d.ideation = { status: 'present', detail: ' passive, weekly ' };
    d.protectiveFactors = [{ text: ' daughter ' }, { text: '  ' }];
    const body = bodyFromAssessment(d);
    expect(body.ideation).toEqual({ status: 'present', detail: 'passive, weekly' });
    expect(body.plan.status).toBe('not_assessed');
    expect(body.intent.status).toBe('not_assessed');
    expect(body.means.status).toBe('not_assessed');
    expect(body.protectiveFactors).toEqual(['daughter']);
    expect(() => SafetyAssessmentBodySchema.parse(body)).not.toThrow();
    expect(elementText(body.ideation)).toBe('Present: passive, weekly');
  });

  it('takes the trigger from the alert, else the clinician', () => {
    expect(triggerFromAlert(ALERT)).toEqual({
      kind: 'phq9_item9',
      administrationId: 'admin_000001',
    });
    expect(
      triggerFromAlert({ kind: 'session_risk', administrationId: null, sessionId: 'sess_0000001' }),
    ).toEqual({ kind: 'session_risk', sessionId: 'sess_0000001' });
    expect(triggerFromAlert({ ...ALERT, administrationId: null })).toEqual({ kind: 'clinician' });
  });

  it('offers only this client’s alerts that no assessment answers', () => {
    const other = { ...ALERT, id: 'alert_00000002', clientId: 'client_000002' };
    const done = { ...ALERT, id: 'alert_00000003', safetyAssessmentId: 'sa_000000001' };
    expect(alertsToAssess([ALERT, other, done], 'client_000001').map((a) => a.id)).toEqual([
      'alert_00000001',
    ]);
  });
});

describe('safety plan', () => {
  it('is empty until filled, and the form sends what the API accepts (blank rows dropped)', () => {
    const d = draftFromSafetyPlan(null);
    expect(safetyPlanEmpty(bodyFromSafetyPlan(d))).toBe(true);
    d.warningSigns = [{ text: ' cannot sleep ' }, { text: '' }];
    d.professionals = [
      { name: ' Crisis line ', contact: ' 988 ' },
      { name: '', contact: '' },
    ];
    const body = bodyFromSafetyPlan(d);
    expect(body.warningSigns).toEqual(['cannot sleep']);
    expect(body.professionals).toEqual([{ name: 'Crisis line', contact: '988' }]);
    expect(body.copingStrategies).toEqual([]);
    expect(SafetyPlanBodySchema.parse(body)).toEqual(body);
    expect(safetyPlanEmpty(body)).toBe(false);
    expect(bodyFromSafetyPlan(draftFromSafetyPlan(body))).toEqual(body);
  });
});

describe('consent', () => {
  it('asks for the intervention and a decision; never assumes one', () => {
    const d = blankConsent('2026-02-01');
    expect(Object.values(d.discussed)).toEqual([false, false, false, false]);
    expect(consentProblems(d)).toHaveLength(2);
    expect(consentBody(d)).toBeNull();
    const ready = { ...d, interventionId: 'exposure.in_vivo', decision: 'agreed' as const };
    expect(consentProblems(ready)).toEqual([]);
    const body = consentBody(ready);
    expect(NewConsentBodySchema.parse(body)).toMatchObject({
      kind: 'intervention',
      interventionId: 'exposure.in_vivo',
      decision: 'agreed',
      date: '2026-02-01',
    });
    // Consent to recording names no intervention.
    expect(consentBody({ ...ready, kind: 'recording' })?.interventionId).toBeNull();
    expect(consentProblems({ ...d, kind: 'recording', decision: 'declined' })).toEqual([]);
  });
});
