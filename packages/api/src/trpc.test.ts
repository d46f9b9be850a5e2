import { ROLES, type Role } from '@epi/core';
import { beforeAll, describe, expect, it } from 'vitest';
import { appRouter } from './root.ts';
import { outcomeOf, testApi, type Caller, type TestApi } from './test-support.ts';

/** What an allowed role gets when it calls with an empty object: refused input, or a result. */
type Allowed = { roles: Role[]; emptyInput: 'BAD_REQUEST' | 'OK' };

const STAFF: Role[] = ['admin', 'press_officer', 'reviewer'];
const FIGURES: Role[] = ['press_officer', 'reviewer'];
/** Who decides on changes of zones: reviewers, and administrators other than the author. */
const ZONE_REVIEW: Role[] = ['admin', 'reviewer'];

// Every procedure that needs a signed-in user, and who may call it.
const GUARDED: Record<string, Allowed> = {
  'zone.previewChange': { roles: ['admin'], emptyInput: 'BAD_REQUEST' },
  'zone.submitChange': { roles: ['admin'], emptyInput: 'BAD_REQUEST' },
  'zone.previewSweep': { roles: ['admin'], emptyInput: 'BAD_REQUEST' },
  'zone.submitSweep': { roles: ['admin'], emptyInput: 'BAD_REQUEST' },
  'zone.changes': { roles: ZONE_REVIEW, emptyInput: 'OK' },
  'zone.change': { roles: ZONE_REVIEW, emptyInput: 'BAD_REQUEST' },
  'zone.approveChange': { roles: ZONE_REVIEW, emptyInput: 'BAD_REQUEST' },
  'zone.returnChange': { roles: ZONE_REVIEW, emptyInput: 'BAD_REQUEST' },
  'zone.search': { roles: ['admin'], emptyInput: 'OK' },
  'zone.importPreview': { roles: ['admin'], emptyInput: 'BAD_REQUEST' },
  'zone.importSubmit': { roles: ['admin'], emptyInput: 'BAD_REQUEST' },
  'zone.setLevelScheme': { roles: ['admin'], emptyInput: 'BAD_REQUEST' },
  'zone.export': { roles: ['admin'], emptyInput: 'BAD_REQUEST' },
  'report.extract': { roles: ['press_officer'], emptyInput: 'BAD_REQUEST' },
  'report.check': { roles: ['press_officer'], emptyInput: 'BAD_REQUEST' },
  'report.all': { roles: FIGURES, emptyInput: 'OK' },
  'report.get': { roles: FIGURES, emptyInput: 'BAD_REQUEST' },
  'report.submit': { roles: ['press_officer'], emptyInput: 'BAD_REQUEST' },
  'report.resubmit': { roles: ['press_officer'], emptyInput: 'BAD_REQUEST' },
  'report.approve': { roles: ['reviewer'], emptyInput: 'BAD_REQUEST' },
  'report.return': { roles: ['reviewer'], emptyInput: 'BAD_REQUEST' },
  'report.correct': { roles: ['press_officer'], emptyInput: 'BAD_REQUEST' },
  'report.approveCorrection': { roles: ['reviewer'], emptyInput: 'BAD_REQUEST' },
  'report.returnCorrection': { roles: ['reviewer'], emptyInput: 'BAD_REQUEST' },
  'testingRound.all': { roles: FIGURES, emptyInput: 'OK' },
  'testingRound.get': { roles: FIGURES, emptyInput: 'BAD_REQUEST' },
  'testingRound.nextNumber': { roles: ['press_officer'], emptyInput: 'OK' },
  'testingRound.submit': { roles: ['press_officer'], emptyInput: 'BAD_REQUEST' },
  'testingRound.resubmit': { roles: ['press_officer'], emptyInput: 'BAD_REQUEST' },
  'testingRound.approve': { roles: ['reviewer'], emptyInput: 'BAD_REQUEST' },
  'testingRound.return': { roles: ['reviewer'], emptyInput: 'BAD_REQUEST' },
  'testingRound.correct': { roles: ['press_officer'], emptyInput: 'BAD_REQUEST' },
  'isolation.allSnapshots': { roles: FIGURES, emptyInput: 'OK' },
  'isolation.getSnapshot': { roles: FIGURES, emptyInput: 'BAD_REQUEST' },
  'isolation.submitSnapshot': { roles: ['press_officer'], emptyInput: 'BAD_REQUEST' },
  'isolation.resubmitSnapshot': { roles: ['press_officer'], emptyInput: 'BAD_REQUEST' },
  'isolation.approveSnapshot': { roles: ['reviewer'], emptyInput: 'BAD_REQUEST' },
  'isolation.returnSnapshot': { roles: ['reviewer'], emptyInput: 'BAD_REQUEST' },
  'isolation.correctSnapshot': { roles: ['press_officer'], emptyInput: 'BAD_REQUEST' },
  'review.queue': { roles: STAFF, emptyInput: 'OK' },
  'review.forReview': { roles: FIGURES, emptyInput: 'BAD_REQUEST' },
  'isolation.publishFacility': { roles: ['press_officer'], emptyInput: 'BAD_REQUEST' },
  'isolation.facility': { roles: FIGURES, emptyInput: 'BAD_REQUEST' },
  'isolation.updateFacility': { roles: ['press_officer'], emptyInput: 'BAD_REQUEST' },
  'pressConference.publish': { roles: ['press_officer'], emptyInput: 'BAD_REQUEST' },
  'pressConference.issuers': { roles: ['press_officer'], emptyInput: 'OK' },
  'pressConference.byId': { roles: ['press_officer'], emptyInput: 'BAD_REQUEST' },
  'pressConference.update': { roles: ['press_officer'], emptyInput: 'BAD_REQUEST' },
  'bulletin.create': { roles: ['press_officer'], emptyInput: 'BAD_REQUEST' },
  'bulletin.update': { roles: ['press_officer'], emptyInput: 'BAD_REQUEST' },
  'bulletin.upload': { roles: ['press_officer'], emptyInput: 'BAD_REQUEST' },
  'bulletin.submit': { roles: ['press_officer'], emptyInput: 'BAD_REQUEST' },
  'bulletin.return': { roles: ['reviewer'], emptyInput: 'BAD_REQUEST' },
  'bulletin.approve': { roles: ['reviewer'], emptyInput: 'BAD_REQUEST' },
  'bulletin.publish': { roles: FIGURES, emptyInput: 'BAD_REQUEST' },
  'bulletin.schedule': { roles: FIGURES, emptyInput: 'BAD_REQUEST' },
  'bulletin.unschedule': { roles: FIGURES, emptyInput: 'BAD_REQUEST' },
  'bulletin.withdraw': { roles: ['reviewer'], emptyInput: 'BAD_REQUEST' },
  'bulletin.takedowns': { roles: ['admin', 'reviewer'], emptyInput: 'OK' },
  'bulletin.requestTakedown': { roles: ['admin', 'reviewer'], emptyInput: 'BAD_REQUEST' },
  'bulletin.confirmTakedown': { roles: ['admin', 'reviewer'], emptyInput: 'BAD_REQUEST' },
  'bulletin.cancelTakedown': { roles: ['admin', 'reviewer'], emptyInput: 'BAD_REQUEST' },
  'bulletin.all': { roles: STAFF, emptyInput: 'OK' },
  'bulletin.get': { roles: STAFF, emptyInput: 'BAD_REQUEST' },
  'bulletin.revisions': { roles: STAFF, emptyInput: 'BAD_REQUEST' },
  'bulletin.transitions': { roles: STAFF, emptyInput: 'BAD_REQUEST' },
  'bulletin.attachmentContent': { roles: STAFF, emptyInput: 'BAD_REQUEST' },
  'release.list': { roles: STAFF, emptyInput: 'OK' },
  'release.changes': { roles: STAFF, emptyInput: 'OK' },
  'release.request': { roles: ['admin'], emptyInput: 'OK' },
  'release.blocked': { roles: STAFF, emptyInput: 'OK' },
  'release.retryBlocked': { roles: ['admin', 'press_officer'], emptyInput: 'BAD_REQUEST' },
  'audit.list': { roles: ['admin'], emptyInput: 'OK' },
  'user.list': { roles: ['admin'], emptyInput: 'OK' },
  'user.create': { roles: ['admin'], emptyInput: 'BAD_REQUEST' },
  'user.disable': { roles: ['admin'], emptyInput: 'BAD_REQUEST' },
  'user.enable': { roles: ['admin'], emptyInput: 'BAD_REQUEST' },
  'user.setRole': { roles: ['admin'], emptyInput: 'BAD_REQUEST' },
  'user.resetPassword': { roles: ['admin'], emptyInput: 'BAD_REQUEST' },
  'user.revokeSessions': { roles: ['admin'], emptyInput: 'BAD_REQUEST' },
  'user.resetTotp': { roles: ['admin'], emptyInput: 'BAD_REQUEST' },
  // Everyone's own account.
  'account.sessions': { roles: STAFF, emptyInput: 'OK' },
  'account.endSession': { roles: STAFF, emptyInput: 'BAD_REQUEST' },
  'account.endOtherSessions': { roles: STAFF, emptyInput: 'OK' },
  'account.changePassword': { roles: STAFF, emptyInput: 'BAD_REQUEST' },
  'account.totpBegin': { roles: STAFF, emptyInput: 'BAD_REQUEST' },
  'account.totpConfirm': { roles: STAFF, emptyInput: 'BAD_REQUEST' },
};

// Open to everyone: the public site and the open-data API read these.
const PUBLIC = [
  'auth.me',
  'auth.signIn',
  'auth.signOut',
  'district.counties',
  'district.list',
  'zone.levelSchemes',
  'zone.list',
  'zone.byId',
  'report.list',
  'report.latest',
  'report.byId',
  'report.corrections',
  'testingRound.list',
  'isolation.snapshots',
  'isolation.facilities',
  'pressConference.list',
  'pressConference.aliases',
  'pressConference.bySlug',
  'bulletin.list',
  'bulletin.byId',
];

/** Only for the site's build (a server-side caller it creates): refused to everyone else, signed in or not. */
const SITE_BUILD_ONLY = ['bulletin.attachment', 'zone.all'];

/** Calls a procedure by its dotted path. */
function call(caller: Caller, path: string, input: unknown): Promise<unknown> {
  const [group, name] = path.split('.') as [string, string];
  const procedures = caller as unknown as Record<string, Record<string, (input: unknown) => Promise<unknown>>>;
  return procedures[group]![name]!(input);
}

describe('role-guarded procedures', () => {
  let api: TestApi;
  const callers = new Map<Role | null, Caller>();
  beforeAll(async () => {
    api = await testApi();
    for (const role of [null, ...ROLES]) callers.set(role, await api.as(role));
  });

  it('classifies every procedure of the router as public or guarded', () => {
    const all = Object.keys(appRouter._def.procedures).sort();
    expect(all).toEqual([...PUBLIC, ...SITE_BUILD_ONLY, ...Object.keys(GUARDED)].sort());
  });

  describe.each(Object.entries(GUARDED))('%s', (path, allowed) => {
    it('refuses an anonymous caller before looking at the input', async () => {
      expect(await outcomeOf(call(callers.get(null)!, path, {}))).toBe('UNAUTHORIZED');
    });

    it.each(ROLES)('as %s', async (role) => {
      const outcome = await outcomeOf(call(callers.get(role)!, path, {}));
      expect(outcome).toBe(allowed.roles.includes(role) ? allowed.emptyInput : 'FORBIDDEN');
    });
  });

  it('lets anyone read the public procedures', async () => {
    const anonymous = callers.get(null)!;
    const inputs: Record<string, unknown> = {
      'auth.signIn': { username: 'nobody', password: 'wrong' },
      'zone.byId': { id: 'no-such-zone' },
      'report.byId': { id: 'no-such-report' },
      'pressConference.bySlug': { slug: 'city-99' },
      'bulletin.byId': { id: 'no-such-bulletin' },
    };
    const outcomes = Object.fromEntries(
      await Promise.all(PUBLIC.map(async (path) => [path, await outcomeOf(call(anonymous, path, inputs[path]))])),
    );
    expect(outcomes).toEqual({
      ...Object.fromEntries(PUBLIC.map((p) => [p, 'OK'])),
      'auth.signIn': 'UNAUTHORIZED', // wrong password, not a missing session
      'zone.byId': 'NOT_FOUND',
      'report.byId': 'NOT_FOUND',
      'pressConference.bySlug': 'NOT_FOUND',
      'bulletin.byId': 'NOT_FOUND',
    });
  });

  it('keeps the site build’s own procedures from every other caller', async () => {
    for (const path of SITE_BUILD_ONLY) {
      for (const role of [null, ...ROLES])
        expect(await outcomeOf(call(callers.get(role)!, path, { id: 'x' })), `${path} as ${role}`).toBe('NOT_FOUND');
    }
  });

  it('writes nothing and asks for no release when a call is refused', async () => {
    const before = await api.db
      .selectFrom('audit_entry')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    const requested = api.publisher.reasons.length;
    for (const path of Object.keys(GUARDED)) {
      for (const role of [null, 'reviewer'] as const) {
        await outcomeOf(
          call(callers.get(role)!, path, {
            id: 'x',
            expectedVersion: 1,
            title: 't',
            issuer: 'i',
            issuedOn: '2021-01-15',
            category: 'notice',
            bodyMd: 'b',
          }),
        );
      }
    }
    const after = await api.db
      .selectFrom('audit_entry')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    expect(Number(after.n)).toBe(Number(before.n));
    expect(api.publisher.reasons).toHaveLength(requested);
  });
});
