import type { Db } from '../db/database.ts';
import { approveBulletin, createBulletin, publishBulletin, submitBulletin } from '../bulletin/bulletin.ts';
import { approveIsolationSnapshot, publishIsolationFacility, submitIsolationSnapshot } from '../isolation/isolation.ts';
import { publishPressConference } from '../press-conference/press-conference.ts';
import { approveReport, submitReport } from '../report/workflow.ts';
import type { Actor, WriteContext } from '../shared/actor.ts';
import type { Tx } from '../db/database.ts';
import { approveTestingRound, submitTestingRound } from '../testing-round/testing-round.ts';
import { actorOf, createUser } from '../user/user.ts';
import { approveZoneChange, submitZoneChange } from '../zone/change.ts';
import type { ZoneOperationInput } from '../zone/change-schema.ts';
import { listZones } from '../zone/zone.ts';
import * as data from './data.ts';
import { loadOutbreak } from './outbreak.ts';
import { recordSiteChange } from '../release/site-change.ts';
import { SYSTEM_ACTOR } from '../shared/actor.ts';

/** True when nothing has been entered yet: no users, zones, reports or bulletins. */
export async function isEmpty(db: Db): Promise<boolean> {
  for (const table of ['app_user', 'zone', 'report', 'bulletin'] as const) {
    const row = await db
      .selectFrom(table)
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    if (Number(row.n) > 0) return false;
  }
  return true;
}

export interface DemoOptions {
  /**
   * Also the outbreak as it was published, 2 January to mid-February 2021 (data/outbreak/), after
   * the seeds: what a newcomer sees with `npm start`. The seeds alone are a smaller, fixed city for tests.
   */
  outbreak?: boolean;
}

/**
 * Loads the demo city through the same validation and write functions as user input,
 * in one transaction: either all of it is there or none of it.
 */
export async function loadDemoData(db: Db, options: DemoOptions = {}): Promise<void> {
  await db.transaction().execute(async (tx: Tx) => {
    const at = (iso: string, actor: Actor): WriteContext => ({ db: tx, actor, now: new Date(iso) });
    const setup = at('2021-01-05T08:00:00+08:00', SYSTEM_ACTOR);
    const users = [];
    for (const u of data.DEMO_USERS) users.push(await createUser(setup, u, { demo: true }));
    const admin = actorOf(users.find((u) => u.role === 'admin')!);
    const press = actorOf(users.find((u) => u.role === 'press_officer')!);
    const reviewer = actorOf(users.find((u) => u.role === 'reviewer')!);

    // Zones change the way every zone change does: the administrator submits, the reviewer approves.
    const changeZone = async (enteredAt: string, operation: ZoneOperationInput, reason?: string) => {
      const change = await submitZoneChange(at(enteredAt, admin), { operations: [operation], reason });
      return approveZoneChange(at(enteredAt, reviewer), { id: change.id, expectedVersion: change.version });
    };
    for (const z of data.DEMO_ZONES) {
      const [zoneId] = (await changeZone(z.at, { op: 'create', input: z.zone }, z.reason)).zoneIds;
      for (const { at: enteredAt, ...change } of z.relevels ?? []) {
        const [zone] = await listZones(tx, enteredAt, { zoneIds: [zoneId!] });
        await changeZone(enteredAt, {
          op: 'relevel',
          input: { zoneId: zoneId!, expectedVersion: zone!.version, notice: z.zone.notice, ...change },
        });
      }
    }

    // Bulletins go out the way every bulletin does: drafted and submitted by the press officer,
    // approved by the reviewer, then published.
    for (const b of [data.DEMO_MEETING_BULLETIN, data.DEMO_NOTICE_BULLETIN]) {
      const drafted = await createBulletin(at(b.at, press), b.bulletin);
      const submitted = await submitBulletin(at(b.at, press), { id: drafted.id, expectedVersion: drafted.version });
      const approved = await approveBulletin(at(b.at, reviewer), { id: submitted.id, expectedVersion: submitted.version });
      await publishBulletin(at(b.at, press), { id: approved.id, expectedVersion: approved.version });
    }

    // Figures go out the way every figure does: the press officer submits, the reviewer approves.
    const submit = at(data.FIGURES_SUBMITTED_AT, press);
    const approve = at(data.CONFERENCE_AT, reviewer);
    const submitted = [
      await submitReport(submit, data.DEMO_REPORT),
      await submitTestingRound(submit, data.DEMO_TESTING_ROUND),
      await submitIsolationSnapshot(submit, data.DEMO_ISOLATION),
    ] as const;
    const report = await approveReport(approve, { id: submitted[0].id, expectedVersion: submitted[0].version });
    const round = await approveTestingRound(approve, { id: submitted[1].id, expectedVersion: submitted[1].version });
    const isolation = await approveIsolationSnapshot(approve, { id: submitted[2].id, expectedVersion: submitted[2].version });
    const ctx = at(data.CONFERENCE_AT, press);
    await publishIsolationFacility(ctx, data.DEMO_FACILITY);
    await publishPressConference(ctx, {
      ...data.DEMO_PRESS_CONFERENCE,
      links: [
        { entityType: 'report', entityId: report.id },
        { entityType: 'testing_round', entityId: round.id },
        { entityType: 'isolation_snapshot', entityId: isolation.id },
      ],
    });
    if (options.outbreak) await loadOutbreak(tx, press, reviewer);
    // The first publication of all of it is a public change like any other: the transparency log's first entry.
    await recordSiteChange(tx, at(data.CONFERENCE_AT, SYSTEM_ACTOR), {
      reason: options.outbreak ? '载入演示数据：石家庄日报两版，及2021年1—2月的疫情数据' : '载入演示数据：石家庄日报两版',
      path: '/',
    });
  });
}
