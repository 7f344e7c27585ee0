import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { isApiError } from '../errors.js';
import {
  actorFor,
  authorize,
  enforce,
  type Action,
  type Actor,
  type Decision,
  type Resource,
} from './access.js';

const id = (): string => randomBytes(12).toString('base64url');
const ACTIONS: readonly Action[] = ['read', 'write', 'sign', 'cosign', 'addendum', 'export'];

/** The people around one client: its owner (a supervised trainee) and everyone else. */
function cast() {
  const ownerId = id();
  const owner: Actor = { id: ownerId, role: 'clinician', superviseeIds: [] };
  const supervisor: Actor = { id: id(), role: 'supervisor', superviseeIds: [id(), ownerId] };
  return {
    ownerId,
    actors: {
      owner,
      supervisorOfOwner: supervisor,
      otherClinician: { id: id(), role: 'clinician', superviseeIds: [] } as Actor,
      unrelatedSupervisor: { id: id(), role: 'supervisor', superviseeIds: [id()] } as Actor,
      admin: { id: id(), role: 'admin', superviseeIds: [] } as Actor,
      // A clinician listed as someone's supervisee source must not gain supervisor powers.
      clinicianWithStaleSupervisees: {
        id: id(),
        role: 'clinician',
        superviseeIds: [ownerId],
      } as Actor,
    },
    supervisorId: supervisor.id,
  };
}

type Who = keyof ReturnType<typeof cast>['actors'];
const WHO: readonly Who[] = [
  'owner',
  'supervisorOfOwner',
  'otherClinician',
  'unrelatedSupervisor',
  'admin',
  'clinicianWithStaleSupervisees',
];

/**
 * Expected outcome per (resource kind, who) → the actions allowed; any other action is refused
 * with `deniedAs`. Written out by hand from the access rules, independently of access.ts.
 */
interface Expect {
  allowed: readonly Action[];
  deniedAs: 'forbidden' | 'not_found';
}
const HIDDEN: Expect = { allowed: [], deniedAs: 'not_found' };
const ADMIN_ONLY: Expect = { allowed: [], deniedAs: 'forbidden' };

const CHART: Record<Who, Expect> = {
  owner: { allowed: ['read', 'write', 'export'], deniedAs: 'forbidden' },
  supervisorOfOwner: { allowed: ['read'], deniedAs: 'forbidden' },
  otherClinician: HIDDEN,
  unrelatedSupervisor: HIDDEN,
  admin: ADMIN_ONLY,
  clinicianWithStaleSupervisees: HIDDEN,
};
const NOTE_DRAFT: Record<Who, Expect> = {
  owner: { allowed: ['read', 'write', 'sign', 'addendum', 'export'], deniedAs: 'forbidden' },
  supervisorOfOwner: { allowed: ['read', 'cosign'], deniedAs: 'forbidden' },
  otherClinician: HIDDEN,
  unrelatedSupervisor: HIDDEN,
  admin: ADMIN_ONLY,
  clinicianWithStaleSupervisees: HIDDEN,
};
const PROCESS_NOTE_BY_OWNER: Record<Who, Expect> = {
  owner: { allowed: ['read', 'write'], deniedAs: 'forbidden' },
  supervisorOfOwner: HIDDEN,
  otherClinician: HIDDEN,
  unrelatedSupervisor: HIDDEN,
  admin: ADMIN_ONLY,
  clinicianWithStaleSupervisees: HIDDEN,
};

function check(decision: Decision, action: Action, e: Expect, label: string): void {
  if (e.allowed.includes(action)) {
    expect(decision, label).toEqual({ allowed: true });
  } else {
    expect(decision, label).toEqual({ allowed: false, reason: e.deniedAs });
  }
}

describe('authorize: the whole matrix (resource × who × action)', () => {
  for (const type of ['client', 'plan', 'session'] as const) {
    it(`${type}: owner full, supervisor of owner reads, everyone else sees nothing`, () => {
      const c = cast();
      for (const who of WHO) {
        for (const action of ACTIONS) {
          const r: Resource = { type, ownerClinicianId: c.ownerId };
          check(
            authorize(c.actors[who], action, r),
            action,
            CHART[who],
            `${type}/${who}/${action}`,
          );
        }
      }
    });
  }

  it('note (not co-signed): author signs and edits, supervisor of the author reads and co-signs', () => {
    const c = cast();
    for (const who of WHO) {
      for (const action of ACTIONS) {
        const r: Resource = {
          type: 'note',
          ownerClinicianId: c.ownerId,
          authorId: c.ownerId,
          cosignedBy: null,
        };
        check(
          authorize(c.actors[who], action, r),
          action,
          NOTE_DRAFT[who],
          `note/${who}/${action}`,
        );
      }
    }
  });

  it('note (co-signed): the co-signer may add an addendum too', () => {
    const c = cast();
    const r: Resource = {
      type: 'note',
      ownerClinicianId: c.ownerId,
      authorId: c.ownerId,
      cosignedBy: c.supervisorId,
    };
    expect(authorize(c.actors.supervisorOfOwner, 'addendum', r)).toEqual({ allowed: true });
    expect(authorize(c.actors.owner, 'addendum', r)).toEqual({ allowed: true });
    expect(authorize(c.actors.otherClinician, 'addendum', r)).toEqual({
      allowed: false,
      reason: 'not_found',
    });
    // Co-signing does not make the supervisor an editor or an exporter.
    for (const action of ['write', 'sign', 'export'] as const) {
      expect(authorize(c.actors.supervisorOfOwner, action, r)).toEqual({
        allowed: false,
        reason: 'forbidden',
      });
    }
  });

  it('process note: its author only; to everyone else it does not exist', () => {
    const c = cast();
    for (const who of WHO) {
      for (const action of ACTIONS) {
        const r: Resource = {
          type: 'process_note',
          ownerClinicianId: c.ownerId,
          authorId: c.ownerId,
        };
        check(
          authorize(c.actors[who], action, r),
          action,
          PROCESS_NOTE_BY_OWNER[who],
          `process_note/${who}/${action}`,
        );
      }
    }
  });

  it('process note by someone else on my own client is hidden from me, the owner', () => {
    const c = cast();
    const r: Resource = { type: 'process_note', ownerClinicianId: c.ownerId, authorId: id() };
    for (const action of ACTIONS) {
      expect(authorize(c.actors.owner, action, r)).toEqual({ allowed: false, reason: 'not_found' });
    }
  });

  it('a process note its author can no longer see the client of stays hidden', () => {
    const c = cast();
    const author = c.actors.otherClinician;
    const r: Resource = { type: 'process_note', ownerClinicianId: c.ownerId, authorId: author.id };
    expect(authorize(author, 'read', r)).toEqual({ allowed: false, reason: 'not_found' });
  });
});

describe('authorize: notes written by someone other than the chart owner', () => {
  it('only the author signs; the owner who did not write it may not', () => {
    const c = cast();
    const authorId = id();
    const r: Resource = { type: 'note', ownerClinicianId: c.ownerId, authorId };
    expect(authorize(c.actors.owner, 'sign', r)).toEqual({ allowed: false, reason: 'forbidden' });
    expect(authorize(c.actors.owner, 'write', r)).toEqual({ allowed: false, reason: 'forbidden' });
    expect(authorize(c.actors.owner, 'read', r)).toEqual({ allowed: true });
  });

  it("a supervisor co-signs only their supervisee's notes, never their own", () => {
    const sup: Actor = { id: id(), role: 'supervisor', superviseeIds: [] };
    const own: Resource = { type: 'note', ownerClinicianId: sup.id, authorId: sup.id };
    expect(authorize(sup, 'cosign', own)).toEqual({ allowed: false, reason: 'forbidden' });
    expect(authorize(sup, 'sign', own)).toEqual({ allowed: true });
    expect(authorize(sup, 'write', own)).toEqual({ allowed: true });
  });

  it("a supervisor's own clients work like a clinician's", () => {
    const sup: Actor = { id: id(), role: 'supervisor', superviseeIds: [id()] };
    for (const action of ['read', 'write', 'export'] as const) {
      expect(authorize(sup, action, { type: 'client', ownerClinicianId: sup.id })).toEqual({
        allowed: true,
      });
    }
  });
});

describe('authorize: areas', () => {
  it('users, audit and settings are for admins only (403 for everyone else); anyone reads settings', () => {
    const c = cast();
    for (const type of ['users', 'audit', 'settings'] as const) {
      for (const who of WHO) {
        for (const action of ACTIONS) {
          const d = authorize(c.actors[who], action, { type });
          const allowed =
            (who === 'admin' && (action === 'read' || action === 'write')) ||
            (type === 'settings' && action === 'read');
          expect(d, `${type}/${who}/${action}`).toEqual(
            allowed ? { allowed: true } : { allowed: false, reason: 'forbidden' },
          );
        }
      }
    }
  });

  it('the caseload (list and create clients) is for clinicians and supervisors, never admin', () => {
    const c = cast();
    for (const who of WHO) {
      for (const action of ACTIONS) {
        const d = authorize(c.actors[who], action, { type: 'caseload' });
        const allowed = who !== 'admin' && (action === 'read' || action === 'write');
        expect(d, `caseload/${who}/${action}`).toEqual(
          allowed ? { allowed: true } : { allowed: false, reason: 'forbidden' },
        );
      }
    }
  });

  it('an unknown role or resource type is refused (deny by default)', () => {
    const weird = { id: id(), role: 'owner', superviseeIds: [] } as unknown as Actor;
    expect(authorize(weird, 'read', { type: 'client', ownerClinicianId: weird.id }).allowed).toBe(
      false,
    );
    const c = cast();
    const bogus = { type: 'billing', ownerClinicianId: c.ownerId } as unknown as Resource;
    expect(authorize(c.actors.owner, 'read', bogus).allowed).toBe(false);
  });

  it('an unknown action is refused', () => {
    const c = cast();
    const r: Resource = { type: 'note', ownerClinicianId: c.ownerId, authorId: c.ownerId };
    expect(authorize(c.actors.owner, 'delete' as Action, r).allowed).toBe(false);
    expect(authorize(c.actors.admin, 'delete' as Action, { type: 'users' }).allowed).toBe(false);
  });
});

describe('actorFor', () => {
  it('loads supervisees for supervisors only', async () => {
    const calls: string[] = [];
    const lookup = (sid: string): Promise<string[]> => {
      calls.push(sid);
      return Promise.resolve(['a-supervisee-id']);
    };
    const sup = await actorFor({ id: 'sup-000000001', role: 'supervisor' }, lookup);
    expect(sup.superviseeIds).toEqual(['a-supervisee-id']);
    const cl = await actorFor({ id: 'cli-000000001', role: 'clinician' }, lookup);
    expect(cl.superviseeIds).toEqual([]);
    expect(calls).toEqual(['sup-000000001']);
  });
});

describe('enforce', () => {
  function thrown(fn: () => void) {
    try {
      fn();
    } catch (e) {
      if (isApiError(e)) return e;
      throw e;
    }
    return undefined;
  }

  it('passes what authorize allows', () => {
    const c = cast();
    expect(
      thrown(() => {
        enforce(c.actors.owner, 'write', { type: 'client', ownerClinicianId: c.ownerId });
      }),
    ).toBeUndefined();
  });

  it('a hidden record is 404 not_found, worded like a missing one', () => {
    const c = cast();
    const e = thrown(() => {
      enforce(c.actors.otherClinician, 'read', {
        type: 'note',
        ownerClinicianId: c.ownerId,
        authorId: c.ownerId,
      });
    });
    expect(e?.status).toBe(404);
    expect(e?.code).toBe('not_found');
    expect(e?.message).toBe('No such note.');
  });

  it('a visible record the caller may not change is 403 naming who may', () => {
    const c = cast();
    const note: Resource = { type: 'note', ownerClinicianId: c.ownerId, authorId: c.ownerId };
    const sign = thrown(() => {
      enforce(c.actors.supervisorOfOwner, 'sign', note);
    });
    expect(sign?.status).toBe(403);
    expect(sign?.message).toMatch(/author/);
    const cosign = thrown(() => {
      enforce(c.actors.owner, 'cosign', note);
    });
    expect(cosign?.message).toMatch(/supervisor/);
  });

  it('admins get the generic 403 on clinical records', () => {
    const c = cast();
    const e = thrown(() => {
      enforce(c.actors.admin, 'read', { type: 'client', ownerClinicianId: c.ownerId });
    });
    expect(e?.status).toBe(403);
    expect(e?.code).toBe('forbidden');
  });
});
