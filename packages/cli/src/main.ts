import { Command, CommanderError, Option } from 'commander';
import { homedir } from 'node:os';
import { runtimeConfig, serveConfig, witnessStatePath } from './config.ts';
import { init } from './commands/init.ts';
import { consentCoverageCommand, consentOptionsCommand, consentReceiptCommand, consentSet, consentShow, consentVerify } from './commands/consent.ts';
import { governanceCharter, governanceClose, governanceDelegate, governanceOpen, governancePropose, governanceProposals, governanceVerify, governanceVote } from './commands/governance.ts';
import { insights } from './commands/insights.ts';
import { importFiles } from './commands/import.ts';
import { logRotateKey } from './commands/log-rotate-key.ts';
import { logVerify } from './commands/log-verify.ts';
import { serve } from './commands/serve.ts';
import { userCreate } from './commands/user-create.ts';
import { whoami } from './commands/whoami.ts';
import { printError } from './output.ts';
import { VERSION } from './version.ts';

const dataOption = () => new Option('--data <dir>', 'folder of the embedded database (env STEWARD_DATA; default ./.steward-data). DATABASE_URL selects PostgreSQL instead');

/** Builds the `steward` command. Each subcommand calls the same use-cases as the API. */
export function program(): Command {
  const cli = new Command('steward')
    .description('Steward: pool, govern and learn from members’ data on the collective’s terms.')
    .version(VERSION)
    .showHelpAfterError()
    .exitOverride();

  cli
    .command('serve')
    .description('run the API and the web app on one port')
    .option('--port <port>', 'port to listen on; 0 picks a free one (env PORT)', undefined)
    .option('--host <host>', 'address to listen on (env HOST)', undefined)
    .addOption(dataOption())
    .option('--demo', 'create the demo collective (slug "demo") with synthetic members if it is missing (env STEWARD_DEMO=1)')
    .action((flags) => serve(serveConfig(flags, process.env)));

  cli
    .command('init')
    .description('create a collective and its first steward (password from STEWARD_PASSWORD, a prompt, or generated)')
    .requiredOption('--slug <slug>', 'short name used in URLs, e.g. riders-union')
    .requiredOption('--name <name>', 'full name of the collective')
    .addOption(new Option('--kind <kind>', 'kind of collective').choices(['cooperative', 'union', 'trust', 'community']).makeOptionMandatory())
    .option('--description <text>', 'what the collective is for')
    .requiredOption('--email <email>', 'e-mail of the first steward (an existing account is reused)')
    .option('--display-name <name>', 'the steward’s name as others see it')
    .option('--no-canonical-datasets', 'do not declare the canonical datasets (work tasks, pay, time segments, locations, shifts)')
    .addOption(dataOption())
    .option('--json', 'print the result as JSON')
    .action((flags) => init(runtimeConfig(flags, process.env), flags));

  const user = cli.command('user').description('manage accounts');
  user
    .command('create')
    .description('create an account (password from STEWARD_PASSWORD, a prompt, or generated)')
    .requiredOption('--email <email>', 'e-mail address to sign in with')
    .option('--display-name <name>', 'name as others see it')
    .addOption(dataOption())
    .option('--json', 'print the result as JSON')
    .action((flags) => userCreate(runtimeConfig(flags, process.env), flags));

  cli
    .command('whoami')
    .description('show who an API token belongs to and their collectives, asking a running server')
    .option('--server <url>', 'the server, e.g. https://steward.example.org (env STEWARD_SERVER)')
    .option('--token <token>', 'a personal API token (env STEWARD_TOKEN; prefer the variable: flags show in ps)')
    .option('--json', 'print the result as JSON')
    .action((flags) => whoami(flags));

  cli
    .command('import')
    .description('bring a platform export into a collective: see what would be stored, then store it on confirmation (or with --yes)')
    .argument('<files...>', 'export files: ZIP, CSV or JSON')
    .requiredOption('--collective <slug>', 'the collective')
    .option('--member <email>', 'whose data it is (local mode, with --data or DATABASE_URL)')
    .option('--tz <zone>', 'IANA time zone of the export’s local times, e.g. Europe/Paris')
    .option('--importer <name>', 'the importer to use instead of detecting it')
    .option('--currency <code>', 'currency for amounts the file does not name')
    .option('--yes', 'store without asking')
    .option('--server <url>', 'import through a running server (env STEWARD_SERVER), with STEWARD_TOKEN')
    .option('--token <token>', 'a personal API token (env STEWARD_TOKEN; prefer the variable)')
    .addOption(dataOption())
    .option('--json', 'print previews and results as JSON')
    .action((files: string[], flags) => importFiles(runtimeConfig(flags, process.env), files, flags));

  cli
    .command('insights')
    .description('your real pay and hours per week or month: net, commission, per online and engaged hour, per km, after expenses; shifts worked; your places and time at your workplace')
    .requiredOption('--collective <slug>', 'the collective')
    .option('--member <email>', 'whose insights (local mode, with --data or DATABASE_URL: whoever runs the server’s own CLI controls its data)')
    .addOption(new Option('--period <period>', 'group by ISO week or calendar month').choices(['week', 'month']).default('week'))
    .option('--tz <zone>', 'IANA time zone the weeks and days are cut in, e.g. Europe/Paris (default: this machine’s)')
    .option('--expenses-per-km <amount>', 'your costs per km (fuel, wear, insurance), e.g. 0.12, to see net after them')
    .option('--currency <code>', 'currency of --expenses-per-km, e.g. EUR')
    .option('--workplace <lat,lng>', 'your workplace, e.g. 42.361,-71.0875 (one of "Your places"); default: the suggested one')
    .option('--workplace-radius <metres>', 'metres around the workplace that count as at it, 10–2000 (default 150)')
    .option('--server <url>', 'ask a running server (env STEWARD_SERVER), with STEWARD_TOKEN')
    .option('--token <token>', 'a personal API token (env STEWARD_TOKEN; prefer the variable)')
    .addOption(dataOption())
    .option('--json', 'print the insights as JSON')
    .action((flags) => insights(runtimeConfig(flags, process.env), flags, process.env));

  const consent = cli.command('consent').description('your consent: who may use your data, for what, until when; receipts; coverage for stewards');
  /** Where the consent commands act: a server with a token (as its owner), or this machine's store as --member. */
  const target = (c: Command) =>
    c
      .requiredOption('--collective <slug>', 'the collective')
      .option('--member <email>', 'whose consent (local mode, with --data or DATABASE_URL)')
      .option('--server <url>', 'ask a running server (env STEWARD_SERVER), with STEWARD_TOKEN')
      .option('--token <token>', 'a personal API token (env STEWARD_TOKEN; prefer the variable)')
      .addOption(dataOption())
      .option('--json', 'print JSON');
  target(consent.command('show').description('what you consent to now, your history and what is due for review')).action((flags) =>
    consentShow(runtimeConfig(flags, process.env), flags, process.env),
  );
  target(consent.command('options').description('the presets, purposes, recipients and datasets you can choose from')).action((flags) =>
    consentOptionsCommand(runtimeConfig(flags, process.env), flags, process.env),
  );
  const many = (value: string, previous: string[] = []) => [...previous, ...value.split(',').map((v) => v.trim()).filter(Boolean)];
  target(
    consent
      .command('set')
      .description('give, withdraw or refuse consent (or apply a preset): prints the notice, then records the decision on confirmation or with --yes'),
  )
    .option('--preset <id>', 'a preset, e.g. research_public_interest (see consent options)')
    .option('--give', 'give consent')
    .option('--withdraw', 'withdraw consent')
    .option('--refuse', 'say no (to a named requester)')
    .option('--dataset <slug>', 'a dataset, repeatable or comma-separated (default: all)', many)
    .option('--purpose <id>', 'a purpose, e.g. dpv:AcademicResearch; repeatable', many)
    .option('--recipient <category>', 'collective, academic, public_body, journalist, non_profit or commercial; repeatable', many)
    .option('--requester <id>', 'one named requester organisation (with --recipient its category)')
    .option('--expires <date>', 'no use after this date, e.g. 2027-06-30')
    .option('--review <date>', 'remind me on this date')
    .option('--yes', 'record without asking')
    .action((flags) => consentSet(runtimeConfig(flags, process.env), flags, process.env));
  target(consent.command('receipt').description('the signed receipt of one of your consent records').argument('<record-id>', 'the record id (see consent show)'))
    .option('--out <file>', 'save to this file (never overwrites)')
    .action((recordId: string, flags) => consentReceiptCommand(runtimeConfig(flags, process.env), recordId, flags, process.env));
  consent
    .command('verify')
    .description('check a consent receipt’s signature against the collective’s published key (exit code 3 when it does not verify)')
    .argument('<file>', 'the receipt JSON')
    .option('--key <vkey>', 'a verifier key to trust (name+hash+base64); repeatable', many)
    .option('--server <url>', 'fetch the published key from this server (env STEWARD_SERVER)')
    .option('--collective <slug>', 'whose key to fetch')
    .option('--json', 'print JSON')
    .action((file: string, flags) => consentVerify(file, flags, process.env));
  target(consent.command('coverage').description('how many members consent to each use (stewards and auditors); never who')).action((flags) =>
    consentCoverageCommand(runtimeConfig(flags, process.env), flags, process.env),
  );

  const gov = cli.command('governance').description('the charter, proposals and votes, delegation, and recounting every vote from the log');
  /** Where the governance commands act: a server with a token (as its owner), or this machine's store as --member. */
  const as = (c: Command) =>
    c
      .requiredOption('--collective <slug>', 'the collective')
      .option('--member <email>', 'who you act as (local mode, with --data or DATABASE_URL)')
      .option('--server <url>', 'ask a running server (env STEWARD_SERVER), with STEWARD_TOKEN')
      .option('--token <token>', 'a personal API token (env STEWARD_TOKEN; prefer the variable)')
      .addOption(dataOption())
      .option('--json', 'print JSON');
  as(gov.command('charter').description('the charter in force, in plain language'))
    .option('--versions', 'every version, with what each amendment changed')
    .action((flags) => governanceCharter(runtimeConfig(flags, process.env), flags, process.env));
  as(gov.command('proposals').description('proposals, newest first; with an id, one proposal in full').argument('[id]', 'a proposal id'))
    .option('--status <list>', 'only these statuses, comma-separated, e.g. open or passed,rejected')
    .action((id: string | undefined, flags) => governanceProposals(runtimeConfig(flags, process.env), id, flags, process.env));
  as(gov.command('propose').description('draft a proposal (members and stewards); --open opens it for voting at once'))
    .addOption(new Option('--kind <kind>', 'what it decides').choices(['access_request', 'charter_amendment', 'revenue_distribution', 'motion']).makeOptionMandatory())
    .requiredOption('--title <text>', 'a short title')
    .option('--body <text>', 'the case for it, in plain text')
    .option('--option <id=label>', 'an option of a ranked or quadratic vote; repeatable', (v: string, prev: string[] = []) => [...prev, v])
    .option('--charter <file>', 'charter_amendment: the whole new charter, as JSON')
    .option('--terms <file>', 'access_request: the request’s terms, as JSON')
    .option('--payload <file>', 'other kinds: the payload, as JSON')
    .option('--open', 'open it for voting now')
    .action((flags) => governancePropose(runtimeConfig(flags, process.env), flags, process.env));
  as(gov.command('open').description('open a draft for voting (its author or a steward)').argument('<id>', 'the proposal id')).action((id: string, flags) =>
    governanceOpen(runtimeConfig(flags, process.env), id, flags, process.env),
  );
  as(
    gov
      .command('vote')
      .description('vote, or change your vote until the close: yes|no|abstain; consent|abstain|object --reason; quadratic hall=3,online=-2; ranked hall>park=online')
      .argument('<id>', 'the proposal id')
      .argument('<choice>', 'your choice, in the form the vote’s method takes'),
  )
    .option('--reason <text>', 'why you object (consent votes; stored, never logged)')
    .action((id: string, choice: string, flags) => governanceVote(runtimeConfig(flags, process.env), id, choice, flags, process.env));
  as(gov.command('delegate').description('your delegations; --topic T --to EMAIL lets a member vote for you; --topic T --revoke takes it back'))
    .option('--topic <topic>', 'access_request, charter_amendment, revenue_distribution, motion, or * for all')
    .option('--to <email>', 'the member who votes for you')
    .option('--revoke', 'take the delegation on --topic back')
    .action((flags) => governanceDelegate(runtimeConfig(flags, process.env), flags, process.env));
  as(gov.command('close').description('close and decide a vote whose period has ended (stewards; the server does it on its own too)').argument('<id>', 'the proposal id')).action(
    (id: string, flags) => governanceClose(runtimeConfig(flags, process.env), id, flags, process.env),
  );
  as(gov.command('verify').description('recount every decided vote from the transparency log alone and compare with the stored results (exit code 3 on a mismatch)')).action((flags) =>
    governanceVerify(runtimeConfig(flags, process.env), flags, process.env),
  );

  const log = cli.command('log').description('the transparency log');
  log
    .command('verify')
    .description(
      'audit a collective’s transparency log from outside: check the signed checkpoint, every tile and entry, and that the log only grew since the last run (exit code 3 when it does not verify)',
    )
    .argument('<url>', 'the log prefix, e.g. https://steward.example.org/collectives/riders/log/')
    .option('--state <file>', 'witness state: pinned keys and last checkpoints (default $XDG_STATE_HOME/steward/witness.json, else ~/.local/state/steward/witness.json)')
    .option('--key <vkey>', 'the verifier key to trust (name+hash+base64); default the key pinned in the state, else the server’s on first use')
    .option('--json', 'print the result as JSON')
    .action((url: string, flags: { state?: string; key?: string; json?: boolean }) => logVerify(url, witnessStatePath(flags, process.env, homedir()), flags));

  log
    .command('rotate-key')
    .description('give a collective’s log a new signing key; the rotation is logged and co-signed by the old key')
    .requiredOption('--collective <slug>', 'the collective')
    .addOption(dataOption())
    .option('--json', 'print the result as JSON')
    .action((flags) => logRotateKey(runtimeConfig(flags, process.env), flags));

  return cli;
}

/** Runs the CLI; resolves to the process exit code. */
export async function main(argv: string[]): Promise<number> {
  try {
    await program().parseAsync(argv);
    return 0;
  } catch (err) {
    if (err instanceof CommanderError) return err.exitCode;
    return printError(err);
  }
}
