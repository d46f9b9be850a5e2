// The outbreak as it was published, 2 January to mid-February 2021 (data/outbreak/): the city's
// figures from the province's daily bulletins and the city's and province's press conferences, and
// the conferences of every level, each row with the public source it was read from. Loaded through
// the same validation and write functions as user input: a press officer submits each report in
// the order its period ends and a reviewer approves it; a press officer publishes each conference.
// A report is asked for a written justification exactly when the console would ask for one; the
// rows that need one carry it (a day with no figures found, figures that disagree), and loading
// stops at a row that needs one and has none. What was already there (the seeds' own report of
// 1月15日0—12时, their 11th conference) is kept as it is.
import { readFileSync } from 'node:fs';
import type { Db, Tx } from '../db/database.ts';
import type { ConferenceLevel } from '../press-conference/issuer.ts';
import { publishPressConference } from '../press-conference/press-conference.ts';
import { recordSiteChange } from '../release/site-change.ts';
import { ReconciliationError } from '../report/report.ts';
import type { ReportInput } from '../report/schema.ts';
import { approveReport, submitReport } from '../report/workflow.ts';
import type { ReportFigure } from '../review/figures.ts';
import type { Actor, WriteContext } from '../shared/actor.ts';
import { formatPeriod } from '../shared/time.ts';
import { approveIsolationSnapshot, submitIsolationSnapshot, type IsolationSnapshotInput } from '../isolation/isolation.ts';
import { approveTestingRound, submitTestingRound, type TestingRoundInput } from '../testing-round/testing-round.ts';

export interface OutbreakSource {
  url: string;
  title: string;
}

/** One report as a source published it: the city's figures only, each as stated. */
export interface OutbreakReportRow {
  periodStart: string;
  periodEnd: string;
  kind: 'full-day' | 'part-day' | 'several-days';
  figures: Partial<Record<ReportFigure, number>>;
  districts: Array<{ districtCode: string; newConfirmed?: number; newAsymptomatic?: number }>;
  source: OutbreakSource;
  /** The sentence(s) the figures were read from, as the source has them. */
  quote: string;
  quoteLanguage?: 'en';
  /** What to know about the source (a repost, a translation, a garbled copy). */
  sourceNote?: string;
  /** The written justification, where the console asks for one. */
  reconciliationNote?: string;
}

export interface OutbreakConferenceRow {
  level: ConferenceLevel;
  issuer: string;
  number: number | null;
  heldOn: string;
  /** 'HH:MM' Beijing time, when the source states it. */
  time: string | null;
  title: string;
  summary: string;
  speakers: Array<{ name: string; role: string | null }>;
  source: OutbreakSource;
  quote: string | null;
  sourceNote?: string;
}

/** A statement of a testing round's figures, as a source gave it. */
export interface OutbreakTestingRoundRow extends Omit<TestingRoundInput, 'summary'> {
  summary?: string;
  /** The day the figures were stated, for final figures stated with no time of their own. */
  statedOn?: string;
  source: OutbreakSource;
  quote: string;
  sourceNote?: string;
}

/** Centralised isolation at a moment, as a source gave it. */
export interface OutbreakIsolationRow extends IsolationSnapshotInput {
  source: OutbreakSource;
  quote: string;
  sourceNote?: string;
}

const read = <T>(file: string): T => JSON.parse(readFileSync(new URL(`../../data/outbreak/${file}`, import.meta.url), 'utf8')) as T;

export const outbreakReports = (): OutbreakReportRow[] => read('reports.json');
export const outbreakConferences = (): OutbreakConferenceRow[] => read('press-conferences.json');
export const outbreakTestingRounds = (): OutbreakTestingRoundRow[] => read('testing-rounds.json');
export const outbreakIsolation = (): OutbreakIsolationRow[] => read('isolation.json');

/** The text a figure keeps of its source: what was said, then where. */
const cited = (text: string | undefined, source: OutbreakSource, max: number) =>
  `${text ? `${text}\n` : ''}（来源：${source.title}，${source.url}）`.slice(0, max);

/** What a testing round row becomes in the form: its figures, with the source in its summary. */
export function outbreakTestingRoundInput(row: OutbreakTestingRoundRow): TestingRoundInput {
  const { source, quote, sourceNote: _note, statedOn: _on, summary, ...figures } = row;
  return { ...figures, summary: cited(summary ?? quote, source, 2000) };
}

/** What a row becomes in the report form: its figures, district rows and source. */
export function outbreakReportInput(row: OutbreakReportRow): ReportInput {
  return {
    periodStart: row.periodStart,
    periodEnd: row.periodEnd,
    ...row.figures,
    districts: row.districts,
    source: cited(row.quote, row.source, 4000),
    reconciliationNote: row.reconciliationNote ?? null,
  };
}

export interface OutbreakLoad {
  reports: { loaded: number; kept: number };
  /** The reports the console asked a justification of: their period, what it asked about, and the justification. */
  justified: Array<{ period: string; issues: string[]; note: string }>;
  conferences: { loaded: number; kept: number };
  testingRounds: { loaded: number; kept: number };
  isolation: { loaded: number; kept: number };
}

const HOUR = 3_600_000;

/**
 * Loads the outbreak, all or nothing: `press` submits and publishes, `reviewer` approves. Reports
 * whose period is already published or in review, and conferences whose number (or date, unnumbered) their body
 * already has are kept as they are.
 */
export function loadOutbreakData(db: Db, press: Actor, reviewer: Actor, now = new Date()): Promise<OutbreakLoad> {
  return db.transaction().execute(async (tx: Tx) => {
    const load = await loadOutbreak(tx, press, reviewer);
    const loaded = load.reports.loaded + load.conferences.loaded + load.testingRounds.loaded + load.isolation.loaded;
    // The public site is behind the data from now on, in the same transaction: a running console publishes it.
    if (loaded > 0) await recordSiteChange(tx, { actor: press, now }, `载入2021年1—2月疫情数据（${loaded} 项）`);
    return load;
  });
}

/** The same, inside a transaction the caller holds (the demo loads the seeds and then the outbreak in one). */
export async function loadOutbreak(tx: Tx, press: Actor, reviewer: Actor): Promise<OutbreakLoad> {
  const at = (instant: number, actor: Actor): WriteContext => ({ db: tx, actor, now: new Date(instant) });
  const result: OutbreakLoad = {
    reports: { loaded: 0, kept: 0 },
    justified: [],
    conferences: { loaded: 0, kept: 0 },
    testingRounds: { loaded: 0, kept: 0 },
    isolation: { loaded: 0, kept: 0 },
  };

  const rows = outbreakReports().sort((a, b) => Date.parse(a.periodEnd) - Date.parse(b.periodEnd));
  for (const row of rows) {
    const input = outbreakReportInput(row);
    const existing = await tx
      .selectFrom('report')
      .select('id')
      .where('period_start', '=', new Date(row.periodStart).toISOString())
      .where('period_end', '=', new Date(row.periodEnd).toISOString())
      // Published, or waiting for review: never entered twice.
      .where('status', 'in', ['published', 'in_review'])
      .executeTakeFirst();
    if (existing) {
      result.reports.kept += 1;
      continue;
    }
    const period = formatPeriod(row.periodStart, row.periodEnd);
    // Entered an hour after the period closed, approved an hour later. Submission checks the row
    // as the console does; what the justification answered is kept with it.
    const end = Date.parse(row.periodEnd);
    const submitted = await submitReport(at(end + HOUR, press), input).catch((error: unknown) => {
      if (error instanceof ReconciliationError) {
        throw new ReconciliationError(error.issues, `${period}：数据未能核对一致，数据文件中没有说明`);
      }
      throw error;
    });
    if (submitted.submittedIssues.length > 0) {
      result.justified.push({ period, issues: submitted.submittedIssues.map((i) => i.message), note: row.reconciliationNote! });
    }
    await approveReport(at(end + 2 * HOUR, reviewer), { id: submitted.id, expectedVersion: submitted.version });
    result.reports.loaded += 1;
  }

  for (const c of outbreakConferences().sort((a, b) => a.heldOn.localeCompare(b.heldOn))) {
    let same = tx.selectFrom('press_conference').select('id').where('issuer_level', '=', c.level).where('issuer', '=', c.issuer);
    same = c.number === null ? same.where('number', 'is', null).where('held_on', '=', c.heldOn) : same.where('number', '=', c.number);
    if (await same.executeTakeFirst()) {
      result.conferences.kept += 1;
      continue;
    }
    const startsAt = c.time ? `${c.heldOn}T${c.time}:00+08:00` : null;
    // Published the evening of the day it was held.
    await publishPressConference(at(Date.parse(`${c.heldOn}T21:00:00+08:00`), press), {
      level: c.level,
      issuer: c.issuer,
      number: c.number,
      heldOn: c.heldOn,
      startsAt,
      title: c.title,
      summary: cited(c.summary, c.source, 4000),
      people: c.speakers.map((s) => ({ role: 'speaker' as const, name: s.name, title: s.role ? s.role.slice(0, 100) : null })),
    });
    result.conferences.loaded += 1;
  }

  // Testing rounds: each round's progress in order, then its final figures; what the round
  // already has (its final, or a statement at the same moment) is kept.
  const stageOrder = (r: OutbreakTestingRoundRow) => (r.stage === 'final' ? 1 : 0);
  const rounds = outbreakTestingRounds().sort(
    (a, b) => a.number - b.number || stageOrder(a) - stageOrder(b) || Date.parse(a.asOf ?? '') - Date.parse(b.asOf ?? ''),
  );
  for (const row of rounds) {
    const asOf = row.asOf ?? row.completedAt ?? null;
    let same = tx.selectFrom('testing_round').select('id').where('number', '=', row.number);
    same = row.stage === 'final' ? same.where('stage', '=', 'final') : same.where('as_of', '=', new Date(asOf!).toISOString());
    if (await same.executeTakeFirst()) {
      result.testingRounds.kept += 1;
      continue;
    }
    const stated = asOf ? Date.parse(asOf) : Date.parse(`${row.statedOn!}T21:00:00+08:00`);
    const submitted = await submitTestingRound(at(stated + HOUR, press), outbreakTestingRoundInput(row));
    await approveTestingRound(at(stated + 2 * HOUR, reviewer), { id: submitted.id, expectedVersion: submitted.version });
    result.testingRounds.loaded += 1;
  }

  for (const row of outbreakIsolation().sort((a, b) => Date.parse(a.asOf) - Date.parse(b.asOf))) {
    const same = await tx
      .selectFrom('isolation_snapshot')
      .select('id')
      .where('as_of', '=', new Date(row.asOf).toISOString())
      .executeTakeFirst();
    if (same) {
      result.isolation.kept += 1;
      continue;
    }
    const { source: _s, quote: _q, sourceNote: _n, ...figures } = row;
    const submitted = await submitIsolationSnapshot(at(Date.parse(row.asOf) + HOUR, press), figures);
    await approveIsolationSnapshot(at(Date.parse(row.asOf) + 2 * HOUR, reviewer), { id: submitted.id, expectedVersion: submitted.version });
    result.isolation.loaded += 1;
  }
  return result;
}
