// Loading the outbreak as it was published (2 January to mid-February 2021) into a database: the
// city's daily figures and the press conferences of every level, each row citing its source.
import { loadOutbreakData, type OutbreakLoad } from '@epi/core/server';
import { actingUser, JSON_OPTION, SITE_RECORDED, SITE_RECORDED_HELP, USER_OPTION, type Command } from './command.ts';
import { EXIT_OK, line } from './io.ts';

export const demoOutbreak: Command = {
  name: 'demo outbreak',
  args: [],
  options: {
    user: { ...USER_OPTION, description: 'the press officer who submits the reports and publishes the conferences' },
    reviewer: { type: 'string', value: 'USERNAME', description: 'the reviewer (or admin) who approves the reports', required: true },
    json: JSON_OPTION,
  },
  summary: 'load the outbreak of January–February 2021 as it was published, through review',
  details: [
    "The city's figures from the province's daily bulletins and the press conferences (part-day and full-day),",
    'the conferences of the city, the province and other bodies, the testing rounds (progress and final) and',
    'centralised isolation, each citing its public source; the data',
    'files are packages/core/data/outbreak/. Each report is submitted by --user and approved by --reviewer in',
    'the order its period ends; a report is justified only where the console asks for it (the days for which',
    'no figures were found). What is already there for the same period or conference is kept as it is.',
    'All or nothing. Demo mode loads this with the seeds into an empty database by itself unless',
    'EPI_DEMO_DATA=seeds.',
    SITE_RECORDED_HELP,
    'Example: EPI_DEMO=1 npm run epi -- demo outbreak --user press --reviewer reviewer',
  ],
  async run({ io, config, values, db }) {
    const handle = await db();
    const press = await actingUser(handle, config, values.user as string | undefined, ['press_officer'], 'demo outbreak');
    const reviewer = await actingUser(handle, config, values.reviewer as string, ['reviewer', 'admin'], 'demo outbreak');
    const load: OutbreakLoad = await loadOutbreakData(handle, press, reviewer);
    if (values.json) {
      line(io.stdout, JSON.stringify(load));
      return EXIT_OK;
    }
    line(io.stdout, `Reports: ${load.reports.loaded} loaded, ${load.reports.kept} already there.`);
    line(io.stdout, `Justified where the console asked (${load.justified.length}):`);
    for (const j of load.justified) line(io.stdout, `  ${j.period}: ${j.issues.join('；')} — ${j.note}`);
    line(io.stdout, `Press conferences: ${load.conferences.loaded} published, ${load.conferences.kept} already there.`);
    line(io.stdout, `Testing rounds: ${load.testingRounds.loaded} statements loaded, ${load.testingRounds.kept} already there.`);
    line(io.stdout, `Isolation: ${load.isolation.loaded} snapshots loaded, ${load.isolation.kept} already there.`);
    const loaded = load.reports.loaded + load.conferences.loaded + load.testingRounds.loaded + load.isolation.loaded;
    line(io.stdout, loaded > 0 ? SITE_RECORDED : 'Nothing new: the public site is unchanged.');
    return EXIT_OK;
  },
};

export const demoCommands: Command[] = [demoOutbreak];
