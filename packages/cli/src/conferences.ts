// Press conferences from the command line, as the console has them: the list by date within each
// level, the bodies with the number each would give next, and a conference published from a file.
import { readFileSync } from 'node:fs';
import {
  CONFERENCE_LEVEL_LABELS,
  conferenceName,
  conferenceNumbering,
  listPressConferences,
  pressConferenceIssuers,
  publishPressConference,
  writeForSite,
  type PressConference,
} from '@epi/core/server';
import { actingUser, JSON_OPTION, SITE_RECORDED, SITE_RECORDED_HELP, USER_OPTION, type Command } from './command.ts';
import { EXIT_OK, line, UsageError } from './io.ts';

/** A conference as the command line prints it: no child rows but the counts of them. */
function conferenceJson(c: PressConference) {
  return {
    id: c.id,
    slug: c.slug,
    path: `/press-conferences/${c.slug}/`,
    level: c.level,
    issuer: c.issuer,
    number: c.number,
    heldOn: c.heldOn,
    startsAt: c.startsAt,
    title: c.title,
    version: c.version,
    people: c.people.length,
    qa: c.qa.length,
    links: c.links.length,
  };
}

export const conferencesList: Command = {
  name: 'conferences list',
  args: [],
  options: {
    json: { ...JSON_OPTION, description: 'print [{"id","slug","path","level","issuer","number","heldOn",…}] on standard output' },
  },
  summary: 'list the published press conferences, latest first, of every body',
  details: ['Each line: the date, the level, the body and its number (or 未标明场次), the title and the public address.'],
  async run({ io, values, db }) {
    const conferences = await listPressConferences(await db());
    if (values.json) line(io.stdout, JSON.stringify(conferences.map(conferenceJson)));
    else if (conferences.length === 0) line(io.stdout, 'No press conferences.');
    else
      for (const c of conferences) {
        line(
          io.stdout,
          `${c.heldOn}  ${CONFERENCE_LEVEL_LABELS[c.level]}  ${c.issuer} ${conferenceNumbering(c)}  ${c.title}  /press-conferences/${c.slug}/`,
        );
      }
    return EXIT_OK;
  },
};

export const conferencesIssuers: Command = {
  name: 'conferences issuers',
  args: [],
  options: { json: { ...JSON_OPTION, description: 'print [{"level","issuer","nextNumber","lastHeldOn"}] on standard output' } },
  summary: 'the bodies that hold press conferences, each with the number its next one would have',
  details: ["Each body numbers its own conferences: the city's 第2场 and the province's 第2场 are two conferences."],
  async run({ io, values, db }) {
    const issuers = await pressConferenceIssuers(await db());
    if (values.json) line(io.stdout, JSON.stringify(issuers));
    else for (const i of issuers) line(io.stdout, `${CONFERENCE_LEVEL_LABELS[i.level]}  ${i.issuer}  next: 第${i.nextNumber}场`);
    return EXIT_OK;
  },
};

export const conferencesPublish: Command = {
  name: 'conferences publish',
  args: ['FILE'],
  options: { user: USER_OPTION, json: { ...JSON_OPTION, description: 'print the conference as `conferences list --json` does' } },
  summary: 'publish a press conference from a JSON file, as a press officer does in the console',
  details: [
    'FILE holds one conference: {"level":"municipal|provincial|other","issuer","number" (or null: 未标明场次),',
    '"heldOn":"YYYY-MM-DD","startsAt" (optional, e.g. "2021-01-15T16:00:00+08:00"),"title","summary",',
    '"people":[{"role":"host|speaker","name","title","organisation"}],"agencies":[…],"qa":[{"question","answer"}],',
    '"links":[{"entityType","entityId"}]}. It is checked as the console checks it, and published at once.',
    SITE_RECORDED_HELP,
  ],
  async run({ io, config, values, args, db }) {
    const handle = await db();
    const actor = await actingUser(handle, config, values.user as string | undefined, ['press_officer'], 'conferences publish');
    let input: unknown;
    try {
      input = JSON.parse(readFileSync(args[0]!, 'utf8'));
    } catch (error) {
      throw new UsageError(`${args[0]}: not a readable JSON file (${(error as Error).message})`, 'conferences publish');
    }
    const { result: conference } = await writeForSite(
      { db: handle, actor, now: io.now() },
      (ctx) => publishPressConference(ctx, input as never),
      (c) => ({ reason: `发布${conferenceName(c)}`, path: `/press-conferences/${c.slug}/` }),
    );
    if (values.json) line(io.stdout, JSON.stringify(conferenceJson(conference)));
    else {
      line(io.stdout, `Published ${conferenceName(conference)} as ${actor.name}: /press-conferences/${conference.slug}/`);
      line(io.stdout, SITE_RECORDED);
    }
    return EXIT_OK;
  },
};

export const conferenceCommands: Command[] = [conferencesList, conferencesIssuers, conferencesPublish];
